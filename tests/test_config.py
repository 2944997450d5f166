"""Settings layer in one direction: defaults < config.toml < environment < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from recchat.config import load_settings
from recchat.errors import ConfigError


def test_layers_override_in_order(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        'profile = "file"\nk = 7\n[generation]\ntemperature = 0.1\ntop_k = 10\n[chroma]\nurl = "http://h:1"\n'
    )
    env = {"RECCHAT_HOME": str(tmp_path), "RECCHAT_PROFILE": "env", "RECCHAT_TOP_K": "20"}
    settings = load_settings({"profile": "flag", "temperature": None}, env)
    assert settings.profile == "flag"  # flag beats env beats file
    assert settings.k == 7  # file beats default
    assert settings.generation.temperature == 0.1 and settings.generation.top_k == 20
    assert settings.chroma is not None and settings.chroma.url == "http://h:1"
    assert settings.home == tmp_path


def test_defaults_without_any_file() -> None:
    settings = load_settings({"home": "/tmp/x"}, {})
    assert settings.profile == "default" and settings.backend == "real" and settings.chroma is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("colour = 1\n", "unknown setting"),
        ("k = [\n", "cannot read config"),
        ('profile = "bad name!"\n', "invalid profile name"),
        ("[generation]\ntemperature = 9\n", "temperature must be"),
        ("[generation]\nrepeat_penalty = 0\n", "repeat_penalty must be"),
    ],
)
def test_bad_config_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "config.toml").write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings({}, {"RECCHAT_HOME": str(tmp_path)})


def test_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="RECCHAT_K"):
        load_settings({}, {"RECCHAT_HOME": str(tmp_path), "RECCHAT_K": "many"})
