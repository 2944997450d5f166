"""Time from launching `recchat` (the TUI) in a real terminal to the first prompt and to the
first suggestion, with the real default models.

The app runs in a detached tmux session (80x24 unless told otherwise); the screen is read with
`capture-pane` every 20 ms. The message is typed as soon as the prompt shows, as a person would.

    RECCHAT_HOME=/tmp/somewhere recchat catalog add ./sample_catalog --name sample
    python benchmarks/tui_startup.py --home /tmp/somewhere --catalog sample --runs 3

Prints one line per run and the medians, as JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROMPT = "in the mood for"  # the input's placeholder: the app is up and takes typing
GREETING = "Hi! I suggest"  # the catalog is open
FIRST_CARD = re.compile(r"│ \d\. ")  # a suggestion card's title line (the first may scroll away)
THINKING = "thinking"  # the status line while a reply is written
# A card whose explanation has not started shows a lone placeholder; a card on screen without one
# is being explained (use a terminal tall enough for all cards, e.g. --size 80x60).
PENDING = re.compile(r"│ … +│")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, seen: Callable[[str], bool], timeout: float) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if seen(screen(session)):
            return time.perf_counter()
        time.sleep(0.02)
    raise TimeoutError(f"not seen within {timeout}s; the screen was:\n{screen(session)}")


def peak_rss_mb(pid: int) -> float:
    """The app's high-water mark of resident memory (VmHWM), read while it still runs."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmHWM for pid {pid}")


def one_run(
    home: Path, catalog: str, message: str, size: tuple[int, int], pythonpath: Path | None = None
) -> dict[str, float]:
    """`pythonpath`: the recchat checkout to run (benchmarks/scale.py measures another one so);
    set in the command, as a tmux server keeps the environment it was started with."""
    session = f"recchat-bench-{os.getpid()}"
    code = f"PYTHONPATH={shlex.quote(str(pythonpath))} " if pythonpath else ""
    # exec: the pane's process is recchat itself, so its memory can be read.
    # -P: the current folder is not put first on sys.path, so PYTHONPATH alone says which checkout runs
    command = f"exec env -u COLUMNS -u LINES {code}{sys.executable} -P -m recchat --home {home} --catalog {catalog}"
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command)
    try:
        prompt = wait_for(session, lambda text: PROMPT in text, 120)
        tmux("send-keys", "-t", session, "-l", message)
        tmux("send-keys", "-t", session, "Enter")
        greeting = wait_for(session, lambda text: GREETING in text or FIRST_CARD.search(text), 300)
        card = wait_for(session, lambda text: bool(FIRST_CARD.search(text)), 300)
        explaining = wait_for(session, lambda text: len(FIRST_CARD.findall(text)) > len(PENDING.findall(text)), 600)
        done = wait_for(session, lambda text: THINKING not in text, 600)
        return {
            "prompt_s": round(prompt - started, 2),
            "catalog_open_s": round(greeting - started, 2),
            "first_suggestion_s": round(card - started, 2),
            "first_explanation_after_cards_s": round(explaining - card, 2),
            "all_explained_s": round(done - started, 2),
            "peak_rss_mb": peak_rss_mb(int(tmux("display", "-p", "-t", session, "#{pane_pid}").strip())),
        }
    finally:
        tmux("kill-session", "-t", session)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, required=True, help="a RECCHAT_HOME holding the catalog (copied)")
    parser.add_argument("--catalog", default="sample")
    parser.add_argument("--message", default="I loved Interstellar, more space adventure please")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--checkout", type=Path, help="the recchat checkout to run (default: this one)")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    results = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as scratch:
            home = Path(scratch) / "home"
            shutil.copytree(args.home, home)  # each run starts from the same, untouched profile
            checkout = args.checkout or Path(__file__).resolve().parent.parent
            results.append(one_run(home, args.catalog, args.message, (width, height), checkout.resolve()))
        print(json.dumps(results[-1]), flush=True)
    medians = {key: statistics.median(r[key] for r in results) for key in results[0]}
    print(json.dumps({"median": medians, "runs": args.runs, "size": args.size}))


if __name__ == "__main__":
    main()
