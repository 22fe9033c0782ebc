"""Counters of what one client (and all its copies) sent and decided."""

from __future__ import annotations

from ._values import Record


class ClientStats(Record):
    """Counters shared by a client and all its :meth:`~AsyncApiClient.with_options` copies."""

    __match_args__ = (
        "requests",
        "retries",
        "rate_limited",
        "queued",
        "queued_seconds",
        "retries_refused",
        "reconciles",
    )
    __slots__ = __match_args__
    _measured = frozenset({"queued_seconds"})

    requests: int
    """HTTP requests sent, retries included."""
    retries: int
    """Requests that were a retry of a failed one."""
    rate_limited: int
    """429 answers meaning "slow down" (not ALREADY_EXISTS)."""
    queued: int
    """Requests that waited for their turn: the host's send rate, its concurrency cap or
    a ``Retry-After`` pause."""
    queued_seconds: float
    """Total seconds requests spent waiting for their turn."""
    retries_refused: int
    """Retries not sent because the host's retry budget was empty."""
    reconciles: int
    """Lookups of whether a state-changing call took effect after its answer was lost."""

    def __init__(
        self,
        requests: int = 0,
        retries: int = 0,
        rate_limited: int = 0,
        queued: int = 0,
        queued_seconds: float = 0.0,
        retries_refused: int = 0,
        reconciles: int = 0,
    ) -> None:
        self.requests = requests
        self.retries = retries
        self.rate_limited = rate_limited
        self.queued = queued
        self.queued_seconds = queued_seconds
        self.retries_refused = retries_refused
        self.reconciles = reconciles
