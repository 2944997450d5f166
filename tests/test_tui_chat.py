"""The chat: greeting, typing, streaming, stopping, input recall (Pilot, fake backends, real Chroma)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import SIZE, last_cards, make_app, ready, say, screen_text, titles, wait_until

from recchat.factory import Runtime
from recchat.llm.fake import ScriptedChatModel
from recchat.tui.widgets.chat_input import ChatInput
from recchat.tui.widgets.notice import ErrorMessage, Notice


@pytest.fixture
def store_kind() -> str:
    return "embedded"  # the TUI talks to the core; the server store is covered by the core's tests


async def test_a_new_profile_is_greeted_with_one_question(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        text = screen_text(screen)
        assert "mini" in text
        assert text.count("?") == 1
        assert isinstance(screen.focused, ChatInput)


async def test_a_message_gets_catalog_suggestions_with_explanations(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    catalog_titles = {e.title for e in loaded.catalog("mini").index.entries}
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "I want space science fiction")
        cards = last_cards(screen)
        assert len(cards) == 3
        assert set(titles(cards)) <= catalog_titles
        for card in cards:
            # the fake model's words (its first reason), streamed into the card and checked
            assert card.rec.explanation_source == "llm"
            assert card.rec.item.title.split(" (")[0] in card.explanation_text
        assert "I want space science fiction" in screen_text(screen)


async def test_while_the_person_types_the_model_reads_the_explanation_prompts_start(loaded: Runtime) -> None:
    model = ScriptedChatModel()
    app = make_app(loaded.settings.home, model=model)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: bool(model.prefilled))
        assert model.prefilled == [loaded.explanation_start()]


async def test_explanations_stream_piece_by_piece(loaded: Runtime) -> None:
    model = ScriptedChatModel(delay=0.05)
    app = make_app(loaded.settings.home, model=model)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.query_one(ChatInput).focus()
        await pilot.press(*"scifi", "enter")
        await wait_until(pilot, lambda: bool(last_cards(screen)))
        last = last_cards(screen)[-1]  # it starts streaming well after the cards are shown
        seen: set[str] = set()
        while screen.replying:
            seen.add(last.explanation_text)
            await pilot.pause(0.02)
        # more than the placeholder and the final text: it grew while the reply was running
        assert len(seen) >= 3


async def test_a_card_ends_with_the_checked_text_not_what_streamed(loaded: Runtime) -> None:
    false = "It is a horror movie from 1999 with Tom Cruise."  # no item of the catalog backs this
    model = ScriptedChatModel([false], delay=0.02)
    app = make_app(loaded.settings.home, model=model)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.query_one(ChatInput).focus()
        await pilot.press(*"space science fiction", "enter")
        await wait_until(pilot, lambda: bool(last_cards(screen)))
        first = last_cards(screen)[0]
        # the first card is checked as soon as its own explanation ends, before the others do
        await wait_until(pilot, lambda: first.rec.reasons != () or first.rec.explanation_source == "template")
        await wait_until(pilot, lambda: not screen.replying, timeout=10)
        for card in last_cards(screen):
            assert card.rec.explanation_source == "template"
            assert "1999" not in card.explanation_text and card.explanation_text == card.rec.explanation
            assert card.rec.item.title.split(" (")[0] in card.explanation_text


async def test_escape_stops_a_reply_and_the_conversation_goes_on(loaded: Runtime) -> None:
    slow = [True]  # explanations that take long, until the reply is stopped
    model = ScriptedChatModel(lambda _: "word " * 200 if slow[0] else "A short one.", delay=0.05)
    app = make_app(loaded.settings.home, model=model)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.query_one(ChatInput).focus()
        await pilot.press(*"scifi", "enter")
        await wait_until(pilot, lambda: bool(last_cards(screen)) and "word" in last_cards(screen)[0].explanation_text)
        await pilot.press("ctrl+c")  # must not quit
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.replying, timeout=5)
        assert app.is_running
        assert any("stopped" in n.text for n in screen.query(Notice))
        calls = len(model.calls)
        assert calls < 3  # the remaining cards were not sent to the model
        slow[0] = False  # the conversation goes on (and its next reply need not take 10 s a card)
        screen = await say(pilot, "comedy")
        assert len(screen.cards) == 2


async def test_up_recalls_earlier_input_and_ctrl_j_adds_a_line(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await say(pilot, "comedy")
        chat_input = screen.query_one(ChatInput)
        await pilot.press("up")
        assert chat_input.text == "comedy"
        await pilot.press("down")
        assert chat_input.text == ""
        await pilot.press("a", "ctrl+j", "b")
        assert chat_input.text == "a\nb"


async def test_ctrl_q_quits(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_no_catalog_is_shown_in_the_app_with_the_fix(home: Path) -> None:
    app = make_app(home, catalog=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.chat  # not ready(): the catalog never opens
        await wait_until(pilot, lambda: bool(screen.query(ErrorMessage)))
        error = screen.query(ErrorMessage).first()
        assert "no catalog" in error.text
        assert "/catalog add" in error.text
        screen = await say(pilot, "anything")  # still running, still answering (with the fix)
        assert app.is_running
        assert len(screen.query(ErrorMessage)) == 2


async def test_a_missing_model_is_shown_with_the_fix_and_suggestions_still_come(
    loaded: Runtime, tmp_path: Path
) -> None:
    from recchat.config import GenerationParams
    from recchat.llm.llama_cpp import LlamaCppModel

    missing = LlamaCppModel(tmp_path / "gone.gguf", GenerationParams())  # the real backend, no file
    app = make_app(loaded.settings.home, model=missing)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        screen = app.chat
        await wait_until(pilot, lambda: bool(screen.query(ErrorMessage)))
        error = screen.query(ErrorMessage).first()
        assert "gone.gguf" in error.text
        screen = await say(pilot, "space science fiction")
        assert app.is_running
        cards = last_cards(screen)
        assert cards and all(card.rec.explanation_source == "template" for card in cards)


@pytest.mark.slow
async def test_the_view_follows_new_text_unless_scrolled_up(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home, model=ScriptedChatModel(delay=0.05))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await say(pilot, "space science fiction")
        log = screen.log_view
        assert log.scroll_y == log.max_scroll_y > 0  # followed the reply to its end
        screen.query_one(ChatInput).focus()
        await pilot.press(*"comedy", "enter")
        await wait_until(pilot, lambda: len(screen.cards) == 2)
        for _ in range(20):  # the user pages up to reread while the reply streams
            await pilot.press("pageup")
        await wait_until(pilot, lambda: not screen.replying)
        assert log.scroll_y == 0 < log.max_scroll_y  # left where the user was reading
        await pilot.press("pagedown")
        assert log.scroll_y > 0
