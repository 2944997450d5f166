"""`recchat reset`: remove everything recchat has stored, for good.

What goes: every catalog and profile (embedded, the whole Chroma folder, so no deleted bytes
linger in it; on a server, every recchat collection), the caches and the conversation history.
What stays: config.toml, which the user wrote, and the empty lock files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recchat.errors import BusyError, StoreError

if TYPE_CHECKING:
    from recchat.config import Settings
    from recchat.store import Store


@dataclass(frozen=True)
class Inventory:
    where: str
    catalogs: list[str]
    profiles: list[str]
    folders: list[Path]

    def describe(self) -> str:
        parts = [
            _count(self.catalogs, "catalog"),
            _count(self.profiles, "profile"),
        ]
        return f"{' and '.join(parts)} in {self.where}, and {len(self.folders)} folder(s) of caches and history"


def _count(names: list[str], noun: str) -> str:
    listed = f" ({', '.join(names)})" if names else ""
    return f"{len(names)} {noun}{'' if len(names) == 1 else 's'}{listed}"


def inventory(settings: Settings, store: Store) -> Inventory:
    others = [folder for folder in settings.data_dirs if folder != settings.store_dir and folder.exists()]
    return Inventory(store.where, store.catalogs(), store.profiles(), others)


def reset(settings: Settings, store: Store) -> Inventory:
    """Remove it all; returns what was there. Refused while an import is running."""
    running = store.running_imports()
    if running:
        raise BusyError(f"{running[0]} is importing a catalog", "wait for it to finish, then reset")
    found = inventory(settings, store)
    store.destroy()
    for folder in found.folders:
        try:
            shutil.rmtree(folder)
        except OSError as error:
            raise StoreError(f"could not remove {folder}: {error.strerror}", "remove it by hand") from error
    return found
