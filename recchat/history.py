"""Saved conversations: one JSON Lines file per conversation in `settings.history_dir`.

Each line is one event (`start`, `user`, `action`, `reply`, `feedback`, `catalog`), appended as
it happens, so a crash loses at most the line being written; a damaged line is skipped on load.
The file name is the session id, so a resumed conversation keeps excluding what it suggested.

The `start` event carries the file's format (FORMAT) and each reply the conversation's state
in its own format (conversation/state.py). What an older recchat saved is read on: a reply
without a state of this format (saved before states were kept) has its state rebuilt from the
transcript, the suggestions shown; what a newer recchat saved is refused with a clear error,
never read as an empty conversation.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recchat.conversation.state import STATE_FORMAT, ConversationState
from recchat.domain import FeedbackKind, Recommendation, Reply, Utterance
from recchat.errors import FormatError, NotFoundError
from recchat.serialize import recommendation_json
from recchat.text import clean, content_words, shorten

FORMAT = 1
Event = dict[str, Any]


class ConversationLog:
    """The events of one conversation, kept in memory and appended to its file as they happen.

    With no folder (incognito) nothing is written. The file is created (private) with the first
    message, so opening the app and quitting leaves no empty conversation behind.
    """

    def __init__(self, folder: Path | None, conversation_id: str, events: list[Event] | None = None) -> None:
        self.path = folder / f"{conversation_id}.jsonl" if folder is not None else None
        self.id = conversation_id
        self.events: list[Event] = list(events or [])

    def start(self, *, catalog: str, profile: str) -> None:
        if not self.events:
            self.events.append(
                {
                    "type": "start",
                    "id": self.id,
                    "format": FORMAT,
                    "catalog": catalog,
                    "profile": profile,
                    "time": time.time(),
                }
            )

    def user(self, text: str) -> None:
        self._append({"type": "user", "text": text})

    def action(self, text: str) -> None:
        """A request made with a key or button ("more like X"), not typed words."""
        self._append({"type": "action", "text": text})

    def reply(
        self,
        reply: Reply,
        recommendations: Iterable[Recommendation],
        *,
        stopped: bool = False,
        state: ConversationState | None = None,
    ) -> None:
        """`state` is the conversation's state after this reply: what a resumed conversation (or
        `ask --continue`) carries on from."""
        self._append(
            {
                "type": "reply",
                "message": reply.message,
                "question": reply.question,
                "understood": reply.understood,
                "items": [recommendation_json(rec) for rec in recommendations],
                "stopped": stopped,
                **({"state": state.to_json()} if state is not None else {}),
            }
        )

    def feedback(self, item_id: str, title: str, kind: FeedbackKind) -> None:
        self._append({"type": "feedback", "item": item_id, "title": title, "kind": kind.value})

    def catalog(self, name: str) -> None:
        self._append({"type": "catalog", "name": name})

    def scrub(self, texts: set[str]) -> None:
        """Forget what the person said (`profile forget`): their words leave the transcript,
        in memory and on disk, with the state and summaries read from them."""
        self.events = scrubbed(self.events, texts)
        if self.path is not None and self.path.exists():
            _rewrite(self.path, self.events)

    def _append(self, event: Event) -> None:
        event = {**event, "time": time.time()}
        self.events.append(event)
        if self.path is None:
            return
        new_file = not self.path.exists()
        unwritten = self.events if new_file else [event]
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in unwritten))


@dataclass
class SavedConversation:
    """A saved conversation, read back."""

    id: str
    path: Path
    events: list[Event] = field(default_factory=list)

    @property
    def catalog(self) -> str | None:
        names = [e.get("catalog") or e.get("name") for e in self.events if e["type"] in {"start", "catalog"}]
        return next((str(n) for n in reversed(names) if n), None)

    @property
    def profile(self) -> str | None:
        start = next((e for e in self.events if e["type"] == "start"), None)
        return str(start["profile"]) if start and start.get("profile") else None

    @property
    def format(self) -> int:
        start = next((e for e in self.events if e["type"] == "start"), {})
        found = start.get("format", FORMAT)
        return found if isinstance(found, int) else FORMAT

    @property
    def state(self) -> ConversationState:
        """Where the conversation stands after its last reply that kept its state (forgetting
        scrubs the state of a reply that quoted the forgotten words). Saved in an older format,
        or before states were kept, it is rebuilt from the suggestions shown."""
        for event in reversed(self.events):
            saved = event.get("state") if event["type"] == "reply" else None
            if not isinstance(saved, dict):
                continue
            found = saved.get("format")
            if isinstance(found, int) and found > STATE_FORMAT:
                raise _newer(self, f"its state is in format {found}, this recchat reads {STATE_FORMAT}")
            if found == STATE_FORMAT:
                return ConversationState.from_json(saved)
            break  # older than this format: read what the transcript says instead
        return shown_state(self.events)

    @property
    def title(self) -> str:
        first = next((e["text"] for e in self.events if e["type"] == "user"), "")
        return shorten(clean(str(first)), 60) or "(no messages)"

    @property
    def turns(self) -> int:
        return sum(1 for e in self.events if e["type"] == "user")

    @property
    def updated(self) -> float:
        return max((float(e.get("time", 0.0)) for e in self.events), default=0.0)

    def user_texts(self) -> list[str]:
        return [str(e["text"]) for e in self.events if e["type"] == "user"]

    def assistant_texts(self) -> list[str]:
        """What the assistant said, titles included: replayed into a profile that lacks it."""
        texts = []
        for event in self.events:
            if event["type"] == "reply":
                titles = "; ".join(str(item.get("title", "")) for item in event.get("items", []))
                texts.append(f"{event.get('message', '')} {titles}".strip())
        return texts


def shown_state(events: Iterable[Event]) -> ConversationState:
    """The state a transcript shows without a saved one: its last list ("the second one") and
    every suggestion so far (not shown again). The constraints and topic were never saved."""
    lists = [[str(item["id"]) for item in e.get("items", []) if "id" in item] for e in events if e["type"] == "reply"]
    state = ConversationState()
    for shown in lists:
        if shown:
            state = state.suggested(shown)
    return state


def _newer(conversation: SavedConversation, why: str) -> FormatError:
    return FormatError(
        f"conversation {conversation.id} was saved by a newer recchat: {why}",
        "update recchat to carry it on (a new conversation works as it is)",
    )


def scrubbed(events: list[Event], texts: set[str]) -> list[Event]:
    """The events without the person's words: their turns, and what replies quote of them (any
    of their words the conversation's remaining turns do not say themselves)."""
    kept = [e for e in events if not (e["type"] in {"user", "action"} and str(e.get("text", "")) in texts)]
    own = {w for e in kept if e["type"] in {"user", "action"} for w in content_words(str(e.get("text", "")))}
    sensitive = {w for text in texts for w in content_words(text)} - own
    return [_scrubbed_reply(e) if e["type"] == "reply" and _quotes(e, texts, sensitive) else e for e in kept]


def _quotes(event: Event, texts: set[str], sensitive: set[str]) -> bool:
    dumped = json.dumps(event, ensure_ascii=False)
    return any(text in dumped for text in texts) or bool(sensitive & set(content_words(dumped)))


def _scrubbed_reply(event: Event) -> Event:
    """A reply keeps what it suggested; what may quote the person (explanations, the words that
    matched, the state) goes."""
    reply = {k: v for k, v in event.items() if k not in {"state", "understood"}}
    items = []
    for item in event.get("items", []):
        evidence = {k: v for k, v in (item.get("evidence") or {}).items() if k not in {"utterances", "fields"}}
        items.append({**item, "explanation": "", "evidence": evidence})
    return {**reply, "items": items}


def _rewrite(path: Path, events: list[Event]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events))
    temporary.replace(path)  # atomic: a crash leaves the old transcript or the new one


class Transcripts:
    """The saved conversations of one data folder, as the profile sees them: what it forgets
    is forgotten here too, in every transcript that holds or quotes it."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def forget(self, utterances: Iterable[Utterance]) -> None:
        texts = {u.text for u in utterances}
        if self.folder is None or not self.folder.is_dir() or not texts:
            return
        words = {w for text in texts for w in content_words(text)}
        for path in sorted(self.folder.glob("*.jsonl")):
            raw = path.read_text(encoding="utf-8", errors="replace").lower()
            if not any(w in raw for w in words) and not any(t.lower() in raw for t in texts):
                continue
            events = read_events(path)
            kept = scrubbed(events, texts)
            if kept == events:
                continue
            if any(e["type"] in {"user", "action"} for e in kept):
                _rewrite(path, kept)
            else:
                path.unlink()  # nothing of the person's is left in it


def read_events(path: Path) -> list[Event]:
    events = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash: the rest of the conversation still loads
            if isinstance(event, dict) and isinstance(event.get("type"), str):
                events.append(event)
    return events


def load(folder: Path, wanted: str, *, profile: str | None = None) -> SavedConversation:
    """`wanted` is a conversation id, a unique prefix of one, or 'last' (the latest, of `profile`
    when given). One saved by a newer recchat, in a format this one cannot read, is refused."""
    found = _find(folder, wanted, profile)
    if found.format > FORMAT:
        raise _newer(found, f"it is in format {found.format}, this recchat reads {FORMAT}")
    return found


def _find(folder: Path, wanted: str, profile: str | None) -> SavedConversation:
    paths = _by_recency(folder)
    if not paths:
        raise NotFoundError("no saved conversations yet", "chat first; conversations are saved as you go")
    if wanted == "last":
        if profile is None:
            chosen = paths[0]
        else:
            found = next(
                (c for c in (SavedConversation(p.stem, p, read_events(p)) for p in paths) if c.profile == profile),
                None,
            )
            if found is None:
                raise NotFoundError(f"no saved conversation of profile '{profile}' yet", "ask something first")
            return found
    else:
        matches = [p for p in paths if p.stem == wanted] or [p for p in paths if p.stem.startswith(wanted)]
        if len(matches) != 1:
            problem = "no saved conversation" if not matches else "several saved conversations start with"
            raise NotFoundError(
                f"{problem} '{wanted}'", "/history lists them; `recchat --resume last` takes the latest"
            )
        chosen = matches[0]
    return SavedConversation(chosen.stem, chosen, read_events(chosen))


def recent(folder: Path, limit: int = 200) -> list[SavedConversation]:
    conversations = [SavedConversation(p.stem, p, read_events(p)) for p in _by_recency(folder)[:limit]]
    return [c for c in conversations if c.turns]


def _by_recency(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.jsonl"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def feedback_given(events: Iterable[Event]) -> dict[str, FeedbackKind]:
    """The latest feedback per item, to show resumed cards as they were left."""
    given: dict[str, FeedbackKind] = {}
    for event in events:
        if event["type"] == "feedback" and event.get("kind") in FeedbackKind._value2member_map_:
            given[str(event["item"])] = FeedbackKind(event["kind"])
    return given


def to_markdown(conversation_id: str, events: Iterable[Event]) -> str:
    """The conversation as a Markdown document (`/export`)."""
    lines = [f"# recchat conversation {conversation_id}", ""]
    for event in events:
        lines.extend(_event_markdown(event))
    return "\n".join(lines).rstrip() + "\n"


def _event_markdown(event: Event) -> Iterator[str]:
    kind = event["type"]
    if kind == "user":
        yield from (f"**You:** {_one_line(event['text'])}", "")
    elif kind == "reply":
        yield from (f"**recchat:** {_one_line(event.get('message', ''))}", "")
        for number, item in enumerate(event.get("items", []), start=1):
            yield f"{number}. **{_one_line(item.get('title', ''))}** — {_one_line(item.get('explanation', ''))}"
        if event.get("items"):
            yield ""
        if event.get("question") and event.get("items"):
            yield from (f"*{_one_line(event['question'])}*", "")
    elif kind == "action":
        yield from (f"**You:** *{_one_line(event.get('text', ''))}*", "")
    elif kind == "feedback":
        yield from (f"> {event.get('kind', '').replace('_', ' ')}: {_one_line(event.get('title', ''))}", "")
    elif kind == "catalog":
        yield from (f"> switched to catalog {_one_line(event.get('name', ''))}", "")


def _one_line(value: object) -> str:
    return " ".join(clean(str(value)).split())
