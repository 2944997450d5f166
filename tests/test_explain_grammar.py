"""Every sentence a card's grammar allows is true: over catalog exports without descriptions
(a board-game collection, a film diary, hiking trails, a wine cellar), each sentence the model
could write passes recchat's own checks and the independent judge, and says "as you asked" only
beside a wish the item meets. Also: the grammar object itself, and GBNF that llama.cpp compiles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from recchat.catalog.importer import import_catalog
from recchat.eval.explanation_judge import Conversation, faults
from recchat.eval.explanation_terms import catalog_terms
from recchat.eval.judge import read_truth
from recchat.explain.checks import rejection
from recchat.explain.facts import item_facts
from recchat.explain.frames import plan
from recchat.explain.reasons import reasons_for
from recchat.factory import Runtime
from recchat.llm.grammar import Grammar
from recchat.profile import MemoryProfileStore, Profile

ROOT = Path(__file__).parent
CATALOGS = {
    "boardgames": ROOT / "explanations" / "exports" / "boardgames",
    "films": ROOT / "explanations" / "exports" / "films",
    "trails": ROOT / "blind" / "trails",
    "wines": ROOT / "blind" / "wines",
}
REQUESTS = [
    ("boardgames", "a cooperative game for 4 players under an hour"),
    ("boardgames", "something by Uwe Rosenberg"),
    ("films", "an 80s science fiction movie"),
    ("trails", "an easy loop under 5 miles with a waterfall"),
    ("wines", "a full-bodied italian red under $60"),
]
SENTENCES_PER_CARD = 150
KINDS = {"boardgames": "game", "films": "movie", "trails": "trail", "wines": "wine"}  # as the set declares them


def test_grammar_lists_checks_and_writes_gbnf() -> None:
    wish = Grammar.choice("is for 2 players", "takes 30 min")
    grammar = Grammar.choice(Grammar.sequence("Azul ", wish, ", as you asked."), "Azul is from 2017.")
    assert grammar.texts() == [
        "Azul is for 2 players, as you asked.",
        "Azul takes 30 min, as you asked.",
        "Azul is from 2017.",
    ]
    assert grammar.first() == "Azul is for 2 players, as you asked."
    assert grammar.accepts("Azul takes 30 min, as you asked.")
    assert not grammar.accepts("Azul takes 45 min, as you asked.")
    assert not grammar.accepts("Azul is for 2 players")
    gbnf = grammar.gbnf()
    assert gbnf.startswith("root ::= ") and '"Azul is from 2017."' in gbnf
    quoted = Grammar.choice('say "hi" \\ bye')
    assert '"say \\"hi\\" \\\\ bye"' in quoted.gbnf()


def test_llama_cpp_compiles_the_grammar() -> None:
    from llama_cpp import LlamaGrammar

    grammar = Grammar.choice(Grammar.sequence("Château Margaux ", Grammar.choice("is from 2015", "costs $815.00"), "."))
    assert LlamaGrammar.from_string(grammar.gbnf(), verbose=False) is not None


@pytest.fixture
def exports(runtime: Runtime) -> Runtime:
    for name, folder in CATALOGS.items():
        import_catalog(runtime.store, runtime.embedder, folder, name)
    return runtime


def _cards(runtime: Runtime) -> Iterator[tuple[str, str, object, list[str], object]]:
    """(catalog, request, record, the sentences its grammar allows, grounds) per suggestion."""
    truths = {name: read_truth(folder) for name, folder in CATALOGS.items()}
    for catalog, request in REQUESTS:
        session = runtime.session(catalog=catalog, profile=Profile("t", MemoryProfileStore()))
        reply = session.handle(request, k=5, explain=False, always_recommend=True)
        asked = session._asked(session.snapshot(), reply.recommendations)
        explainer = session.parts.explainer
        for rec in reply.recommendations:
            facts = item_facts(rec.item, explainer.schema)
            reasons = reasons_for(rec, facts, asked)
            card = plan(facts.title, reasons, 0, complete=not asked.verdict(rec).missed)
            sentences = card.grammar(0, len(card.order)).texts(SENTENCES_PER_CARD)
            yield (
                catalog,
                request,
                truths[catalog].get(rec.item.id),
                sentences,
                explainer.grounds(rec, asked, facts, reasons),
            )


def test_every_sentence_a_card_may_say_is_true_of_its_item(exports: Runtime) -> None:
    terms = {name: catalog_terms(read_truth(folder).records.values()) for name, folder in CATALOGS.items()}
    checked = 0
    for catalog, request, record, sentences, grounds in _cards(exports):
        assert record is not None and sentences
        conversation = Conversation((request,), kind=KINDS[catalog])
        for sentence in sentences:
            assert rejection(sentence, grounds) is None, (sentence, rejection(sentence, grounds))
            found = faults(sentence, record, conversation, terms=terms[catalog])
            assert not found, (sentence, found)
            checked += 1
    assert checked > 200


def test_a_wish_missed_is_never_claimed(exports: Runtime) -> None:
    session = exports.session(catalog="boardgames", profile=Profile("t", MemoryProfileStore()))
    reply = session.handle("a cooperative game for 10 players", k=5, explain=False, always_recommend=True)
    asked = session._asked(session.snapshot(), reply.recommendations)
    fillers = [r for r in reply.recommendations if asked.verdict(r).missed]
    assert fillers, "no suggestion misses a wish: the test would prove nothing"
    for rec in fillers:
        facts = item_facts(rec.item, session.parts.explainer.schema)
        reasons = reasons_for(rec, facts, asked)
        card = plan(facts.title, reasons, 0, complete=False)
        for sentence in card.grammar(0, len(card.order)).texts(SENTENCES_PER_CARD):
            assert any(r.sort == "missed" and any(w in sentence for w in r.wordings) for r in reasons), sentence
            assert "just what you asked" not in sentence
