"""Self-contained widgets of the recchat app, each with its own DEFAULT_CSS."""
