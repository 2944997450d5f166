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
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {problem}", hint)


class InvalidCatalogError(RecchatError):
    """Several bad records at once, reported together so one run shows every problem."""

    def __init__(self, errors: list[CatalogError], hint: str | None = None) -> None:
        self.errors = errors
        shown = "\n".join(str(error) for error in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} invalid record(s):\n{shown}{more}", hint)


class ModelError(RecchatError):
    """A model file or embedder that is missing, unreadable or broken."""


class StoreError(RecchatError):
    """The Chroma store could not be opened, read or written."""


class NotFoundError(RecchatError):
    """A named catalog, profile or entry does not exist."""
