"""Measuring recommendation quality on recorded conversations (`recchat eval`)."""
