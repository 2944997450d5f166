"""The models found in the stores load in the real llama.cpp and answer, each under its name;
one that fails to load gives way to the default model; and `recchat ask --model ollama:NAME`
works with no other step. Real llama.cpp and the bundled SmolLM2 weights."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from gguf_files import STRING, U32, edited
from model_stores import Machine, laptop_env, tree_state

from conftest import MINI_CATALOG, cli_env
from recchat.config import GenerationParams
from recchat.llm.base import ChatMessage, complete
from recchat.llm.fallback import FallbackModel
from recchat.llm.llama_cpp import LlamaCppModel, default_model_path
from recchat.models.choice import chosen_model
from recchat.models.listing import list_models
from recchat.models.places import ModelSearch

pytestmark = pytest.mark.real
HELLO: list[ChatMessage] = [
    {"role": "system", "content": "You are brief."},
    {"role": "user", "content": "Say hello to the reader."},
]
# SmolLM2's own turn markers, in a template that refuses the system role as Gemma's does
NO_SYSTEM_ROLE = (
    "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
    "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\n' + m['content'] + '<|im_end|>\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


def test_each_listed_name_loads_and_answers(machine: Machine) -> None:
    before = tree_state(machine.home)
    listed = [entry for entry in list_models(machine.search) if entry.facts and entry.facts.loads]
    assert {entry.name for entry in listed} == {"default", *machine.offered}
    for entry in listed:
        heard: list[str] = []
        model, limits = chosen_model(entry.name, GenerationParams(), machine.search, heard.append)
        answer = complete(model, HELLO, max_tokens=12)
        assert answer.strip(), entry.name
        assert heard == [], (entry.name, heard)  # it was this model that answered, not the default
        assert model.name in {entry.name, f"llama.cpp:{default_model_path().name}"}
        assert limits.context_size == 2048 and limits.explanation.sentences == 1  # a 135M model, trained on 8,192
    assert tree_state(machine.home) == before  # read in place: nothing written, moved or touched


def test_a_listed_model_llama_cpp_refuses_gives_way_to_the_default(machine: Machine) -> None:
    for name, problem in machine.not_loading.items():
        heard: list[str] = []
        model, _ = chosen_model(name, GenerationParams(), machine.search, heard.append)
        assert complete(model, HELLO, max_tokens=8).strip(), name
        assert isinstance(model, FallbackModel) and model.failure is not None
        assert len(heard) == 1 and "using the default model" in heard[0], heard
        said = heard[0]
        assert problem.split("'")[0] in said or "could not load" in said, said


def test_a_template_without_a_system_role_and_a_short_trained_context(tmp_path: Path) -> None:
    gguf = edited(
        default_model_path(),
        tmp_path / "no-system.gguf",
        set_keys={"tokenizer.chat_template": (STRING, NO_SYSTEM_ROLE), "llama.context_length": (U32, 1024)},
    )
    heard: list[str] = []
    model, limits = chosen_model(str(gguf), GenerationParams(), ModelSearch(), heard.append)
    assert limits.context_size == 1024
    assert complete(model, HELLO, max_tokens=12).strip()
    assert heard == []  # no fallback: the instructions went into the user's message
    assert isinstance(model, FallbackModel) and isinstance(model.current, LlamaCppModel)
    assert model.current._llama.n_ctx() == 1024


def test_ask_with_an_ollama_model_needs_no_other_step(machine: Machine, tmp_path: Path) -> None:
    home = tmp_path / "recchat-home"
    env = laptop_env(cli_env(home), machine.home, machine.config_folder)

    def recchat(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "recchat", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=1200, check=False)

    added = recchat("catalog", "add", str(MINI_CATALOG), "--name", "mini")
    assert added.returncode == 0, added.stderr
    result = recchat("ask", "--model", "ollama:qwen2.5:3b", "space science fiction", "-k", "2", "--json")
    assert result.returncode == 0, result.stderr
    assert "note:" not in result.stderr  # the Ollama model itself answered
    items = json.loads(result.stdout)["items"]
    assert len(items) == 2 and all(item["explanation"].strip() for item in items)
    moved = recchat("--model", "dir:my-models/cut", "ask", "space science fiction", "-k", "1")
    assert moved.returncode == 0, moved.stderr
    assert "note:" in moved.stderr and "cut short" in moved.stderr and "using the default model" in moved.stderr
