"""Catalogs: reading folders of items, validating them, and importing them incrementally."""
