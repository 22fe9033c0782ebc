"""Follow long-running operations to the end: ``watch``, ``wait`` and ``wait_all``.

All three are transport-agnostic: they call a ``poll`` coroutine (or, for ``wait_all``, a
``batch_poll`` that lists many operations at once, whole or page by page) and judge each
snapshot with the caller's predicates. A failed snapshot counts as terminal.

Pacing, from the most to the least specific:

* A :class:`~awaitops.errors.RateLimitError` stretches the next pause to the server's
  ``retry_after`` (or a full backoff step without jitter) instead of ending the wait; a
  ``retry_after`` over ``PollPolicy.retry_after_cap`` is raised instead of slept through.
* :class:`~awaitops.errors.ServerError` and :class:`~awaitops.errors.ApiConnectionError`
  (timeouts included) are survived with jittered backoff; other errors propagate. Once
  nothing but connection errors came back for ``PollPolicy.unreachable_timeout`` seconds,
  the last of them is raised (a WARNING is logged when the run starts).
* With a ``progress`` reader, two or more readings give a predicted end, and the next poll is
  placed just after it, clamped to ``[initial_interval, max_interval]`` (an end at most
  ``ETA_REACH`` steps away is polled at that end): an operation that fails part-way is still
  polled at least every ``max_interval * ETA_REACH``. The reading that gives a rate comes
  over half a ``max_interval`` after the first (``_MEASURE``).
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
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Sequence,
)
from contextlib import aclosing
from functools import partial
from typing import Final, Generic, Literal, TypeVar

import anyio

from awaitops.errors import (
    ApiConnectionError,
    OperationCancelledError,
    OperationExpiredError,
    OperationFailedError,
    RateLimitError,
    ServerError,
    WaitTimeoutError,
)

from ._backoff import exponential_ceilings
from ._closing import Closing, until_closed
from ._eta import ProgressEstimator, eta_interval
from ._eta import progress_reading as _reading
from ._hooks import ClientHooks
from ._listening import observe_wait
from ._logging import logger
from ._policies import PollPolicy
from ._priority import polling
from ._retry import reached_server

__all__ = ["wait", "wait_all", "watch", "watch_all"]

S = TypeVar("S")
T = TypeVar("T")


class _TimedOut(enum.Enum):
    TIMED_OUT = "TIMED_OUT"


TIMED_OUT: Final = _TimedOut.TIMED_OUT

# Errors a wait outlives: the operation is still there, the server or the network hiccuped.
_SURVIVABLE = (RateLimitError, ServerError, ApiConnectionError)

_DEFAULT_POLICY = PollPolicy()

# The reading that gives a rate comes this share of ``max_interval`` after the first: late
# enough that whole-percent rounding hardly moves the estimate, and placed so that the polls
# after it, ``max_interval`` apart with the last just after the predicted end, often cost no
# more than fixed polling every ``max_interval`` would (an operation ending within the first
# share of a step costs none extra).
_MEASURE = (0.6, 0.72)


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
            interval = max(interval, random.uniform(*_MEASURE) * self._policy.max_interval)
        return min(interval, self._policy.max_interval)

    def succeeded(self) -> None:
        self._error_ceilings = self._fresh_ceilings()

    def failed(self, error: Exception) -> float | None:
        """The pause after ``error``; None when the server asks for more than the cap."""
        ceiling = next(self._error_ceilings)
        if isinstance(error, RateLimitError):
            hint = error.retry_after or 0.0
            if hint > self._policy.retry_after_cap:
                return None
            # Slowing down is the point: wait the whole step, or longer if the server asks.
            return max(ceiling, hint)
        return random.uniform(0.0, ceiling)


class _Reach:
    """How long nothing but connection errors came back: a dead or mistyped host must end
    the wait, not look like a slow operation."""

    def __init__(self, limit: float | None) -> None:
        self._limit = limit
        self._since: float | None = None

    def answered(self) -> None:
        self._since = None

    def lost(self, error: Exception, started: float) -> bool:
        """Note a failed poll begun at ``started``; True once the wait should give up."""
        if not isinstance(error, ApiConnectionError):
            # Any status code is an answer: the host is there.
            self.answered()
            return False
        if reached_server(error):
            # Cut or late mid-answer: the host is there, the network or the server hiccuped.
            self.answered()
            logger.info(
                "a poll of an operation reached the server but got no whole answer (%s: %s); "
                "retrying",
                type(error.__cause__).__name__,
                error,
            )
            return False
        if self._since is None:
            self._since = started
            logger.warning(
                "cannot reach the server to poll an operation (%s: %s); retrying, giving up "
                "after %ss of connection errors (PollPolicy.unreachable_timeout)",
                type(error).__name__,
                error,
                self._limit,
            )
            return False
        return self._limit is not None and anyio.current_time() - self._since >= self._limit

    def give_up_at(self) -> float:
        """When the last poll before giving up is due."""
        if self._since is None or self._limit is None:
            return math.inf
        return self._since + self._limit


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


def _closing(hooks: ClientHooks | None) -> Closing | None:
    # The hooks are shared by a client and its copies, and so is its closing.
    return None if hooks is None else hooks._closing


def _timeout_error(deadline: _Deadline, last: object) -> WaitTimeoutError:
    return WaitTimeoutError(
        f"gave up waiting after {deadline.elapsed():.1f}s (timeout {deadline.timeout:g}s)",
        snapshot=last,
        elapsed=deadline.elapsed(),
    )


def _failure_text(snapshot: S, failure_message: Callable[[S], str | None] | None) -> str:
    message = failure_message(snapshot) if failure_message is not None else None
    return message or "the operation failed and the server gave no message"


Verdict = Callable[[S], bool] | None


class _Ending(Generic[S]):
    """How an unsuccessful end reads: whether a snapshot is one, and the error it raises
    (a subclass of OperationFailedError for a cancelled or expired operation)."""

    __slots__ = ("cancelled", "expired", "failed", "message")

    def __init__(
        self,
        failed: Callable[[S], bool],
        message: Callable[[S], str | None] | None,
        cancelled: Verdict[S],
        expired: Verdict[S],
    ) -> None:
        self.failed = failed
        self.message = message
        self.cancelled = cancelled
        self.expired = expired

    def __call__(self, snapshot: S) -> bool:
        return bool(
            self.failed(snapshot)
            or (self.cancelled is not None and self.cancelled(snapshot))
            or (self.expired is not None and self.expired(snapshot))
        )

    def error(self, snapshot: S) -> OperationFailedError:
        kind = OperationFailedError
        if self.cancelled is not None and self.cancelled(snapshot):
            kind = OperationCancelledError
        elif self.expired is not None and self.expired(snapshot):
            kind = OperationExpiredError
        return kind(_failure_text(snapshot, self.message), snapshot=snapshot)


def watch(
    poll: Callable[[], Awaitable[S]],
    *,
    is_terminal: Callable[[S], bool],
    is_failed: Callable[[S], bool],
    progress: Callable[[S], float | None] | None = None,
    policy: PollPolicy = _DEFAULT_POLICY,
    failure_message: Callable[[S], str | None] | None = None,
    hooks: ClientHooks | None = None,
    is_cancelled: Verdict[S] = None,
    is_expired: Verdict[S] = None,
    since: S | None = None,
) -> AsyncGenerator[S, None]:
    """Poll until a terminal snapshot, yielding each snapshot that differs from the last.

    The first yield is the state the first poll finds, unless it equals ``since``, a snapshot
    the caller already holds (e.g. the one a call that started the operation returned): only
    changes from it are yielded. The terminal snapshot is yielded too (unless it is
    ``since``). If it is a failure, :class:`OperationFailedError` (message from
    ``failure_message``, snapshot kept) is raised after it, so a loop that shows progress also
    sees the final state. ``progress`` reads a percentage (0-100) from a snapshot, or None
    when there is none. Raises :class:`WaitTimeoutError` (last snapshot kept) when
    ``policy.timeout`` runs out. ``hooks`` hear of each poll (with its progress) and of the
    end. A snapshot ``is_cancelled`` or ``is_expired`` reads as a failure too, and raises
    :class:`OperationCancelledError` or :class:`OperationExpiredError`.
    """
    observer = observe_wait("watch", hooks, progress=progress)
    polled = observer.polled(poll)
    ending = _Ending(is_failed, failure_message, is_cancelled, is_expired)
    return observer.follow(
        until_closed(_closing(hooks), _watch(polled, is_terminal, ending, progress, policy, since))
    )


async def _watch(
    poll: Callable[[], Awaitable[S]],
    is_terminal: Callable[[S], bool],
    is_failed: _Ending[S],
    progress: Callable[[S], float | None] | None,
    policy: PollPolicy,
    since: S | None = None,
) -> AsyncGenerator[S, None]:
    deadline = _Deadline(policy.timeout)
    pace = _Pace(policy)
    reach = _Reach(policy.unreachable_timeout)
    estimator = ProgressEstimator()
    last: S | None = since
    seen = since is not None
    error: Exception | None = None
    while True:
        started = anyio.current_time()
        try:
            with polling():
                snapshot = await deadline.within(poll)
        except _SURVIVABLE as exc:
            error = exc
            pause = pace.failed(exc)
            if pause is None or reach.lost(exc, started):
                raise
            next_poll = min(anyio.current_time() + pause, reach.give_up_at())
        else:
            if snapshot is TIMED_OUT:
                raise _timeout_error(deadline, last) from error
            error = None
            pace.succeeded()
            reach.answered()
            if progress is not None:
                reading = _reading(progress, snapshot)
                if reading is not None:
                    estimator.add(started, reading)
            if not seen or snapshot != last:
                seen, last = True, snapshot
                yield snapshot
            if is_failed(snapshot):
                raise is_failed.error(snapshot)
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
    hooks: ClientHooks | None = None,
    is_cancelled: Verdict[S] = None,
    is_expired: Verdict[S] = None,
) -> S:
    """Poll until a terminal snapshot and return it; see :func:`watch` for the rules.

    Raises :class:`OperationFailedError` for a failed operation and
    :class:`WaitTimeoutError` when ``policy.timeout`` runs out.
    """
    observer = observe_wait("wait", hooks, progress=progress)
    polled = observer.polled(poll)
    ending = _Ending(is_failed, failure_message, is_cancelled, is_expired)
    snapshots = observer.follow(
        until_closed(_closing(hooks), _watch(polled, is_terminal, ending, progress, policy))
    )
    final: list[S] = []
    async with aclosing(snapshots):
        async for snapshot in snapshots:
            final[:] = [snapshot]
    # watch only ends without raising after yielding the terminal snapshot.
    return final[0]


# What ``wait_all`` may spend, as a share of polling each pending operation every
# ``max_interval``: that costs one request as it starts, one a step while it runs and, on
# average, half a step's worth for the poll that sees it end.
_BUDGET_SHARE = 0.42
_UP_FRONT = 1.5


class _Budget:
    """Requests ``wait_all`` may still spend: what fixed polling of the pending operations
    would have cost so far, times ``_BUDGET_SHARE``, minus what was spent. An operation that
    ends early leaves its share behind, so the rest are seen sooner."""

    def __init__(self, policy: PollPolicy, count: int, now: float) -> None:
        self._policy = policy
        self._per_second = _BUDGET_SHARE / policy.max_interval
        self._left = _BUDGET_SHARE * _UP_FRONT * count
        self._at = now

    def earn(self, now: float, pending: int) -> None:
        self._left += (now - self._at) * pending * self._per_second
        self._at = now

    def spend(self, requests: int) -> None:
        self._left -= requests

    def cadence(self, now: float, ends: Sequence[float | None], pages: int) -> float:
        """The interval between list reads that spreads what is left, and what the pending
        operations will earn, evenly until the last predicted end (or a step, without one)."""
        policy = self._policy
        known = [end - now for end in ends if end is not None and end > now]
        horizon = max([policy.max_interval, *known])
        earned = sum(known) + horizon * (len(ends) - len(known))
        affordable = self._left + earned * self._per_second
        if affordable < pages:
            return policy.max_interval
        interval = horizon * pages / affordable
        return min(max(interval, policy.initial_interval), policy.max_interval)


class _Pending(Generic[S]):
    """One operation ``wait_all`` still waits for."""

    __slots__ = ("estimator", "get_due", "last", "listed", "pace")

    def __init__(self) -> None:
        self.estimator = ProgressEstimator()
        self.last: S | None = None
        # Shown by the last list read; otherwise it is fetched alone, paced like ``wait``.
        self.listed = False
        self.get_due = -math.inf
        self.pace: _Pace | None = None

    def next_get(self, started: float, policy: PollPolicy) -> float:
        planned = eta_interval(started, self.estimator.predicted_completion(), policy)
        if planned is None:
            if self.pace is None:
                self.pace = _Pace(policy)
            planned = self.pace.idle(measuring=self.estimator.measuring)
        return started + planned


class _Round(Generic[S]):
    """What one ``wait_all`` round saw, kept even when the round is cut short."""

    def __init__(self) -> None:
        self.found: dict[str, S] = {}
        self.fetched: set[str] = set()
        self.pages = 0
        self.listed = False
        self.answered = False
        self.survived: list[Exception] = []
        self.fatal: Exception | None = None

    def error(self) -> Exception | None:
        """The survived error that paces the next round (a rate limit first: it must slow
        the next round)."""
        limited = [exc for exc in self.survived if isinstance(exc, RateLimitError)]
        return (limited or self.survived or [None])[0]

    def reached(self) -> bool:
        return self.answered or any(
            not isinstance(exc, ApiConnectionError) for exc in self.survived
        )


Batch = Awaitable[Sequence[S]] | AsyncIterable[Sequence[S]]


async def _read_list(
    batch: Batch[S],
    pending: dict[str, _Pending[S]],
    key: Callable[[S], str],
    max_pages: int,
    seen: _Round[S],
) -> None:
    """Read up to ``max_pages`` pages of ``batch``, stopping once every pending id showed."""

    def take(snapshots: Sequence[S]) -> None:
        seen.pages += 1
        seen.answered = True
        for snapshot in snapshots:
            op_id = key(snapshot)
            if op_id in pending:
                seen.found[op_id] = snapshot

    if not isinstance(batch, AsyncIterable):
        take(await batch)
        return
    pages = aiter(batch)
    try:
        while seen.pages < max_pages and len(seen.found) < len(pending):
            try:
                take(await anext(pages))
            except StopAsyncIteration:
                break
    finally:
        close = getattr(pages, "aclose", None)
        if close is not None:
            await close()


async def _get_each(
    ids: Sequence[str], get_one: Callable[[str], Awaitable[S]], limit: int, seen: _Round[S]
) -> None:
    """Fetch ``ids`` one by one, ``limit`` at a time, into ``seen``. An error other than a
    survivable one cancels the remaining gets and is kept as ``seen.fatal``; what was fetched
    before it stays."""
    limiter = anyio.CapacityLimiter(limit)

    async with anyio.create_task_group() as task_group:

        async def get(op_id: str) -> None:
            async with limiter:
                try:
                    seen.found[op_id] = await get_one(op_id)
                except _SURVIVABLE as exc:
                    seen.survived.append(exc)
                except Exception as exc:
                    if seen.fatal is None:
                        seen.fatal = exc
                    task_group.cancel_scope.cancel()
                else:
                    seen.fetched.add(op_id)
                    seen.answered = True

        for op_id in ids:
            task_group.start_soon(get, op_id)


async def _poll_round(
    seen: _Round[S],
    batch_poll: Callable[[], Batch[S]] | None,
    pending: dict[str, _Pending[S]],
    key: Callable[[S], str],
    max_pages: int,
    get_one: Callable[[str], Awaitable[S]],
    limit: int,
    at: float,
) -> None:
    """One round: the list (unless ``batch_poll`` is None), then the gets due at ``at``."""
    if batch_poll is not None:
        try:
            await _read_list(batch_poll(), pending, key, max_pages, seen)
        except _SURVIVABLE as exc:
            seen.survived.append(exc)
            return
        except Exception as exc:
            seen.fatal = exc
            return
        seen.listed = True
        for op_id, state in pending.items():
            state.listed = op_id in seen.found
    due = [op_id for op_id, state in pending.items() if not state.listed and state.get_due <= at]
    await _get_each(due, get_one, limit, seen)


def wait_all(
    ids: Iterable[str],
    *,
    batch_poll: Callable[[], Batch[S]],
    get_one: Callable[[str], Awaitable[S]],
    key: Callable[[S], str],
    is_terminal: Callable[[S], bool],
    is_failed: Callable[[S], bool],
    progress: Callable[[S], float | None] | None = None,
    policy: PollPolicy = _DEFAULT_POLICY,
    failure_message: Callable[[S], str | None] | None = None,
    raise_on_failure: bool = False,
    max_concurrent_gets: int = 8,
    page_size: int | None = None,
    hooks: ClientHooks | None = None,
    is_cancelled: Verdict[S] = None,
    is_expired: Verdict[S] = None,
) -> AsyncGenerator[S, None]:
    """Yield each operation's terminal snapshot as soon as it is seen, until all are done.

    ``batch_poll()`` lists many operations at once (matched to ``ids`` by ``key``): either
    one awaitable list, or an async iterable of pages of ``page_size`` snapshots, of which a
    round reads at most ``ceil(len(ids) / page_size)`` (one without ``page_size``), stopping
    once every pending id showed. An id the list did not show is fetched with
    ``get_one(id)`` (at most ``max_concurrent_gets`` at a time), paced as :func:`wait` would
    poll it alone, so no operation is fetched more often than a ``wait`` of its own would.

    List rounds spend a budget: 42 % of what polling each pending operation every
    ``max_interval`` would have cost so far, spread evenly until the last predicted end
    (never closer together than ``initial_interval`` nor further apart than
    ``max_interval``), and a round comes sooner, just after the earliest predicted end among
    the operations the list shows. An operation that ends early leaves its share, so the rest
    are still read often: every end is seen soon, for well under half of what fixed polling
    would cost. A list read that
    shows fewer pending operations than it read pages is not worth it: until the next one,
    ``max_interval`` later (twice that after another such read, and so on), every pending id
    is fetched alone. So a round costs at most ``ceil(len(ids) / page_size)`` list requests
    plus one get per id the list did not show and whose own ``wait`` would poll it now, and
    the whole never costs more than separate waits but for those few unrewarding reads.

    Failures are yielded like successes, so one failed operation does not hide the others'
    results: check the snapshot. With ``raise_on_failure=True`` the first failure raises
    :class:`OperationFailedError` (or its cancelled or expired subclass) instead. Within a
    round, snapshots come in ``ids`` order.
    Whatever ends the wait (a ``get_one`` error such as a 404 for an unknown id, the
    timeout), every operation already seen finished is yielded first. When
    ``policy.timeout`` runs out, :class:`WaitTimeoutError` lists the unfinished ids; its
    ``snapshot`` maps each of them to its last snapshot (None if never seen).
    """
    return _following_all(
        "wait_all",
        ids,
        batch_poll,
        get_one,
        key,
        is_terminal,
        _Ending(is_failed, failure_message, is_cancelled, is_expired),
        progress,
        policy,
        hooks,
        raise_on_failure=raise_on_failure,
        max_concurrent_gets=max_concurrent_gets,
        page_size=page_size,
    )


def watch_all(
    ids: Iterable[str],
    *,
    batch_poll: Callable[[], Batch[S]],
    get_one: Callable[[str], Awaitable[S]],
    key: Callable[[S], str],
    is_terminal: Callable[[S], bool],
    is_failed: Callable[[S], bool],
    progress: Callable[[S], float | None] | None = None,
    policy: PollPolicy = _DEFAULT_POLICY,
    failure_message: Callable[[S], str | None] | None = None,
    max_concurrent_gets: int = 8,
    page_size: int | None = None,
    hooks: ClientHooks | None = None,
    is_cancelled: Verdict[S] = None,
    is_expired: Verdict[S] = None,
) -> AsyncGenerator[S, None]:
    """Yield every change of many operations (each one's first state seen, its progress,
    then its terminal state) until all are terminal: :func:`wait_all`'s rounds, paced and
    batched the same way (a list read serves every operation it shows), yielding what
    changed in each round instead of only what ended.

    A failure is a change like any other: its snapshot is yielded and the stream goes on
    with the others (check ``is_failed``); nothing is raised for it, so one failed upload
    does not end a progress display of a hundred. Within a round, snapshots come in ``ids``
    order; an operation's terminal state is its last yield. What ends the stream early
    (a ``get_one`` error such as a 404, the timeout) comes after every change already seen,
    as for :func:`wait_all`.
    """
    return _following_all(
        "watch_all",
        ids,
        batch_poll,
        get_one,
        key,
        is_terminal,
        _Ending(is_failed, failure_message, is_cancelled, is_expired),
        progress,
        policy,
        hooks,
        max_concurrent_gets=max_concurrent_gets,
        page_size=page_size,
        every_change=True,
    )


def _following_all(
    kind: Literal["wait_all", "watch_all"],
    ids: Iterable[str],
    batch_poll: Callable[[], Batch[S]],
    get_one: Callable[[str], Awaitable[S]],
    key: Callable[[S], str],
    is_terminal: Callable[[S], bool],
    ending: _Ending[S],
    progress: Callable[[S], float | None] | None,
    policy: PollPolicy,
    hooks: ClientHooks | None,
    *,
    raise_on_failure: bool = False,
    max_concurrent_gets: int,
    page_size: int | None,
    every_change: bool = False,
) -> AsyncGenerator[S, None]:
    """:func:`wait_all` or :func:`watch_all`, observed as ``kind``."""
    if isinstance(ids, str | bytes):
        # Iterated, a string would be waited for character by character.
        raise TypeError(
            f"ids must be an iterable of operation ids, not a single {type(ids).__name__}"
        )
    ids = list(dict.fromkeys(ids))
    observer = observe_wait(kind, hooks, {"awaitops.operation.count": len(ids)}, progress=progress)
    steps = until_closed(
        _closing(hooks),
        _wait_all(
            ids,
            observer.listed(batch_poll),
            observer.fetched_alone(get_one),
            key,
            is_terminal,
            ending,
            progress,
            policy,
            raise_on_failure,
            max_concurrent_gets,
            page_size,
            every_change,
        ),
    )
    return observer.follow(steps)


async def _wait_all(
    ids: Iterable[str],
    batch_poll: Callable[[], Batch[S]],
    get_one: Callable[[str], Awaitable[S]],
    key: Callable[[S], str],
    is_terminal: Callable[[S], bool],
    is_failed: _Ending[S],
    progress: Callable[[S], float | None] | None,
    policy: PollPolicy,
    raise_on_failure: bool,
    max_concurrent_gets: int,
    page_size: int | None,
    every_change: bool = False,
) -> AsyncGenerator[S, None]:
    if max_concurrent_gets < 1:
        raise ValueError(f"max_concurrent_gets must be >= 1, got {max_concurrent_gets!r}")
    if page_size is not None and not (isinstance(page_size, int) and page_size >= 1):
        raise ValueError(f"page_size must be an integer >= 1, got {page_size!r}")
    pending: dict[str, _Pending[S]] = {op_id: _Pending() for op_id in dict.fromkeys(ids)}
    max_pages = 1 if page_size is None else max(1, math.ceil(len(pending) / page_size))
    deadline = _Deadline(policy.timeout)
    pace = _Pace(policy)
    reach = _Reach(policy.unreachable_timeout)
    budget = _Budget(policy, len(pending), deadline.start)
    list_due = deadline.start
    list_pause = 0.0
    moment = deadline.start
    error: Exception | None = None
    while pending:
        started = anyio.current_time()
        seen: _Round[S] = _Round()

        batch = batch_poll if list_due <= moment else None
        poll_round = partial(
            _poll_round, seen, batch, pending, key, max_pages, get_one, max_concurrent_gets, moment
        )
        with polling():
            timed_out = await deadline.within(poll_round) is TIMED_OUT
        shown = sum(state.listed for state in pending.values()) if seen.listed else 0
        budget.earn(anyio.current_time(), len(pending))
        budget.spend(seen.pages + len(seen.fetched) + len(seen.survived))

        to_yield: list[S] = []
        for op_id, state in list(pending.items()):
            if op_id not in seen.found:
                continue
            snapshot = seen.found[op_id]
            changed = state.last is None or snapshot != state.last
            state.last = snapshot
            if is_failed(snapshot) or is_terminal(snapshot):
                del pending[op_id]
                to_yield.append(snapshot)
                continue
            if every_change and changed:
                to_yield.append(snapshot)
            if progress is not None:
                reading = _reading(progress, snapshot)
                if reading is not None:
                    state.estimator.add(started, reading)
            if op_id in seen.fetched:
                state.get_due = state.next_get(started, policy)
        for snapshot in to_yield:
            if raise_on_failure and is_failed(snapshot):
                raise is_failed.error(snapshot)
            yield snapshot
        if timed_out:
            raise _unfinished_error(deadline, pending) from error
        if seen.fatal is not None:
            raise seen.fatal
        if not pending:
            return

        error = seen.error()
        if seen.reached():
            reach.answered()
        elif error is not None and reach.lost(error, started):
            raise error
        if error is None:
            pace.succeeded()

        if seen.listed:
            if shown and shown >= seen.pages:
                list_pause = 0.0
                list_due = started + _list_interval(pending, seen.pages, started, budget, policy)
            else:
                list_pause = policy.max_interval if not list_pause else 2 * list_pause
                list_due = started + list_pause
                # What the list still shows is fetched alone until the list is read again.
                for state in pending.values():
                    if state.listed:
                        state.listed = False
                        state.get_due = state.next_get(started, policy)
        moment = min([list_due] + [state.get_due for state in pending.values() if not state.listed])
        if error is not None:
            pause = pace.failed(error)
            if pause is None:
                raise error
            moment = max(moment, anyio.current_time() + pause)

        await deadline.sleep_until(moment)
        if deadline.passed():
            raise _unfinished_error(deadline, pending) from error


def _list_interval(
    pending: dict[str, _Pending[S]],
    pages: int,
    started: float,
    budget: _Budget,
    policy: PollPolicy,
) -> float:
    """From this list read to the next: the cadence the budget affords, or sooner, just after
    the earliest predicted end among the operations it showed."""
    listed = [state for state in pending.values() if state.listed]
    ends = [state.estimator.predicted_completion() for state in listed]
    intervals = [budget.cadence(started, ends, pages)]
    planned = [eta_interval(started, end, policy) for end in ends]
    intervals += [interval for interval in planned if interval is not None]
    return min(intervals)


def _unfinished_error(deadline: _Deadline, pending: dict[str, _Pending[S]]) -> WaitTimeoutError:
    unfinished = list(pending)
    shown = ", ".join(unfinished[:10]) + (", ..." if len(unfinished) > 10 else "")
    return WaitTimeoutError(
        f"{len(unfinished)} operation(s) unfinished after {deadline.elapsed():.1f}s "
        f"(timeout {deadline.timeout:g}s): {shown}",
        snapshot={op_id: state.last for op_id, state in pending.items()},
        elapsed=deadline.elapsed(),
    )
