"""Fault injection: random failures (before or after handling), rate limits, latency, drops, malformed bodies, scripts."""

from __future__ import annotations

import math
import random
import threading
from collections import deque
from collections.abc import Callable, Iterable
from fnmatch import fnmatchcase
from typing import Literal, TypeVar

from ._clock import Clock
from ._config import EmulatorConfig

T = TypeVar("T")

__all__ = ["Action", "Faults"]

#: A scripted answer: an HTTP error status (instead of handling), ``"drop"`` (cut the
#: connection mid-body after handling), ``"malformed"`` (handle, then send the JSON body
#: truncated) or ``"late-5xx"`` (handle, then answer that status: the change stays made).
Action = int | Literal["drop", "malformed", "late-500", "late-502", "late-503", "late-504"]

#: What a late fault answers instead of a handled request's answer.
LATE_STATUSES = (500, 502, 503, 504)
_LATE_ACTIONS = tuple(f"late-{status}" for status in LATE_STATUSES)

_MAX_BUCKETS = 10_000


def _check_action(action: Action) -> Action:
    if action in ("drop", "malformed", *_LATE_ACTIONS):
        return action
    if isinstance(action, int) and not isinstance(action, bool) and 400 <= action <= 599:
        return action
    raise ValueError(
        "a scripted fault is a status 400-599, 'drop', 'malformed' or one of "
        f"{', '.join(map(repr, _LATE_ACTIONS))}: {action!r}"
    )


class _Script:
    __slots__ = ("actions", "method", "pattern")

    def __init__(self, method: str, pattern: str, actions: deque[Action]) -> None:
        self.method = method
        self.pattern = pattern
        self.actions = actions


class Faults:
    """The fault knobs of one emulator, safe to change while it serves.

    Each random knob draws from its own generator seeded from the config's ``seed``, and
    only while the knob is on, so the same seed and the same request sequence give the same
    faults, and switching one knob does not move another's draws.
    """

    def __init__(self, config: EmulatorConfig, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        seed = config.seed
        self._fault_rng = random.Random(f"{seed}:fault")
        self._latency_rng = random.Random(f"{seed}:latency")
        self._drop_rng = random.Random(f"{seed}:drop")
        self._malformed_rng = random.Random(f"{seed}:malformed")
        self._late_rng = random.Random(f"{seed}:late")
        self._scripts: list[_Script] = []
        self._buckets: dict[str, tuple[float, float]] = {}
        #: Probability of answering 500 or 503 (half each) instead of handling a request.
        self.fault_rate = config.fault_rate
        #: Probability of handling a request, then answering 500, 502, 503 or 504 or cutting
        #: the connection (a fifth each): the change is made but the caller cannot know.
        self.late_fault_rate = config.late_fault_rate
        #: Requests per second per credential, or ``None`` for no limit.
        self.rate_limit = config.rate_limit
        #: Real seconds of delay before each answer, drawn uniformly from this range.
        self.latency = config.latency
        #: Probability of cutting the connection in the middle of an answer's body.
        self.drop_rate = config.drop_rate
        #: Probability of truncating a successful JSON answer.
        self.malformed_rate = config.malformed_rate

    def script(self, route: str, actions: Iterable[Action]) -> None:
        """Answer the next requests matching ``route`` with ``actions``, one each, in order.

        ``route`` is ``"METHOD /path/pattern"`` or just a path pattern (any method); the
        pattern is a shell-style glob whose ``*`` also crosses ``/``. Scripts take priority
        over every other check, including authentication.
        """
        method, _, pattern = route.strip().rpartition(" ")
        queued = deque(_check_action(a) for a in actions)
        with self._lock:
            self._scripts.append(_Script(method.strip().upper() or "*", pattern, queued))

    def next(self, method: str, path_pattern: str, action: Action, count: int = 1) -> None:
        """Shorthand: the next ``count`` matching requests answer ``action``."""
        self.script(f"{method} {path_pattern}", [action] * count)

    def clear(self) -> None:
        """Forget every scripted fault that has not fired yet."""
        with self._lock:
            self._scripts.clear()

    @property
    def pending(self) -> int:
        """How many scripted faults have not fired yet."""
        with self._lock:
            return sum(len(s.actions) for s in self._scripts)

    # -- used by the app --

    def scripted(self, method: str, path: str) -> Action | None:
        if not self._scripts:
            return None
        with self._lock:
            for script in self._scripts:
                if (script.method in ("*", method)) and fnmatchcase(path, script.pattern):
                    action = script.actions.popleft()
                    if not script.actions:
                        self._scripts.remove(script)
                    return action
        return None

    def retry_after(self, key: str) -> int | None:
        """``None`` when the request may proceed, else whole seconds until it may."""
        rate = self.rate_limit
        if rate is None:
            return None
        now = self._clock.now()
        capacity = max(rate, 1.0)
        with self._lock:
            if len(self._buckets) >= _MAX_BUCKETS and key not in self._buckets:
                self._buckets.clear()
            tokens, last = self._buckets.get(key, (capacity, now))
            tokens = min(capacity, tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return None
            self._buckets[key] = (tokens, now)
        return max(1, math.ceil((1.0 - tokens) / rate))

    def _draw(self, rng: random.Random, rate: float, pick: Callable[[], T]) -> T | None:
        """``pick()`` with probability ``rate``, else None. Each knob draws from its own
        generator, under the lock, so one knob's draws never shift another's."""
        if rate <= 0:
            return None
        with self._lock:
            return pick() if rng.random() < rate else None

    def random_failure(self) -> int | None:
        rng = self._fault_rng
        return self._draw(rng, self.fault_rate, lambda: 500 if rng.random() < 0.5 else 503)

    def late_failure(self) -> Action | None:
        """What replaces a handled request's answer: a 5xx status, ``"drop"``, or nothing."""
        rng = self._late_rng
        choice = self._draw(
            rng, self.late_fault_rate, lambda: rng.randrange(len(LATE_STATUSES) + 1)
        )
        if choice is None:
            return None
        return "drop" if choice == len(LATE_STATUSES) else LATE_STATUSES[choice]

    def delay(self) -> float:
        low, high = self.latency
        if high <= 0:
            return 0.0
        with self._lock:
            return self._latency_rng.uniform(low, high)

    def drop(self) -> bool:
        return bool(self._draw(self._drop_rng, self.drop_rate, lambda: True))

    def malformed(self) -> bool:
        return bool(self._draw(self._malformed_rng, self.malformed_rate, lambda: True))
