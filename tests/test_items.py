"""Record validation: field rules, stable ids, content hashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from recchat.catalog.items import content_hash, item_from_json, item_text, item_to_json, to_item
from recchat.catalog.readers import RawRecord
from recchat.errors import CatalogError


def item(data: object, suffix: str = ".jsonl"):  # type: ignore[no-untyped-def]
    return to_item(RawRecord(Path(f"cat{suffix}"), 7, data))


def test_core_fields_and_metadata_are_kept() -> None:
    parsed = item(
        {
            "id": 12,
            "title": " Dune ",
            "description": "Sand.",
            "tags": "SF|Politics",
            "popularity": 3,
            "author": "Herbert",
        }
    )
    assert parsed.id == "12" and parsed.title == "Dune"
    assert parsed.tags == ("sf", "politics")
    assert parsed.popularity == 3.0
    assert dict(parsed.metadata) == {"author": "Herbert"}


def test_missing_id_gives_a_stable_id_that_ignores_the_description() -> None:
    first = item({"title": "Dune", "description": "one"})
    second = item({"title": "Dune", "description": "two"})
    other = item({"title": "Dune", "year": 2021})
    assert first.id == second.id != other.id


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"description": "x"}, "missing 'title'"),
        ({"title": ["a"]}, "'title' must be text"),
        ({"title": "A", "popularity": -1}, "non-negative"),
        ({"title": "A", "popularity": True}, "non-negative"),
        ({"title": "A", "tags": {"a": 1}}, "'tags' must be"),
        ({"title": "A", "id": 1.5}, "'id' must be"),
        ({"title": "A" * 501}, "limit is 500"),
        (["not", "an", "object"], "expected an object"),
    ],
)
def test_bad_records_name_file_line_and_field(data: object, problem: str) -> None:
    with pytest.raises(CatalogError) as caught:
        item(data)
    assert problem in str(caught.value)
    assert str(caught.value).startswith("cat.jsonl:7:")


def test_hash_changes_with_content_and_round_trip_is_lossless() -> None:
    parsed = item({"id": "x", "title": "A", "tags": ["b"], "extra": {"nested": [1, 2]}})
    assert item_from_json(item_to_json(parsed)).metadata == parsed.metadata
    changed = item({"id": "x", "title": "A", "tags": ["c"], "extra": {"nested": [1, 2]}})
    assert content_hash(parsed) != content_hash(changed)
    assert content_hash(parsed) == content_hash(item_from_json(item_to_json(parsed)))


def test_embedding_text_has_title_tags_and_description() -> None:
    text = item_text(item({"title": "Dune", "tags": ["sf"], "description": "Sand.", "author": "Frank Herbert"}))
    assert text == "Dune. by Frank Herbert. sf. Sand."
