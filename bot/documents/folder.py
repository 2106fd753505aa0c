"""The package's templates folder: what the protocol's HTML is made from, and all its PDF may read."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
