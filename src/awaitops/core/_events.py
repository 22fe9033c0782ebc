"""Typed events about calls, retries, queueing and waits, for an application's own metrics.

:class:`ClientHooks` holds synchronous callbacks, shared by a client and its
``with_options`` copies. Events carry no header, no body and no query string. A hook that
raises is logged and skipped: it never breaks the call it watches.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Literal, TypeAlias, TypeVar

import attrs

from ._logging import logger

__all__ = [
    "ClientHooks",
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
Hook: TypeAlias = Callable[[E], object]

WaitKind: TypeAlias = Literal["watch", "wait", "wait_all"]
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
    elapsed: float
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
    delay: float


@attrs.frozen
class QueueEvent:
    """A request waited on the client side before it could be sent."""

    method: str
    url: str
    waited: float
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
    """1 for the first poll of this wait; a ``wait_all`` counts list rounds and single gets."""
    elapsed: float
    """Seconds since the wait started."""
    operation_id: str | None
    """The snapshot's ``id`` (or the id a ``wait_all`` fetched alone); None for a list."""
    status: str | None
    """The snapshot's ``status``, when it has one."""
    error_type: str | None
    """The class name of the error the poll raised, survived or not."""


@attrs.frozen
class WaitEndEvent:
    """A wait, watch or wait_all has ended."""

    kind: WaitKind
    polls: int
    elapsed: float
    outcome: WaitOutcome
    status: str | None
    """The last snapshot's ``status`` (watch and wait), when it has one."""
    error_type: str | None
    """The class name of the error that ended it, if any."""


def _checked(hook: Hook[E]) -> Hook[E]:
    if not callable(hook):
        raise TypeError(f"a hook must be callable, got {hook!r}")
    if inspect.iscoroutinefunction(hook):
        # It would be called and never awaited: the call would go on without it.
        raise TypeError(f"hooks are called synchronously; {hook!r} is a coroutine function")
    return hook


def emit(hooks: list[Hook[E]], event: E) -> None:
    """Call each hook with ``event``; one that raises is logged and the rest still run."""
    for hook in hooks:
        try:
            hook(event)
        except Exception:
            logger.warning("awaitops hook %r raised; ignored", hook, exc_info=True)


class ClientHooks:
    """Callbacks for the events of one client and its ``with_options`` copies.

    Each ``on_*`` method registers a synchronous callable and returns it, so it also works
    as a decorator; :meth:`remove` unregisters it. Hooks run inline on the calling task:
    keep them quick (count, observe a histogram) and never block.
    """

    __slots__ = (
        "_http",
        "_poll",
        "_queue",
        "_request",
        "_response",
        "_retry",
        "_wait_end",
        "_waits",
    )

    # Each on_* builds a new list rather than appending: a hook added while an event is
    # being emitted takes effect from the next event, and emitting needs no copy.

    def __init__(self) -> None:
        self._request: list[Hook[RequestEvent]] = []
        self._response: list[Hook[ResponseEvent]] = []
        self._retry: list[Hook[RetryEvent]] = []
        self._queue: list[Hook[QueueEvent]] = []
        self._poll: list[Hook[PollEvent]] = []
        self._wait_end: list[Hook[WaitEndEvent]] = []
        # Checked on every call: whether any request-level hook is registered at all.
        self._http = False
        self._waits = False

    def __repr__(self) -> str:
        counts = {name: len(getattr(self, name)) for name in self._lists()}
        return f"ClientHooks({', '.join(f'{k[1:]}={v}' for k, v in counts.items() if v)})"

    @staticmethod
    def _lists() -> tuple[str, ...]:
        return ("_request", "_response", "_retry", "_queue", "_poll", "_wait_end")

    def _changed(self) -> None:
        self._http = bool(self._request or self._response or self._retry or self._queue)
        self._waits = bool(self._poll or self._wait_end)

    def on_request(self, hook: Hook[RequestEvent]) -> Hook[RequestEvent]:
        """Call ``hook`` before each HTTP request is sent (every attempt)."""
        self._request = [*self._request, _checked(hook)]
        self._changed()
        return hook

    def on_response(self, hook: Hook[ResponseEvent]) -> Hook[ResponseEvent]:
        """Call ``hook`` when each attempt gets an answer or a transport error."""
        self._response = [*self._response, _checked(hook)]
        self._changed()
        return hook

    def on_retry(self, hook: Hook[RetryEvent]) -> Hook[RetryEvent]:
        """Call ``hook`` when a failed attempt is going to be retried, before the pause."""
        self._retry = [*self._retry, _checked(hook)]
        self._changed()
        return hook

    def on_queue(self, hook: Hook[QueueEvent]) -> Hook[QueueEvent]:
        """Call ``hook`` when a request had to wait for the rate limiter or a free slot."""
        self._queue = [*self._queue, _checked(hook)]
        self._changed()
        return hook

    def on_poll(self, hook: Hook[PollEvent]) -> Hook[PollEvent]:
        """Call ``hook`` after each poll of a wait, watch or wait_all."""
        self._poll = [*self._poll, _checked(hook)]
        self._changed()
        return hook

    def on_wait_end(self, hook: Hook[WaitEndEvent]) -> Hook[WaitEndEvent]:
        """Call ``hook`` when a wait, watch or wait_all ends, however it ends."""
        self._wait_end = [*self._wait_end, _checked(hook)]
        self._changed()
        return hook

    def remove(self, hook: Callable[..., object]) -> None:
        """Unregister ``hook`` from every event it was registered for."""
        for name in self._lists():
            setattr(self, name, [h for h in getattr(self, name) if h is not hook])
        self._changed()
