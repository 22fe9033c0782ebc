"""Frozen, validated policies: how to retry a request, how to poll an operation."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator

from ._backoff import full_jitter_delays
from ._shared_rate import RedisRateStore
from ._values import Frozen

DEFAULT_RETRY_STATUSES: tuple[int, ...] = (408, 429, 500, 502, 503, 504)


def _positive(name: str, value: float) -> None:
    if not value > 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")


def _positive_or_none(name: str, value: float | None) -> None:
    if value is not None and not value > 0:
        raise ValueError(f"{name} must be > 0 or None, got {value!r}")


def _at_least_one(name: str, value: float) -> None:
    if not value >= 1:
        raise ValueError(f"{name} must be >= 1, got {value!r}")


def _fraction(name: str, value: float) -> None:
    if not 0 < value < 1:
        raise ValueError(f"{name} must be between 0 and 1 (exclusive), got {value!r}")


def _count(name: str, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}")


class RetryPolicy(Frozen):
    """How a failed request is retried.

    ``max_attempts`` counts the first attempt: 4 means one try and up to three retries.
    Delays grow from ``initial_delay`` by ``multiplier`` up to ``max_delay``, with full
    jitter. A server's ``Retry-After`` (or ``retry-after-ms``) hint replaces the computed
    delay when it is at most ``retry_after_cap`` seconds; a longer hint is raised to the
    caller as :class:`~awaitops.errors.RateLimitError` instead of slept through.
    """

    __match_args__ = (
        "max_attempts",
        "initial_delay",
        "max_delay",
        "multiplier",
        "retry_after_cap",
        "statuses",
    )
    __slots__ = __match_args__

    max_attempts: int
    initial_delay: float
    max_delay: float
    multiplier: float
    retry_after_cap: float
    statuses: tuple[int, ...]

    def __init__(
        self,
        max_attempts: int = 4,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        multiplier: float = 2.0,
        retry_after_cap: float = 60.0,
        statuses: Iterable[int] = DEFAULT_RETRY_STATUSES,
    ) -> None:
        statuses = tuple(statuses)
        if not isinstance(max_attempts, int) or max_attempts < 1:
            raise ValueError(f"max_attempts must be an integer >= 1, got {max_attempts!r}")
        _positive("initial_delay", initial_delay)
        _positive("max_delay", max_delay)
        _at_least_one("multiplier", multiplier)
        _positive("retry_after_cap", retry_after_cap)
        self._set(max_attempts, initial_delay, max_delay, multiplier, retry_after_cap, statuses)

    def delays(self, rng: random.Random | None = None) -> Iterator[float]:
        """The jittered delay before each retry, in order."""
        return full_jitter_delays(self.initial_delay, self.max_delay, self.multiplier, rng=rng)


class PollPolicy(Frozen):
    """How an operation is polled until it ends.

    Intervals grow from ``initial_interval`` by ``multiplier`` up to ``max_interval``, with
    full jitter. ``max_interval`` is also about the longest an operation goes unpolled while
    it runs, so the longest a failure part-way through goes unseen: 5 s, what a fixed 5 s
    poller gives (one step stretched by at most 9 % to land just after a predicted end). ``timeout`` bounds the whole wait in seconds (None: wait as long as it takes).

    ``retry_after_cap``: a rate limit whose ``Retry-After`` asks for more seconds than this
    ends the wait with that :class:`~awaitops.errors.RateLimitError`; a shorter one is
    honoured (never past ``timeout``). The default matches ``RetryPolicy.retry_after_cap``.

    ``unreachable_timeout``: a wait whose polls have all failed to reach the server
    (:class:`~awaitops.errors.ApiConnectionError`, timeouts included) for this many seconds
    gives up with the last such error, a dead or mistyped host being no slow operation. It
    logs a WARNING on the ``awaitops`` logger when such a run starts. Any answer from the
    server, an error status included, resets it. None: keep trying until ``timeout``.
    """

    __match_args__ = (
        "initial_interval",
        "max_interval",
        "multiplier",
        "timeout",
        "retry_after_cap",
        "unreachable_timeout",
    )
    __slots__ = __match_args__

    initial_interval: float
    max_interval: float
    multiplier: float
    timeout: float | None
    retry_after_cap: float
    unreachable_timeout: float | None

    def __init__(
        self,
        initial_interval: float = 0.5,
        max_interval: float = 5.0,
        multiplier: float = 1.5,
        timeout: float | None = None,
        retry_after_cap: float = 60.0,
        unreachable_timeout: float | None = 60.0,
    ) -> None:
        _positive("initial_interval", initial_interval)
        _positive("max_interval", max_interval)
        _at_least_one("multiplier", multiplier)
        _positive_or_none("timeout", timeout)
        _positive("retry_after_cap", retry_after_cap)
        _positive_or_none("unreachable_timeout", unreachable_timeout)
        self._set(
            initial_interval,
            max_interval,
            multiplier,
            timeout,
            retry_after_cap,
            unreachable_timeout,
        )

    def intervals(self, rng: random.Random | None = None) -> Iterator[float]:
        """The jittered interval before each poll, in order."""
        return full_jitter_delays(
            self.initial_interval, self.max_interval, self.multiplier, rng=rng
        )


class RateLimitPolicy(Frozen):
    """How the send rate to one host adapts to its 429 ("slow down") answers.

    No rate is assumed until a host throttles; until then a slow start bounds what is in
    flight to it: ``initial_window`` requests, one more per success (up to
    ``ConcurrencyPolicy.max_in_flight``), and paces the requests sent at once: 8 a second
    at first, each answer adding 14 (so the pace doubles about every 50 ms while answers
    flow), until the first 429 or 1024 a second; a request alone in flight is never held.
    A fleet of clients meeting one unknown limit together thus sends a small first wave,
    each with about one request in flight when the limit is reached (8 processes of 50
    callers into a limit of 40, on loopback: with the window alone 17 % of all requests
    were 429s, nearly all in the first half second; paced, 6 %). On its
    first 429 the rate it accepted over the last second becomes its send rate; every caller
    then waits its turn, first come first served, instead of sending into the known limit.
    ``Retry-After`` pauses the whole host for as long as the server asked; a caller is held
    through at most ``max_pause`` seconds of it (and never past its own deadline or
    ``RetryPolicy.retry_after_cap``): one facing a longer pause gets
    :class:`~awaitops.errors.RateLimitError` at once, its ``retry_after`` the time left,
    instead of being sent into it. A later 429 multiplies the rate by ``decrease`` (once
    per congestion epoch: 429s of requests sent before a cut do not cut again); each
    second without one lets it grow by ``recovery`` (a fraction) plus ``increase``
    requests a second, that step drawn afresh between half and one and a half times
    ``increase`` after every cut so that the members of a fleet do not probe in step.
    The fraction keeps growth in scale with a fast host; the fixed step makes independent
    clients converge on equal shares (cuts in proportion, growth in equal steps: Chiu and
    Jain's AIMD), so one that learned a small share first does not stay slow. After
    ``forget_after`` seconds without one the limit is dropped altogether (and the next
    requests start from the small window again).

    Defaults: ``decrease`` 0.7 is CUBIC's backoff factor (a cut deep enough to end a 429
    streak, mild enough to stay near the limit); 5 % a second regains that cut in about
    seven seconds, so a probe past the limit costs a 429 only every several seconds; 30 s
    without one (several probes' worth) is taken to mean the limit has lifted; 60 s
    matches :class:`RetryPolicy`'s ``retry_after_cap``; cuts stop at ``min_rate`` (one
    request every two seconds), so a host is slowed down, never given up on. An
    ``initial_window`` of 4 doubles each round trip while answers come back, so a host
    without a limit reaches 32 in flight after three of them. ``increase`` 0.5: in a fleet
    of 8 processes the slowest finished within 1.07x the ideal time with it and up to
    1.33x without it, for 6 % of requests answered 429 instead of 5 % (``BENCHMARKS.md``,
    section 10).

    ``shared``: a :class:`~awaitops.core.RedisRateStore` through which every process of a
    fleet using the same store key keeps one learned rate and one queue of send times per
    host, instead of each learning its own (opt-in, asyncio only; see
    ``docs/errors-and-retries.md``). The slow start and concurrency stay per process; while
    the store cannot be reached, the local limiter paces the host.
    """

    __match_args__ = (
        "decrease",
        "recovery",
        "forget_after",
        "max_pause",
        "min_rate",
        "initial_window",
        "shared",
        "increase",
    )
    __slots__ = __match_args__

    decrease: float
    recovery: float
    forget_after: float
    max_pause: float
    min_rate: float
    initial_window: int
    shared: RedisRateStore | None
    increase: float

    def __init__(
        self,
        decrease: float = 0.7,
        recovery: float = 0.05,
        forget_after: float = 30.0,
        max_pause: float = 60.0,
        min_rate: float = 0.5,
        initial_window: int = 4,
        shared: RedisRateStore | None = None,
        increase: float = 0.5,
    ) -> None:
        _fraction("decrease", decrease)
        _positive("recovery", recovery)
        _positive("forget_after", forget_after)
        _positive("max_pause", max_pause)
        _positive("min_rate", min_rate)
        _count("initial_window", initial_window)
        if not increase >= 0:
            raise ValueError(f"increase must be >= 0, got {increase!r}")
        if shared is not None and not isinstance(shared, RedisRateStore):
            raise TypeError(f"shared must be a RedisRateStore or None, got {shared!r}")
        self._set(
            decrease, recovery, forget_after, max_pause, min_rate, initial_window, shared, increase
        )


class ConcurrencyPolicy(Frozen):
    """How many requests may be in flight to one host at once; the rest queue, in order.

    Default: httpx's pool holds 100 connections and degrades badly once thousands of
    requests wait inside it, so callers beyond 32 per host wait in our queue instead, where
    waiting costs nothing: a control plane and two data planes fit in one pool.
    """

    __match_args__ = ("max_in_flight",)
    __slots__ = __match_args__

    max_in_flight: int

    def __init__(self, max_in_flight: int = 32) -> None:
        _count("max_in_flight", max_in_flight)
        self._set(max_in_flight)


class RetryBudget(Frozen):
    """How many retries one host may get, so an outage is not multiplied by retrying.

    A retry spends one token; every answer that is not a failure earns ``ratio`` tokens,
    up to ``reserve``, which is also the starting balance. Retries after a 429 are paced
    by :class:`RateLimitPolicy` and spend nothing. When the balance is empty the failure is
    raised at once, without a retry.

    Defaults: 0.5 lets retries ride out a server failing up to a third of its requests
    (each success pays for half a retry) while a server failing everything gets only the
    reserve; 20 tokens let a few calls retry fully before anything is known about the host,
    and cap what an outage costs at 20 extra requests however many calls meet it.
    """

    __match_args__ = ("ratio", "reserve")
    __slots__ = __match_args__

    ratio: float
    reserve: int

    def __init__(self, ratio: float = 0.5, reserve: int = 20) -> None:
        _positive("ratio", ratio)
        _count("reserve", reserve)
        self._set(ratio, reserve)
