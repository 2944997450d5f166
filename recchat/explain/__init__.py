"""Explanations of suggestions: written by the LLM, checked, with a fallback that is always true."""

from recchat.explain.checks import MAX_CHARS, Grounds, rejection, sentences, tidy
from recchat.explain.explainer import Explainer
from recchat.explain.fallback import template_explanation

__all__ = ["MAX_CHARS", "Explainer", "Grounds", "rejection", "sentences", "template_explanation", "tidy"]
