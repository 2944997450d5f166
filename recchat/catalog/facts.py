"""An item's key facts in one line, the same in the shell and in the app: the catalog's own short
fields (whatever they are called), then its first tags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from recchat.domain import Item
from recchat.text import clean

MAX_FIELDS = 4
MAX_TAGS = 4
MAX_VALUE_CHARS = 40
# Fields that identify or link rather than describe.
_NOT_FACTS = re.compile(r"(^|[_\s-])(id|ids|href|url|uri|link|links|isbn\d*|asin|sku|image|img|aliases)$", re.I)


def short_facts(item: Item) -> Iterator[tuple[str, str]]:
    """(field, value) for each short, describing field, in the catalog's order."""
    shown = 0
    for key, value in item.metadata.items():
        if shown >= MAX_FIELDS:
            return
        text = _shown(value)
        if text and len(text) <= MAX_VALUE_CHARS and not _NOT_FACTS.search(key) and not key.startswith("_"):
            shown += 1
            yield key, text


def _shown(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, list):
        parts = [str(v) for v in value[:3] if isinstance(v, str | int | float) and not isinstance(v, bool)]
        return ", ".join(parts) + (", …" if len(value) > 3 else "")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str | int | float):
        text = " ".join(str(value).split())
        return "" if text.startswith(("http://", "https://")) else text
    return ""


def metadata_line(item: Item) -> str:
    parts = [f"{key.replace('_', ' ')}: {value}" for key, value in short_facts(item)]
    if item.tags:
        parts.append(", ".join(item.tags[:MAX_TAGS]))
    return clean(" · ".join(parts))
