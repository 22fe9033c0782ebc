"""What the client, the watchers and the pager report: hooks and spans fed from one place.

Each public entry point asks ``_listening`` for an observer once; this module is loaded
only once a hook listens or OpenTelemetry is loaded.
"""

from __future__ import annotations

import itertools
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Sequence,
)
from contextlib import AbstractContextManager, aclosing, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import httpx

from awaitops.errors import ApiError, OperationFailedError, WaitTimeoutError

from . import _tracing
from ._eta import progress_reading
from ._events import (
    PollEvent,
    QueueEvent,
    RequestEvent,
    ResponseEvent,
    RetryEvent,
    WaitEndEvent,
    WaitKind,
    WaitOutcome,
    emit,
)
from ._hooks import ClientHooks

if TYPE_CHECKING:
    from opentelemetry.trace import Span

S = TypeVar("S")
T = TypeVar("T")


def observe_call(hooks: ClientHooks, method: str, url: httpx.URL) -> CallObserver:
    """An observer for one call of the client (asked for once a hook or a tracer looks)."""
    tracer = _tracing.tracer()
    span = None if tracer is None else _tracing.start_client_span(tracer, method, url)
    return CallObserver(hooks if hooks._http else None, method, url, span)


class CallObserver:
    """One call of :class:`~awaitops.core.AsyncApiClient`, all its attempts."""

    __slots__ = ("_hooks", "_method", "_sent_at", "_span", "_status", "_url", "attempts")

    def __init__(
        self, hooks: ClientHooks | None, method: str, url: httpx.URL, span: Span | None
    ) -> None:
        self._hooks = hooks
        self._span = span
        self._method = method
        self._url = _tracing.url_without_query(url)
        self._sent_at = 0.0
        self._status: int | None = None
        self.attempts = 0

    async def around(self, call: Awaitable[httpx.Response]) -> httpx.Response:
        """Await the call with its span current, then end the span with the outcome."""
        error: BaseException | None = None
        try:
            if self._span is None:
                return await call
            with _tracing.current(self._span):
                return await call
        except BaseException as exc:
            error = exc
            raise
        finally:
            self._end(error)

    def _end(self, exc: BaseException | None) -> None:
        span = self._span
        if span is None:
            return
        span.set_attribute("awaitops.attempts", self.attempts)
        if self.attempts > 1:
            span.set_attribute("http.request.resend_count", self.attempts - 1)
        if self._status is not None:
            span.set_attribute("http.response.status_code", self._status)
        if exc is not None:
            failed_status = isinstance(exc, ApiError) and exc.status == self._status
            _tracing.fail(span, str(self._status) if failed_status else _tracing.type_name(exc))
        span.end()

    def sending(self, attempt: int) -> None:
        self.attempts = attempt + 1
        self._sent_at = anyio.current_time()
        if self._hooks is not None and self._hooks._request:
            emit(self._hooks._request, RequestEvent(self._method, self._url, attempt))

    def answered(self, outcome: object) -> None:
        """``outcome``: the status code, or the transport error's class name."""
        status = outcome if isinstance(outcome, int) else None
        self._status = status
        if self._hooks is not None and self._hooks._response:
            event = ResponseEvent(
                self._method,
                self._url,
                self.attempts - 1,
                status,
                None if status is not None else str(outcome),
                anyio.current_time() - self._sent_at,
            )
            emit(self._hooks._response, event)

    def retrying(self, attempt: int, outcome: object, delay: float) -> None:
        reason = str(outcome)
        if self._span is not None:
            self._span.add_event(
                "awaitops.retry",
                {
                    "awaitops.retry.attempt": attempt,
                    "awaitops.retry.reason": reason,
                    "awaitops.retry.delay_s": delay,
                },
            )
        if self._hooks is not None and self._hooks._retry:
            emit(self._hooks._retry, RetryEvent(self._method, self._url, attempt, reason, delay))

    def refused(self, outcome: object) -> None:
        """The failed attempt is not retried: the host's retry budget is spent."""
        if self._span is not None:
            self._span.add_event(
                "awaitops.retry.refused",
                {"awaitops.retry.reason": str(outcome), "awaitops.retry.refused_by": "budget"},
            )

    def queued(self, waited: float, reason: str) -> None:
        """The request waited ``waited`` seconds for ``reason`` and is sent now."""
        self._sent_at = anyio.current_time()  # a response's elapsed time leaves the queue out
        if self._span is not None:
            self._span.add_event(
                "awaitops.queue",
                {"awaitops.queue.reason": reason, "awaitops.queue.waited_s": waited},
            )
        if self._hooks is not None and self._hooks._queue:
            emit(self._hooks._queue, QueueEvent(self._method, self._url, waited, reason))


def _text_attribute(snapshot: object, name: str) -> str | None:
    value = getattr(snapshot, name, None)
    return value if isinstance(value, str) else None


class WaitObserver:
    """One watch, wait or wait_all: a span around it all, polls as its children."""

    def __init__(
        self,
        kind: WaitKind,
        hooks: ClientHooks | None,
        tracing: bool,
        attributes: dict[str, Any],
        progress: Callable[[Any], float | None] | None = None,
    ) -> None:
        self._kind: WaitKind = kind
        self._progress = progress
        self._hooks = hooks
        self._tracing = tracing
        self._attributes = attributes
        self._span: Span | None = None
        self._started = 0.0
        self._polls = 0
        self._operation_id: str | None = None
        self._status: str | None = None

    def polled(self, poll: Callable[[], Awaitable[S]]) -> Callable[[], Awaitable[S]]:
        """``poll``, counted and reported, with the wait's span as its parent."""

        async def observed() -> S:
            return await self._poll(poll(), None)

        return observed

    def fetched_alone(
        self, get_one: Callable[[str], Awaitable[S]]
    ) -> Callable[[str], Awaitable[S]]:
        """``get_one`` of a wait_all, reported like a poll."""

        async def observed(operation_id: str) -> S:
            return await self._poll(get_one(operation_id), operation_id)

        return observed

    def listed(
        self, batch_poll: Callable[[], Awaitable[Sequence[S]] | AsyncIterable[Sequence[S]]]
    ) -> Callable[[], Awaitable[Sequence[S]] | AsyncIterable[Sequence[S]]]:
        """``batch_poll`` of a wait_all: one list read, whole or page by page, is one poll."""

        def observed() -> Awaitable[Sequence[S]] | AsyncIterable[Sequence[S]]:
            batch = batch_poll()
            if isinstance(batch, AsyncIterable):
                return self._pages(aiter(batch))
            return self._poll(batch, None)

        return observed

    async def _pages(self, pages: AsyncIterator[Sequence[S]]) -> AsyncGenerator[Sequence[S], None]:
        self._polls += 1
        number = self._polls
        error_type = None
        try:
            while True:
                try:
                    with self._current():
                        page = await anext(pages)
                except StopAsyncIteration:
                    return
                yield page
        except Exception as exc:
            error_type = type(exc).__name__
            raise
        finally:
            close = getattr(pages, "aclose", None)
            if close is not None:
                await close()
            self._report_poll(number, None, None, error_type)

    def _current(self) -> AbstractContextManager[None]:
        """The wait's span made the parent of what runs inside (never across a yield)."""
        return nullcontext() if self._span is None else _tracing.current(self._span)

    async def _poll(self, call: Awaitable[T], operation_id: str | None) -> T:
        self._polls += 1
        number = self._polls
        try:
            with self._current():
                result = await call
        except Exception as exc:
            self._report_poll(number, operation_id, None, type(exc).__name__)
            raise
        if isinstance(result, Sequence):
            self._report_poll(number, None, None, None)
            return result
        operation_id = _text_attribute(result, "id") or operation_id
        status = _text_attribute(result, "status")
        if self._kind not in ("wait_all", "watch_all"):
            self._operation_id = operation_id or self._operation_id
            self._status = status or self._status
        progress = None if self._progress is None else progress_reading(self._progress, result)
        self._report_poll(number, operation_id, status, None, progress)
        return result

    def _report_poll(
        self,
        number: int,
        operation_id: str | None,
        status: str | None,
        error_type: str | None,
        progress: float | None = None,
    ) -> None:
        if self._span is not None:
            event: dict[str, Any] = {"awaitops.poll.number": number}
            if operation_id is not None:
                event["awaitops.operation.id"] = operation_id
            if status is not None:
                event["awaitops.operation.status"] = status
            if progress is not None:
                event["awaitops.operation.progress"] = progress
            if error_type is not None:
                event["error.type"] = error_type
            self._span.add_event("awaitops.poll", event)
        if self._hooks is not None and self._hooks._poll:
            elapsed = anyio.current_time() - self._started
            emit(
                self._hooks._poll,
                PollEvent(self._kind, number, elapsed, operation_id, status, error_type, progress),
            )

    def follow(self, snapshots: AsyncGenerator[S, None]) -> AsyncGenerator[S, None]:
        """``snapshots``, with the wait's span open from the first step to the last."""
        return self._follow(snapshots)

    async def _follow(self, snapshots: AsyncGenerator[S, None]) -> AsyncGenerator[S, None]:
        self._started = anyio.current_time()
        tracer = _tracing.tracer()
        if self._tracing and tracer is not None:
            self._span = _tracing.start_internal_span(
                tracer, f"awaitops.{self._kind}", self._attributes
            )
        outcome: WaitOutcome = "error"
        error: BaseException | None = None
        try:
            async with aclosing(snapshots):
                async for snapshot in snapshots:
                    yield snapshot
            outcome = "completed"
        except GeneratorExit:
            outcome = "closed"
            raise
        except BaseException as exc:
            error = exc
            outcome = _outcome(exc)
            raise
        finally:
            self._end(outcome, error)

    def _end(self, outcome: WaitOutcome, error: BaseException | None) -> None:
        error_type = None if error is None else type(error).__name__
        span = self._span
        if span is not None:
            span.set_attribute("awaitops.poll.count", self._polls)
            span.set_attribute("awaitops.wait.outcome", outcome)
            if self._operation_id is not None:
                span.set_attribute("awaitops.operation.id", self._operation_id)
            if self._status is not None:
                span.set_attribute("awaitops.operation.status", self._status)
            if error is not None and outcome != "cancelled":
                _tracing.fail(span, _tracing.type_name(error))
            span.end()
        if self._hooks is not None and self._hooks._wait_end:
            elapsed = anyio.current_time() - self._started
            emit(
                self._hooks._wait_end,
                WaitEndEvent(self._kind, self._polls, elapsed, outcome, self._status, error_type),
            )


def _outcome(error: BaseException) -> WaitOutcome:
    if isinstance(error, OperationFailedError):
        return "failed"
    if isinstance(error, WaitTimeoutError):
        return "timed_out"
    if isinstance(error, anyio.get_cancelled_exc_class()):
        return "cancelled"
    return "error"


def traced_pages(
    fetch: Callable[[dict[str, Any]], Awaitable[Any]], page_size: int | None
) -> Callable[[dict[str, Any]], Awaitable[Any]]:
    """A pager's ``fetch`` with one span per page, numbered from 0 within the walk."""
    tracer = _tracing.tracer()
    if tracer is None:
        return fetch
    numbers = itertools.count()
    attributes: dict[str, Any] = {} if page_size is None else {"awaitops.page.size": page_size}

    async def fetch_page(params: dict[str, Any]) -> Any:
        span = _tracing.start_internal_span(
            tracer, "awaitops.page", {**attributes, "awaitops.page.number": next(numbers)}
        )
        try:
            with _tracing.current(span):
                return await fetch(params)
        except BaseException as exc:
            _tracing.fail(span, _tracing.type_name(exc))
            raise
        finally:
            span.end()

    return fetch_page
