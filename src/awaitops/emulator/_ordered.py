"""An append-only sequence that pages from a cursor in O(page), with lazy removal."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

__all__ = ["SeqList"]

T = TypeVar("T")


class SeqList(Generic[T]):
    """Items in the order they were added, each under an increasing sequence number.

    Removed items stay until :meth:`compact`; readers skip them with their ``keep`` test.
    """

    __slots__ = ("_items", "_next", "_seqs")

    def __init__(self) -> None:
        self._seqs: list[int] = []
        self._items: list[T] = []
        self._next = 1

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def append(self, item: T) -> int:
        seq = self._next
        self._next += 1
        self._seqs.append(seq)
        self._items.append(item)
        return seq

    def page(self, after: int, limit: int, keep: Callable[[T], bool]) -> tuple[list[T], int | None]:
        """Up to ``limit`` kept items after sequence ``after``, and the cursor for more.

        The cursor is ``None`` when no kept item follows the page: a client never gets an
        empty last page just because the previous one happened to be full.
        """
        found: list[T] = []
        index = bisect_right(self._seqs, after)
        items = self._items
        end = len(items)
        while index < end:
            item = items[index]
            if keep(item):
                if len(found) == limit:
                    # Resume right after the last item examined (``limit`` >= 1).
                    return found, self._seqs[index - 1]
                found.append(item)
            index += 1
        return found, None

    def compact(self, keep: Callable[[T], bool]) -> None:
        pairs = [(s, i) for s, i in zip(self._seqs, self._items, strict=True) if keep(i)]
        self._seqs = [s for s, _ in pairs]
        self._items = [i for _, i in pairs]
