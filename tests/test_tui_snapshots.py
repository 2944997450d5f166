"""Snapshots of the main screens at 80x24, the smallest size the app supports.

The suggestions come from a scripted ranker and the explanations from the fake model, so a
changed picture means a changed screen, not a change in ranking. After an intended change:
`pytest tests/test_tui_snapshots.py --snapshot-update`, then look at the new SVGs before
committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_support import make_app, ready, say, wait_until

from recchat.domain import Evidence, MatchedUtterance
from recchat.factory import Runtime

SMALL = (80, 24)
SUGGESTED = ("m07", "m05", "m01")  # Alien, 2001: A Space Odyssey, Interstellar: whatever was asked
# What "Why this?" shows of the first: every part of the screen, none of it from recchat's ranking.
EVIDENCE = {
    "m07": Evidence(
        utterances=(MatchedUtterance("space science fiction", 1.0, 0.45),),
        fields=("tags: science fiction", "tags: space", "description: space"),
        related_titles=("2001: A Space Odyssey (1968)",),
        score_parts={"request": 0.227, "profile": 0.227, "lexical": 0.975, "popularity": 1.2, "avoid": -0.1},
    )
}
Snap = Callable[..., bool]


@pytest.fixture
def store_kind() -> str:
    return "embedded"  # the screens do not depend on where the store is


def _after(*steps: Callable[[Pilot[Any]], Awaitable[None]]) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        for step in steps:
            await step(pilot)
        await pilot.pause()

    return run_before


async def _ask(pilot: Pilot[Any]) -> None:
    await say(pilot, "space science fiction")


async def _focus_first_card(pilot: Pilot[Any]) -> None:
    await pilot.press("tab")


async def _open_why(pilot: Pilot[Any]) -> None:
    await pilot.press("tab", "w")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "WhyScreen")


async def _open_profile(pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+b")


async def _open_help(pilot: Pilot[Any]) -> None:
    await pilot.press("f1")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "HelpScreen")


def test_first_screen_greets_and_asks(loaded: Runtime, snap_compare: Snap) -> None:
    assert snap_compare(
        make_app(loaded.settings.home, suggest=SUGGESTED, evidence=EVIDENCE), run_before=_after(), terminal_size=SMALL
    )


def test_suggestion_cards_with_the_first_focused(loaded: Runtime, snap_compare: Snap) -> None:
    app = make_app(loaded.settings.home, suggest=SUGGESTED, evidence=EVIDENCE)
    assert snap_compare(app, run_before=_after(_ask, _focus_first_card), terminal_size=SMALL)


def test_why_this(loaded: Runtime, snap_compare: Snap) -> None:
    assert snap_compare(
        make_app(loaded.settings.home, suggest=SUGGESTED, evidence=EVIDENCE),
        run_before=_after(_ask, _open_why),
        terminal_size=SMALL,
    )


def test_profile_panel(loaded: Runtime, snap_compare: Snap) -> None:
    app = make_app(loaded.settings.home, suggest=SUGGESTED, evidence=EVIDENCE)
    assert snap_compare(app, run_before=_after(_ask, _open_profile), terminal_size=SMALL)


def test_help(loaded: Runtime, snap_compare: Snap) -> None:
    assert snap_compare(
        make_app(loaded.settings.home, suggest=SUGGESTED, evidence=EVIDENCE),
        run_before=_after(_open_help),
        terminal_size=SMALL,
    )
