"""Conversations whose replies fill with the closest others, and what each filler says it misses
(issue 24's examples; benchmarks/results/ranking.md).

    python -m benchmarks.filler_examples [--json OUT]

Each conversation runs in a fresh in-memory profile, no LLM, five suggestions a turn, on catalogs
imported into the data folder (RECCHAT_HOME) as suite-sample, suite-films and suite-shows
(`recchat catalog add sample_catalog --name suite-sample`, tests/conversations/films,
tests/heldout/shows).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from recchat.config import load_settings
from recchat.factory import Runtime
from recchat.profile import MemoryProfileStore, Profile

CONVERSATIONS = [
    ("suite-sample", ["science fiction movies from before 1984", "I've seen those"]),
    ("suite-sample", ["we're 6 people, what board game should we play?", "something cooperative"]),
    ("suite-films", ["a disaster movie from after 2000"]),
    ("suite-shows", ["comedy from the 70s", "only ones that ran 5 seasons or fewer"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write every reply here")
    args = parser.parse_args()
    runtime = Runtime(load_settings({"use_llm": False, "incognito": True}, os.environ))
    replies: list[dict[str, Any]] = []
    for catalog, turns in CONVERSATIONS:
        session = runtime.session(catalog=catalog, profile=Profile("examples", MemoryProfileStore()))
        for text in turns:
            reply = session.handle(text, k=5, explain=False, always_recommend=True)
            items = [
                {
                    "title": rec.item.title,
                    "score": rec.score,
                    "misses": list(rec.evidence.misses),
                    "by_evidence": [f"{i.label}: {i.why}" for i in rec.evidence.inferred],
                }
                for rec in reply.recommendations
            ]
            replies.append({"catalog": catalog, "said": text, "message": reply.message, "items": items})
            print(f"[{catalog}] {text}\n  {reply.message}")
            for item in items:
                print(f"    {item['title'][:45]:<45} {item['score']:6.2f}  misses {item['misses']}")
    if args.json:
        args.json.write_text(json.dumps(replies, indent=1))


if __name__ == "__main__":
    main()
