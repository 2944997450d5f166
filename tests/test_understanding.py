"""Reading utterances: how the person feels about titles, what they want, what to avoid."""

from __future__ import annotations

from recchat.catalog.library import CatalogIndex, IndexEntry
from recchat.catalog.schema import CatalogSchema
from recchat.conversation.understanding import reader_for
from recchat.domain import Polarity

INDEX = CatalogIndex(
    [
        IndexEntry("i1", "Interstellar (2014)", 2014, (), 90, ("science fiction", "drama")),
        IndexEntry("t1", "Titanic (1997)", 1997, (), 80, ("romance", "drama")),
        IndexEntry("s1", "The Shining (1980)", 1980, (), 70, ("horror",)),
        IndexEntry("c1", "Clue (1985)", 1985, (), 30, ("comedy", "mystery", "romantic comedy")),
    ]
)
READER = reader_for(CatalogSchema(), INDEX)


def test_liked_title_and_negative_genre_in_one_sentence() -> None:
    read = READER.read("I loved Interstellar, want more mind-bending sci-fi but no horror")
    assert [(m.item_id, m.polarity) for m in read.mentions] == [("i1", Polarity.POSITIVE)]
    assert read.avoid == ("horror",)
    assert read.avoided_tags == ("horror",)
    assert read.wanted_tags == ("science fiction",)
    assert "horror" not in read.positive_text
    assert read.polarity is Polarity.POSITIVE


def test_hated_title_is_a_negative_not_a_like_and_not_an_avoid_phrase() -> None:
    read = READER.read("I hated Titanic")
    assert [(m.item_id, m.polarity) for m in read.mentions] == [("t1", Polarity.NEGATIVE)]
    assert read.avoid == ()
    assert read.polarity is Polarity.NEGATIVE


def test_mixed_verdicts_are_read_per_clause() -> None:
    read = READER.read("I liked Interstellar but Titanic was boring")
    verdicts = {m.item_id: m.polarity for m in read.mentions}
    assert verdicts == {"i1": Polarity.POSITIVE, "t1": Polarity.NEGATIVE}


def test_avoid_phrases_drop_filler_and_generic_nouns() -> None:
    assert READER.read("nothing too scary please").avoid == ("scary",)
    assert READER.read("nothing too scary please").avoided_tags == ("horror",)  # scary -> horror
    assert READER.read("I don't like romantic comedies").avoid == ("romantic comedies",)
    assert READER.read("no, I haven't seen it").avoid == ()
    assert READER.read("not bad at all").avoid == ()


def test_tags_are_found_through_plurals_and_synonyms() -> None:
    assert READER.read("some funny mysteries").wanted_tags == ("comedy", "mystery")
    assert "romantic comedy" in READER.read("a romantic comedy").wanted_tags


def test_chit_chat_is_not_informative() -> None:
    assert not READER.read("hi, how are you?").informative
    assert READER.read("something with dragons").informative
