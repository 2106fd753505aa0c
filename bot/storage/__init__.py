"""Persistence: SQLAlchemy 2 (async) tables, repositories, the unit of work and Alembic migrations.

The only package that imports SQLAlchemy; it hands the services domain objects.
"""
