"""Helpers for the TUI's Pilot tests: an app over the fake backends and the real embedded Chroma,
and waiting for what thread workers post back."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from textual.pilot import Pilot

from recchat.config import Settings
from recchat.domain import Evidence
from recchat.factory import Runtime
from recchat.llm.fake import ScriptedChatModel
from recchat.ranking.scripted import ScriptedRanker
from recchat.tui.app import RecchatApp
from recchat.tui.backend import Backend
from recchat.tui.screens.chat import ChatScreen
from recchat.tui.widgets.suggestion_card import SuggestionCard

SIZE = (100, 40)


def make_app(
    home: Path,
    *,
    model: ScriptedChatModel | None = None,
    resume: str | None = None,
    catalog: str | None = "mini",
    suggest: Sequence[str] | None = None,
    evidence: Mapping[str, Evidence] | None = None,
    **settings: object,
) -> RecchatApp:
    """The real app and backend over `home` (already holding the mini catalog). `suggest`: the
    items every reply suggests, with this `evidence` (a scripted ranker), where recchat's own
    ranking is not what is shown."""
    chosen = Settings(home=home, backend="fake", catalog=catalog, k=3, **settings)  # type: ignore[arg-type]
    ranker = (lambda stored: ScriptedRanker(stored, suggest, evidence)) if suggest is not None else None
    runtime = Runtime(chosen, chat_model=model, ranker=ranker)  # model None: the settings' own (fake) model
    return RecchatApp(Backend(runtime.settings, runtime), resume=resume)


def chat(app: RecchatApp) -> ChatScreen:
    return app.chat


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def ready(pilot: Pilot[None]) -> ChatScreen:
    """The chat screen once its conversation is open and the models are loaded."""
    screen = chat(pilot.app)  # type: ignore[arg-type]
    await wait_until(pilot, lambda: screen.opened is not None and not screen._loading)
    return screen


async def say(pilot: Pilot[None], text: str) -> ChatScreen:
    """Type a message, send it, and wait for the whole reply."""
    screen = chat(pilot.app)  # type: ignore[arg-type]
    screen.query_one("#input").focus()
    await pilot.press(*_keys(text), "enter")
    await wait_until(pilot, lambda: not screen.replying)
    await pilot.pause()
    return screen


def _keys(text: str) -> list[str]:
    names = {" ": "space", "/": "slash", ".": "full_stop", ",": "comma", "'": "apostrophe", "-": "minus"}
    return [names.get(ch, ch) for ch in text]


def last_cards(screen: ChatScreen) -> list[SuggestionCard]:
    return screen.cards[max(screen.cards)] if screen.cards else []


def titles(cards: list[SuggestionCard]) -> list[str]:
    return [card.rec.item.title for card in cards]


def screen_text(screen: ChatScreen) -> str:
    """All the text of the conversation, as shown."""
    parts = []
    for widget in screen.log_view.children:
        if isinstance(widget, SuggestionCard):
            parts.append(f"{widget.rec.item.title}: {widget.explanation_text}")
        else:
            parts.append(str(getattr(widget, "text", "")))
    return "\n".join(parts)
