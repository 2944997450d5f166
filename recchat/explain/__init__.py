"""Explanations of suggestions: reasons from the evidence, phrased by the LLM, every claim checked,
with the reasons as sentences when the LLM's text fails."""

from recchat.explain.checks import MAX_CHARS, Grounds, rejection, sentences, tidy
from recchat.explain.explainer import Explainer
from recchat.explain.fallback import fallback_text, template_explanation
from recchat.explain.reasons import Asked, Reason, Seed, reasons_for

__all__ = [
    "MAX_CHARS",
    "Asked",
    "Explainer",
    "Grounds",
    "Reason",
    "Seed",
    "fallback_text",
    "reasons_for",
    "rejection",
    "sentences",
    "template_explanation",
    "tidy",
]
