"""RECCHAT_TRACE=1: print the core's timing spans on stderr, for benchmarks and curious users.

Each line reads `recchat-trace AT_MS NAME ms=DURATION ...`, AT_MS counted from the start of
`main()`; the first line gives that start as a Unix time, so a benchmark can also tell how long
Python took to get there.
"""

from __future__ import annotations

import atexit
import logging
import sys
import time
from collections.abc import Mapping

PREFIX = "recchat-trace"


class _Formatter(logging.Formatter):
    def __init__(self, started: float) -> None:
        super().__init__()
        self._started = started

    def format(self, record: logging.LogRecord) -> str:
        at = (record.created - self._started) * 1000.0
        return f"{PREFIX} {at:.1f} {record.getMessage()}"


def enable_if_asked(environ: Mapping[str, str]) -> None:
    if environ.get("RECCHAT_TRACE", "").strip().lower() not in {"1", "true", "yes", "on"}:
        return
    from recchat.timing import logger, mark

    started = time.time()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter(started))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    mark("main", epoch=f"{started:.6f}")
    atexit.register(mark, "exit")
