"""The embedded store of one data folder in this process: one Chroma client and one lock,
reopened when another process has written since."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from recchat.store.files import secure_tree
from recchat.store.locking import StoreLock, WaitCallback


class _Local:
    """The embedded store of one folder in this process: one client, one lock. The client is
    reopened (and collections looked up again) when another process has written meanwhile."""

    def __init__(self, path: Path, lock: StoreLock) -> None:
        self.path = path
        self.lock = lock
        self.client: Any = None
        self.epoch = 0  # bumped on every reopen: Collection wrappers compare it

    def client_for(self, stale: bool) -> Any:
        if self.client is None or stale:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            self.close()
            self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.client = chromadb.PersistentClient(
                path=str(self.path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            )
            self.epoch += 1
            secure_tree(self.path)
        return self.client

    def close(self) -> None:
        if self.client is not None:
            client, self.client = self.client, None
            self.epoch += 1
            client.close()


_LOCALS: dict[Path, _Local] = {}
_LOCALS_LOCK = threading.Lock()


def _local_store(path: Path, on_wait: WaitCallback | None, timeout: float) -> _Local:
    # One per folder per process: two clients on one folder would share Chroma's cached system,
    # so one could not really reopen while the other held it.
    key = path.resolve()
    with _LOCALS_LOCK:
        local = _LOCALS.get(key)
        if local is None:
            local = _LOCALS[key] = _Local(key, StoreLock(lock_path(key), timeout=timeout))
        local.lock.timeout = timeout
        if on_wait is not None:
            local.lock.on_wait = on_wait
        return local


def lock_path(store_dir: Path, name: str = "store") -> Path:
    """Lock files live beside the store folder, so deleting the store never deletes a lock."""
    return store_dir.parent / "locks" / f"{name}.lock"
