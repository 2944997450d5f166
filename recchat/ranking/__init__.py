"""Finding and ordering suggestions: candidates, signals, fusion, filters."""
