"""Settings layer in one direction: defaults < config.toml < environment < flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINI_CATALOG, invoke_cli
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
        ('profile = "bad name!"\n', 'profile = "bad name!": expected a name of 1-63 letters'),
        ("[generation]\ntemperature = 9\n", r"\[generation\] temperature = 9: expected a number from 0 to 2"),
        ("[generation]\nrepeat_penalty = 0\n", "repeat_penalty = 0: expected a number from 0.5 to 2"),
    ],
)
def test_bad_config_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "config.toml").write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings({}, {"RECCHAT_HOME": str(tmp_path)})


def test_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="RECCHAT_K"):
        load_settings({}, {"RECCHAT_HOME": str(tmp_path), "RECCHAT_K": "many"})


# Each value as TOML gives it, and what the message must say after "config.toml: ".
BAD_TYPES = [
    ('k = "five"', 'k = "five": expected a whole number from 1 to 100'),
    ("k = 5.5", "k = 5.5: expected a whole number from 1 to 100"),
    ("k = true", "k = true: expected a whole number from 1 to 100"),
    ("model = 3", "model = 3: expected a model name or a path (text in quotes)"),
    ("model_dirs = 5", 'model_dirs = 5: expected a list of paths, e.g. ["~/models"]'),
    ('use_llm = "maybe"', 'use_llm = "maybe": expected true or false'),
    ("use_llm = 2", "use_llm = 2: expected true or false"),
    ('backend = "gpu"', "backend = \"gpu\": expected one of 'real', 'fake'"),
    ("embedder = [1]", "embedder = [1]: expected text (in quotes)"),
    (
        '[generation]\nthreads = "many"',
        '[generation] threads = "many": expected a whole number of at least 1, or "auto"',
    ),
    ('[generation]\ntop_p = "high"', '[generation] top_p = "high": expected a number above 0 and at most 1'),
    (
        '[chroma]\nurl = "http://h:1"\ntimeout = "soon"',
        '[chroma] timeout = "soon": expected a number above 0 and at most 3600',
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD_TYPES)
def test_a_value_of_the_wrong_type_names_file_key_value_and_what_is_expected(
    tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "config.toml").write_text(content + "\n")
    with pytest.raises(ConfigError) as caught:
        load_settings({}, {"RECCHAT_HOME": str(tmp_path)})
    assert str(caught.value) == f"{tmp_path / 'config.toml'}: {message}"


@pytest.mark.parametrize(
    ("written", "expected"),
    [("false", False), ('"no"', False), ('"off"', False), ('"0"', False), ("true", True), ('"yes"', True)],
)
def test_booleans_in_the_file_mean_what_they_say(tmp_path: Path, written: str, expected: bool) -> None:
    (tmp_path / "config.toml").write_text(f"use_llm = {written}\nincognito = {written}\n")
    settings = load_settings({}, {"RECCHAT_HOME": str(tmp_path)})
    assert settings.use_llm is expected and settings.incognito is expected


def test_file_and_environment_go_through_the_same_parser(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('k = "7"\n[generation]\nthreads = "auto"\ntemperature = 1\n')
    settings = load_settings({}, {"RECCHAT_HOME": str(tmp_path), "RECCHAT_USE_LLM": "off", "RECCHAT_SEED": "-1"})
    assert settings.k == 7 and settings.generation.threads is None and settings.generation.temperature == 1.0
    assert settings.use_llm is False and settings.generation.seed == -1
    with pytest.raises(ConfigError, match=r'^RECCHAT_USE_LLM="maybe": expected true or false$'):
        load_settings({}, {"RECCHAT_HOME": str(tmp_path), "RECCHAT_USE_LLM": "maybe"})


def test_flags_are_checked_by_the_same_parser(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^--temperature 9.0: expected a number from 0 to 2$"):
        load_settings({"temperature": 9.0}, {"RECCHAT_HOME": str(tmp_path)})


def test_a_bad_token_is_refused_without_showing_it(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[chroma]\nurl = "http://h:1"\ntoken = 123456789\n')
    with pytest.raises(ConfigError) as caught:
        load_settings({}, {"RECCHAT_HOME": str(tmp_path)})
    assert "token = (hidden): expected text" in str(caught.value) and "123456789" not in str(caught.value)


def test_a_section_that_is_not_a_table_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("generation = 3\n")
    with pytest.raises(ConfigError, match=r"\[generation\] must be a table"):
        load_settings({}, {"RECCHAT_HOME": str(tmp_path)})


# --- through the CLI, as a user meets them ----------------------------------------------------


ADD = ("catalog", "add", str(MINI_CATALOG))
ASK = ("ask", "space adventure")


@pytest.mark.parametrize(
    ("content", "message", "commands"),
    [(*BAD_TYPES[0], (ADD, ASK)), (*BAD_TYPES[3], (ASK,)), (*BAD_TYPES[4], (ADD,))],
)
def test_commands_say_which_setting_is_wrong(
    home: Path, content: str, message: str, commands: tuple[tuple[str, ...], ...]
) -> None:
    (home / "config.toml").write_text(content + "\n")
    for args in commands:
        result = invoke_cli(home, "--backend", "fake", *args)
        assert result.returncode == 1, result.stderr
        assert f"error: {home / 'config.toml'}: {message}" in result.stderr
        assert "internal error" not in result.stderr


def test_use_llm_no_and_false_both_mean_no_llm(home: Path) -> None:
    assert invoke_cli(home, "--backend", "fake", "catalog", "add", str(MINI_CATALOG), "--name", "mini").returncode == 0
    sources = {}
    for written in ("true", '"no"', "false"):
        (home / "config.toml").write_text(f"use_llm = {written}\n")
        result = invoke_cli(home, "--backend", "fake", "ask", "space adventure", "--json", "--incognito")
        assert result.returncode == 0, result.stderr
        sources[written] = {item["explanation_source"] for item in json.loads(result.stdout)["items"]}
    # true: the model writes (a text its checks refuse falls back to the reasons, so not all need be "llm")
    assert "llm" in sources["true"]
    assert sources['"no"'] == sources["false"] == {"template"}


def test_a_bad_debug_variable_is_an_error_too(home: Path) -> None:
    result = invoke_cli(home, "--backend", "fake", "catalog", "list", RECCHAT_DEBUG="maybe")
    assert result.returncode == 1
    assert 'error: RECCHAT_DEBUG="maybe": expected true or false' in result.stderr
