"""One conversation object for both shells (recchat/chat.py): what it saves and in which order,
resuming (also a conversation the profile has forgotten, and one saved in an older format), and
refusing one a newer recchat saved (fake models, real embedded Chroma)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recchat.chat import Conversation
from recchat.conversation.state import STATE_FORMAT, ConversationState
from recchat.domain import FeedbackKind, Role
from recchat.errors import FormatError, NotFoundError
from recchat.factory import Runtime
from recchat.session import Request


@pytest.fixture
def store_kind() -> str:
    return "embedded"  # conversations are files and a Session; the stores are tested on their own


def events(conversation: Conversation) -> list[str]:
    path = conversation.log.path
    assert path is not None
    return [json.loads(line)["type"] for line in path.read_text().splitlines()]


def shown(reply: object) -> list[str]:
    return [r.item.id for r in reply.recommendations]  # type: ignore[attr-defined]


def test_the_words_are_saved_before_the_reply_and_the_reply_with_its_state(loaded: Runtime) -> None:
    conversation = Conversation.open(loaded, catalog="mini")
    saved_when_ranked: list[list[str]] = []
    answer = conversation.turn(
        "space science fiction", on_ranked=lambda _: saved_when_ranked.append(events(conversation))
    )
    assert saved_when_ranked == [["start", "user"]]
    conversation.feedback(shown(answer.reply)[0], FeedbackKind.LIKE)
    assert events(conversation) == ["start", "user", "reply", "feedback"]
    reply = json.loads(conversation.log.path.read_text().splitlines()[2])  # type: ignore[union-attr]
    assert [item["id"] for item in reply["items"]] == shown(answer.reply)
    assert all(item["explanation"] for item in reply["items"])  # saved explained, as shown
    assert reply["state"]["last_list"] == shown(answer.reply)


def test_a_request_that_fails_still_leaves_the_words_in_the_transcript(loaded: Runtime) -> None:
    conversation = Conversation.open(loaded, catalog="mini")
    with pytest.raises(NotFoundError):
        conversation.turn(Request("more like Nothing", more_like="no-such-item"))
    assert events(conversation) == ["start", "action"]


def test_a_resumed_conversation_carries_its_state_and_excludes_what_it_showed(loaded: Runtime) -> None:
    first = Conversation.open(loaded, catalog="mini")
    before = shown(first.turn("space science fiction").reply)
    # resumed in a profile that does not hold the conversation's turns (as incognito, or forgotten)
    again = Conversation.open(Runtime(loaded.settings), resume=first.id, profile=loaded.profile("other"))
    assert again.id == first.id and again.session.state.last_list == tuple(before)
    assert not set(before) & set(shown(again.turn("space science fiction").reply))


def _saved_before_states(runtime: Runtime, state: dict[str, object] | None) -> tuple[str, list[str]]:
    """A conversation as an older recchat saved it: its replies without a state (or with one in
    an older format)."""
    conversation = Conversation.open(runtime, catalog="mini")
    answer = conversation.turn("space science fiction")
    path = conversation.log.path
    assert path is not None
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    for line in lines:
        line.pop("state", None)
        if state is not None and line["type"] == "reply":
            line["state"] = state
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return conversation.id, shown(answer.reply)


@pytest.mark.parametrize("state", [None, {"format": STATE_FORMAT - 1, "last_list": ["x"]}], ids=["none", "older"])
def test_an_older_conversation_is_resumed_with_the_list_it_showed(
    loaded: Runtime, state: dict[str, object] | None
) -> None:
    conversation_id, before = _saved_before_states(loaded, state)
    resumed = Conversation.open(Runtime(loaded.settings), resume=conversation_id)
    assert resumed.session.state.last_list == tuple(before)
    reply = resumed.turn("I've seen the second one").reply
    assert before[1] not in shown(reply) and "seen" in resumed.session.profile.entries[-2].utterance.text


def test_a_conversation_saved_by_a_newer_recchat_is_refused_not_emptied(loaded: Runtime) -> None:
    conversation_id, _ = _saved_before_states(loaded, {"format": STATE_FORMAT + 1, "whatever": 1})
    with pytest.raises(FormatError, match=f"conversation {conversation_id} was saved by a newer recchat"):
        Conversation.open(Runtime(loaded.settings), resume=conversation_id)
    path = loaded.settings.history_dir / f"{conversation_id}.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    lines[0]["format"] = 99
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    with pytest.raises(FormatError, match="it is in format 99"):
        Conversation.open(Runtime(loaded.settings), resume=conversation_id)


def test_a_state_in_another_format_is_refused_rather_than_read_as_empty() -> None:
    with pytest.raises(FormatError):
        ConversationState.from_json({"format": STATE_FORMAT + 1, "last_list": ["a"]})


def test_forgetting_scrubs_the_open_transcript(loaded: Runtime) -> None:
    conversation = Conversation.open(loaded, catalog="mini")
    conversation.turn("a quokkasecret space story")
    conversation.turn("something funny")
    assert conversation.forget_matching("quokkasecret") == 1
    assert not any("quokkasecret" in str(event) for event in conversation.log.events)
    assert "quokkasecret" not in (conversation.log.path or Path()).read_text()


def test_what_a_conversation_records_belongs_to_the_catalog_it_was_said_over(loaded: Runtime) -> None:
    """The per-catalog profile through the conversation: turns, suggestions and feedback carry
    the catalog; after a switch, the next ones carry the new one; resumed over the first catalog,
    what it suggested there counts as suggested (and only that catalog's items do), and what was
    liked never comes back; a message in another language changes nothing."""
    from recchat.catalog.importer import import_catalog

    import_catalog(loaded.store, loaded.embedder, Path(__file__).parent / "data" / "history" / "catalog", "hist")
    conversation = Conversation.open(loaded, catalog="mini")
    before = shown(conversation.turn("space science fiction").reply)
    conversation.feedback(before[0], FeedbackKind.LIKE)
    conversation.switch_catalog("hist")
    conversation.turn("something funny")
    said = [(e.utterance.text, e.utterance.catalog) for e in conversation.session.profile.entries]
    assert {catalog for _, catalog in said[:3]} == {"mini"} and said[3:] and {c for _, c in said[3:]} == {"hist"}
    heard = [e.utterance.id for e in conversation.session.profile.entries if e.utterance.role is Role.USER]
    state = conversation.session.state
    notice = conversation.turn("un film drôle des années 90, pas de romance").reply
    assert "French" in notice.message and not notice.recommendations
    after = [e.utterance.id for e in conversation.session.profile.entries if e.utterance.role is Role.USER]
    assert after == heard and conversation.session.state == state  # nothing read into it
    assert events(conversation)[-2:] == ["user", "reply"]  # said, and answered, in the transcript
    resumed = Conversation.open(Runtime(loaded.settings), resume=conversation.id, catalog="mini")
    believed = resumed.session.snapshot()
    assert set(before) <= believed.suggested_items <= {r.id for r in loaded.catalog("mini").index.entries}
    again = shown(resumed.turn("space science fiction").reply)
    assert again and before[0] not in again  # liked: never suggested again
