"""What understanding the conversation adds to a turn, on the 4,166-movie benchmark catalog.

    python -m benchmarks.understanding [--turns N] [--items N]

`--items 100000` reads the same turns over the benchmark's movies repeated to 100,000 items (the
store of benchmarks/query.py's fake_store); the readers' one-time set-up for the catalog (its
schema, title matcher, people and value vocabularies) is timed too.

Per user turn, in one warm process: reading the turn without the constraint readers (titles,
tags, what to avoid: what a turn cost before) and with them (kinds, years, numbers, people,
references, the topic), and finding the items that meet the constraints read (the filter over
the whole index). The added cost is the difference plus the filter. Turns: the benchmark's
recorded dialogues and a set of chat-style requests with constraints in them.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.common import machine, print_table, summary, write
from benchmarks.query import fake_store
from benchmarks.server import query_texts

CHAT = [
    "a movie for tonight, something light and funny, not a romance",
    "thoughtful science fiction from the 90s",
    "more like the second one, but older",
    "I've seen those. Something from before 1980",
    "anything with Tom Hanks?",
    "a Christopher Nolan film",
    "not by Scorsese, and nothing from Marvel",
    "late 80s horror but no slasher",
    "something recent and short",
    "not the Matrix ones",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=400)
    parser.add_argument("--items", type=int, default=4166)
    args = parser.parse_args()
    started = machine()
    from recchat.config import Settings
    from recchat.conversation.references import Shown
    from recchat.conversation.request import Context
    from recchat.factory import Runtime
    from recchat.ranking.filters import admissible

    runtime = Runtime(Settings(home=fake_store(args.items), backend="fake", use_llm=False))
    catalog = runtime.catalog("bench")
    catalog.index  # noqa: B018  # loaded once, as the first turn of a session would
    set_up = time.perf_counter()
    _, reader = runtime.reader(catalog)
    set_up = time.perf_counter() - set_up
    request = reader.request
    shown = catalog.index.entries[:5]
    context = Context([Shown(e.id, e.title) for e in shown], [e.year for e in shown if e.year])
    texts = (query_texts(args.turns) + CHAT * (args.turns // len(CHAT) + 1))[: args.turns + len(CHAT)]
    catalog.lexical  # noqa: B018  # built once, as any turn would have it
    before, after, filtering = [], [], []
    for text in texts:
        reader.request = None
        t0 = time.perf_counter()
        reader.read(text)
        t1 = time.perf_counter()
        reader.request = request
        understood = reader.read(text, context)
        t2 = time.perf_counter()
        admissible(catalog, understood.heard.constraints)
        t3 = time.perf_counter()
        before.append(t1 - t0)
        after.append(t2 - t1)
        filtering.append(t3 - t2)
    added = [a - b + f for a, b, f in zip(after, before, filtering, strict=True)]
    rows = {
        "read, before (titles, tags, avoid)": summary(before),
        "read, with constraints and pointers": summary(after),
        "filter over the index": summary(filtering),
        "added per turn": summary(added),
    }
    table = [["per turn (ms)", "p50", "p95"]] + [
        [name, f"{value['p50_ms']:.1f}", f"{value['p95_ms']:.1f}"] for name, value in rows.items()
    ]
    print_table(f"understanding on {len(catalog.index)} items, {len(texts)} turns", table)
    print(f"readers' set-up for the catalog: {set_up:.2f} s (once per session)")
    name = "understanding" if args.items == 4166 else f"understanding-{args.items}"
    result = {"items": len(catalog.index), "turns": len(texts), "reader_set_up_s": round(set_up, 3), "rows": rows}
    write(name, result, started)


if __name__ == "__main__":
    main()
