"""Explanations: the model phrases the reasons; every claim is checked against the item's own
facts; text that fails is replaced by the reasons as sentences."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import pytest

from recchat.catalog.library import CatalogIndex, IndexEntry
from recchat.catalog.schema import learn_schema
from recchat.conversation.mentions import TitleMatcher
from recchat.domain import Constraint, Evidence, Item, MatchedUtterance, Recommendation
from recchat.explain import MAX_CHARS, Asked, Explainer, Grounds, Seed, reasons_for, rejection, tidy
from recchat.explain.facts import item_facts
from recchat.llm.base import ChatMessage
from recchat.llm.fake import ScriptedChatModel
from recchat.prompts import Prompts

ARRIVAL = Item(
    "a",
    "Arrival (2016)",
    "A translator decodes the speech of visitors from space. She starts to see time differently.",
    ("science fiction", "drama"),
    metadata={"type": "movie", "year": 2016},
)
BLOKUS = Item(
    "g",
    "Blokus",
    "Place your coloured pieces so that they touch only corner to corner, blocking your opponents as the board "
    "fills up. Abstract, quick and suited to kids.",
    ("abstract", "family", "kids", "puzzle"),
    metadata={"players": "2-4", "playtime_minutes": 20, "year": 2000, "type": "board game"},
)
HARRY = Item(
    "h",
    "Harry Potter and the Philosopher's Stone",
    "On his eleventh birthday an orphan who sleeps in a cupboard under the stairs learns that he is a wizard and "
    "is invited to Hogwarts, a boarding school of magic. Cozy, funny and full of small mysteries.",
    ("fantasy", "children", "magic school", "young adult"),
    metadata={"author": "J. K. Rowling", "year": 1997, "type": "book"},
)
MARTIAN = Item(
    "m",
    "The Martian (2015)",
    "The Martian is a 2015 science fiction film directed by Ridley Scott and starring Matt Damon. The film depicts "
    "an astronaut's lone struggle to survive on Mars after being left behind.",
    ("science fiction",),
    metadata={"type": "movie", "year": 2015},
)
ODYSSEY = Item(
    "o",
    "2001: A Space Odyssey (1968)",
    "2001: A Space Odyssey is a 1968 epic science fiction film produced and directed by Stanley Kubrick. The film "
    "stars Keir Dullea, Gary Lockwood, and follows a voyage by astronauts and the sentient supercomputer HAL.",
    ("science fiction",),
    metadata={"type": "movie", "year": 1968},
)
ME_BEFORE_YOU = Item(
    "y",
    "Me Before You",
    "Me Before You is a 2016 romantic drama film directed by Thea Sharrock. The film stars Emilia Clarke.",
    ("drama", "romance"),
    metadata={"type": "movie", "year": 2016},
)
ITEMS = (ARRIVAL, BLOKUS, HARRY, MARTIAN, ODYSSEY, ME_BEFORE_YOU)
SCHEMA = learn_schema(ITEMS)
TAGS = tuple(sorted({t for i in ITEMS for t in i.tags}))
MATCHER = TitleMatcher(
    CatalogIndex(
        [
            *(IndexEntry(i.id, i.title, None, (), 50, i.tags) for i in ITEMS),
            IndexEntry("i", "Interstellar (2014)", 2014, (), 90, ("science fiction",)),
        ]
    )
)
SPEECH = Evidence(utterances=(MatchedUtterance("thoughtful sci-fi about language", 1.0, 0.6),))
REC = Recommendation(ARRIVAL, 1.0, SPEECH)
EXAMPLE = Prompts().template("explain.example.assistant")


def explainer(replies: Sequence[str]) -> tuple[Explainer, ScriptedChatModel]:
    model = ScriptedChatModel(replies)
    return Explainer(model, Prompts(), MATCHER, schema=SCHEMA, tags=TAGS), model


def grounds(item: Item, words: str = "", avoid: Sequence[str] = (), asked: Asked | None = None) -> Grounds:
    rec = Recommendation(item, 1.0, Evidence())
    asked = asked or Asked(words=words, avoid=tuple(avoid))
    facts = item_facts(item, SCHEMA)
    return Grounds(rec, MATCHER, asked.avoid, asked.words, EXAMPLE, facts, reasons_for(rec, facts, asked), TAGS)


def test_good_model_text_is_used_and_cut_to_one_sentence() -> None:
    text = "Arrival is a thoughtful film about speech from space. A translator talks to aliens."
    result = explainer([text])[0].explain(REC, "thoughtful sci-fi about speech")
    assert result.explanation_source == "llm"
    assert result.explanation == "Arrival is a thoughtful film about speech from space."


@pytest.mark.parametrize(
    ("item", "reply", "words", "reason"),
    [
        (BLOKUS, "Blokus is the funniest family movie ever!", "a family game", "calls it a movie"),
        (BLOKUS, "Blokus is a hilarious family game for kids.", "a family game", "says it is comedy"),
        (HARRY, "Harry Potter discovers his magic after his tenth birthday.", "magic", "a number not in the item"),
        (MARTIAN, "The Martian is a science fiction film and an alien story set on Mars.", "sci-fi", "alien"),
        (ME_BEFORE_YOU, "Me Before You is a romantic comedy film.", "a romantic film", "says it is comedy"),
        (ODYSSEY, "2001: A Space Odyssey stars Keir Dullea as HAL, a science fiction film.", "sci-fi", "plays HAL"),
        (
            MARTIAN,
            "The Martian is a 2015 science fiction film directed by Ridley Scott and starring Matt Damon.",
            "science fiction",
            "copies the description",
        ),
        (BLOKUS, "Blokus is a quick family game: a beekeeper chases a thief at the fair.", "family", "example"),
        (ARRIVAL, "Arrival is a drama film full of speech.", "something about horses", "says nothing about what you"),
        (ARRIVAL, "You will love Interstellar (2014) for its aliens.", "sci-fi", "names another title"),
        (ARRIVAL, "It is great and you will like it a lot.", "x", "does not name the item"),
        (MARTIAN, "The Martian is a science fiction film with a screenplay by Matt Damon.", "sci-fi", "screenplay by"),
        (ARRIVAL, "Arrival won an award for its space speech in 1999.", "speech", "a year not in the item's facts"),
        (ARRIVAL, "Arrival stars Chris Hemsley as a translator of speech.", "speech", "a name not in the item's facts"),
        (ARRIVAL, "Arrival is speech, speech, and more speech from space.", "speech", "repeats itself"),
        (ARRIVAL, "A translator and speech " * 30, "speech", "empty or unfinished"),  # never ends a sentence
        (ARRIVAL, "As an AI language model, I cannot recommend films about speech.", "speech", "not an explanation"),
    ],
)
def test_claims_the_item_does_not_back_up_are_refused(item: Item, reply: str, words: str, reason: str) -> None:
    assert reason in (rejection(reply, grounds(item, words)) or "")


@pytest.mark.parametrize(
    ("item", "reply", "words"),
    [
        (BLOKUS, "Blokus is a family game of corners that suits kids.", "a game for the family"),
        (HARRY, "Harry Potter learns he is a wizard on his eleventh birthday: magic at boarding school.", "magic"),
        (MARTIAN, "The Martian is science fiction about an astronaut surviving alone on Mars.", "space survival"),
        (ME_BEFORE_YOU, "Me Before You is the romantic drama you wanted.", "a romantic film"),
        (ARRIVAL, "Arrival is thoughtful sci-fi: a translator decodes speech from space.", "thoughtful sci-fi"),
        (MARTIAN, "The Martian is a science fiction film directed by Ridley Scott.", "a sci-fi film"),
        (HARRY, "Harry Potter is a fantasy book by J. K. Rowling, full of magic.", "magic"),
    ],
)
def test_true_claims_linked_to_the_request_are_kept(item: Item, reply: str, words: str) -> None:
    assert rejection(reply, grounds(item, words)) is None


def test_a_liked_item_the_reasons_compare_with_may_be_named() -> None:
    interstellar = Item(
        "i", "Interstellar (2014)", "Astronauts travel through space to save humanity.", ("science fiction",)
    )
    seed = Seed("i", item_facts(interstellar, SCHEMA), 1.0, {"m": 0.7})
    asked = Asked(words="I loved Interstellar", seeds=(seed,))
    reply = "Like Interstellar, The Martian is science fiction about an astronaut in space."
    assert rejection(reply, grounds(MARTIAN, asked=asked)) is None
    assert "Interstellar" in (rejection(reply, grounds(MARTIAN, "space")) or ""), "unless the reasons name it"
    about_the_liked_one = "Interstellar is a science fiction film about an astronaut in space."
    assert rejection(about_the_liked_one, grounds(MARTIAN, asked=asked)) == "does not name the item"


def test_a_word_the_person_asked_to_avoid_is_never_shown() -> None:
    reply = "Arrival is a tense horror story about speech from space."
    assert rejection(reply, grounds(ARRIVAL, "sci-fi speech", avoid=("horror",))) == (
        "brings up what you asked to avoid (horror)"
    )
    result = explainer([reply])[0].explain(REC, Asked(words="sci-fi", avoid=("horror",)))
    assert result.explanation_source == "template" and "horror" not in result.explanation


def test_refused_text_falls_back_to_the_reasons_which_are_kept_either_way() -> None:
    constraint = Constraint("tag", "tags", "has", "science fiction", label="science fiction")
    rec = Recommendation(ARRIVAL, 1.0, Evidence(constraints=("science fiction",)))
    asked = Asked(words="science fiction", constraints=(constraint,))
    good = explainer(["Arrival is the science fiction you asked for: speech from visitors from space."])[0]
    bad = explainer(["Arrival is a horror movie from 1999."])[0]
    kept, replaced = good.explain(rec, asked), bad.explain(rec, asked)
    assert kept.explanation_source == "llm" and replaced.explanation_source == "template"
    assert kept.reasons == replaced.reasons == ("It is a science fiction movie, as you asked.",)
    assert replaced.explanation == "Arrival is a science fiction movie, as you asked." or "science fiction" in (
        replaced.explanation
    )


def test_prompt_carries_the_request_reasons_and_a_few_facts_not_the_whole_description() -> None:
    """Free text gets a description sentence or two to draw a detail from; under a card's grammar,
    which no description's words are in, the prompt leaves them out."""
    long = replace(ARRIVAL, description=ARRIVAL.description + " Then " + "more plot " * 200 + "follows.")
    free = ScriptedChatModel(["Arrival is about speech from space."])
    Explainer(free, Prompts(), MATCHER, schema=SCHEMA, tags=TAGS, constrained=False).explain(
        Recommendation(long, 1.0, SPEECH), "thoughtful sci-fi about speech"
    )
    messages: list[ChatMessage] = free.calls[0]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]  # with a worked example
    user = messages[-1]["content"]
    assert (
        "Item: Arrival\n" in user
        and "Facts: Arrival is a movie. A translator" in user
        and "2016" not in user
        and "thoughtful sci-fi" in user
    )
    assert "Reasons: " in user and "translator" in user and "more plot more plot more plot" not in user
    assert len(user) < 700
    explain, constrained = explainer(["Arrival is about speech from space."])
    explain.explain(Recommendation(long, 1.0, SPEECH), "thoughtful sci-fi about speech")
    under_grammar = constrained.calls[0][-1]["content"]
    assert "Facts: Arrival is a movie.\n" in under_grammar and "translator" not in under_grammar
    assert under_grammar.startswith("Request: thoughtful sci-fi") and "Reasons: Arrival has the speech" in under_grammar


def test_the_worked_example_is_an_item_no_catalog_holds() -> None:
    example = Prompts().template("explain.example.user") + EXAMPLE
    for item in ITEMS:
        assert item_facts(item, SCHEMA).title not in example
    assert "beekeeper" in example  # a word no real reason would need: copying it is caught


def test_escape_codes_and_markup_from_the_model_are_removed() -> None:
    assert tidy("\x1b[31mArrival\x1b[0m is about [bold]speech[/bold].") == "Arrival is about [bold]speech[/bold]."
    result = explainer(["\x1b]8;;http://x\x07Arrival\x1b]8;;\x07 is about speech."])[0].explain(REC, "speech")
    assert "\x1b" not in result.explanation


def test_tokens_are_streamed_and_generation_stops_after_one_sentence() -> None:
    pieces: list[str] = []
    explain, _ = explainer(["Arrival is about speech from space. Aliens talk. Third sentence never needed."])
    explain.explain(REC, "speech", on_token=pieces.append)
    assert "".join(pieces).strip() == "Arrival is about speech from space."


class PiecesModel(ScriptedChatModel):
    """Streams its reply in the pieces given, as llama.cpp's tokens may split '16.7' after '16.'."""

    def __init__(self, pieces: Sequence[str]) -> None:
        super().__init__(["".join(pieces)])
        self.pieces = pieces

    def stream(self, messages: Sequence[ChatMessage], **_: object) -> Iterator[str]:
        self.calls.append(list(messages))
        yield from self.pieces


def test_a_decimal_point_streamed_last_does_not_end_the_sentence() -> None:
    trail = Item("t", "Iceline Trail", "", ("glacier",), metadata={"Length": "12.8 km", "type": "trail"})
    other = Item("u", "Gorge Trail", "", ("canyon",), metadata={"Length": "3.1 km", "type": "trail"})
    pieces = ["Iceline Trail", " is a glacier trail", " and has a length of", " 12.", "8 km."]
    streamed: list[str] = []
    explain = Explainer(PiecesModel(pieces), Prompts(), None, schema=learn_schema((trail, other)))
    result = explain.explain(Recommendation(trail, 1.0, Evidence()), "a glacier hike", on_token=streamed.append)
    assert "".join(streamed) == "".join(pieces), "generation went on past '12.'"
    assert result.explanation == "".join(pieces) and result.explanation_source == "llm"


def test_a_fact_worded_as_a_reason_already_given_is_not_said_again() -> None:
    trail = Item("t", "Iceline Trail", "", ("glacier",), metadata={"Length": "12.8 km", "type": "trail"})
    other = Item("u", "Gorge Trail", "", ("canyon",), metadata={"Length": "3.1 km", "type": "trail"})
    explain = Explainer(None, Prompts(), None, schema=learn_schema((trail, other)))
    text = explain.template(Recommendation(trail, 1.0, Evidence()), "a glacier hike").explanation
    assert text.count("glacier") == 1, text


def test_a_reply_past_the_length_limit_is_cut_there() -> None:
    ramble = "and the translator keeps on talking about speech with the visitors " * 6
    pieces: list[str] = []
    explain, _ = explainer([f"Arrival is thoughtful, with speech {ramble}."])
    result = explain.explain(REC, "thoughtful sci-fi", on_token=pieces.append)
    assert result.explanation_source == "template"
    assert MAX_CHARS < len("".join(pieces)) < MAX_CHARS + 20, "generation stops as soon as it is too long"


def test_stop_request_gives_the_reasons_without_calling_the_model() -> None:
    explain, model = explainer(["Arrival is about speech."])
    result = explain.explain(REC, "x", should_stop=lambda: True)
    assert result.explanation_source == "template" and model.calls == []


def test_without_a_model_the_reasons_are_the_explanation() -> None:
    rec = Recommendation(ARRIVAL, 1.0, Evidence(constraints=("science fiction",)))
    asked = Asked(constraints=(Constraint("tag", "tags", "has", "science fiction", label="science fiction"),))
    result = Explainer(None, Prompts(), MATCHER, schema=SCHEMA).explain(rec, asked)
    assert result.explanation_source == "template"
    assert result.reasons == ("It is a science fiction movie, as you asked.",)
    assert "Arrival" in result.explanation and "science fiction movie" in result.explanation
