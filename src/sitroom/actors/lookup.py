"""Which actor or person a stretch of text belongs to, for the stages that come after them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Generic, TypeVar

from sitroom.model import Actor, Person

T = TypeVar("T", Actor, Person)


class MentionIndex(Generic[T]):
    """The mention spans of actors (or of people), searchable by character offsets."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items: dict[str, T] = {item.id: item for item in items}
        self._rows = sorted(
            (s, e, item.id) for item in self.items.values() for s, e in item.mentions
        )
        self._ends = [e for _s, e, _i in self._rows]

    def find(self, start: int, end: int) -> tuple[int, int, T] | None:
        """The first mention overlapping [start, end), as (start, end, item); None if none."""
        k = bisect_left(self._ends, start + 1)  # mentions ending after `start`
        while k < len(self._rows):
            s, e, ident = self._rows[k]
            if s >= end:
                return None
            if e > start:
                return s, e, self.items[ident]
            k += 1
        return None

    def at(self, start: int, end: int) -> T | None:
        """The item with a mention overlapping [start, end), if any."""
        hit = self.find(start, end)
        return hit[2] if hit else None
