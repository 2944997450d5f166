"""The template question names the catalog's kind of thing in the singular, mixed catalogs too."""

from __future__ import annotations

import pytest

from recchat.conversation.policy import singular_kind


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("movies", "movie"),
        ("books", "book"),
        ("movies, books and board games", "movie, book or board game"),
        ("books and movies", "book or movie"),
    ],
)
def test_singular_kind(kind: str, expected: str) -> None:
    assert singular_kind(kind) == expected
