"""Typed events about calls, retries, queueing and waits, for an application's own metrics.

:class:`~awaitops.core.ClientHooks` hands them to synchronous callbacks. Events carry no
header, no body and no query string. A hook that raises is logged and skipped: it never
breaks the call it watches. Loaded only once something listens (see ``_hooks``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeAlias, TypeVar

import attrs

from ._logging import logger
from ._values import seconds_repr

__all__ = [
    "PollEvent",
    "QueueEvent",
    "RequestEvent",
    "ResponseEvent",
    "RetryEvent",
    "WaitEndEvent",
    "WaitKind",
    "WaitOutcome",
]

E = TypeVar("E")

WaitKind: TypeAlias = Literal["watch", "wait", "wait_all", "watch_all"]
WaitOutcome: TypeAlias = Literal["completed", "failed", "timed_out", "cancelled", "closed", "error"]
"""How a wait ended: the operation finished (``completed``; for ``wait_all`` all of them,
failures included), it failed (OperationFailedError), ``PollPolicy.timeout`` ran out, the
awaiting task was cancelled, the caller stopped iterating (``closed``), or another error."""


@attrs.frozen
class RequestEvent:
    """An HTTP request about to be sent: every attempt of a call, retries included."""

    method: str
    url: str
    """Scheme, host, port and path; never the query string."""
    attempt: int
    """0 for the first send of a call, n for its n-th retry."""


@attrs.frozen
class ResponseEvent:
    """How one attempt ended: an HTTP status, or a transport error and no status."""

    method: str
    url: str
    attempt: int
    status_code: int | None
    error_type: str | None
    """The transport error's class name (``ConnectError``, ``ReadTimeout``...), else None."""
    elapsed: float = attrs.field(repr=seconds_repr)
    """Seconds from sending to the answer (or the error)."""


@attrs.frozen
class RetryEvent:
    """A failed attempt will be sent again after ``delay`` seconds."""

    method: str
    url: str
    attempt: int
    """The number of the retry to come: 1 for the first retry."""
    reason: str
    """The status that failed (``"429"``, ``"503"``) or the transport error's class name."""
    delay: float = attrs.field(repr=seconds_repr)


@attrs.frozen
class QueueEvent:
    """A request waited on the client side before it could be sent."""

    method: str
    url: str
    waited: float = attrs.field(repr=seconds_repr)
    """Seconds spent waiting."""
    reason: str
    """What held it as it joined the queue: ``"concurrency"`` (the cap on requests in
    flight), ``"rate_limit"`` (the send rate learned from 429s) or ``"retry_after"`` (a
    pause the host asked for)."""


@attrs.frozen
class PollEvent:
    """One poll of a wait has ended, with a snapshot or an error."""

    kind: WaitKind
    poll: int
    """1 for the first poll of this wait; a ``wait_all`` (or ``watch_all``) counts list rounds and
    single gets."""
    elapsed: float = attrs.field(repr=seconds_repr)
    """Seconds since the wait started."""
    operation_id: str | None
    """The snapshot's ``id`` (or the id a ``wait_all`` fetched alone); None for a list."""
    status: str | None
    """The snapshot's ``status``, when it has one."""
    error_type: str | None
    """The class name of the error the poll raised, survived or not."""
    progress: float | None = None
    """How far along the snapshot is, from 0 to 100, as the vendor's ``progress`` reader
    read it; None when the API reports none (or for a list round)."""


@attrs.frozen
class WaitEndEvent:
    """A wait, watch or wait_all has ended."""

    kind: WaitKind
    polls: int
    elapsed: float = attrs.field(repr=seconds_repr)
    outcome: WaitOutcome
    status: str | None
    """The last snapshot's ``status`` (watch and wait), when it has one."""
    error_type: str | None
    """The class name of the error that ended it, if any."""


def emit(hooks: list[Callable[[E], object]], event: E) -> None:
    """Call each hook with ``event``; one that raises is logged and the rest still run."""
    for hook in hooks:
        try:
            hook(event)
        except Exception:
            logger.warning("awaitops hook %r raised; ignored", hook, exc_info=True)
