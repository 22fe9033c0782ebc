"""Follow long-running operations to the end: ``watch``, ``wait`` and ``wait_all``.

All three are transport-agnostic: they call a ``poll`` coroutine (or, for ``wait_all``, a
``batch_poll`` one that lists many operations at once) and judge each snapshot with the
caller's predicates. A failed snapshot counts as terminal.

Pacing, from the most to the least specific:

* A :class:`~awaitops.errors.RateLimitError` stretches the next pause to the server's
  ``retry_after`` (or a full backoff step without jitter) instead of ending the wait.
* :class:`~awaitops.errors.ServerError` and :class:`~awaitops.errors.ApiConnectionError`
  (timeouts included) are survived with jittered backoff; other errors propagate.
* With a ``progress`` reader, two or more readings give a predicted end, and the next poll is
  placed just after it, clamped to ``[initial_interval, max_interval]``.
* Otherwise the policy's jittered backoff.

``PollPolicy.timeout`` bounds the whole wait: a poll still running at the deadline (say, a
request the core keeps retrying) is cancelled, no poll starts after it, and
:class:`~awaitops.errors.WaitTimeoutError` is raised with the last snapshot seen (and the
last survived error as its cause).

Only ``anyio.current_time`` and ``anyio.sleep`` measure time, so a mock clock drives these in
tests and benchmarks. Nothing runs in the background between polls: cancelling the awaiting
task stops everything at once.
"""

from __future__ import annotations

import enum
import math
import random
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable, Iterator, Sequence
from typing import Final, Generic, TypeVar

import anyio

from awaitops.errors import (
    ApiConnectionError,
    OperationFailedError,
    RateLimitError,
    ServerError,
    WaitTimeoutError,
)

from ._backoff import exponential_ceilings
from ._eta import ProgressEstimator, eta_interval
from ._policies import PollPolicy

__all__ = ["wait", "wait_all", "watch"]

S = TypeVar("S")
T = TypeVar("T")


class _TimedOut(enum.Enum):
    TIMED_OUT = "TIMED_OUT"


TIMED_OUT: Final = _TimedOut.TIMED_OUT

# Errors a wait outlives: the operation is still there, the server or the network hiccuped.
_SURVIVABLE = (RateLimitError, ServerError, ApiConnectionError)

_DEFAULT_POLICY = PollPolicy()


class _Pace:
    """The interval before the next poll when no completion estimate applies."""

    def __init__(self, policy: PollPolicy) -> None:
        self._policy = policy
        self._intervals = policy.intervals()
        self._error_ceilings = self._fresh_ceilings()

    def _fresh_ceilings(self) -> Iterator[float]:
        policy = self._policy
        return exponential_ceilings(policy.initial_interval, policy.max_interval, policy.multiplier)

    def idle(self, measuring: bool = False) -> float:
        interval = next(self._intervals)
        if measuring:
            # Progress moved too little to give a rate yet. Over a short span the change is
            # mostly rounding (progress usually comes in whole percents), so give it time.
            initial = self._policy.initial_interval
            interval = max(interval, random.uniform(2 * initial, 4 * initial))
        return min(interval, self._policy.max_interval)

    def succeeded(self) -> None:
        self._error_ceilings = self._fresh_ceilings()

    def failed(self, error: Exception) -> float:
        ceiling = next(self._error_ceilings)
        if isinstance(error, RateLimitError):
            # Slowing down is the point: wait the whole step, or longer if the server asks.
            return max(ceiling, error.retry_after or 0.0)
        return random.uniform(0.0, ceiling)


class _Deadline:
    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout
        self.start = anyio.current_time()
        self.end = math.inf if timeout is None else self.start + timeout

    def elapsed(self) -> float:
        return anyio.current_time() - self.start

    def passed(self) -> bool:
        return anyio.current_time() >= self.end

    async def within(self, call: Callable[[], Awaitable[T]]) -> T | _TimedOut:
        """``await call()``, cut short when the deadline passes: retries inside a poll must
        not stretch the wait past ``PollPolicy.timeout``."""
        remaining = None if self.timeout is None else max(self.end - anyio.current_time(), 0.0)
        with anyio.move_on_after(remaining):
            return await call()
        return TIMED_OUT

    async def sleep_until(self, moment: float) -> None:
        """Sleep until ``moment``, or until the deadline if that comes first."""
        pause = min(moment, self.end) - anyio.current_time()
        if pause > 0:
            await anyio.sleep(pause)


def _reading(progress: Callable[[S], float | None], snapshot: S) -> float | None:
    """The snapshot's progress as a finite number, else None: an odd value from the server
    (text, NaN, a list) only costs the estimate, never the wait."""
    value: object = progress(snapshot)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _timeout_error(deadline: _Deadline, last: object) -> WaitTimeoutError:
    return WaitTimeoutError(
        f"gave up waiting after {deadline.elapsed():.1f}s (timeout {deadline.timeout:g}s)",
        snapshot=last,
        elapsed=deadline.elapsed(),
    )


def _failure_text(snapshot: S, failure_message: Callable[[S], str | None] | None) -> str:
    message = failure_message(snapshot) if failure_message is not None else None
    return message or "the operation failed and the server gave no message"


async def watch(
    poll: Callable[[], Awaitable[S]],
    *,
    is_terminal: Callable[[S], bool],
    is_failed: Callable[[S], bool],
    progress: Callable[[S], float | None] | None = None,
    policy: PollPolicy = _DEFAULT_POLICY,
    failure_message: Callable[[S], str | None] | None = None,
) -> AsyncGenerator[S, None]:
    """Poll until a terminal snapshot, yielding each snapshot that differs from the last.

    The terminal snapshot is yielded too. If it is a failure, :class:`OperationFailedError`
    (message from ``failure_message``, snapshot kept) is raised after it, so a loop that shows
    progress also sees the final state. ``progress`` reads a percentage (0-100) from a
    snapshot, or None when there is none. Raises :class:`WaitTimeoutError` (last snapshot
    kept) when ``policy.timeout`` runs out.
    """
    deadline = _Deadline(policy.timeout)
    pace = _Pace(policy)
    estimator = ProgressEstimator()
    last: S | None = None
    seen = False
    error: Exception | None = None
    while True:
        started = anyio.current_time()
        try:
            snapshot = await deadline.within(poll)
        except _SURVIVABLE as exc:
            error = exc
            next_poll = anyio.current_time() + pace.failed(exc)
        else:
            if snapshot is TIMED_OUT:
                raise _timeout_error(deadline, last) from error
            error = None
            pace.succeeded()
            if progress is not None:
                reading = _reading(progress, snapshot)
                if reading is not None:
                    estimator.add(started, reading)
            if not seen or snapshot != last:
                seen, last = True, snapshot
                yield snapshot
            if is_failed(snapshot):
                raise OperationFailedError(
                    _failure_text(snapshot, failure_message), snapshot=snapshot
                )
            if is_terminal(snapshot):
                return
            # Intervals run from poll start to poll start, so a slow answer does not delay
            # the next one.
            planned = eta_interval(started, estimator.predicted_completion(), policy)
            if planned is None:
                planned = pace.idle(measuring=estimator.measuring)
            next_poll = started + planned

        await deadline.sleep_until(next_poll)
        if deadline.passed():
            raise _timeout_error(deadline, last) from error


async def wait(
    poll: Callable[[], Awaitable[S]],
    *,
    is_terminal: Callable[[S], bool],
    is_failed: Callable[[S], bool],
    progress: Callable[[S], float | None] | None = None,
    policy: PollPolicy = _DEFAULT_POLICY,
    failure_message: Callable[[S], str | None] | None = None,
) -> S:
    """Poll until a terminal snapshot and return it; see :func:`watch` for the rules.

    Raises :class:`OperationFailedError` for a failed operation and
    :class:`WaitTimeoutError` when ``policy.timeout`` runs out.
    """
    snapshots = watch(
        poll,
        is_terminal=is_terminal,
        is_failed=is_failed,
        progress=progress,
        policy=policy,
        failure_message=failure_message,
    )
    final: list[S] = []
    async for snapshot in snapshots:
        final[:] = [snapshot]
    # watch only ends without raising after yielding the terminal snapshot.
    return final[0]


class _Pending(Generic[S]):
    __slots__ = ("estimator", "last")

    def __init__(self) -> None:
        self.estimator = ProgressEstimator()
        self.last: S | None = None


async def _get_each(
    ids: Sequence[str],
    get_one: Callable[[str], Awaitable[S]],
    limit: int,
) -> tuple[dict[str, S], Exception | None]:
    """Fetch ``ids`` one by one, ``limit`` at a time.

    Returns what was fetched and a survivable error if any get hit one (a rate limit is
    preferred, since it must slow the next round). Any other error cancels the remaining gets
    and is raised as itself, not wrapped in an exception group.
    """
    found: dict[str, S] = {}
    survivable: list[Exception] = []
    fatal: list[Exception] = []
    limiter = anyio.CapacityLimiter(limit)

    async with anyio.create_task_group() as task_group:

        async def get(op_id: str) -> None:
            async with limiter:
                try:
                    found[op_id] = await get_one(op_id)
                except _SURVIVABLE as exc:
                    survivable.append(exc)
                except Exception as exc:
                    fatal.append(exc)
                    task_group.cancel_scope.cancel()

        for op_id in ids:
            task_group.start_soon(get, op_id)

    if fatal:
        raise fatal[0]
    rate_limited = [exc for exc in survivable if isinstance(exc, RateLimitError)]
    return found, (rate_limited or survivable or [None])[0]


async def wait_all(
    ids: Iterable[str],
    *,
    batch_poll: Callable[[], Awaitable[Sequence[S]]],
    get_one: Callable[[str], Awaitable[S]],
    key: Callable[[S], str],
    is_terminal: Callable[[S], bool],
    is_failed: Callable[[S], bool],
    progress: Callable[[S], float | None] | None = None,
    policy: PollPolicy = _DEFAULT_POLICY,
    failure_message: Callable[[S], str | None] | None = None,
    raise_on_failure: bool = False,
    max_concurrent_gets: int = 8,
) -> AsyncGenerator[S, None]:
    """Yield each operation's terminal snapshot as soon as it is seen, until all are done.

    Each round costs one ``batch_poll()`` (a list of many snapshots, matched to ``ids`` by
    ``key``), plus one ``get_one(id)`` for each pending id the list did not show, at most
    ``max_concurrent_gets`` at a time. The next round is placed just after the earliest
    predicted end among the pending operations, or after a backoff step.

    Failures are yielded like successes, so one failed operation does not hide the others'
    results: check the snapshot. With ``raise_on_failure=True`` the first failure raises
    :class:`OperationFailedError` instead. When ``policy.timeout`` runs out,
    :class:`WaitTimeoutError` lists the unfinished ids; its ``snapshot`` maps each of them to
    its last snapshot (None if never seen). Within a round, snapshots come in ``ids`` order.
    """
    if max_concurrent_gets < 1:
        raise ValueError(f"max_concurrent_gets must be >= 1, got {max_concurrent_gets!r}")
    pending: dict[str, _Pending[S]] = {op_id: _Pending() for op_id in dict.fromkeys(ids)}
    deadline = _Deadline(policy.timeout)
    pace = _Pace(policy)
    error: Exception | None = None
    while pending:
        started = anyio.current_time()

        async def poll_round() -> tuple[dict[str, S], Exception | None]:
            found: dict[str, S] = {}
            for snapshot in await batch_poll():
                op_id = key(snapshot)
                if op_id in pending:
                    found[op_id] = snapshot
            missing = [op_id for op_id in pending if op_id not in found]
            if not missing:
                return found, None
            fetched, error = await _get_each(missing, get_one, max_concurrent_gets)
            return {**found, **fetched}, error

        try:
            outcome = await deadline.within(poll_round)
        except _SURVIVABLE as exc:
            error = exc
            next_poll = anyio.current_time() + pace.failed(exc)
        else:
            if outcome is TIMED_OUT:
                raise _unfinished_error(deadline, pending) from error
            found, error = outcome
            if error is None:
                pace.succeeded()

            finished: list[S] = []
            for op_id, state in list(pending.items()):
                if op_id not in found:
                    continue
                snapshot = state.last = found[op_id]
                if is_failed(snapshot) or is_terminal(snapshot):
                    del pending[op_id]
                    finished.append(snapshot)
                elif progress is not None:
                    reading = _reading(progress, snapshot)
                    if reading is not None:
                        state.estimator.add(started, reading)
            for snapshot in finished:
                if raise_on_failure and is_failed(snapshot):
                    raise OperationFailedError(
                        _failure_text(snapshot, failure_message), snapshot=snapshot
                    )
                yield snapshot
            if not pending:
                return

            planned = [
                eta_interval(started, state.estimator.predicted_completion(), policy)
                for state in pending.values()
            ]
            intervals = [interval for interval in planned if interval is not None]
            if len(intervals) < len(planned):
                measuring = any(state.estimator.measuring for state in pending.values())
                intervals.append(pace.idle(measuring=measuring))
            next_poll = started + min(intervals)
            if error is not None:
                next_poll = max(next_poll, anyio.current_time() + pace.failed(error))

        await deadline.sleep_until(next_poll)
        if deadline.passed():
            raise _unfinished_error(deadline, pending) from error


def _unfinished_error(deadline: _Deadline, pending: dict[str, _Pending[S]]) -> WaitTimeoutError:
    unfinished = list(pending)
    shown = ", ".join(unfinished[:10]) + (", ..." if len(unfinished) > 10 else "")
    return WaitTimeoutError(
        f"{len(unfinished)} operation(s) unfinished after {deadline.elapsed():.1f}s "
        f"(timeout {deadline.timeout:g}s): {shown}",
        snapshot={op_id: state.last for op_id, state in pending.items()},
        elapsed=deadline.elapsed(),
    )
