"""Prompt files: found in a user's folder, the installed package, or the source checkout.

Templates use {name} placeholders. Rendering fails loudly on a missing value, so a prompt never
reaches the model with a hole in it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from recchat.errors import ConfigError

PROMPT_NAMES = (
    "explain.system",
    "explain.example.user",
    "explain.example.assistant",
    "explain.user",
    "elicit.system",
    "elicit.user",
)


def bundled_prompts_dir() -> Path:
    """`recchat/_prompts` inside a wheel; the top-level `prompts/` in a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_prompts"
    return installed if installed.is_dir() else package.parent / "prompts"


class Prompts:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or bundled_prompts_dir()
        if not self.folder.is_dir():
            raise ConfigError(
                f"prompts folder {self.folder} does not exist", "point --prompts at a folder of *.txt prompts"
            )

    def template(self, name: str) -> str:
        return _read(self.folder / f"{name}.txt")

    def render(self, name: str, values: Mapping[str, object]) -> str:
        template = self.template(name)
        needed = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        missing = needed - set(values)
        if missing:
            raise ConfigError(
                f"prompt {self.folder / (name + '.txt')} needs values for: {', '.join(sorted(missing))}",
                "use only the documented placeholders (see prompts/README.txt)",
            )
        return template.format_map(dict(values)).strip()


@lru_cache(maxsize=32)
def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ConfigError(
            f"prompt file {path} is missing", "restore it, or point --prompts at a complete folder"
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read prompt file {path}: {error}") from error
