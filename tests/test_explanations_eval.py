"""The explanation evaluation: its set format, its fault judge (independent of recchat's own
checks, so it must find the faults of the issue by itself), and a whole run with the fakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINI_CATALOG, invoke_cli, needs_benchmark
from recchat.errors import InvalidCatalogError
from recchat.eval.explanation_judge import Conversation, faults, linked, record_kind
from recchat.eval.explanation_set import read_explanation_set
from recchat.eval.judge import Record

SET = Path(__file__).parent / "explanations"
BLOKUS = Record(
    "g",
    "Blokus",
    {
        "description": "Place your coloured pieces so that they touch only corner to corner. Abstract, quick and "
        "suited to kids.",
        "tags": ["abstract", "family", "kids", "puzzle"],
        "players": "2-4",
        "year": 2000,
        "type": "board game",
    },
)
MARTIAN = Record(
    "m",
    "The Martian (2015)",
    {
        "description": "The Martian is a 2015 science fiction film directed by Ridley Scott and starring Matt "
        "Damon. The film depicts an astronaut's lone struggle to survive on Mars.",
        "tags": ["science fiction"],
        "year": 2015,
    },
)
HARRY = Record(
    "h",
    "Harry Potter and the Philosopher's Stone",
    {
        "description": "On his eleventh birthday an orphan learns that he is a wizard.",
        "author": "J. K. Rowling",
        "tags": ["fantasy", "children"],
        "type": "book",
    },
)
FAMILY = Conversation(("a board game for the family",))
SPACE = Conversation(("I want sci-fi about survival, but no horror",), avoid=("horror",))


@pytest.mark.parametrize(
    ("text", "record", "conversation", "check"),
    [
        ("Blokus is the funniest family movie ever!", BLOKUS, FAMILY, "kind"),
        ("Blokus is a family game from 1995.", BLOKUS, FAMILY, "year"),
        ("Blokus is a family game for six players.", BLOKUS, FAMILY, "number"),
        ("Blokus is a family game by Reiner Knizia.", BLOKUS, FAMILY, "name"),
        ("The Martian is an alien story set on Mars, about survival.", MARTIAN, SPACE, "genre"),
        ("The Martian is a science fiction horror film about survival.", MARTIAN, SPACE, "avoided"),
        ("The Martian is a 2015 science fiction film directed by Ridley Scott.", MARTIAN, SPACE, "copied"),
        ("Blokus is a family game: a linguist learns an alien language.", BLOKUS, FAMILY, "example"),
        ("Blokus is a family game, much like Ticket to Ride.", BLOKUS, FAMILY, "other title"),
        ("Ticket to Ride is a family board game.", BLOKUS, FAMILY, "not about it"),
        ("Blokus is a family game for", BLOKUS, FAMILY, "broken"),
        ("Harry Potter discovers magic after his tenth birthday.", HARRY, Conversation(("magic",)), "number"),
    ],
)
def test_the_judge_finds_each_kind_of_fault_on_its_own(
    text: str, record: Record, conversation: Conversation, check: str
) -> None:
    found = faults(text, record, conversation, titles=["Ticket to Ride", "Blokus"], example="a linguist learns")
    assert check in found, found


@pytest.mark.parametrize(
    ("text", "record", "conversation"),
    [
        ("Blokus is a quick family game of corners for 2 to 4 players that suits kids.", BLOKUS, FAMILY),
        ("The Martian is science fiction about an astronaut surviving alone on Mars.", MARTIAN, SPACE),
        ("Harry Potter and the Philosopher's Stone is a book full of magic, by J. K. Rowling.", HARRY,
         Conversation(("magic",))),
    ],
)  # fmt: skip
def test_true_linked_explanations_have_no_fault(text: str, record: Record, conversation: Conversation) -> None:
    assert faults(text, record, conversation, titles=["Ticket to Ride"], example="a linguist learns") == {}
    assert linked(text, record, conversation)


def test_linked_needs_the_persons_words_not_the_kind_or_the_items_own_title() -> None:
    assert not linked("Blokus is a board game.", BLOKUS, Conversation(("a board game",)))
    assert linked("Blokus is a game for the whole family.", BLOKUS, FAMILY)
    assert not linked("The Martian is a horror film.", MARTIAN, SPACE), "what they ruled out is no link"
    toy = Record("t2", "Toy Story 2 (1999)", {"description": "An animated film."})
    assert not linked("Toy Story 2 is an animated film.", toy, Conversation(("like Toy Story",)))
    assert linked("Like Toy Story, Toy Story 2 is an animated film.", toy, Conversation(("like Toy Story",)))


def test_the_kind_comes_from_the_record_even_without_a_kind_field() -> None:
    assert record_kind(BLOKUS) == "game" and record_kind(HARRY) == "book"
    assert record_kind(MARTIAN) == "movie"  # its description says "film"
    assert record_kind(Record("x", "X", {"director": "Jane Doe"})) == "movie"
    assert record_kind(Record("x", "X", {}), "album") == "album"


@needs_benchmark  # half of the set's conversations are over the benchmark's movies
def test_the_public_set_is_valid_and_large_enough() -> None:
    explanation_set = read_explanation_set(SET / "set.jsonl")
    cases = explanation_set.cases
    assert len(cases) * 5 >= 150
    assert {c.catalog for c in cases} == {"sample", "movies"}
    assert {c.half for c in cases} == {"a", "b"}
    assert any(c.avoid for c in cases) and any(len(c.turns) > 1 for c in cases)


def test_a_bad_set_is_refused_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "catalogs.json").write_text(json.dumps({"mini": str(MINI_CATALOG)}))
    lines = [{"id": "a", "catalog": "mini", "turns": ["scifi"]}, {"id": "b", "catalog": "nope", "turns": []}]
    (tmp_path / "set.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    with pytest.raises(InvalidCatalogError) as raised:
        read_explanation_set(tmp_path / "set.jsonl")
    assert "set.jsonl:2" in str(raised.value.errors[0])


def test_a_whole_run_with_the_fakes_reports_every_figure(home: Path, tmp_path: Path) -> None:
    (tmp_path / "catalogs.json").write_text(json.dumps({"mini": str(MINI_CATALOG)}))
    lines = [
        {"id": "a", "catalog": "mini", "half": "a", "turns": ["space science fiction, no horror"], "avoid": ["horror"]},
        {"id": "b", "catalog": "mini", "half": "b", "turns": ["a board game", "something cooperative"]},
    ]
    (tmp_path / "set.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    saved = tmp_path / "saved.jsonl"
    result = invoke_cli(
        home, "--backend", "fake", "eval", "--explanations", str(tmp_path / "set.jsonl"), "--json", "--save", str(saved)
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["explanations"] == 10 and set(report["by_half"]) == {"a", "b"}
    assert report["faulty_shown"] == 0.0, [json.loads(line)["shown_faults"] for line in saved.read_text().splitlines()]
    assert report["written_by_llm"] is not None and report["tokens_per_s"] is not None
    assert set(report["by_check"]) >= {"kind", "genre", "avoided", "copied", "example", "not about it"}
    rows = [json.loads(line) for line in saved.read_text().splitlines()]
    assert all(row["reasons"] for row in rows if row["source"] == "llm"), rows
    assert all("horror" not in row["shown"].lower() for row in rows if row["case"] == "a"), rows
