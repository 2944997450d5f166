"""Reasons are built from what ranking and the conversation know, so they are true by
construction; the fallback says them as plain sentences."""

from __future__ import annotations

import re

from recchat.catalog.schema import learn_schema
from recchat.domain import Constraint, Evidence, Item, Recommendation
from recchat.explain import Asked, Seed, fallback_text, reasons_for
from recchat.explain.facts import item_facts, item_kind
from recchat.explain.frames import plan
from recchat.explain.words import CONVERSATIONAL
from recchat.text import STOPWORDS, words

CHRISTIE = Item(
    "b1",
    "The Murder at the Vicarage",
    "Colonel Protheroe is found shot in the vicar's study, and half the village had reason to want him dead. "
    "Miss Marple's first case.",
    ("mystery", "cozy mystery", "village"),
    metadata={"author": "Agatha Christie", "year": 1930, "type": "book"},
)
ORIENT = Item(
    "b2",
    "Murder on the Orient Express",
    "Snowbound on a luxury train, Hercule Poirot finds a passenger stabbed and a carriage full of suspects.",
    ("mystery", "classic"),
    metadata={"author": "Agatha Christie", "year": 1934, "type": "book"},
)
CATAN = Item(
    "g1",
    "Catan",
    "Settle an island, trade brick, wood, wheat and sheep, and race to build roads and cities.",
    ("strategy", "trading", "family"),
    metadata={"players": "3-4", "playtime_minutes": 75, "year": 1995, "type": "board game"},
)
CARCASSONNE = Item(
    "g2",
    "Carcassonne",
    "Draw and place landscape tiles to build a medieval countryside of cities, roads and fields.",
    ("tile placement", "family", "medieval"),
    metadata={"players": "2-5", "playtime_minutes": 40, "year": 2000, "type": "board game"},
)
FILM = Item(  # a catalog with no kind field: the description says what it is
    "f1",
    "Big (1988)",
    "Big is a 1988 American fantasy comedy film directed by Penny Marshall and stars Tom Hanks as Josh Baskin.",
    ("comedy", "fantasy"),
    metadata={"year": 1988},
)
SCHEMA = learn_schema([CHRISTIE, ORIENT, CATAN, CARCASSONNE])
CHRISTIE_BY = Constraint("person", "author", "has", "Agatha Christie", label="by Agatha Christie")
MYSTERY = Constraint("tag", "tags", "has", "mystery", label="mystery")
FIVE = Constraint("number", "players", "at_least", 5.0, label="for 5 or more players")


def rec(item: Item, *met: str, related: tuple[str, ...] = ()) -> Recommendation:
    return Recommendation(item, 1.0, Evidence(constraints=met, related_titles=related))


def test_the_kind_comes_from_the_kind_field_or_the_description_never_from_field_names() -> None:
    assert item_kind(CATAN, SCHEMA) == "game" and item_facts(CATAN, SCHEMA).kind_noun == "board game"
    no_kind = learn_schema([FILM])
    assert item_kind(FILM, no_kind) == "movie"
    bare = Item("x", "Someone's Story", "", metadata={"director": "Jane Doe"})
    assert item_kind(bare, learn_schema([bare])) is None  # a director says nothing of what it is


def test_constraints_met_become_reasons_in_the_items_own_words() -> None:
    reasons = reasons_for(
        rec(CHRISTIE, "by Agatha Christie", "mystery"),
        item_facts(CHRISTIE, SCHEMA),
        Asked(words="a mystery by Agatha Christie", constraints=(CHRISTIE_BY, MYSTERY)),
    )
    sentences = [r.sentence for r in reasons]
    assert sentences[0] == "It is written by Agatha Christie, as you asked."
    assert "It is a mystery book, as you asked." in sentences


def test_a_constraint_the_item_does_not_meet_is_said_as_missed_never_as_asked() -> None:
    reasons = reasons_for(rec(CATAN), item_facts(CATAN, SCHEMA), Asked(constraints=(FIVE,)))
    missed = [r for r in reasons if r.sort == "missed"]
    assert [r.sentence for r in missed] == ["It is for 3 to 4 players."]  # its own number, not the wish
    assert not any(r.asked for r in reasons)
    met = reasons_for(
        rec(CARCASSONNE, "for 5 or more players"), item_facts(CARCASSONNE, SCHEMA), Asked(constraints=(FIVE,))
    )
    assert met[0].sentence == "It is for 2 to 5 players, as you asked."


def test_the_closest_liked_item_and_what_they_share() -> None:
    seed = Seed("b2", item_facts(ORIENT, SCHEMA), 1.0, {"b1": 0.6})
    reasons = reasons_for(
        rec(CHRISTIE), item_facts(CHRISTIE, SCHEMA), Asked(words="I loved Murder on the Orient Express", seeds=(seed,))
    )
    assert reasons[0].sentence == "Like Murder on the Orient Express, it is written by Agatha Christie."


def test_people_who_liked_a_seed_also_liked_it() -> None:
    seed = Seed("g1", item_facts(CATAN, SCHEMA), 1.0, {"g2": 0.2})
    reasons = reasons_for(rec(CARCASSONNE, related=("Catan",)), item_facts(CARCASSONNE, SCHEMA), Asked(seeds=(seed,)))
    assert "It is a favourite of people who liked Catan." in [r.sentence for r in reasons]


def test_a_card_names_the_liked_item_once() -> None:
    seed = Seed("g1", item_facts(CATAN, SCHEMA), 1.0, {"g2": 0.2})
    facts = item_facts(CARCASSONNE, SCHEMA)
    reasons = reasons_for(rec(CARCASSONNE, related=("Catan",)), facts, Asked(seeds=(seed,)))
    card = plan("Carcassonne", reasons, 0, ())
    sentences = card.grammar(count=len(card.order)).texts()
    liked = [s for s in sentences if "Catan" in s]
    assert liked and all(s.count("Catan") == 1 for s in liked), liked


def test_the_persons_words_never_give_function_words_or_what_they_ruled_out() -> None:
    asked = Asked(words="actually the second one instead, something with roads and cities, no sheep", avoid=("sheep",))
    reasons = reasons_for(rec(CATAN), item_facts(CATAN, SCHEMA), asked)
    text = " ".join(r.sentence for r in reasons)
    assert "roads" in text and "cities" in text
    for word in ("instead", "second", "actually", "sheep"):
        assert word not in text


def test_fallback_sentences_hold_only_content_words_as_the_persons_words() -> None:
    asked = Asked(words="books instead of the second one, more like that but older")
    for item in (CHRISTIE, ORIENT, CATAN, CARCASSONNE):
        facts = item_facts(item, SCHEMA)
        text = fallback_text(rec(item), facts, reasons_for(rec(item), facts, asked))
        mentioned = re.findall(r"has the (.+?) you mentioned", text)
        for phrase in mentioned:
            assert not set(words(phrase)) & (STOPWORDS | CONVERSATIONAL), text
        assert "touches on" not in text and "which you mentioned" not in text


def test_fallback_wording_varies_between_items_and_is_stable() -> None:
    asked = Asked(
        words="a family board game", constraints=(Constraint("tag", "tags", "has", "family", label="family"),)
    )
    texts = []
    for number in range(6):
        item = Item(f"g{number}", f"Game {number}", "Tiles and roads.", ("family",), metadata={"type": "board game"})
        facts = item_facts(item, SCHEMA)
        r = rec(item, "family")
        texts.append(fallback_text(r, facts, reasons_for(r, facts, asked)).replace(f"Game {number}", "X"))
        assert texts[-1] == fallback_text(r, facts, reasons_for(r, facts, asked)).replace(f"Game {number}", "X")
    assert len(set(texts)) > 1


def test_with_nothing_to_go_on_the_fallback_says_what_it_is() -> None:
    text = fallback_text(rec(CATAN), item_facts(CATAN, SCHEMA), ())
    assert text == "Catan is a strategy and trading board game, one of the best liked here." or text.startswith(
        "Catan is"
    )
