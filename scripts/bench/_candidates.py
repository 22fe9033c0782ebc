"""Rate-control candidates measured by ``bench_fleet``: each a ``Lane`` whose rate control
differs, installed in a member process before its client is built.

- ``shipped``: this tree's ``Lane``: slow start (a window of requests in flight and a paced
  send rate) until the first 429, then the learned rate, cut x0.7 once per congestion epoch,
  growing 5 % plus 0.5 requests a second (x0.5-1.5, redrawn per epoch) each second.
- ``no_slow_start``: the same without the slow start (main before issue 26): up to
  ``max_in_flight`` requests at once to a host nothing is known of.
- ``window_only``: the slow start without its paced send rate (main before the ramp).
- ``no_increase``: growth by the fraction alone, no additive step (main before it).
- ``aimd``: slow start, then additive increase (``ALPHA`` requests a second, each second,
  drawn afresh per congestion epoch between half and one and a half times that: jittered
  probing, instead of the shipped fraction plus step) and one multiplicative decrease
  (x0.7) per congestion epoch. Equal steps up and proportional steps down move independent clients toward equal shares (Chiu and Jain).
- ``cubic``: slow start, then the CUBIC curve of botocore's adaptive mode applied to the
  send rate: after a throttle at rate W, the rate is 0.7 W and grows as
  ``0.4 (t - K)^3 + W`` with ``K = cbrt(W (1 - 0.7) / 0.4)``.
- ``sre``: slow start, then the client-side adaptive throttling of Google's SRE book: no
  learned rate; before each attempt, with probability
  ``max(0, (requests - K * accepts) / (requests + 1))`` over the last ``SRE_WINDOW``
  seconds (K = 2), the attempt is held back locally for a jittered moment and drawn again.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import anyio
import httpx

from awaitops.core import _client, _throttle

ALPHA = 0.5
CUBIC_C = 0.4
BETA = 0.7
SRE_K = 2.0
SRE_WINDOW = 10.0


class WindowOnly(_throttle.Lane):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._ramping = False

    def _restart_ramp(self, now: float) -> None:
        pass


class NoSlowStart(WindowOnly):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._cap = self._full_cap


class NoIncrease(_throttle.Lane):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._increase = 0.0

    def throttled(self, epoch: int, retry_after: float | None) -> None:
        super().throttled(epoch, retry_after)
        self._increase = 0.0


class Aimd(_throttle.Lane):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._alpha = ALPHA

    def _grown(self, rate: float, now: float, elapsed: float) -> float:
        return rate + self._alpha * elapsed

    def throttled(self, epoch: int, retry_after: float | None) -> None:
        if epoch == self._epoch:
            self._alpha = ALPHA * random.uniform(0.5, 1.5)
        super().throttled(epoch, retry_after)


class Cubic(_throttle.Lane):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._w_max = 0.0
        self._k = 0.0

    def _grown(self, rate: float, now: float, elapsed: float) -> float:
        since = now - self._last_throttle
        return max(0.5, CUBIC_C * (since - self._k) ** 3 + self._w_max)

    def throttled(self, epoch: int, retry_after: float | None) -> None:
        fresh = epoch == self._epoch
        before = self._rate
        super().throttled(epoch, retry_after)
        if fresh and self._rate is not None:
            self._w_max = before if before is not None else self._rate
            self._rate = max(0.5, BETA * self._w_max)
            self._k = (self._w_max * (1 - BETA) / CUBIC_C) ** (1 / 3)


class Sre(_throttle.Lane):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._sent: deque[float] = deque()
        self._accepted: deque[float] = deque()

    def _trim(self, now: float) -> None:
        for times in (self._sent, self._accepted):
            while times and times[0] < now - SRE_WINDOW:
                times.popleft()

    async def send(
        self,
        http: httpx.AsyncClient,
        request: Callable[[], httpx.Request],
        patience: float,
        end: float | None,
        observer: Any = None,
    ) -> tuple[httpx.Response, int]:
        while True:
            now = time.monotonic()
            self._trim(now)
            requests, accepts = len(self._sent), len(self._accepted)
            reject = max(0.0, (requests - SRE_K * accepts) / (requests + 1))
            if random.random() >= reject:
                break
            await anyio.sleep(random.uniform(0.0, 0.5))
        self._sent.append(time.monotonic())
        response, epoch = await super().send(http, request, patience, end, observer)
        if response.status_code != 429:
            self._accepted.append(time.monotonic())
        return response, epoch

    def throttled(self, epoch: int, retry_after: float | None) -> None:
        # No learned rate: only the end of the slow start and the server's pause.
        self._cap = self._full_cap
        if retry_after:
            self._paused_until = max(self._paused_until, anyio.current_time() + retry_after)


CANDIDATES: dict[str, type[_throttle.Lane]] = {
    "shipped": _throttle.Lane,
    "no_slow_start": NoSlowStart,
    "aimd": Aimd,
    "cubic": Cubic,
    "window_only": WindowOnly,
    "no_increase": NoIncrease,
    "sre": Sre,
}


def install(name: str) -> None:
    try:
        lane = CANDIDATES[name]
    except KeyError:
        raise ValueError(f"unknown limiter {name!r}; one of {', '.join(CANDIDATES)}") from None
    _client.Lane = lane  # type: ignore[misc]
