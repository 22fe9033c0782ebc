"""Frozen, validated policies: how to retry a request, how to poll an operation."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ._backoff import full_jitter_delays

DEFAULT_RETRY_STATUSES: tuple[int, ...] = (408, 429, 500, 502, 503, 504)


def _to_statuses(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not value > 0:
        raise ValueError(f"{attribute.name} must be > 0, got {value!r}")


def _positive_or_none(
    instance: object, attribute: attrs.Attribute[Any], value: float | None
) -> None:
    if value is not None and not value > 0:
        raise ValueError(f"{attribute.name} must be > 0 or None, got {value!r}")


def _at_least_one(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not value >= 1:
        raise ValueError(f"{attribute.name} must be >= 1, got {value!r}")


@attrs.frozen
class RetryPolicy:
    """How a failed request is retried.

    ``max_attempts`` counts the first attempt: 4 means one try and up to three retries.
    Delays grow from ``initial_delay`` by ``multiplier`` up to ``max_delay``, with full
    jitter. A server's ``Retry-After`` (or ``retry-after-ms``) hint replaces the computed
    delay when it is at most ``retry_after_cap`` seconds; a longer hint is raised to the
    caller as :class:`~awaitops.errors.RateLimitError` instead of slept through.
    """

    max_attempts: int = attrs.field(default=4)
    initial_delay: float = attrs.field(default=0.5, validator=_positive)
    max_delay: float = attrs.field(default=8.0, validator=_positive)
    multiplier: float = attrs.field(default=2.0, validator=_at_least_one)
    retry_after_cap: float = attrs.field(default=60.0, validator=_positive)
    statuses: tuple[int, ...] = attrs.field(default=DEFAULT_RETRY_STATUSES, converter=_to_statuses)

    @max_attempts.validator
    def _check_attempts(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"max_attempts must be an integer >= 1, got {value!r}")

    def delays(self, rng: random.Random | None = None) -> Iterator[float]:
        """The jittered delay before each retry, in order."""
        return full_jitter_delays(self.initial_delay, self.max_delay, self.multiplier, rng=rng)


@attrs.frozen
class PollPolicy:
    """How an operation is polled until it ends.

    Intervals grow from ``initial_interval`` by ``multiplier`` up to ``max_interval``, with
    full jitter. ``max_interval`` is also the longest an operation goes unpolled while it
    runs, so the longest a failure part-way through goes unseen: 5 s, what a fixed 5 s poller
    gives. ``timeout`` bounds the whole wait in seconds (None: wait as long as it takes).

    ``retry_after_cap``: a rate limit whose ``Retry-After`` asks for more seconds than this
    ends the wait with that :class:`~awaitops.errors.RateLimitError`; a shorter one is
    honoured (never past ``timeout``). The default matches ``RetryPolicy.retry_after_cap``.

    ``unreachable_timeout``: a wait whose polls have all failed to reach the server
    (:class:`~awaitops.errors.ApiConnectionError`, timeouts included) for this many seconds
    gives up with the last such error, a dead or mistyped host being no slow operation. It
    logs a WARNING on the ``awaitops`` logger when such a run starts. Any answer from the
    server, an error status included, resets it. None: keep trying until ``timeout``.
    """

    initial_interval: float = attrs.field(default=0.5, validator=_positive)
    max_interval: float = attrs.field(default=5.0, validator=_positive)
    multiplier: float = attrs.field(default=1.5, validator=_at_least_one)
    timeout: float | None = attrs.field(default=None, validator=_positive_or_none)
    retry_after_cap: float = attrs.field(default=60.0, validator=_positive)
    unreachable_timeout: float | None = attrs.field(default=60.0, validator=_positive_or_none)

    def intervals(self, rng: random.Random | None = None) -> Iterator[float]:
        """The jittered interval before each poll, in order."""
        return full_jitter_delays(
            self.initial_interval, self.max_interval, self.multiplier, rng=rng
        )
