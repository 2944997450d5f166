"""The Textual app: a thin shell over Session."""
