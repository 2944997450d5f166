"""Placeholder until the Textual app lands (issue: the interactive terminal session)."""

from __future__ import annotations

from recchat.config import Settings
from recchat.errors import RecchatError


def run(settings: Settings, resume: str | None = None) -> None:
    raise RecchatError("the interactive app is not built yet", "use `recchat ask` meanwhile")
