"""What a model is given, fitted to the model: its context window (never past what it was trained
for) and its explanation budget (a larger model writes a second sentence well; a 135M one does
not). The explanation checks stay the same whatever the budget: they decide what is shown."""

from __future__ import annotations

from dataclasses import dataclass

from recchat.config import GenerationParams

DEFAULT_CONTEXT = 2048  # tokens: an explanation prompt with its reply needs under 1,000


@dataclass(frozen=True)
class ExplanationBudget:
    max_tokens: int
    sentences: int  # the checks allow two (recchat.explain.checks.MAX_SENTENCES)


SMALL_MODEL = ExplanationBudget(max_tokens=72, sentences=1)  # one sentence reads best from a tiny model
# (at least this many parameters, budget): a model of a billion parameters or more keeps two
# sentences true to the reasons; 96 tokens leave room for two under the checks' 260 characters.
LARGER_MODELS: tuple[tuple[int, ExplanationBudget], ...] = ((1_000_000_000, ExplanationBudget(96, 2)),)


@dataclass(frozen=True)
class ModelLimits:
    context_size: int
    explanation: ExplanationBudget


def model_limits(
    params: GenerationParams, *, trained_context: int | None = None, parameters: int | None = None
) -> ModelLimits:
    """The limits for a model of this trained context and size (None: not known, as for the fake
    model); a context size or token count the person set wins, within the trained context."""
    context = params.context_size or DEFAULT_CONTEXT
    if trained_context and trained_context > 0:
        context = min(context, trained_context)
    budget = SMALL_MODEL
    for least, larger in LARGER_MODELS:
        if parameters is not None and parameters >= least:
            budget = larger
    if params.max_tokens is not None:
        budget = ExplanationBudget(params.max_tokens, budget.sentences)
    return ModelLimits(context, budget)
