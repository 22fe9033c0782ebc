"""The cheap front door of ``_observe``: an observer only when someone listens.

A call, a wait or a page that no hook and no tracer watches gets its functions back as they
are, after a flag check and a dictionary lookup, and ``_observe`` (with the events and the
tracing glue) is never loaded. Once something listens, it is loaded at the first call that
needs it; later calls find it in ``sys.modules``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._hooks import ClientHooks, tracing

if TYPE_CHECKING:
    from ._events import WaitKind
    from ._observe import CallObserver, WaitObserver

T = TypeVar("T")

PageFetch = Callable[[dict[str, Any]], Awaitable[Any]]


def observe_call(hooks: ClientHooks, method: str, url: httpx.URL) -> CallObserver | None:
    """An observer for one call of the client, or None when nobody is looking."""
    if not hooks._http and not tracing():
        return None
    from ._observe import observe_call

    return observe_call(hooks, method, url)


def _unwrapped(value: T) -> T:
    return value


class _Unobserved:
    """What a wait nobody watches gets: each function back unwrapped."""

    __slots__ = ()

    polled = fetched_alone = listed = follow = staticmethod(_unwrapped)


_UNOBSERVED = _Unobserved()


def observe_wait(
    kind: WaitKind,
    hooks: ClientHooks | None,
    attributes: dict[str, Any] | None = None,
    *,
    progress: Callable[[Any], float | None] | None = None,
) -> WaitObserver | _Unobserved:
    """An observer for one wait; inert (it wraps nothing) when nobody is looking.
    ``progress`` reads each polled snapshot's progress for the poll's event."""
    listening = hooks if hooks is not None and hooks._waits else None
    if listening is None and not tracing():
        return _UNOBSERVED
    from ._observe import WaitObserver

    return WaitObserver(kind, listening, tracing(), attributes or {}, progress)


def traced_pages(fetch: PageFetch, page_size: int | None) -> PageFetch:
    """A pager's ``fetch``, with one span per page when tracing."""
    if not tracing():
        return fetch
    from ._observe import traced_pages

    return traced_pages(fetch, page_size)
