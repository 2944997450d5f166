"""The usage log (`interactions.jsonl`): sessions of items that went together.

It is not items. recchat turns it into item-to-item neighbours ("people who brought up X also
brought up Y"), stored with each item so retrieval can use them without reading the log again.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from recchat.catalog.readers import check_file, read_jsonl
from recchat.errors import CatalogError

MAX_NEIGHBOURS = 40
LIKED_BOOST = 1.5  # pairs the person liked both of say more than pairs merely mentioned together


@dataclass(frozen=True)
class Session:
    items: tuple[str, ...]
    liked: frozenset[str]
    disliked: frozenset[str]


def read_sessions(path: Path) -> tuple[list[Session], list[CatalogError]]:
    sessions: list[Session] = []
    errors: list[CatalogError] = []
    try:
        check_file(path)  # a pipe or a device named interactions.jsonl must not hang the import
        for record in read_jsonl(path, errors):
            data = record.data
            problem = _problem(data)
            if problem:
                errors.append(CatalogError(path, record.line, problem))
                continue
            sessions.append(
                Session(
                    items=tuple(str(i) for i in data["items"]),
                    liked=frozenset(str(i) for i in data.get("liked", ())),
                    disliked=frozenset(str(i) for i in data.get("disliked", ())),
                )
            )
    except CatalogError as error:
        errors.append(error)
    return sessions, errors


def _problem(data: object) -> str | None:
    if not isinstance(data, dict):
        return "expected an object with 'items'"
    for key in ("items", "liked", "disliked"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
            return f"'{key}' must be a list of item ids"
    if not data.get("items"):
        return "missing 'items'"
    return None


def neighbours(sessions: Iterable[Session], known: set[str]) -> dict[str, list[tuple[str, float]]]:
    """Item -> [(other item, weight)], strongest first, normalised by how common each item is."""
    pair_weight: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    frequency: Counter[str] = Counter()
    for session in sessions:
        items = list(dict.fromkeys(i for i in session.items if i in known))
        frequency.update(items)
        for a in items:
            for b in items:
                if a == b or a in session.disliked or b in session.disliked:
                    continue
                boost = LIKED_BOOST if a in session.liked and b in session.liked else 1.0
                pair_weight[a][b] += boost / math.log2(1 + len(items))
    result: dict[str, list[tuple[str, float]]] = {}
    for item, others in pair_weight.items():
        scored = [(other, weight / math.sqrt(frequency[other])) for other, weight in others.items()]
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        result[item] = [(other, round(weight, 4)) for other, weight in scored[:MAX_NEIGHBOURS]]
    return result


def encode_neighbours(pairs: list[tuple[str, float]]) -> str:
    return json.dumps(pairs, separators=(",", ":"))


def decode_neighbours(text: str | None) -> list[tuple[str, float]]:
    if not text:
        return []
    return [(str(item), float(weight)) for item, weight in json.loads(text)]
