"""A catalog's derived files in the cache folder (its title index, its BM25 index, any kind in
recchat/catalog/derived.py): how they are named, and their removal once superseded.

A file is named by the catalog, by where the catalog lives (the embedded store, or a server's
database: two may each hold a catalog called "movies") and by its revision, a hash of its
content. An import that changes nothing keeps the revision, so the files stay valid; one that
changes something makes a new revision, and the old files are removed (as are all of them when
the catalog is removed)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

KIND = "[a-z][a-z0-9]*"  # a derived kind's name (derived.Derived checks it): no '-'
_PLACE_CHARS = 12
_LEGACY_CHARS = 16  # files named per Chroma collection id, before revisions were content hashes
_SAFE_REVISION = re.compile(r"[A-Za-z0-9_]{1,64}")


def place_of(origin: str) -> str:
    """A short name for where a catalog lives (a store folder, or a server URL and database)."""
    return hashlib.sha256(origin.encode("utf-8")).hexdigest()[:_PLACE_CHARS]


def _in_file_name(revision: str) -> str:
    """The revision as it is written in a file name: whatever the stored metadata says, plain."""
    if _SAFE_REVISION.fullmatch(revision):
        return revision
    return hashlib.sha256(revision.encode("utf-8")).hexdigest()[:16]


def cache_file(cache_dir: Path, origin: str, name: str, revision: str, kind: str, suffix: str) -> Path:
    return cache_dir / f"{kind}-{name}-{place_of(origin)}-{_in_file_name(revision)}.{suffix}"


def _pattern(name: str) -> re.Pattern[str]:
    # The name is followed by exactly two dash-free parts, so "movies" never matches the files of
    # a catalog called "movies-2" (names have no other separator to go by).
    return re.compile(
        rf"^{KIND}-{re.escape(name)}-(?P<place>[0-9a-f]{{{_PLACE_CHARS}}}|[0-9a-f]{{{_LEGACY_CHARS}}})"
        rf"-(?P<revision>[A-Za-z0-9_]+)\.[a-z0-9]+(?:\.tmp)?$"
    )


def remove_superseded(cache_dir: Path, origin: str, name: str, current: str | None) -> list[Path]:
    """Delete the cache files of the catalog `name` in the store at `origin` (`Store.where`) other
    than those of revision `current` (all of them when None: the catalog was removed), and any
    left in the old naming, which nothing reads. Files of a catalog of the same name in another
    store stay. Returns what was deleted."""
    if not cache_dir.is_dir():
        return []
    place = place_of(origin)
    kept = None if current is None else _in_file_name(current)
    pattern = _pattern(name)
    removed = []
    for path in sorted(cache_dir.iterdir()):
        found = pattern.match(path.name)
        if found is None:
            continue
        if len(found["place"]) == _PLACE_CHARS and (found["place"] != place or found["revision"] == kept):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed
