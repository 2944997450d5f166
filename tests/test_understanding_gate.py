"""The gate: every turn of the conversation suites recorded as passing (tests/gate/passing.json,
made by `PYTHONHASHSEED=0 python -m recchat.eval.gate --record`) still passes. A change that
fixes one turn and breaks another fails here, naming the turn; after an improvement, record again
to keep it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from recchat.eval.gate import RECORD, ROOT


def test_every_turn_that_passed_still_passes() -> None:
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "recchat.eval.gate", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
        check=True,
    )
    now = json.loads(done.stdout.strip().splitlines()[-1])
    broken = {suite: sorted(set(turns) - set(now[suite])) for suite, turns in recorded.items()}
    assert not any(broken.values()), f"turns that passed and now fail: {broken}"
    assert sum(len(turns) for turns in recorded.values()) >= 400  # the record covers the suites
