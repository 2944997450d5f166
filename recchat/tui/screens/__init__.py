"""The screens of the recchat app, one per module."""
