"""The chat model the settings choose, built with the limits its header calls for, and the
default model standing by in case the chosen one fails to load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recchat.config import GenerationParams
from recchat.errors import ModelError
from recchat.llm.base import ChatModel
from recchat.llm.fallback import FallbackModel, UnloadableModel
from recchat.llm.limits import ModelLimits, model_limits
from recchat.models.describe import ModelFacts, describe, llama_architectures
from recchat.models.listing import DEFAULT_NAME, resolve
from recchat.models.places import ModelSearch

LOAD_HINT = "`recchat models` lists the models here and whether llama.cpp loads each"


def limits_for(facts: ModelFacts | None, params: GenerationParams) -> ModelLimits:
    if facts is None:
        return model_limits(params)
    return model_limits(params, trained_context=facts.context_length, parameters=facts.parameters)


def chosen_model(
    reference: str | None, params: GenerationParams, search: ModelSearch, on_notice: Callable[[str], None]
) -> tuple[ChatModel, ModelLimits]:
    """The model `reference` names (None: the default), and its limits. A reference that names
    nothing gives a model whose loading raises that error, as a missing file always did; a file
    that is there but fails to load gives way to the default model, with a notice."""
    from recchat.llm.llama_cpp import LlamaCppModel, default_model_path

    def default() -> LlamaCppModel:
        path = default_model_path()
        return LlamaCppModel(path, params, limits=limits_for(_facts(path), params))

    if reference is None or reference.strip().casefold() == DEFAULT_NAME:
        model = default()
        return model, model.limits
    try:
        found = resolve(reference, search)
    except ModelError as error:
        return UnloadableModel(reference, error), model_limits(params)
    if not found.path.exists():
        hint = "pass --model a .gguf file or a name from `recchat models`, or unset RECCHAT_MODEL"
        return UnloadableModel(found.name, ModelError(f"model file {found.path} does not exist", hint)), (
            model_limits(params)
        )
    label = None if found.store == "file" else found.name
    try:
        facts = describe(found.path)
    except ModelError as error:
        return FallbackModel(UnloadableModel(found.name, error), default, on_notice), model_limits(params)
    if facts.problem and facts.architecture in llama_architectures():
        # a missing part or a file cut short: llama.cpp would only fail later, and say less.
        # (An architecture missing from recchat's list is left to llama.cpp, which knows best.)
        failure = ModelError(f"{found.name} cannot be loaded: {facts.problem}", LOAD_HINT)
        return FallbackModel(UnloadableModel(found.name, failure), default, on_notice), model_limits(params)
    limits = limits_for(facts, params)
    chosen = LlamaCppModel(found.path, params, limits=limits, label=label)
    return FallbackModel(chosen, default, on_notice), limits


def _facts(path: Path) -> ModelFacts | None:
    try:
        return describe(path)
    except ModelError:
        return None  # llama.cpp reports a damaged default model when it loads it
