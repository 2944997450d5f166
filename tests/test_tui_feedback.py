"""Suggestion cards, feedback, "Why this?" and the profile panel (Pilot, fake backends, real Chroma)."""

from __future__ import annotations

import pytest
from tui_support import SIZE, last_cards, make_app, ready, say, titles, wait_until

from recchat.domain import FeedbackKind
from recchat.factory import Runtime
from recchat.tui.screens.help import HelpScreen
from recchat.tui.screens.why import WhyScreen
from recchat.tui.widgets.profile_panel import ProfilePanel
from recchat.tui.widgets.suggestion_card import SuggestionCard


@pytest.fixture
def store_kind() -> str:
    return "embedded"


def profile_feedback(runtime: Runtime) -> dict[str, FeedbackKind]:
    """What the stored profile holds, read back through a fresh Runtime (not the app's objects)."""
    fresh = Runtime(runtime.settings)
    return {
        m.item_id: e.utterance.feedback
        for e in fresh.profile().entries
        if e.utterance.feedback is not None
        for m in e.utterance.mentions
    }


async def test_keys_on_a_card_save_feedback_at_once(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "science fiction")
        first, second, third = last_cards(screen)
        for card, key, kind in ((first, "l", FeedbackKind.LIKE), (second, "d", FeedbackKind.DISLIKE)):
            card.focus()
            await pilot.press(key)
            await wait_until(pilot, lambda card=card: card.feedback is not None)
            assert card.feedback is kind
        third.focus()
        await pilot.press("s")
        await wait_until(pilot, lambda: third.feedback is not None)
        stored = profile_feedback(loaded)
        assert stored[first.rec.item.id] is FeedbackKind.LIKE
        assert stored[second.rec.item.id] is FeedbackKind.DISLIKE
        assert stored[third.rec.item.id] is FeedbackKind.SEEN


async def test_buttons_work_like_keys(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "science fiction")
        card = last_cards(screen)[0]
        card.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(f"#{card.id} .action-not_now")
        await wait_until(pilot, lambda: card.feedback is not None)
        assert card.feedback is FeedbackKind.NOT_NOW


async def test_disliked_and_seen_never_come_back_and_the_next_list_changes(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "science fiction")
        first, second, _ = last_cards(screen)
        gone = {first.rec.item.title, second.rec.item.title}
        first.focus()
        await pilot.press("d")
        second.focus()
        await pilot.press("s")
        await wait_until(pilot, lambda: first.feedback is not None and second.feedback is not None)
        await pilot.press("o")  # something else, from the focused card
        await wait_until(pilot, lambda: len(screen.cards) == 2 and not screen.replying)
        refilled = titles(last_cards(screen))
        assert refilled
        assert not gone & set(refilled)
    # and in a new conversation over the same profile too
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "science fiction")
        assert not gone & set(titles(last_cards(screen)))


async def test_more_like_this_refills_with_close_items(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "a cosy mystery")
        card = last_cards(screen)[0]
        card.focus()
        await pilot.press("m")
        await wait_until(pilot, lambda: len(screen.cards) == 2 and not screen.replying)
        assert last_cards(screen)
        assert f"more like {card.rec.item.title}" in [getattr(w, "text", "") for w in screen.log_view.children]


async def test_why_this_shows_the_evidence(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "space science fiction")
        card: SuggestionCard = last_cards(screen)[0]
        card.focus()
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, WhyScreen))
        text = str(app.screen.query_one("#evidence").content)  # type: ignore[attr-defined]
        assert card.rec.item.title in text
        assert "space science fiction" in text  # the utterance that matched
        assert card.rec.reasons and all(reason in text for reason in card.rec.reasons)
        for part in card.rec.evidence.score_parts:
            assert part in text
        await pilot.press("escape")
        assert app.screen is screen


async def test_profile_panel_shows_beliefs_and_deletes_them(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "science fiction")
        card = last_cards(screen)[0]
        card.focus()
        await pilot.press("l")
        await wait_until(pilot, lambda: card.feedback is not None)
        await pilot.press("ctrl+b")
        panel = screen.query_one(ProfilePanel)
        await wait_until(pilot, lambda: any(b is not None and b.section == "Likes" for b in panel.beliefs))
        index = next(i for i, b in enumerate(panel.beliefs) if b is not None and b.section == "Likes")
        assert panel.beliefs[index].text == card.rec.item.title  # type: ignore[union-attr]
        panel.query_one("#beliefs").highlighted = index  # type: ignore[attr-defined]
        await pilot.press("delete")
        await wait_until(pilot, lambda: not any(b is not None and b.section == "Likes" for b in panel.beliefs))
        assert card.rec.item.id not in profile_feedback(loaded)


async def test_incognito_stores_nothing(loaded: Runtime) -> None:
    before = profile_feedback(loaded)
    app = make_app(loaded.settings.home, incognito=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "science fiction")
        card = last_cards(screen)[0]
        card.focus()
        await pilot.press("l")
        await wait_until(pilot, lambda: card.feedback is not None)
        assert "incognito" in str(screen.query_one("#status").content)  # type: ignore[attr-defined]
    assert profile_feedback(loaded) == before
    assert not (loaded.settings.history_dir).exists() or not list(loaded.settings.history_dir.iterdir())


async def test_tab_from_the_input_goes_to_the_latest_suggestions(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await say(pilot, "science fiction")
        screen = await say(pilot, "something funny")
        assert len(screen.cards) == 2
        await pilot.press("tab")
        assert screen.focused is last_cards(screen)[0]
        await pilot.press("escape", "shift+tab")  # and back: the latest reply's last card
        assert screen.focused is last_cards(screen)[-1]


@pytest.mark.parametrize("size", [(80, 24), (101, 30), (200, 50)])
async def test_why_this_and_help_sit_in_the_middle(loaded: Runtime, size: tuple[int, int]) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await say(pilot, "science fiction")
        for keys, shown in ((("tab", "w"), WhyScreen), (("f1",), HelpScreen)):
            await pilot.press(*keys)
            await wait_until(pilot, lambda shown=shown: isinstance(pilot.app.screen, shown))
            panel = pilot.app.screen.query_one(".panel").region
            assert abs(panel.x - (size[0] - panel.right)) <= 1 and abs(panel.y - (size[1] - panel.bottom)) <= 1
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(pilot.app.screen, (WhyScreen, HelpScreen)))
