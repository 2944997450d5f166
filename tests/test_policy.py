"""The template question names the catalog's kind of thing in the singular, mixed catalogs too."""

from __future__ import annotations

import numpy as np
import pytest

from recchat.conversation.policy import Elicitor, singular_kind
from recchat.domain import Polarity, Role, Utterance
from recchat.profile import ProfileEntry, ProfileSnapshot, WeightedEntry
from recchat.prompts import Prompts


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


@pytest.mark.parametrize(
    ("kind", "asked"),
    [
        ("items", "Is there an item you loved?"),  # a catalog with no kind of its own
        ("movies", "Is there a movie you loved?"),
        ("albums and books", "Is there an album or book you loved?"),
    ],
)
def test_the_question_for_a_loved_item_takes_the_right_article(kind: str, asked: str) -> None:
    said = Utterance("u", "something calm", Role.USER, 0.0, "s", Polarity.POSITIVE)
    snapshot = ProfileSnapshot(likes=[WeightedEntry(ProfileEntry(said, np.ones(2, dtype=np.float32)), 1.0)])
    elicitor = Elicitor(None, Prompts(), None, kind)
    assert elicitor.opening(snapshot).startswith(asked)
