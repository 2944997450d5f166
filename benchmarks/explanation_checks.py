"""How many of the LLM's explanations pass recchat's checks, and why the others fall back to the
template, over a few everyday requests with the real default models.

    RECCHAT_HOME=/tmp/somewhere recchat catalog add ./sample_catalog
    RECCHAT_HOME=/tmp/somewhere python benchmarks/explanation_checks.py [--json OUT]

Change generation settings with the usual variables (e.g. RECCHAT_REPEAT_PENALTY=1.0) to compare.
The profile is incognito: nothing is stored.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

from recchat import explain
from recchat.config import load_settings
from recchat.explain import explainer
from recchat.factory import Runtime

REQUESTS = (
    "a cozy mystery novel",
    "something scary but not gory",
    "I loved Arrival, something thoughtful about language or time",
    "a board game for two players",
    "a funny movie for a family night",
    "epic fantasy with dragons",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    reasons: Counter[str] = Counter()
    checked = explainer.rejection

    def counted(raw: str, grounds: explain.Grounds) -> str | None:
        reason = checked(raw, grounds)
        reasons[(reason or "passed").split(" (")[0]] += 1
        return reason

    explainer.rejection = counted  # counts every verdict; the verdicts themselves are unchanged
    runtime = Runtime(load_settings({"incognito": True, "k": 5}, os.environ))
    for request in REQUESTS:
        runtime.session().handle(request)
    total = sum(reasons.values())
    result = {
        "explanations": total,
        "passed": reasons["passed"],
        "pass_rate": round(reasons["passed"] / max(total, 1), 3),
        "reasons": dict(reasons.most_common()),
        "generation": runtime.settings.generation.__dict__,
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
