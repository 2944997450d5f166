"""Errors the core raises. Shells (CLI, TUI) decide how to show them; the core never prints."""

from __future__ import annotations

from pathlib import Path


class RecchatError(Exception):
    """A failure the user can act on: what went wrong, and how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class ConfigError(RecchatError):
    """Bad settings: a config file, an environment variable or a flag."""


class CatalogError(RecchatError):
    """Bad catalog input. Carries the file and line (or row) so the user can find it."""

    def __init__(
        self,
        path: Path | str,
        line: int | None,
        problem: str,
        hint: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = _one_line(problem)
        shown = _one_line(str(self.path))  # a file name can hold newlines and escape codes too
        where = f"{shown}:{line}" if line is not None else shown
        super().__init__(f"{where}: {self.problem}", hint)


def _one_line(text: str) -> str:
    """Control characters (newlines, escape codes) shown as '?': one error, one line."""
    return "".join("?" if ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F else ch for ch in text)


class InvalidCatalogError(RecchatError):
    """Several bad records at once, reported together so one run shows every problem."""

    def __init__(self, errors: list[CatalogError], hint: str | None = None, *, total: int | None = None) -> None:
        self.errors = errors
        self.total = max(total or 0, len(errors))  # more than the list keeps, when it is capped
        shown = "\n".join(str(error) for error in errors[:20])
        more = f"\n... and {self.total - 20} more" if self.total > 20 else ""
        super().__init__(f"{self.total} invalid record(s):\n{shown}{more}", hint)


class ModelError(RecchatError):
    """A model file or embedder that is missing, unreadable or broken."""


class StoreError(RecchatError):
    """The Chroma store could not be opened, read or written."""


class BusyError(StoreError):
    """Another recchat process holds the data folder (or the catalog) for longer than we wait."""


class FormatError(RecchatError):
    """Saved data in a format this recchat cannot read: a newer recchat wrote it."""


class NotFoundError(RecchatError):
    """A named catalog, profile or entry does not exist."""
