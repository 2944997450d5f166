"""Names mapped to short lists of numbers, kept in three flat columns: the form in which a big
catalog's derived lookup tables (its title keys, its people's names) are saved and read back.

A dict of 100,000 small lists costs a JSON decoder (or a builder) one list object each; the
same data as one joined string of names and two flat lists of integers decodes in a fraction of
the time, and a list is cut from the columns only when a name is looked up.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

SEP = "\x1f"  # joins the names in the saved form: catalog text never holds it (text.clean)


class Groups:
    """name -> list of ints, in the order the names were first given."""

    def __init__(self, names: list[str], members: list[int], starts: list[int]) -> None:
        if len(starts) != len(names) + 1 or (starts and starts[-1] != len(members)):
            raise ValueError("groups: the columns do not agree")
        self.names = names
        self._slot = dict(zip(names, range(len(names)), strict=True))
        if len(self._slot) != len(names):
            raise ValueError("groups: a name is given twice")
        self._members = members
        self._starts = starts

    @classmethod
    def of(cls, groups: Mapping[str, Sequence[int]]) -> Groups:
        names: list[str] = []
        members: list[int] = []
        starts = [0]
        for name, group in groups.items():
            names.append(name)
            members.extend(group)
            starts.append(len(members))
        return cls(names, members, starts)

    def get(self, name: str) -> list[int]:
        """The name's list; empty when it has none."""
        slot = self._slot.get(name)
        if slot is None:
            return []
        return self._members[self._starts[slot] : self._starts[slot + 1]]

    def slot(self, name: str) -> int | None:
        """Where the name is in `names`, or None."""
        return self._slot.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._slot

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Groups):
            return NotImplemented
        return (self.names, self._members, self._starts) == (other.names, other._members, other._starts)

    __hash__ = None  # type: ignore[assignment]  # mutable columns: equal by value, not hashable

    def to_json(self) -> dict[str, Any]:
        return {
            "count": len(self.names),
            "names": SEP.join(self.names),
            "members": self._members,
            "starts": self._starts,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Groups:
        joined, count = data["names"], data["count"]
        if not isinstance(joined, str) or not isinstance(data["members"], list) or not isinstance(data["starts"], list):
            raise ValueError("groups: not a saved form")
        names = joined.split(SEP) if count else []
        if len(names) != count:
            raise ValueError("groups: the names do not agree with their count")
        return cls(names, data["members"], data["starts"])
