"""Cross-process locks in the data folder (fcntl.flock), so the TUI, `recchat ask` and
`recchat catalog add` can share one embedded Chroma store.

Embedded Chroma is not safe across processes: two writers at once can corrupt it, and a process
that read a collection before another process wrote to it fails on its stale in-memory index
("Error finding id"). So every store operation holds one exclusive lock for its few
milliseconds, and the lock file counts writes: a process that finds the count moved since its
last operation reopens its client first. The kernel drops a flock when its process dies, even
by SIGKILL, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from recchat.errors import BusyError

WaitCallback = Callable[[str], None]
POLL_SECONDS = 0.05
QUIET_SECONDS = 1.0  # say nothing about waits shorter than this


class FileLock:
    """An exclusive advisory lock on one file, reentrant within a process (and its threads).

    `timeout` is how long to wait for another process: 0 fails at once. `on_wait` hears one
    line when a wait lasts longer than a second, so the user knows why nothing happens.
    """

    def __init__(self, path: Path, *, what: str, timeout: float = 60.0, on_wait: WaitCallback | None = None) -> None:
        self.path = path
        self.what = what
        self.timeout = timeout
        self.on_wait = on_wait
        self._fd: int | None = None
        self._recorded = False
        self._depth = 0
        self._threads = threading.RLock()

    @contextlib.contextmanager
    def held(self, doing: str = "", *, record: bool = True) -> Iterator[None]:
        """Hold the lock. With `record`, the file says who holds it and doing what (for the
        messages of those who wait); without, the file is left untouched (reads change nothing
        on disk, so an incognito run leaves the data folder exactly as it was)."""
        with self._threads:
            if self._depth == 0:
                self._acquire(doing, record)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def holder(self) -> str | None:
        """Who holds the lock now ('pid 123: catalog add'), or None when nobody does."""
        import fcntl

        fd = self._open()
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return _describe(_read_state(fd))
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    def _acquire(self, doing: str, record: bool) -> None:
        import fcntl

        fd = self._open()
        started = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= self.timeout:
                    who = _describe(_read_state(fd)) or "another recchat process"
                    os.close(fd)
                    raise BusyError(
                        f"{self.what} is busy: {who} is using it"
                        + (f" (waited {waited:.0f}s)" if self.timeout else ""),
                        "wait for it to finish and try again, or stop that process",
                    ) from None
                if not told and waited >= min(QUIET_SECONDS, self.timeout) and self.on_wait:
                    who = _describe(_read_state(fd)) or "another recchat process"
                    self.on_wait(f"waiting for {who} to finish with {self.what}…")
                    told = True
                time.sleep(POLL_SECONDS)
        self._fd = fd
        self._recorded = record
        if record:
            _write_state(fd, {**_read_state(fd), "pid": os.getpid(), "doing": doing})

    def _release(self) -> None:
        import fcntl

        if self._fd is None:
            return
        if self._recorded:  # the next holder may be a reader, which records nothing
            _write_state(self._fd, {**_read_state(self._fd), "pid": None, "doing": None})
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def _state(self) -> dict[str, object]:
        assert self._fd is not None, "only while held"
        return _read_state(self._fd)

    def _set_state(self, state: dict[str, object]) -> None:
        assert self._fd is not None, "only while held"
        _write_state(self._fd, state)


class StoreLock(FileLock):
    """The lock around every embedded-store operation, with the shared write counter."""

    def __init__(self, path: Path, *, timeout: float = 60.0, on_wait: WaitCallback | None = None) -> None:
        super().__init__(path, what="the data folder", timeout=timeout, on_wait=on_wait)
        self._seen: int | None = None
        self._bumped = False

    @contextlib.contextmanager
    def operation(self, *, write: bool, doing: str = "") -> Iterator[bool]:
        """Hold the lock for one operation; yields True when another process wrote since this
        process last held it (so cached views of the store are stale)."""
        with self.held(doing, record=write):
            outermost = self._depth == 1
            if outermost:
                self._bumped = False
            count = _as_int(self._state().get("writes"))
            stale = outermost and self._seen is not None and count != self._seen
            if write and not self._bumped:
                # Counted before writing: if this process dies mid-write, the others still know.
                count += 1
                self._set_state({**self._state(), "writes": count, "pid": os.getpid(), "doing": doing})
                self._bumped = self._recorded = True
            self._seen = count
            yield stale


def _as_int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _read_state(fd: int) -> dict[str, object]:
    raw = os.pread(fd, 4096, 0)
    try:
        state = json.loads(raw.decode("utf-8").strip() or "{}")
    except (UnicodeDecodeError, ValueError):
        return {}  # a damaged lock file only loses its counter: everyone reopens once
    return state if isinstance(state, dict) else {}


def _write_state(fd: int, state: dict[str, object]) -> None:
    data = json.dumps(state).encode()
    os.pwrite(fd, data.ljust(256), 0)
    os.ftruncate(fd, max(len(data), 256))


def _describe(state: dict[str, object]) -> str | None:
    pid = state.get("pid")
    if not isinstance(pid, int):
        return None
    doing = state.get("doing")
    return f"another recchat (pid {pid}{f': {doing}' if doing else ''})"
