"""Where other tools keep their models, as the environment says it at the edge (the core reads no
environment variables): each store's folders, resolved when a listing needs them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModelSearch:
    """The facts the stores' folders follow from: the user's home, the variables each tool reads,
    and the folders named in config.toml (`model_dirs`). Without a home, only the bundled model
    and those folders are searched (a Settings built in a test finds nothing of the machine's)."""

    user_home: Path | None = None
    ollama_models: str | None = None  # OLLAMA_MODELS
    hf_hub_cache: str | None = None  # HF_HUB_CACHE (or its older name HUGGINGFACE_HUB_CACHE)
    hf_home: str | None = None  # HF_HOME
    llama_cache: str | None = None  # LLAMA_CACHE
    xdg_cache_home: str | None = None  # XDG_CACHE_HOME
    folders: tuple[Path, ...] = ()
    system_ollama: Path | None = None  # the Linux service's store (none in tests)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str], folders: tuple[Path, ...] = ()) -> ModelSearch:
        home = environ.get("HOME")
        return cls(
            user_home=Path(home) if home else Path.home(),
            ollama_models=environ.get("OLLAMA_MODELS") or None,
            hf_hub_cache=environ.get("HF_HUB_CACHE") or environ.get("HUGGINGFACE_HUB_CACHE") or None,
            hf_home=environ.get("HF_HOME") or None,
            llama_cache=environ.get("LLAMA_CACHE") or None,
            xdg_cache_home=environ.get("XDG_CACHE_HOME") or None,
            folders=folders,
            system_ollama=Path("/usr/share/ollama/.ollama/models"),
        )

    def _cache_home(self) -> Path | None:
        if self.xdg_cache_home:
            return Path(self.xdg_cache_home).expanduser()
        return self.user_home / ".cache" if self.user_home else None

    def ollama(self) -> list[Path]:
        places = [Path(self.ollama_models).expanduser()] if self.ollama_models else []
        if self.user_home:
            places.append(self.user_home / ".ollama" / "models")
        if self.system_ollama:
            places.append(self.system_ollama)
        return _existing(places)

    def huggingface(self) -> list[Path]:
        if self.hf_hub_cache:
            return _existing([Path(self.hf_hub_cache).expanduser()])
        if self.hf_home:
            return _existing([Path(self.hf_home).expanduser() / "hub"])
        cache = self._cache_home()
        return _existing([cache / "huggingface" / "hub"] if cache else [])

    def llamacpp(self) -> list[Path]:
        if self.llama_cache:
            return _existing([Path(self.llama_cache).expanduser()])
        cache = self._cache_home()
        return _existing([cache / "llama.cpp"] if cache else [])

    def lmstudio(self) -> list[Path]:
        """LM Studio's models folders: the one its settings name (`downloadsFolder`), else
        `models` in its home (which the home pointer file may move), and the pre-0.3 one."""
        if self.user_home is None:
            return []
        homes = [_pointed_home(self.user_home) or self.user_home / ".lmstudio", self.user_home / ".cache" / "lm-studio"]
        places: list[Path] = []
        for home in homes:
            places.append(_downloads_folder(home / "settings.json") or home / "models")
        return _existing(places)


def _existing(places: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    found: list[Path] = []
    for place in places:
        if place.is_dir() and place.resolve() not in seen:
            seen.add(place.resolve())
            found.append(place)
    return found


def _pointed_home(user_home: Path) -> Path | None:
    """The folder that `~/.lmstudio-home-pointer` names, when it names one that is there."""
    try:
        lines = (user_home / ".lmstudio-home-pointer").read_text(encoding="utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    folder = Path(lines[0].strip()).expanduser() if lines and lines[0].strip() else None
    return folder if folder is not None and folder.is_dir() else None


def _downloads_folder(settings: Path) -> Path | None:
    try:
        value = json.loads(settings.read_text(encoding="utf-8")).get("downloadsFolder")
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return None
    return Path(value).expanduser() if isinstance(value, str) and value.strip() else None
