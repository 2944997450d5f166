"""Prompts and limits fitted to the model: its context, its chat template, its explanation
budget; and the default model answering when the chosen one fails to load."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_explain import MATCHER, REC, SCHEMA, TAGS

from recchat.config import GenerationParams, Settings
from recchat.errors import ModelError
from recchat.explain import Explainer
from recchat.factory import Runtime
from recchat.llm.base import ChatMessage, complete
from recchat.llm.fake import ScriptedChatModel
from recchat.llm.fallback import FallbackModel, UnloadableModel
from recchat.llm.limits import DEFAULT_CONTEXT, SMALL_MODEL, model_limits
from recchat.llm.llama_cpp import default_model_path
from recchat.llm.template import takes_system_role, without_system_role
from recchat.models.gguf import read_header
from recchat.prompts import Prompts

# The bundled model's own template, and two that have no system role: one refuses it (as
# Gemma's does), one drops it without a word.
BUNDLED = read_header(default_model_path()).text("tokenizer.chat_template")
REFUSES = (
    "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
    "{% for m in messages %}<start_of_turn>{{ m['role'] }}\n{{ m['content'] }}<end_of_turn>\n{% endfor %}"
)
DROPS = (
    "{% for m in messages %}{% if m['role'] != 'system' %}[{{ m['role'] }}] {{ m['content'] }}\n{% endif %}{% endfor %}"
)
MESSAGES: list[ChatMessage] = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Example?"},
    {"role": "assistant", "content": "Example."},
    {"role": "user", "content": "Why this one?"},
]


def test_the_context_is_never_past_what_the_model_was_trained_for() -> None:
    params = GenerationParams()
    assert model_limits(params).context_size == DEFAULT_CONTEXT
    assert model_limits(params, trained_context=8192).context_size == DEFAULT_CONTEXT
    assert model_limits(params, trained_context=1024).context_size == 1024
    assert model_limits(GenerationParams(context_size=4096), trained_context=32768).context_size == 4096
    assert model_limits(GenerationParams(context_size=4096), trained_context=2048).context_size == 2048


def test_a_larger_model_gets_a_larger_explanation_budget_unless_one_is_set() -> None:
    params = GenerationParams()
    assert model_limits(params, parameters=134_515_008).explanation == SMALL_MODEL
    larger = model_limits(params, parameters=3_085_938_688).explanation
    assert larger.max_tokens > SMALL_MODEL.max_tokens and larger.sentences == 2
    assert model_limits(GenerationParams(max_tokens=40), parameters=3_085_938_688).explanation.max_tokens == 40


def test_chat_templates_with_and_without_a_system_role() -> None:
    assert takes_system_role(BUNDLED)
    assert takes_system_role(None)  # llama-cpp-python's own format then, which has one
    assert not takes_system_role(REFUSES)
    assert not takes_system_role(DROPS)


def test_without_a_system_role_the_instructions_lead_the_first_user_message() -> None:
    folded = without_system_role(MESSAGES)
    assert [m["role"] for m in folded] == ["user", "assistant", "user"]
    assert folded[0]["content"] == "Be brief.\n\nExample?"
    assert folded[2]["content"] == "Why this one?"
    assert MESSAGES[1]["content"] == "Example?"  # the caller's messages are left as they were


def test_two_sentences_are_kept_when_the_budget_says_two() -> None:
    text = "Arrival is the thoughtful science fiction you asked for. A translator decodes speech from space."
    one = Explainer(ScriptedChatModel([text]), Prompts(), MATCHER, schema=SCHEMA, tags=TAGS)
    two = Explainer(ScriptedChatModel([text]), Prompts(), MATCHER, 96, schema=SCHEMA, tags=TAGS, sentences=2)
    asked = "thoughtful science fiction"
    assert one.explain(REC, asked).explanation == "Arrival is the thoughtful science fiction you asked for."
    result = two.explain(REC, asked)
    assert result.explanation_source == "llm" and result.explanation == text


def test_the_system_prompt_says_how_many_sentences() -> None:
    one = Explainer(None, Prompts(), None).shared_start()[0]["content"]
    two = Explainer(None, Prompts(), None, sentences=2).shared_start()[0]["content"]
    assert "In one sentence," in one and "In one or two sentences," in two


def test_a_model_that_fails_to_load_gives_way_to_the_default_with_a_notice() -> None:
    heard: list[str] = []
    failure = ModelError("llama.cpp could not load /m/x.gguf: unknown model architecture", "try another")
    model = FallbackModel(
        UnloadableModel("ollama:x:latest", failure), lambda: ScriptedChatModel(["Fine."]), heard.append
    )
    assert complete(model, MESSAGES) == "Fine."
    assert model.failure is failure and model.name == "fake:scripted"
    assert heard == [
        "llama.cpp could not load /m/x.gguf: unknown model architecture (try another); "
        "using the default model, fake:scripted, instead"
    ]
    complete(model, MESSAGES)
    assert len(heard) == 1  # said once


@pytest.mark.real
def test_a_runtime_falls_back_when_the_chosen_file_is_damaged(tmp_path: Path) -> None:
    damaged = tmp_path / "model.gguf"
    damaged.write_bytes(default_model_path().read_bytes()[:4096])
    heard: list[str] = []
    runtime = Runtime(Settings(home=tmp_path, model=str(damaged)), on_notice=heard.append)
    model = runtime.chat_model
    assert isinstance(model, FallbackModel)
    model.load()
    assert model.name.endswith(default_model_path().name)
    assert len(heard) == 1 and str(damaged) in heard[0] and "using the default model" in heard[0]


def test_the_fake_backend_keeps_the_default_limits(tmp_path: Path) -> None:
    runtime = Runtime(Settings(home=tmp_path, backend="fake", model="ollama:anything"))
    assert runtime.model_limits == model_limits(GenerationParams())


@pytest.mark.parametrize("reference", ["ollama:not-here", "/nowhere/x.gguf"])
def test_switching_to_a_model_that_is_not_there_changes_nothing(tmp_path: Path, reference: str) -> None:
    runtime = Runtime(Settings(home=tmp_path, model="default"))
    with pytest.raises(ModelError) as caught:
        runtime.use_model(reference)
    assert reference in caught.value.message
    assert runtime.settings.model == "default"
