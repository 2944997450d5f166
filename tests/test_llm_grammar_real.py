"""The real llama.cpp follows a card's grammar: whatever the bundled model prefers, it writes one
of the sentences the grammar allows, and the explainer shows it as the model's."""

from __future__ import annotations

import pytest

from recchat.catalog.schema import learn_schema
from recchat.config import GenerationParams
from recchat.domain import Constraint, Evidence, Item, Recommendation
from recchat.explain import Asked, Explainer
from recchat.llm.base import ChatMessage
from recchat.llm.grammar import Grammar
from recchat.llm.llama_cpp import LlamaCppModel, default_model_path
from recchat.prompts import Prompts

pytestmark = pytest.mark.real
ASK: list[ChatMessage] = [{"role": "user", "content": "Why would I like Azul? Say anything you like."}]


def test_the_model_writes_only_what_the_grammar_allows() -> None:
    model = LlamaCppModel(default_model_path(), GenerationParams())
    wish = Grammar.choice("is for 2 to 4 players", "takes 30-45 min")
    grammar = Grammar.choice(Grammar.sequence("Azul ", wish, ", as you asked."), "Azul is from 2017.")
    text = "".join(model.stream(ASK, max_tokens=40, grammar=grammar))
    assert grammar.accepts(text), text


def test_a_card_written_by_the_real_model_under_its_grammar_is_true() -> None:
    item = Item("a", "Azul", "", metadata={"Players": "2-4", "Play Time": "30-45 min", "Designer": "Michael Kiesling"})
    schema = learn_schema(
        [item, Item("b", "Hive", "", metadata={"Players": "2", "Play Time": "20 min", "Designer": "John Yianni"})]
    )
    wish = Constraint("number", "Players", "covers", 2.0, label="for 2 players", said="for two")
    rec = Recommendation(item, 1.0, Evidence(constraints=("for 2 players",)))
    model = LlamaCppModel(default_model_path(), GenerationParams())
    explained = Explainer(model, Prompts(), None, schema=schema).explain(rec, Asked("a game for two", (wish,)))
    assert explained.explanation_source == "llm", explained.refused
    assert explained.explanation.startswith("Azul") and "2 to 4 players" in explained.explanation


def test_a_read_ahead_on_one_core_gives_the_threads_back_and_its_start_is_reused() -> None:
    import llama_cpp

    model = LlamaCppModel(default_model_path(), GenerationParams())
    start: list[ChatMessage] = [{"role": "system", "content": "You are recchat, a friendly recommender."}]
    model.prefill(start, alongside=True)
    llama = model._llama
    context = llama._ctx.ctx
    assert llama_cpp.llama_n_threads(context) == llama.n_threads
    assert llama_cpp.llama_n_threads_batch(context) == llama.n_threads_batch
    read = llama.n_tokens  # the start's tokens, and the one token generated after them
    evaluated: list[int] = []
    evaluate = llama.eval
    llama.eval = lambda tokens: (evaluated.append(len(tokens)), evaluate(tokens))[1]
    assert "".join(model.stream([*start, *ASK], max_tokens=8))
    prompt = llama.n_tokens - (len(evaluated) - 1)  # less the tokens generated one at a time
    # All of the start came from the cache but its reply header ("<|im_start|>assistant\n") and token.
    assert prompt - evaluated[0] >= read - 4, (evaluated, prompt, read)


def test_text_the_grammar_forces_is_read_in_one_batch_and_the_text_is_the_same() -> None:
    """Greedy, so that only the forcing differs: fed as batches, the forced words give the same
    sentence as one decode a token, in far fewer evaluations."""
    model = LlamaCppModel(default_model_path(), GenerationParams(temperature=0.0))
    genre = Grammar.choice("is a cooperative game", "falls under cooperative")
    grammar = Grammar.choice(
        Grammar.sequence("Pandemic ", genre, ", and it is for 2 to 4 players, as you asked."),
        Grammar.sequence("You wanted cooperative, and Pandemic ", genre, "."),
    )
    ask: list[ChatMessage] = [{"role": "user", "content": "Why would I like Pandemic? I want a cooperative game."}]
    model.load()
    llama = model._llama
    evaluated: list[int] = []
    evaluate = llama.eval
    llama.eval = lambda tokens: (evaluated.append(len(tokens)), evaluate(tokens))[1]
    forced = "".join(model.stream(ask, max_tokens=40, grammar=grammar))
    batches = list(evaluated)
    del llama.generate  # llama-cpp-python's own loop: one decode a token
    evaluated.clear()
    llama.reset()
    plain = "".join(model.stream(ask, max_tokens=40, grammar=grammar))
    assert grammar.accepts(forced), forced
    assert forced == plain
    assert len(batches) < len(evaluated) / 2, (batches, evaluated)


def test_the_words_the_grammar_forces_first_are_shown_before_the_prompt_is_read() -> None:
    """A card's first words (its title) are the grammar's: they stream before llama.cpp has
    evaluated the prompt, so the first explanation starts at once."""
    model = LlamaCppModel(default_model_path(), GenerationParams(temperature=0.0))
    grammar = Grammar.choice(
        Grammar.sequence("Pandemic is a cooperative game", Grammar.choice(".", ", as you asked.")),
    )
    model.load()
    llama = model._llama
    events: list[str] = []
    evaluate = llama.eval
    llama.eval = lambda tokens: (events.append("eval"), evaluate(tokens))[1]
    ask: list[ChatMessage] = [{"role": "user", "content": "Why would I like Pandemic?"}]
    pieces = []
    for piece in model.stream(ask, max_tokens=40, grammar=grammar):
        pieces.append(piece)
        events.append("piece")
    assert grammar.accepts("".join(pieces)), pieces
    assert events[0] == "piece" and "eval" in events, events
