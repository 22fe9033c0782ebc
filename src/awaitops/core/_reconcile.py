"""Reconcile, don't guess: establish whether a state-changing call took effect.

A create, update or delete whose answer was lost (a 5xx, a read timeout, a cut connection,
an unreadable 2xx) may or may not have changed the server. Re-sending it blindly can make
the change twice; raising leaves an orphan the caller believes does not exist. Instead the
call is looked up: when the change is there, the lookup's result is what the call returns;
only when the lookup shows the change did not happen is the call sent again.

The vendor states how to look its result up; this module owns the loop.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Iterator
from typing import Final, TypeVar

import anyio

from awaitops.errors import (
    ApiConnectionError,
    ApiError,
    AwaitopsError,
    ResponseValidationError,
    ServerError,
)

from ._client import AsyncApiClient
from ._logging import logger
from ._options import RequestOptions
from ._policies import RetryPolicy
from ._stats import ClientStats

__all__ = [
    "NOT_APPLIED",
    "NotApplied",
    "outcome_unknown",
    "reconcile",
    "reconcile_call",
    "split_change_options",
]

T = TypeVar("T")


class NotApplied(enum.Enum):
    """What a lookup returns when the change it looked for is certainly not there."""

    NOT_APPLIED = "NOT_APPLIED"

    def __repr__(self) -> str:
        return "NOT_APPLIED"


NOT_APPLIED: Final = NotApplied.NOT_APPLIED


def outcome_unknown(error: BaseException) -> bool:
    """Whether ``error`` may hide a change the server made.

    True for a 5xx, a connection or timeout failure (an earlier attempt may have been sent)
    and an unreadable answer (a 2xx whose body could not be parsed).
    """
    return isinstance(error, ServerError | ApiConnectionError | ResponseValidationError)


async def reconcile(
    send: Callable[[], Awaitable[T]],
    lookup: Callable[[AwaitopsError], Awaitable[T | NotApplied]],
    *,
    retry: RetryPolicy,
    max_retries: int | None = None,
    conflicts: tuple[type[ApiError], ...] = (),
    deadline: float | None = None,
    stats: ClientStats | None = None,
    budget: Callable[[], bool] | None = None,
    name: str = "call",
) -> T:
    """Run a state-changing call so that it is applied once and its result returned.

    ``send`` makes the call and returns its result; it should not re-send blindly itself
    (pass ``idempotent=False`` to the client). After a failure for which
    :func:`outcome_unknown` holds, ``lookup(error)`` is awaited: it returns what a clean call
    would have returned when the change is in place, :data:`NOT_APPLIED` when it certainly
    is not, or raises (``error`` itself, or the typed error a clean call would have met).
    Only after :data:`NOT_APPLIED` is ``send`` awaited again, after a backoff from ``retry``.

    ``conflicts`` are errors that, answering a re-send, may mean the first send acted (an
    ALREADY_EXISTS after a create, a 404 after a delete): they are looked up too when the
    call may have acted before (a re-send here, or :attr:`ApiError.acted_before`).

    ``max_retries`` (default: ``retry.max_attempts - 1``) bounds the re-sends; 0 means a
    body that cannot be sent twice: the call is looked up, never re-sent. Failed lookups
    are tried again up to ``retry.max_attempts`` times; if none succeeds, the original
    error is raised with a note that the outcome is unknown. ``deadline`` (seconds) stops
    re-sending once passed, but a failure is still looked up. ``stats`` counts lookups in
    :attr:`ClientStats.reconciles` and re-sends in :attr:`ClientStats.retries`.
    ``budget`` (e.g. :meth:`AsyncApiClient.spend_retry`) pays for each re-send from the
    host's retry budget: a re-send is a retry, and an outage must not be multiplied by
    them; when it refuses, the error is raised. ``name`` labels the log records (logger
    ``awaitops``, INFO, ``extra`` key ``reconcile_call``).
    """
    resends = retry.max_attempts - 1 if max_retries is None else max_retries
    end = None if deadline is None else anyio.current_time() + deadline
    delays = retry.delays()
    sent_before = False
    while True:
        try:
            return await send()
        except AwaitopsError as exc:
            maybe_ours = isinstance(exc, conflicts) and (sent_before or exc.acted_before)
            if not (outcome_unknown(exc) or maybe_ours):
                raise
            error = exc
        sent_before = True
        result = await _look_up(lookup, error, retry, delays, stats, name)
        if result is not NOT_APPLIED:
            return result
        if resends <= 0 or (end is not None and anyio.current_time() >= end):
            error.add_note(f"awaitops: {name} was looked up and had not taken effect")
            raise error
        if budget is not None and not budget():
            error.add_note(
                f"awaitops: {name} was looked up and had not taken effect; not re-sent: "
                "the host's retry budget is spent"
            )
            raise error
        resends -= 1
        if stats is not None:
            stats.retries += 1
        _log("re-sending %s: it had not taken effect", name, error)


def split_change_options(options: RequestOptions) -> tuple[RequestOptions, RequestOptions]:
    """A state-changing call's options split in two: for the change itself (no blind
    re-send unless the caller says it is safe) and for its lookups (reads, retried as
    reads)."""
    change: RequestOptions = {**options, "idempotent": bool(options.get("idempotent"))}
    lookup: RequestOptions = {**options}
    lookup.pop("idempotent", None)
    return change, lookup


async def reconcile_call(
    client: AsyncApiClient,
    send: Callable[[], Awaitable[T]],
    lookup: Callable[[AwaitopsError], Awaitable[T | NotApplied]],
    options: RequestOptions,
    *,
    name: str,
    conflicts: tuple[type[ApiError], ...] = (),
    resendable: bool = True,
) -> T:
    """:func:`reconcile` for a call on ``client`` with the caller's ``options``: the
    client's retry policy, deadline, stats and retry budget, the call's ``max_retries`` and
    ``deadline``. ``resendable=False``: a body that cannot be sent twice, looked up only."""
    return await reconcile(
        send,
        lookup,
        retry=client.retry,
        max_retries=options.get("max_retries") if resendable else 0,
        conflicts=conflicts,
        deadline=options.get("deadline", client.deadline),
        stats=client.stats,
        budget=client.spend_retry,
        name=name,
    )


async def _look_up(
    lookup: Callable[[AwaitopsError], Awaitable[T | NotApplied]],
    error: AwaitopsError,
    retry: RetryPolicy,
    delays: Iterator[float],
    stats: ClientStats | None,
    name: str,
) -> T | NotApplied:
    for _ in range(retry.max_attempts):
        # A short wait first: a change whose answer was lost may still be committing.
        await anyio.sleep(next(delays))
        if stats is not None:
            stats.reconciles += 1
        _log("looking up whether %s took effect", name, error)
        try:
            return await lookup(error)
        except AwaitopsError as lookup_error:
            if not outcome_unknown(lookup_error):
                raise
            failure = lookup_error
    error.add_note(f"awaitops: whether {name} took effect is unknown: the lookup failed")
    raise error from failure


def _log(message: str, name: str, error: AwaitopsError) -> None:
    # The error's type and status only: its message may quote server text.
    status = getattr(error, "status", None)
    logger.info(
        message + " (after %s%s)",
        name,
        type(error).__name__,
        f" {status}" if status is not None else "",
        extra={"reconcile_call": name, "reconcile_after": type(error).__name__},
    )
