"""Bodies on the wire: request bodies read without an async generator, and answers read in
full, within a size and a time limit, with a body that fails to decode kept apart from the
status.

httpx streams a multipart or bytes body through an async generator. A send cancelled while
writing leaves that generator suspended, and trio warns (``ResourceWarning``) when it is
garbage collected. Such bodies are read synchronously underneath anyway, so they are
wrapped in a plain iterator object that has nothing to finalise.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, Final, Self

import anyio
import httpx

from ._error_mapping import undecodable_answer
from ._loops import asyncio_loop

if TYPE_CHECKING:
    import asyncio


class _Chunks:
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> bytes:
        try:
            return next(self._chunks)
        except StopIteration:
            raise StopAsyncIteration from None


class _SyncBackedStream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.SyncByteStream) -> None:
        self._stream = stream

    def __aiter__(self) -> _Chunks:
        # A fresh pass per attempt, as httpx's own stream gives (files are rewound by it).
        return _Chunks(iter(self._stream))


def without_async_generator(request: httpx.Request) -> None:
    """Swap ``request``'s body for one read by a plain iterator, when httpx can read it so."""
    stream = request.stream
    if isinstance(stream, httpx.SyncByteStream) and isinstance(stream, httpx.AsyncByteStream):
        request.stream = _SyncBackedStream(stream)


# What a read answer's stream becomes: httpx reads it no more (the body is consumed).
_READ: Final = httpx.ByteStream(b"")

#: The request extension holding ``(max_response_bytes, max_read_time)`` for its answer.
LIMITS: Final = "awaitops.response_limits"


class LimitExceeded(httpx.ReadError):
    """An answer broke a response limit: ``limit`` names the option, ``value`` its setting.
    An httpx read error underneath, since the request reached the server (see
    :func:`~awaitops.core._retry.may_have_acted`); never retried."""

    def __init__(self, limit: str, value: float, message: str, request: httpx.Request) -> None:
        super().__init__(message, request=request)
        self.limit = limit
        self.value = value


class _Capped(httpx.AsyncByteStream):
    """An answer's body that, past ``cap`` bytes, calls ``stop`` (which cancels the read):
    the read then ends at its next wait for the network, from inside, so that every stream
    underneath unwinds and closes (stopping it from outside would leave them to the garbage
    collector)."""

    def __init__(self, stream: httpx.AsyncByteStream, cap: int) -> None:
        self._stream = stream
        self._cap = cap
        self.stop: Callable[[], object] = _nothing
        self._size = 0
        self._chunks: AsyncIterator[bytes] | None = None
        self.exceeded = False

    def __aiter__(self) -> Self:
        self._chunks = aiter(self._stream)
        return self

    async def __anext__(self) -> bytes:
        assert self._chunks is not None
        chunk = await anext(self._chunks)
        self._size += len(chunk)
        if self._size > self._cap and not self.exceeded:
            self.exceeded = True
            self.stop()
        return chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


async def read_answer(http: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    """Send ``request`` and read the answer, within the request's :data:`LIMITS` (each None
    for none): more bytes than the first, or a body still arriving the second's seconds
    after the head, raise :class:`LimitExceeded`. A body that fails to decode (e.g.
    corrupt gzip) keeps its status, see :func:`undecodable_answer`."""
    response = await http.send(request, auth=None, follow_redirects=False, stream=True)
    max_bytes, max_time = request.extensions.get(LIMITS, (None, None))
    try:
        if max_bytes is None and max_time is None:
            await response.aread()
        else:
            await _read_within(response, request, max_bytes, max_time)
    except httpx.DecodingError as exc:
        await response.aclose()
        return undecodable_answer(response, exc)
    except BaseException:
        await response.aclose()
        raise
    # httpx's stream refers back to its response: a cycle that only the garbage collector
    # frees, with the request, headers and URL hanging off it. The body is read and the
    # stream closed, so nothing reads the stream again: dropping it lets the answer go as
    # soon as its caller does (a long walk otherwise triggers a collection every few pages).
    response.stream = _READ
    return response


async def _read_within(
    response: httpx.Response,
    request: httpx.Request,
    max_bytes: int | None,
    max_time: float | None,
) -> None:
    capped = None
    if max_bytes is not None:
        assert isinstance(response.stream, httpx.AsyncByteStream)
        capped = response.stream = _Capped(response.stream, max_bytes)
    task = _asyncio_task()
    if task is not None:
        timed_out = await _read_in_task(task, response, capped, max_time)
    else:
        timed_out = await _read_in_scope(response, capped, max_time)
    if capped is not None and capped.exceeded:
        raise LimitExceeded(
            "max_response_bytes",
            max_bytes or 0,
            f"the answer's body is larger than max_response_bytes={max_bytes}",
            request,
        )
    if timed_out:
        raise LimitExceeded(
            "max_read_time",
            max_time or 0.0,
            f"the answer's body took longer than max_read_time={max_time:g}s to arrive",
            request,
        )


def _asyncio_task() -> asyncio.Task[Any] | None:
    """The asyncio task running this code; None under trio (or trio's guest mode)."""
    loop = asyncio_loop()
    if loop is None:
        return None
    import asyncio  # loaded already: a loop of it runs

    return asyncio.current_task(loop)


class _ReadWatch:
    """Bounds one asyncio task's body reads in time, with at most one timer at a time.

    A timer per read, cancelled as the read ends, would stay in the loop's heap until the
    loop next turns: a walk whose transport never waits (in-process, mocked) would pile up
    one per page. Here a read only sets its deadline, and the timer, once due, re-arms for
    the deadline of the read then running, or lapses if none is. Only the cancellation it
    made is claimed (counted as ``asyncio.timeout`` counts them), so a caller's own cancel
    scope still cancels the call.
    """

    __slots__ = ("__weakref__", "_loop", "_soon", "_task", "_timer", "deadline", "fired", "reading")

    def __init__(self, loop: asyncio.AbstractEventLoop, task: asyncio.Task[Any]) -> None:
        self._loop = loop
        self._task = weakref.ref(task)  # its timer may outlive it by up to one deadline
        self._timer: asyncio.TimerHandle | None = None
        self._soon: asyncio.Handle | None = None
        self.deadline = math.inf
        self.reading = False
        self.fired = False

    def start(self, max_time: float | None) -> None:
        self.fired = False
        self.reading = True
        if max_time is None:
            self.deadline = math.inf
            return
        self.deadline = deadline = self._loop.time() + max_time
        timer = self._timer
        if timer is None or timer.when() > deadline:
            if timer is not None:
                timer.cancel()  # rare: a call with a shorter max_read_time than the last
            self._timer = self._loop.call_at(deadline, self._due)

    def _due(self) -> None:
        self._timer = None
        if not self.reading or self.deadline == math.inf:
            return
        if self._loop.time() < self.deadline:
            self._timer = self._loop.call_at(self.deadline, self._due)
        else:
            self._cancel()

    def _cancel(self) -> None:
        task = self._task()
        if self.reading and not self.fired and task is not None:
            self.fired = True
            task.cancel()

    def soon(self) -> None:
        # At the next turn, so that the cancellation lands in a wait for data.
        self._soon = self._loop.call_soon(self._cancel)

    def finish(self) -> None:
        self.reading = False
        if self._soon is not None:
            self._soon.cancel()
            self._soon = None


_watches: weakref.WeakKeyDictionary[asyncio.Task[Any], _ReadWatch] = weakref.WeakKeyDictionary()


async def _read_in_task(
    task: asyncio.Task[Any],
    response: httpx.Response,
    capped: _Capped | None,
    max_time: float | None,
) -> bool:
    """Read the body within ``max_time`` under asyncio; whether it ran out.

    An anyio cancel scope costs twice ``asyncio.timeout`` per answer, which costs twice a
    timer of the loop (measured on a mocked list page: ~23, ~12 and ~6 us); the task's
    :class:`_ReadWatch` costs less than one timer per answer.
    """
    import asyncio  # loaded already: this task is one of its

    watch = _watches.get(task)
    if watch is None:
        watch = _watches[task] = _ReadWatch(task.get_loop(), task)
    cancelling = task.cancelling()
    watch.start(max_time)
    if capped is not None:
        capped.stop = watch.soon
    try:
        await response.aread()
    except asyncio.CancelledError:
        if watch.fired and task.uncancel() <= cancelling:
            return True
        raise
    finally:
        watch.finish()
        if capped is not None:
            # The answer is garbage only to the cycle collector (httpx's stream refers back
            # to it): let what reading needed go now, not with it.
            capped.stop = _nothing
    return False


async def _read_in_scope(
    response: httpx.Response, capped: _Capped | None, max_time: float | None
) -> bool:
    """Read the body within ``max_time`` in an anyio cancel scope; whether it ran out."""
    with anyio.CancelScope() as reading:
        if max_time is not None:
            reading.deadline = anyio.current_time() + max_time
        if capped is not None:
            capped.stop = reading.cancel
        try:
            await response.aread()
        finally:
            if capped is not None:
                capped.stop = _nothing
    return reading.cancelled_caught


def _nothing() -> None:
    """What a body without a reader to stop stops: nothing."""
