"""Bringing in a history people keep elsewhere (Letterboxd, Goodreads, IMDb, BoardGameGeek, a
spreadsheet): rows read (rows.py, formats.py), matched to the catalog (matching.py) and written
to the profile as likes, dislikes, seen and wishes (history.py)."""
