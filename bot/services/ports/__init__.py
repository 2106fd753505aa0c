"""The ports: the interfaces the services own and the adapters implement, one module a store or channel."""
