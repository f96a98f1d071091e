"""Which of many spans overlap a range, without comparing against every one.

A script has a few dozen findings and a plain list would do; a long transcript can have
tens of thousands, and comparing each new span with all earlier ones made a 1 MB text take
a minute. Spans are filed under every 512-character bucket they touch.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator, NamedTuple

BUCKET = 512


class Span(NamedTuple):
    start: int
    end: int


class SpanIndex:
    """Objects with ``start`` and ``end`` (offsets, end exclusive). An object whose extent
    grows must be added again."""

    def __init__(self) -> None:
        self._buckets: dict[int, list] = defaultdict(list)

    def add(self, item) -> None:
        for bucket in range(item.start // BUCKET, max(item.start, item.end - 1) // BUCKET + 1):
            self._buckets[bucket].append(item)

    def overlapping(self, start: int, end: int) -> Iterator:
        seen: set[int] = set()
        for bucket in range(start // BUCKET, max(start, end - 1) // BUCKET + 1):
            for item in self._buckets.get(bucket, ()):
                if id(item) not in seen and item.start < end and start < item.end:
                    seen.add(id(item))
                    yield item

    def any_overlap(self, start: int, end: int) -> bool:
        return next(self.overlapping(start, end), None) is not None
