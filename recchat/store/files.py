"""Housekeeping of an embedded Chroma folder on disk: permissions, compaction, leftovers.

Deleting records or collections through Chroma's API does not remove their bytes: the text stays
in the sqlite write-ahead log table and in free pages, and a deleted collection's vector folder
stays behind. `compact` finishes the job. Only call it while holding the store lock with no
Chroma client open in this process (database.py does both).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
from pathlib import Path

from recchat.errors import StoreError

DATABASE = "chroma.sqlite3"
_SEGMENT_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def secure_tree(root: Path) -> None:
    """Folders 0700, files 0600: a person's profile is nobody else's business."""
    if not root.exists():
        return
    _chmod(root, 0o700)
    for directory, folders, files in os.walk(root):
        for name in folders:
            _chmod(Path(directory) / name, 0o700)
        for name in files:
            _chmod(Path(directory) / name, 0o600)


def _chmod(path: Path, mode: int) -> None:
    try:
        info = path.lstat()
        if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) != mode:
            path.chmod(mode)
    except FileNotFoundError:
        pass  # removed meanwhile: nothing left to protect


def integrity(root: Path) -> str | None:
    """sqlite's own quick check of the database: None when it is sound, else its first complaint."""
    database = root / DATABASE
    if not database.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
        try:
            row = connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return str(error)
    return None if row and row[0] == "ok" else str(row[0] if row else "no answer")


def compact(root: Path) -> None:
    """Rewrite the database without deleted data and remove vector folders nobody uses."""
    database = root / DATABASE
    if not database.exists():
        return
    try:
        connection = sqlite3.connect(database, timeout=30)
        try:
            live = {row[0] for row in connection.execute("SELECT id FROM segments")}
            connection.execute("VACUUM")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise StoreError(f"could not compact {database}: {error}", "run `recchat doctor`") from error
    for child in root.iterdir():
        if child.is_dir() and _SEGMENT_DIR.match(child.name) and child.name not in live:
            shutil.rmtree(child, ignore_errors=True)
    secure_tree(root)
