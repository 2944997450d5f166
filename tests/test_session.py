"""One conversation through the real Session, with the fake backends and a real Chroma."""

from __future__ import annotations

from recchat.domain import FeedbackKind
from recchat.factory import Runtime


def catalog_ids(runtime: Runtime) -> set[str]:
    return {entry.id for entry in runtime.catalog("mini").index.entries}


def test_thin_profile_and_vague_request_gets_one_question(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    reply = session.handle("hi there")
    assert reply.recommendations == ()
    assert reply.question is not None and reply.question.endswith("?")


def test_suggestions_are_catalog_items_with_explanations(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    reply = session.handle("I loved Interstellar, want more space science fiction", k=3)
    assert len(reply.recommendations) == 3
    ids = catalog_ids(loaded)
    for rec in reply.recommendations:
        assert rec.item.id in ids
        assert rec.explanation.strip()
        assert rec.evidence.score_parts


def test_mentioned_title_is_never_suggested(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    reply = session.handle("I loved Interstellar (2014), more like it please", k=10)
    assert "m01" not in {rec.item.id for rec in reply.recommendations}


def test_no_horror_excludes_horror_tagged_items(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    reply = session.handle("space movies with aliens but no horror", k=10)
    tags = [rec.item.tags for rec in reply.recommendations]
    assert tags, "expected suggestions"
    assert all("horror" not in t for t in tags)


def test_disliked_and_seen_items_never_come_back(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    first = session.handle("science fiction", k=3)
    disliked, seen = first.recommendations[0].item.id, first.recommendations[1].item.id
    session.feedback(disliked, FeedbackKind.DISLIKE)
    session.feedback(seen, FeedbackKind.SEEN)
    later = loaded.session(catalog="mini")  # a new conversation, same profile
    again = later.handle("science fiction", k=10)
    suggested = {rec.item.id for rec in again.recommendations}
    assert disliked not in suggested
    assert seen not in suggested


def test_suggestions_are_not_repeated_within_a_conversation(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    first = {r.item.id for r in session.handle("comedy", k=3).recommendations}
    second = {r.item.id for r in session.handle("more comedy", k=3).recommendations}
    assert first and second
    assert not first & second


def test_like_feedback_pulls_next_suggestions_toward_the_item(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    before = session.handle("something to watch tonight, a movie", k=4)
    session.feedback("m15", FeedbackKind.LIKE)  # Knives Out: a mystery
    after = session.handle("something else to watch", k=4)
    mysteries_before = sum("mystery" in r.item.tags for r in before.recommendations)
    mysteries_after = sum("mystery" in r.item.tags for r in after.recommendations)
    assert mysteries_after > mysteries_before


def test_the_model_sees_the_wishes_not_the_negatives(loaded: Runtime) -> None:
    from recchat.llm.fake import ScriptedChatModel

    model = ScriptedChatModel()
    runtime = Runtime(loaded.settings, chat_model=model)  # a model we can inspect
    runtime.session(catalog="mini").handle("space adventures but no horror", k=2)
    asked = [call[-1]["content"].split("Item:")[0] for call in model.calls]
    assert len(asked) >= 2  # one per suggestion, and one more try for a refused text
    assert all("space adventures" in words and "horror" not in words for words in asked)
