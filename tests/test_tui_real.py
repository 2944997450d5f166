"""The real app in a real terminal: `recchat` in tmux with the real default models (llama.cpp,
sentence-transformers, Chroma on disk), read back with `capture-pane`.

Ranking is deterministic, so a like is shown to change the next suggestions by running the same
two turns twice on copies of one home: once without the like, once with it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import MINI_CATALOG, cli_env

pytestmark = pytest.mark.real
LLAMA_LOG = re.compile(r"llama_|ggml_|gguf|load_tensors|llm_load|n_ctx|AVX|Loading weights", re.I)
CARD_TITLE = re.compile(r"│ (\d)\. (.+?)\s+│")
FIRST = "science fiction movies please"
SECOND = "something else to watch"


class Terminal:
    """One `recchat` in a detached tmux session."""

    def __init__(self, home: Path, size: tuple[int, int] = (120, 60)) -> None:
        self.name = f"recchat-test-{uuid.uuid4().hex[:8]}"
        env = cli_env(home, RECCHAT_K="3")
        exports = " ".join(
            f"{key}={_quote(value)}" for key, value in env.items() if key.startswith(("RECCHAT_", "NO_"))
        )
        # The window's size, not an inherited COLUMNS/LINES, must decide the app's size.
        command = f"env -u COLUMNS -u LINES {exports} {sys.executable} -m recchat --catalog mini --max-tokens 32"
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), command)

    def _tmux(self, *args: str) -> str:
        # a tmux server of its own: the last session closing stops a shared server, and a session
        # opened just then found no server (a run on a fresh clone timed out on an empty screen)
        result = subprocess.run(
            ["tmux", "-L", self.name, *args], capture_output=True, text=True, check=False, timeout=30
        )
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, seen: Callable[[str], bool], timeout: float = 300) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if seen(text):
                return text
            time.sleep(0.1)
        size = self._tmux("display", "-p", "-t", self.name, "#{window_width}x#{window_height}").strip()
        raise AssertionError(f"timed out; the screen ({size}) was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def say(self, text: str) -> str:
        """Send a message and wait until its reply is written; the screen then."""
        self._tmux("send-keys", "-t", self.name, "-l", text)
        self.keys("Enter")
        self.wait_for(lambda screen: "thinking" in screen, timeout=60)
        self.wait_for(lambda screen: "thinking" not in screen)
        return self.settled()

    def settled(self, quiet: float = 0.5, timeout: float = 30) -> str:
        """The screen once it has stopped changing (checked explanations swap in after the
        streamed ones)."""
        deadline = time.monotonic() + timeout
        last = self.screen()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.screen()
            if now == last:
                return now
            last = now
        return last

    def close(self) -> None:
        self.keys("C-q")
        time.sleep(0.5)
        self._tmux("kill-session", "-t", self.name)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def catalog_titles(folder: Path) -> set[str]:
    from recchat.catalog.importer import iter_valid_items

    return {item.title for item, _ in iter_valid_items(folder, [])}


def card_titles(screen: str) -> list[str]:
    return [title for _, title in CARD_TITLE.findall(screen)]


@pytest.fixture
def terminals() -> Iterator[Callable[[Path], Terminal]]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is needed for this test (.ci/run installs it)")
    opened: list[Terminal] = []

    def open_one(home: Path) -> Terminal:
        opened.append(Terminal(home))
        return opened[-1]

    yield open_one
    for terminal in opened:
        terminal.close()


def test_real_app_suggests_from_the_catalog_and_a_like_changes_the_next_list(
    real_mini_home: Path, tmp_path: Path, terminals: Callable[[Path], Terminal]
) -> None:
    home = real_mini_home
    control_home = tmp_path / "control"
    shutil.copytree(home, control_home)
    titles = catalog_titles(MINI_CATALOG)

    # Without feedback: the second list as ranking gives it.
    control = terminals(control_home)
    control.wait_for(lambda screen: "Hi! I suggest" in screen)
    control.say(FIRST)
    control_second = card_titles(control.say(SECOND))
    control.close()

    app = terminals(home)
    screen = app.wait_for(lambda screen: "Hi! I suggest" in screen)
    screen = app.say(FIRST)
    first = card_titles(screen)
    assert first, screen
    assert set(first) <= titles, screen  # only catalog items
    assert not LLAMA_LOG.search(screen), screen
    app.keys("Tab")  # from the input to the first suggestion
    app.keys("l")
    app.wait_for(lambda screen: "liked · noted in your profile" in screen, timeout=30)
    app.keys("Escape")  # back to the input: on a card, letters are actions
    time.sleep(0.5)  # a key right after Esc would read as Alt+key
    second = card_titles(app.say(SECOND))
    assert second and set(second) <= titles
    assert second != control_second, (second, control_second)
    final = app.screen()
    assert not LLAMA_LOG.search(final), final
