"""Counters of what one client (and all its copies) sent and decided."""

from __future__ import annotations

import attrs


@attrs.define
class ClientStats:
    """Counters shared by a client and all its :meth:`~AsyncApiClient.with_options` copies."""

    requests: int = 0
    """HTTP requests sent, retries included."""
    retries: int = 0
    """Requests that were a retry of a failed one."""
    rate_limited: int = 0
    """429 answers meaning "slow down" (not ALREADY_EXISTS)."""
    queued: int = 0
    """Requests that waited for their turn: the host's send rate, its concurrency cap or
    a ``Retry-After`` pause."""
    queued_seconds: float = 0.0
    """Total seconds requests spent waiting for their turn."""
    retries_refused: int = 0
    """Retries not sent because the host's retry budget was empty."""
    reconciles: int = 0
    """Lookups of whether a state-changing call took effect after its answer was lost."""
