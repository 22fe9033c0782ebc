"""Clocks the emulator reads its state from.

Every state transition is computed from ``clock.now()`` when a request reads it, so a test
that swaps in a :class:`ManualClock` controls time completely and nothing runs in the
background.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "ManualClock", "SystemClock", "format_timestamp"]

# 2026-11-22T00:00:00Z: a fixed, recognisable start for manual clocks.
_MANUAL_EPOCH = 1_795_305_600.0


@runtime_checkable
class Clock(Protocol):
    """Anything with ``now()`` returning seconds since the Unix epoch."""

    def now(self) -> float: ...


class SystemClock:
    """Wall-clock time that never goes backwards.

    Anchored to the wall clock once, then advanced by the monotonic clock, so a system clock
    adjustment cannot make an operation un-finish.
    """

    def __init__(self) -> None:
        self._wall = time.time()
        self._mono = time.monotonic()

    def now(self) -> float:
        return self._wall + (time.monotonic() - self._mono)

    def __repr__(self) -> str:
        return "SystemClock()"


class ManualClock:
    """A clock that only moves when told to."""

    def __init__(self, start: float = _MANUAL_EPOCH) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds

    def __repr__(self) -> str:
        return f"ManualClock(now={self._now!r})"


def format_timestamp(seconds: float, *, millis: bool = True) -> str:
    """ISO 8601 in UTC with a ``Z`` suffix, with or without milliseconds."""
    moment = datetime.fromtimestamp(seconds, UTC)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
