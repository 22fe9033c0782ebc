"""Who listens to a client: its :class:`ClientHooks`, and OpenTelemetry once the
application has loaded it.

Every client holds hooks; the events, observers and spans they lead to load only once
something listens (see ``_listening``), so a client nobody watches never loads them.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TypeAlias, TypeVar

from ._closing import Closing

if TYPE_CHECKING:
    from ._events import (
        PollEvent,
        QueueEvent,
        RequestEvent,
        ResponseEvent,
        RetryEvent,
        WaitEndEvent,
    )

__all__ = ["ClientHooks", "Hook", "tracing"]

E = TypeVar("E")
Hook: TypeAlias = Callable[[E], object]

_TRACE_MODULE: Final = "opentelemetry.trace"


def tracing() -> bool:
    """Whether spans may be wanted: awaitops never imports OpenTelemetry itself, so
    tracing starts once the application has imported ``opentelemetry.trace``."""
    return _TRACE_MODULE in sys.modules


def _checked(hook: Hook[E]) -> Hook[E]:
    if not callable(hook):
        raise TypeError(f"a hook must be callable, got {hook!r}")
    if inspect.iscoroutinefunction(hook):
        # It would be called and never awaited: the call would go on without it.
        raise TypeError(f"hooks are called synchronously; {hook!r} is a coroutine function")
    return hook


class ClientHooks:
    """Callbacks for the events of one client and its ``with_options`` copies.

    Each ``on_*`` method registers a synchronous callable and returns it, so it also works
    as a decorator; :meth:`remove` unregisters it. Hooks run inline on the calling task:
    keep them quick (count, observe a histogram) and never block.
    """

    __slots__ = (
        "_closing",
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
        # Shared by the same client and copies as the hooks: the waits a close ends.
        self._closing = Closing()
        # Checked on every call: whether any request-level hook is registered at all.
        self._http = False
        self._waits = False

    def __repr__(self) -> str:
        counts = {name: len(getattr(self, name)) for name in self._lists()}
        return f"ClientHooks({', '.join(f'{k[1:]}={v}' for k, v in counts.items() if v)})"

    @staticmethod
    def _lists() -> tuple[str, ...]:
        return ("_request", "_response", "_retry", "_queue", "_poll", "_wait_end")

    def _add(self, name: str, hook: Hook[E]) -> Hook[E]:
        setattr(self, name, [*getattr(self, name), _checked(hook)])
        self._changed()
        return hook

    def _changed(self) -> None:
        self._http = bool(self._request or self._response or self._retry or self._queue)
        self._waits = bool(self._poll or self._wait_end)

    def on_request(self, hook: Hook[RequestEvent]) -> Hook[RequestEvent]:
        """Call ``hook`` before each HTTP request is sent (every attempt)."""
        return self._add("_request", hook)

    def on_response(self, hook: Hook[ResponseEvent]) -> Hook[ResponseEvent]:
        """Call ``hook`` when each attempt gets an answer or a transport error."""
        return self._add("_response", hook)

    def on_retry(self, hook: Hook[RetryEvent]) -> Hook[RetryEvent]:
        """Call ``hook`` when a failed attempt is going to be retried, before the pause."""
        return self._add("_retry", hook)

    def on_queue(self, hook: Hook[QueueEvent]) -> Hook[QueueEvent]:
        """Call ``hook`` when a request had to wait for the rate limiter or a free slot."""
        return self._add("_queue", hook)

    def on_poll(self, hook: Hook[PollEvent]) -> Hook[PollEvent]:
        """Call ``hook`` after each poll of a wait, watch or wait_all."""
        return self._add("_poll", hook)

    def on_wait_end(self, hook: Hook[WaitEndEvent]) -> Hook[WaitEndEvent]:
        """Call ``hook`` when a wait, watch or wait_all ends, however it ends."""
        return self._add("_wait_end", hook)

    def remove(self, hook: Callable[..., object]) -> None:
        """Unregister ``hook`` from every event it was registered for."""
        for name in self._lists():
            setattr(self, name, [h for h in getattr(self, name) if h is not hook])
        self._changed()
