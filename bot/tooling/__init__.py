"""Build-time tooling, not the served bot: the Teams app package and its checks, the Playground's config."""
