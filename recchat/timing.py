"""An opt-in timing trace: where a command's time goes (imports, model loads, store, retrieval).

The core marks spans with `timed("name")`; they go to the standard `logging` logger
"recchat.timing" at DEBUG level. Nothing is printed unless a shell asks for it (the CLI does when
RECCHAT_TRACE=1), and when nobody listens a span costs one `isEnabledFor` check.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator

logger = logging.getLogger("recchat.timing")


@contextlib.contextmanager
def timed(name: str, **fields: object) -> Iterator[None]:
    """Log how long the block took, as 'name ms=12.3 key=value'."""
    if not logger.isEnabledFor(logging.DEBUG):
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        mark(name, (time.perf_counter() - started) * 1000.0, **fields)


def mark(name: str, ms: float | None = None, **fields: object) -> None:
    """Log one event (with a duration when there is one): e.g. the first token of a reply."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    parts = [name] + ([f"ms={ms:.1f}"] if ms is not None else []) + [f"{k}={v}" for k, v in fields.items()]
    logger.debug(" ".join(parts))
