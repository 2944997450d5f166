"""The explanation judge over catalogs without descriptions: its vocabulary is each catalog's own
values (no word lists per domain), and it finds the faults of issue 22 by itself: a value the
item lacks, "as you asked" of a wish the item breaks, a credit in the wrong role or field, a
number in the wrong unit, a comparison the catalog's medians do not back."""

from __future__ import annotations

from pathlib import Path

import pytest

from recchat.eval.explanation_judge import Conversation, faults, linked
from recchat.eval.explanation_set import read_explanation_set
from recchat.eval.explanation_terms import catalog_terms
from recchat.eval.judge import Record, read_truth
from recchat.eval.suite import read_predicate

EXPORTS = Path(__file__).parent / "explanations" / "exports"
SET = read_explanation_set(EXPORTS / "exports.jsonl")
TRUTHS = {name: read_truth(folder) for name, folder in SET.catalogs.items()}
TERMS = {name: catalog_terms(truth.records.values()) for name, truth in TRUTHS.items()}


def record(catalog: str, title: str) -> Record:
    return next(r for r in TRUTHS[catalog].records.values() if r.title.startswith(title))


def conversation(case: str) -> Conversation:
    found = next(c for c in SET.cases if c.id == case)
    return Conversation(found.turns, found.avoid, found.kind, found.wants)


@pytest.mark.parametrize(
    ("case", "catalog", "title", "text", "check"),
    [
        ("g01", "boardgames", "Catan", "Catan is for 3 to 4 players: just what you asked for.", "asked"),
        ("g01", "boardgames", "Catan", "Catan takes 60-120 min, as you asked.", "asked"),
        ("f02", "films", "Die Hard", "Die Hard is from 1988: just what you asked for.", "asked"),
        ("g01", "boardgames", "Catan", "Catan is a Card Game for 3 to 4 players.", "value"),
        ("t01", "trails", "Half Dome", "Half Dome is in Yosemite, with a lake.", "value"),
        ("g01", "boardgames", "Catan", "Catan is by Economic.", "credit"),
        ("g03", "boardgames", "Agricola", "Agricola is illustrated by Uwe Rosenberg.", "credit"),
        ("t01", "trails", "Half Dome", "Half Dome takes about 25.7 minutes.", "unit"),
        ("f02", "films", "Die Hard", "Die Hard is a short movie from 1988.", "compare"),
        ("p01", "podcasts", "Planet Money", "Planet Money is one of the best liked here.", "compare"),
        ("f02", "films", "Spirited Away", "Spirited Away is a classic Japanese anime.", "name"),
    ],
)
def test_the_judge_finds_the_faults_of_catalogs_without_descriptions(
    case: str, catalog: str, title: str, text: str, check: str
) -> None:
    found = faults(text, record(catalog, title), conversation(case), terms=TERMS[catalog])
    assert check in found, found


@pytest.mark.parametrize(
    ("case", "catalog", "title", "text"),
    [
        ("g01", "boardgames", "7 Wonders Duel", "7 Wonders Duel is for 2 players and takes 30 min, as you asked."),
        ("f02", "films", "Die Hard", "Die Hard does not fall under Sci-Fi, but it is from 1988, as you asked."),
        ("g03", "boardgames", "Agricola", "Agricola is designed by Uwe Rosenberg, as you asked."),
        ("g03", "boardgames", "Catan", "Catan is not designed by Uwe Rosenberg, though it is from 1995."),
        ("w01", "wines", "Reserva", "Reserva is a red from Rioja and costs $30.99, as you asked."),
        (
            "t05",
            "trails",
            "Sentinel Dome",
            "Sentinel Dome is in Yosemite National Park, as you asked, and not strenuous.",
        ),
        ("r01", "reading", "The Thursday", "The Thursday Murder Club falls under cozy and mystery, as you asked."),
        ("f03", "films", "North by Northwest", "North by Northwest does not fall under thriller, but it is from 1959."),
    ],
)
def test_true_cards_have_no_fault(case: str, catalog: str, title: str, text: str) -> None:
    item = record(catalog, title)
    assert faults(text, item, conversation(case), terms=TERMS[catalog]) == {}
    assert linked(text, item, conversation(case))


def test_the_vocabulary_is_the_catalogs_own_values() -> None:
    values = TERMS["trails"].values
    assert "waterfall" in values and "yosemite national park" in values and "out back" in values
    assert "you" not in TERMS["films"].values  # no pronouns, titles or links
    assert not any("imdb.com" in v for v in TERMS["films"].values)
    assert TERMS["trails"].medians["Rating"] > 4


def test_the_export_set_is_valid_and_large_enough() -> None:
    assert len(SET.cases) * 5 >= 150
    assert {c.catalog for c in SET.cases} == {
        "boardgames",
        "films",
        "reading",
        "podcasts",
        "wines",
        "trails",
        "recipes",
    }
    assert {c.half for c in SET.cases} == {"a", "b"}
    assert sum(bool(c.wants) for c in SET.cases) >= 40
    assert read_predicate({"field": "Price", "unit": "USD", "max": 40}, "x").op == "between"


DOMAINS = Path(__file__).parent / "explanations" / "domains"
DOMAIN_SET = read_explanation_set(DOMAINS / "domains.jsonl")
DOMAIN_TRUTHS = {name: read_truth(folder) for name, folder in DOMAIN_SET.catalogs.items()}


@pytest.mark.parametrize(
    ("catalog", "title", "text"),
    [
        # a course's instructor, under a header that names people by their role
        ("courses", "AI For Everyone", "AI For Everyone is taught by Andrew Ng, as you asked."),
        # the field's own name is no genre ('family' of a plant's botanical family)
        ("houseplants", "Christmas Cactus", "Christmas Cactus has Cactaceae as its family."),
        # 'lists' is the card's verb, even where some course lists 'lists' among its skills
        ("courses", "Introduction to Python", "Introduction to Python lists python under skills."),
    ],
)
def test_true_cards_on_other_domains_have_no_fault(catalog: str, title: str, text: str) -> None:
    truth = DOMAIN_TRUTHS[catalog]
    item = next(r for r in truth.records.values() if r.title.startswith(title))
    terms = catalog_terms(truth.records.values())
    anything = Conversation(("anything",), (), None, ())
    assert faults(text, item, anything, terms=terms) == {}


def test_the_judge_still_sees_a_value_the_item_lacks_on_other_domains() -> None:
    truth = DOMAIN_TRUTHS["houseplants"]
    cactus = next(r for r in truth.records.values() if r.title.startswith("Christmas Cactus"))
    text = "Christmas Cactus has Araceae as its family."
    found = faults(text, cactus, Conversation(("anything",), (), None, ()), terms=catalog_terms(truth.records.values()))
    assert "value" in found, found
