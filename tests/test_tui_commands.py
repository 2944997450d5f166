"""Slash commands, the palette, help, and resuming saved conversations (Pilot, fake backends)."""

from __future__ import annotations

from pathlib import Path

import pytest
from model_stores import Machine
from textual.command import CommandPalette
from tui_support import SIZE, last_cards, make_app, ready, say, screen_text, titles, wait_until

from conftest import SAMPLE_CATALOG
from recchat.domain import FeedbackKind
from recchat.factory import Runtime
from recchat.tui.screens.help import HelpScreen
from recchat.tui.screens.history import HistoryScreen
from recchat.tui.widgets.chat_input import ChatInput
from recchat.tui.widgets.notice import ErrorMessage, Notice
from recchat.tui.widgets.profile_panel import ProfilePanel


@pytest.fixture
def store_kind() -> str:
    return "embedded"


def notices(screen: object) -> list[str]:
    return [n.text for n in screen.query(Notice)]  # type: ignore[attr-defined]


async def test_help_by_command_and_f1(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await say(pilot, "/help")
        assert isinstance(app.screen, HelpScreen)
        assert "/catalog" in str(app.screen.query_one("#help-text").content)  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_unknown_command_is_an_error_not_a_message(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "/frobnicate")
        assert "no command '/frobnicate'" in screen.query_one(ErrorMessage).text
        assert not screen.cards


async def test_profile_and_forget_commands(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "space science fiction")
        await say(pilot, "/profile")
        panel = screen.query_one(ProfilePanel)
        assert panel.is_open
        await wait_until(pilot, lambda: any(b is not None and b.section == "You said" for b in panel.beliefs))
        await say(pilot, "/forget all")
        await wait_until(pilot, lambda: any(n.startswith("forgotten: everything") for n in notices(screen)))
        await wait_until(pilot, lambda: not [b for b in panel.beliefs if b is not None])
    assert Runtime(loaded.settings).profile().entries == []


async def test_catalog_lists_adds_with_progress_and_switches(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "/catalog")
        await wait_until(pilot, lambda: any("→ mini" in n for n in notices(screen)))
        progress: list[str] = []
        show_loading = screen.show_step

        def recorded(step: str) -> None:  # every loading state the status line is given, however brief
            progress.append(step)
            show_loading(step)

        screen.show_step = recorded  # type: ignore[method-assign]
        screen.query_one(ChatInput).load_text(f"/catalog add {SAMPLE_CATALOG} games")
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("now suggesting from games" in n for n in notices(screen)))
        assert any(step.startswith("importing: ") for step in progress)
        assert any(n.startswith("imported catalog games") for n in notices(screen))
        screen = await say(pilot, "a cooperative game")
        games = {e.title for e in Runtime(loaded.settings).catalog("games").index.entries}
        assert set(titles(last_cards(screen))) <= games


async def test_export_writes_the_conversation_as_markdown(loaded: Runtime, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "space science fiction")
        first = last_cards(screen)[0].rec.item.title
        await say(pilot, f"/export {target}")
    text = target.read_text()
    assert "**You:** space science fiction" in text
    assert first in text


async def test_new_starts_a_fresh_conversation(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "space science fiction")
        old = app.backend.session.id
        await say(pilot, "/new")
        await wait_until(pilot, lambda: app.backend.session.id != old)
        await pilot.pause()
        assert "space science fiction" not in screen_text(screen)
        assert not screen.cards


async def test_model_command_shows_and_switches_the_model(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "/model")
        await wait_until(pilot, lambda: any(n == "model: fake:scripted" for n in notices(screen)))
        await say(pilot, "/model off")
        await wait_until(pilot, lambda: app.backend.model_name().startswith("none"))
        screen = await say(pilot, "space science fiction")
        assert all(card.rec.explanation_source == "template" for card in last_cards(screen))


async def test_tab_completes_commands_and_model_names(loaded: Runtime, machine: Machine) -> None:
    app = make_app(loaded.settings.home, model_search=machine.search)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        chat_input = screen.query_one(ChatInput)
        await pilot.press(*"/mo", "tab")  # /model or /more
        assert chat_input.text == "/mo"
        await wait_until(pilot, lambda: "Tab: /model  /more" in notices(screen))
        await pilot.press("d", "tab")
        assert chat_input.text == "/model "
        await pilot.press(*"oll", "tab")  # three Ollama models: as far as they agree, and the choices
        assert chat_input.text == "/model ollama:"
        await wait_until(
            pilot, lambda: any(n.startswith("Tab: ") and "ollama:qwen2.5:3b" in n for n in notices(screen))
        )
        await pilot.press("q", "tab")
        assert chat_input.text == "/model ollama:qwen2.5:3b"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.backend.runtime.settings.model == "ollama:qwen2.5:3b")
        assert chat_input.has_focus  # Tab completed rather than moving the focus away


async def test_model_command_lists_the_machine_and_refuses_an_unknown_name(loaded: Runtime, machine: Machine) -> None:
    app = make_app(loaded.settings.home, model_search=machine.search)
    async with app.run_test(size=SIZE) as pilot:
        screen = await say(pilot, "/model")
        await wait_until(pilot, lambda: any("chat models on this machine" in n for n in notices(screen)))
        listing = next(n for n in notices(screen) if "chat models on this machine" in n)
        assert all(name in listing for name in machine.offered)
        screen = await say(pilot, "/model ollama:qwen9:1b")
        await wait_until(pilot, lambda: bool(screen.query(ErrorMessage)))
        assert "no model file or model name 'ollama:qwen9:1b'" in screen.query(ErrorMessage).first().text
        assert app.backend.runtime.settings.model is None  # still the model it had
        screen = await say(pilot, "space science fiction")
        assert last_cards(screen)


async def test_command_palette_runs_slash_commands(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"/help", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_resume_brings_back_the_conversation_and_its_feedback(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await say(pilot, "space science fiction")
        card = last_cards(screen)[0]
        card.focus()
        await pilot.press("l")
        await wait_until(pilot, lambda: card.feedback is not None)
        shown = titles(last_cards(screen))
    app = make_app(loaded.settings.home, resume="last")
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "space science fiction" in screen_text(screen)
        # the saved reply and its feedback are replayed as the screen opens: waited for, not raced
        await wait_until(pilot, lambda: titles(last_cards(screen)) == shown)
        await wait_until(pilot, lambda: last_cards(screen)[0].feedback is FeedbackKind.LIKE)
        screen.query_one(ChatInput).focus()
        await pilot.press("up")
        assert screen.query_one(ChatInput).text == "space science fiction"
        # what was suggested before stays excluded
        screen = await say(pilot, "space science fiction")
        assert not set(shown) & set(titles(last_cards(screen)))


async def test_history_list_resumes_a_conversation(loaded: Runtime) -> None:
    app = make_app(loaded.settings.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await say(pilot, "a cosy mystery")
        first_id = app.backend.session.id
        await say(pilot, "/new")
        await wait_until(pilot, lambda: app.backend.session.id != first_id)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.backend.session.id == first_id)
        await pilot.pause()
        assert "a cosy mystery" in screen_text(app.chat)
