"""Text a grammar forces: what may follow what was written, the words every sentence still
allowed goes on with, and where they are cut so that the model's next token starts a word."""

from __future__ import annotations

from recchat.llm.forced import forced_text
from recchat.llm.grammar import Grammar

GENRE = Grammar.choice("is a comedy movie", "falls under comedy")
CARD = Grammar.choice(
    Grammar.sequence("Ocean's Twelve ", GENRE, ", and it ", Grammar.choice("is from 2004"), "."),
    Grammar.sequence("You wanted funny, and Ocean's Twelve ", GENRE, "."),
)


def test_after_is_the_rest_of_every_sentence_that_begins_with_the_text() -> None:
    rest = CARD.after("Ocean's Twelve fa")
    assert rest is not None and rest.texts() == ["lls under comedy, and it is from 2004."]
    opened = CARD.after("You wanted funny, and Ocean's Twelve")
    assert opened is not None and opened.texts() == [" is a comedy movie.", " falls under comedy."]
    assert CARD.after("") is not None and sorted(CARD.after("").texts()) == sorted(CARD.texts())  # type: ignore[union-attr]
    assert CARD.after("Ocean's Eleven") is None
    assert CARD.after("Ocean's Twelve is a comedy movie, and it is from 2004.").texts() == [""]  # type: ignore[union-attr]


def test_lead_is_what_every_sentence_begins_with_and_whether_it_is_the_only_one() -> None:
    assert CARD.lead() == ("", False)
    assert GENRE.lead() == ("", False)
    assert Grammar.choice("is a comedy", "is a drama").lead() == ("is a ", False)
    assert Grammar.sequence("Azul ", Grammar.choice("is from 2017"), ".").lead() == ("Azul is from 2017.", True)
    # one sentence a prefix of another: only the shorter one's words are sure
    assert Grammar.choice("Azul", "Azul is from 2017.").lead() == ("Azul", False)
    assert Grammar.choice("same.", Grammar.sequence("sa", "me.")).lead() == ("same.", True)


def test_forced_text_stops_before_a_space_and_ends_the_sentence_once_nothing_is_left_to_choose() -> None:
    # after the frame's first word, its words up to the next choice (the genre's wording)
    assert forced_text(CARD, b"You") == (" wanted funny, and Ocean's Twelve", False)
    # once the wording is chosen, the rest of the sentence, to its end
    assert forced_text(CARD, b"Ocean's Twelve falls") == (" under comedy, and it is from 2004.", True)
    assert forced_text(CARD, b"") == ("", False)  # the frame is the model's choice
    assert forced_text(CARD, b"Ocean's Twelve is a comedy movie, and it is from 2004.") == ("", True)


def test_forced_text_leaves_a_word_the_model_began_and_a_split_character_to_the_model() -> None:
    assert forced_text(CARD, b"Oce") == ("", False)  # "an's Twelve": inside the word "Ocean"
    cafe = Grammar.choice(Grammar.sequence("Café Luna ", Grammar.choice("is quiet", "is open late"), "."))
    assert forced_text(cafe, b"Caf" + "é".encode()[:1]) == ("", False)
    assert forced_text(cafe, "Café".encode()) == (" Luna is", False)
    assert forced_text(CARD, b"Xyz") == ("", False)  # not the grammar's: nothing is forced
