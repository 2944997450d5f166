"""Explanations: the model's text is checked; bad text is replaced by the template."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from recchat.catalog.library import CatalogIndex, IndexEntry
from recchat.conversation.mentions import TitleMatcher
from recchat.domain import Evidence, Item, MatchedUtterance, Recommendation
from recchat.explain import MAX_CHARS, Explainer, Grounds, rejection, template_explanation, tidy
from recchat.llm.base import ChatMessage
from recchat.llm.fake import ScriptedChatModel
from recchat.prompts import Prompts

INDEX = CatalogIndex(
    [
        IndexEntry("a", "Arrival (2016)", 2016, (), 60, ("science fiction",)),
        IndexEntry("i", "Interstellar (2014)", 2014, (), 90, ("science fiction",)),
    ]
)
MATCHER = TitleMatcher(INDEX)
ITEM = Item(
    "a", "Arrival (2016)", "A translator decodes the speech of visitors from space.", ("science fiction", "drama")
)
REC = Recommendation(
    ITEM,
    1.0,
    Evidence(
        utterances=(MatchedUtterance("thoughtful sci-fi about language", 1.0, 0.6),),
        fields=("tags: science fiction", "description: language"),
    ),
)


def explainer(replies: Sequence[str]) -> tuple[Explainer, ScriptedChatModel]:
    model = ScriptedChatModel(replies)
    return Explainer(model, Prompts(), MATCHER), model


def test_good_model_text_is_used_and_cut_to_two_sentences() -> None:
    text = "Arrival is a thoughtful film about speech. A translator talks to aliens. Then more words follow."
    result = explainer([text])[0].explain(REC, "thoughtful sci-fi")
    assert result.explanation_source == "llm"
    assert result.explanation == "Arrival is a thoughtful film about speech. A translator talks to aliens."


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("", "empty"),
        ("You will love Interstellar (2014) for its aliens.", "names another title"),
        ("It is great and you will like it a lot.", "not grounded"),
        ("Arrival won an award for its aliens in 1999.", "a year not in the item's facts"),
        ("Arrival stars Chris Hemsley as a translator.", "a name not in the item's facts (Chris)"),
        ("Minecraft: a fun film about speech.", "a name not in the item's facts (Minecraft)"),
        ("Arrival is speech, speech, and more speech for aliens.", "repeats itself"),
        ("Arrival is about aliens and speech and aliens and speech.", "repeats itself"),
        ("Arrival is the thoughtful sci-fi you asked for, with aliens.", "copies the prompt's example"),
        ("A linguist and aliens " * 30, "empty or unfinished"),  # never ends a sentence
        ("As an AI language model, I cannot recommend films about language.", "not an explanation"),
    ],
)
def test_bad_model_text_falls_back_to_the_template(reply: str, reason: str) -> None:
    example = Prompts().template("explain.example.assistant")
    assert reason in (rejection(reply, Grounds(REC, MATCHER, example=example)) or "")
    result = explainer([reply])[0].explain(REC, "something to watch")
    assert result.explanation_source == "template"
    assert result.explanation == template_explanation(REC)


@pytest.mark.parametrize(
    ("title", "reply", "user_words"),
    [
        # Both words are backed up: the user asked for thoughtful, the item is science fiction.
        ("Arrival (2016)", "Arrival is the thoughtful sci-fi you asked for: speech from space.", "thoughtful"),
        # A hyphenated title is a known name, however the model splits it.
        ("Slaughterhouse-Five", "Slaughterhouse-Five is a thoughtful story about speech from space.", "x"),
    ],
)
def test_grounded_text_that_resembles_the_example_or_has_hyphenated_names_is_kept(
    title: str, reply: str, user_words: str
) -> None:
    rec = Recommendation(replace(ITEM, title=title), 1.0, REC.evidence)
    example = Prompts().template("explain.example.assistant")
    assert rejection(reply, Grounds(rec, MATCHER, user_words=user_words, example=example)) is None


def test_prompt_carries_the_item_facts_and_the_users_words() -> None:
    explain, model = explainer(["Arrival is about speech."])
    explain.explain(REC, "thoughtful sci-fi about language")
    messages: list[ChatMessage] = model.calls[0]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]  # with a worked example
    user = messages[-1]["content"]
    assert "Item: Arrival\n" in user and "translator" in user and "thoughtful sci-fi about language" in user


def test_escape_codes_and_markup_from_the_model_are_removed() -> None:
    assert tidy("\x1b[31mArrival\x1b[0m is about [bold]speech[/bold].") == "Arrival is about [bold]speech[/bold]."
    result = explainer(["\x1b]8;;http://x\x07Arrival\x1b]8;;\x07 is about speech."])[0].explain(REC, "x")
    assert "\x1b" not in result.explanation


def test_tokens_are_streamed_and_generation_stops_after_two_sentences() -> None:
    pieces: list[str] = []
    explain, _ = explainer(["Arrival is about speech. Aliens talk. Third sentence never needed."])
    explain.explain(REC, "x", on_token=pieces.append)
    assert "".join(pieces).strip() == "Arrival is about speech. Aliens talk."


def test_a_reply_past_the_length_limit_is_cut_there_and_keeps_its_whole_sentences() -> None:
    ramble = "and the translator keeps on talking about speech with the visitors " * 6
    pieces: list[str] = []
    explain, _ = explainer([f"Arrival is a thoughtful film about speech. Then {ramble}."])
    result = explain.explain(REC, "thoughtful sci-fi", on_token=pieces.append)
    assert result.explanation_source == "llm"
    assert result.explanation == "Arrival is a thoughtful film about speech."
    streamed = "".join(pieces)
    assert MAX_CHARS < len(streamed) < MAX_CHARS + 20, "generation stops as soon as it is too long"


def test_stop_request_gives_the_template_without_calling_the_model() -> None:
    explain, model = explainer(["Arrival is about speech."])
    result = explain.explain(REC, "x", should_stop=lambda: True)
    assert result.explanation_source == "template" and model.calls == []


def test_without_a_model_the_template_is_used() -> None:
    result = Explainer(None, Prompts(), MATCHER).explain(REC, "x")
    assert result.explanation == template_explanation(REC)
    assert result.explanation == (
        "Arrival (2016): it is science fiction, as you asked; it touches on language, which you mentioned."
    )


def test_template_says_only_what_the_evidence_shows() -> None:
    bare = Recommendation(ITEM, 1.0, Evidence())
    assert template_explanation(bare) == (
        "Arrival (2016): it is among the closest matches. Tagged science fiction and drama."
    )
    related = Recommendation(ITEM, 1.0, Evidence(related_titles=("Interstellar (2014)",)))
    assert template_explanation(related).startswith("Arrival (2016): people who liked Interstellar (2014) often")


def test_text_that_brings_up_what_the_user_wants_to_avoid_is_refused() -> None:
    reply = "Arrival is a tense horror story about speech."
    assert rejection(reply, Grounds(REC, MATCHER, avoid=("horror",))) == "brings up what you asked to avoid (horror)"
    result = explainer([reply])[0].explain(REC, "x", avoid=("horror",))
    assert result.explanation_source == "template"
