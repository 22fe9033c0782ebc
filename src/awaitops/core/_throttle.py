"""Per-host admission: an adaptive send rate, a concurrency cap and a retry budget.

Every attempt to a host passes its :class:`Lane`. With nothing learned and a free slot,
that is a few attribute checks; otherwise callers queue first come, first served, and
only the head of the queue watches the clock, so thousands of waiters cost nothing while
they wait and a cancelled one leaves the queue at once. A watcher's polls (see
``_priority``) queue in a second line that moves only while the first is empty, and never
fill the last quarter of the slots.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import anyio
import httpx

from awaitops.errors import RateLimitError

from ._loops import PerLoop, asyncio_loop
from ._policies import ConcurrencyPolicy, RateLimitPolicy, RetryBudget
from ._priority import is_polling
from ._shared_rate import SharedRate
from ._stats import ClientStats
from ._streams import read_answer

if TYPE_CHECKING:
    from ._observe import CallObserver

# Answers meaning the server failed, not the request: they earn no retry budget.
_FAILURE_STATUSES = frozenset({408, 429})

# The slow start's send rate: requests a second at first, what each success adds to it,
# and the rate at which pacing ends (beyond it the window alone bounds the host).
RAMP_START = 8.0
RAMP_GAIN = 14.0
RAMP_END = 1024.0


class Lane:
    """Admission to one host, shared by every client copy that talks to it."""

    def __init__(
        self,
        rate: RateLimitPolicy | None,
        concurrency: ConcurrencyPolicy | None,
        budget: RetryBudget | None,
        stats: ClientStats,
    ) -> None:
        self._rate_policy = rate
        self._budget_policy = budget
        self._stats = stats
        self._full_cap = math.inf if concurrency is None else concurrency.max_in_flight
        # Polls leave a quarter of the slots to calls that change state.
        self._polls_cap = (
            self._full_cap - self._full_cap // 4 if concurrency is not None else math.inf
        )
        # Slow start: until the host first throttles, a window of requests in flight that
        # starts small and grows by one per success, so that many clients meeting an unknown
        # limit at once send a small first wave, not ``max_in_flight`` each.
        window = math.inf if rate is None else rate.initial_window
        self._cap = min(window, self._full_cap)
        # The slow start also paces the send rate: on a short round trip a window alone
        # lets a fleet of clients empty the host's bucket before the first 429 comes back,
        # each with a window of requests in flight (a burst of B and N clients: about
        # B + N x initial_window 429s). Paced, each has about one in flight when it learns.
        # Each success adds RAMP_GAIN to the rate: while answers flow it doubles about
        # every 50 ms, and idle time does not count. It ends at the first 429.
        self._ramping = rate is not None
        self._ramp_rate = RAMP_START
        self._in_flight = 0
        # The queue: whoever holds the door is its head, the rest wait for the door in
        # order. Made on first use, inside the event loop that uses it. Polls queue the
        # same way at their own door, behind the first.
        self._door: anyio.Semaphore | None = None
        self._polls_door: anyio.Semaphore | None = None
        # Set when an attempt ends or the first queue's head moves on, for a head waiting
        # for a free slot (or, at the polls' door, for the first queue to empty).
        self._freed: anyio.Event | None = None
        # Learned send rate (None: no limit known) as a token bucket, on the anyio clock.
        self._rate: float | None = None
        self._tokens = 0.0
        self._stamp = 0.0
        self._paused_until = 0.0
        # Set when a pause grows, so that a head sleeping through the old one re-checks.
        self._pause_grew: anyio.Event | None = None
        self._last_throttle = 0.0
        # Bumped by every rate cut: 429s of requests sent before it were already answered.
        self._epoch = 0
        # The additive step of growth, in requests a second each second, drawn afresh
        # at every cut (jittered probing: a fleet's members do not probe in step).
        self._increase = 0.0 if rate is None else rate.increase
        # The epoch before a rate was first learned: its successes still arriving were
        # accepted inside the window the rate was learned from, so each adds to it.
        self._learning: int | None = None
        # Answers that were not failures, counted per second of the monotonic clock.
        self._ok = 0
        self._ok_previous = 0
        self._ok_since = 0.0
        self._balance = 0.0 if budget is None else float(budget.reserve)
        # The fleet's shared rate (``RateLimitPolicy.shared``), once the host is known.
        self._shared: SharedRate | None = None

    def share(self, host: str) -> None:
        """Pace ``host`` by the policy's shared store, if it names one."""
        policy = self._rate_policy
        if policy is not None and policy.shared is not None:
            self._shared = SharedRate(policy.shared, host)

    async def aclose(self) -> None:
        """Close this lane's connection to a shared store, if it opened one."""
        if self._shared is not None:
            await self._shared.aclose()

    @property
    def rate(self) -> float | None:
        """The learned send rate in requests per second, or None while no limit is known."""
        return self._rate

    @property
    def waiting(self) -> int:
        """Callers queued for their turn right now."""
        return sum(
            door.statistics().tasks_waiting + (door.value == 0)
            for door in (self._door, self._polls_door)
            if door is not None
        )

    async def send(
        self,
        http: httpx.AsyncClient,
        request: Callable[[], httpx.Request],
        patience: float,
        end: float | None,
        observer: CallObserver | None = None,
    ) -> tuple[httpx.Response, int]:
        """Send ``request()`` when its turn comes (built then, so that waiting callers hold
        no request); return the answer and the send's epoch.

        A caller is not kept waiting through a ``Retry-After`` pause longer than ``patience``
        seconds (or ``RateLimitPolicy.max_pause``) or past ``end`` (a deadline on the anyio
        clock): like a retry facing such a hint, it gets
        :class:`~awaitops.errors.RateLimitError` at once, with the pause's remaining time as
        ``retry_after``; so does a caller already waiting when the host asks for a longer one.

        With a shared store, the store's queue paces the send (its epochs come back as
        negative numbers, see :meth:`throttled`) and this lane only bounds what is in flight.
        """
        shared = self._shared
        if shared is not None and not shared.up():
            shared = None
        elif shared is not None and asyncio_loop() is None:
            raise RuntimeError(
                "RateLimitPolicy(shared=RedisRateStore(...)) works under asyncio only: "
                "redis-py's asyncio client does not run under trio"
            )
        polls = is_polling()
        if shared is not None or self._must_queue(polls):
            # A caller waiting in line is one suspended acquire of the door: with
            # thousands in line, what each holds is what a full garbage collection has
            # to walk, so it holds as little as anyio allows.
            if polls:
                door = self._polls_door or self._new_polls_door()
            else:
                door = self._door or self._new_door()
            start = anyio.current_time()
            held = self._holding_back()
            await door.acquire()
            try:
                epoch, waited = await self._take_turn(start, patience, end, polls)
                if shared is not None:
                    # The fleet's turn, reserved by the head of the line only: a process
                    # holds one reservation at a time, so a cut takes effect at once.
                    try:
                        epoch = await self._shared_turn(shared, patience, end, observer, epoch)
                    except BaseException:
                        self._in_flight -= 1
                        self._wake()
                        raise
            finally:
                door.release()
                if not polls and self._polls_door is not None:
                    self._wake()  # the polls' head waits for this queue to move
        else:
            if self._ramping:
                self._take_ramp_token()
            self._in_flight += 1
            epoch = self._epoch
            waited = None
        # From here the slot is taken: whatever happens next (a hook raising anything,
        # a cancellation) goes through the finally that frees it.
        status = 0
        try:
            if waited is not None and observer is not None:
                observer.queued(waited, held)
            response = await read_answer(http, request())
            status = response.status_code
        finally:
            self._in_flight -= 1
            if self._ramping and status != 429:
                # Any answer but "slow down" (an outage's too) speeds the ramp up.
                self._ramp_up()
            self._wake()
        if status < 500 and status not in _FAILURE_STATUSES:
            self._answered(epoch)
            if shared is not None:
                shared.accepted()
        return response, epoch

    async def _shared_turn(
        self,
        shared: SharedRate,
        patience: float,
        end: float | None,
        observer: CallObserver | None,
        epoch: int,
    ) -> int:
        """Wait for the send time the shared store reserves; return the send's epoch (the
        store's, as ``-1 - epoch``, or the local ``epoch`` if the store is down)."""
        policy = self._rate_policy
        assert policy is not None
        now = anyio.current_time()
        longest = min(patience, policy.max_pause)
        if end is not None:
            longest = min(longest, end - now)
        try:
            learning = (policy.decrease, policy.recovery, policy.forget_after, policy.min_rate)
            wait, shared_epoch, admitted = await shared.admit(learning, longest)
        except ConnectionError:
            return epoch
        if not admitted:
            raise RateLimitError(
                f"the fleet's shared queue for this host is {wait:.1f}s long, longer than "
                "this call may wait",
                retry_after=wait,
            )
        if wait > 0:
            self._stats.queued += 1
            self._stats.queued_seconds += wait
            if observer is not None:
                observer.queued(wait, "rate_limit")
            await anyio.sleep(wait)
        return -1 - shared_epoch

    # -- waiting -----------------------------------------------------------------------

    def _new_door(self) -> anyio.Semaphore:
        door = self._door = anyio.Semaphore(1, fast_acquire=True)
        return door

    def _new_polls_door(self) -> anyio.Semaphore:
        door = self._polls_door = anyio.Semaphore(1, fast_acquire=True)
        return door

    def _must_queue(self, polls: bool) -> bool:
        """Whether a caller (a poll, with ``polls``) must wait in line for its turn."""
        door = self._polls_door if polls else self._door
        return bool(
            (door is not None and door.value == 0)
            or (polls and (self._first_queue_held() or self._in_flight >= self._polls_cap))
            or self._rate is not None
            or (self._ramping and self._ramp_delay(anyio.current_time()) > 0)
            or self._paused_until
            or self._in_flight >= self._cap
        )

    def _first_queue_held(self) -> bool:
        door = self._door
        return door is not None and door.value == 0

    def _wake(self) -> None:
        freed = self._freed
        if freed is not None:
            self._freed = None
            freed.set()

    def _holding_back(self) -> str:
        """What holds a caller back as it joins the queue, for whoever observes the call."""
        if self._paused_until:
            return "retry_after"
        return "concurrency" if self._rate is None else "rate_limit"

    async def _take_turn(
        self, start: float, patience: float, end: float | None, polls: bool = False
    ) -> tuple[int, float]:
        """As the head of the queue (of the polls' queue with ``polls``), wait until the
        host may take one more request; take its slot and return the send's epoch and the
        seconds waited."""
        policy = self._rate_policy
        if policy is not None:
            patience = min(patience, policy.max_pause)
        while True:
            now = anyio.current_time()
            self._check_pause(now, patience, end)
            if polls and (self._first_queue_held() or self._in_flight >= self._polls_cap):
                delay: float | None = None
            else:
                delay = self._delay(now)
            if delay is None:
                freed = self._freed = self._freed or anyio.Event()
                await freed.wait()
            elif delay > 0:
                # A 429 answered meanwhile may ask for a pause this caller cannot wait out:
                # it wakes the head, which then fails at once instead of sleeping on.
                grew = self._pause_grew = self._pause_grew or anyio.Event()
                with anyio.move_on_after(delay):
                    await grew.wait()
            else:
                break
        if self._rate is not None:
            self._tokens -= 1.0
        elif self._ramping:
            self._take_ramp_token()
        self._in_flight += 1
        stats = self._stats
        stats.queued += 1
        stats.queued_seconds += now - start
        return self._epoch, now - start

    def _check_pause(self, now: float, patience: float, end: float | None) -> None:
        left = self._paused_until - now
        if left > 0 and (left > patience or (end is not None and now + left >= end)):
            raise RateLimitError(
                f"the host asked for a pause of {left:.1f}s more, longer than this call may wait",
                retry_after=left,
            )

    def _delay(self, now: float) -> float | None:
        """Seconds until the head may go, or None until an attempt in flight ends."""
        if self._in_flight >= self._cap:
            return None
        if self._paused_until:
            if now < self._paused_until:
                return self._paused_until - now
            self._paused_until = 0.0
        rate = self._rate
        policy = self._rate_policy
        if rate is None:
            return self._ramp_delay(now) if self._ramping else 0.0
        assert policy is not None
        if now - self._last_throttle > policy.forget_after:
            # The limit may have lifted, or not: probe it again from a small window.
            self._rate = None
            self._cap = min(policy.initial_window, self._full_cap)
            self._restart_ramp(now)
            return self._ramp_delay(now)
        elapsed = now - self._stamp
        self._stamp = now
        rate = self._rate = self._grown(rate, now, elapsed)
        # Room for a tenth of a second's requests: small batches, never a burst.
        self._tokens = min(max(1.0, rate / 10), self._tokens + elapsed * rate)
        if self._tokens >= 1.0:
            return 0.0
        return (1.0 - self._tokens) / rate

    def _restart_ramp(self, now: float) -> None:
        self._ramping = True
        self._ramp_rate = RAMP_START
        self._tokens = 1.0
        self._stamp = now

    def _ramp_up(self) -> None:
        self._ramp_rate += RAMP_GAIN
        self._ramping = self._ramp_rate < RAMP_END

    def _take_ramp_token(self) -> None:
        # A request sent with nothing else in flight is free: a caller who awaits each
        # call before the next is never held, and adds at most one request in flight.
        if self._in_flight:
            self._tokens -= 1.0

    def _ramp_delay(self, now: float) -> float:
        """Seconds until the head may go during the slow start's paced ramp: what the
        ramp paces is requests in flight at once, so one alone goes at once."""
        if not self._in_flight:
            return 0.0
        rate = self._ramp_rate
        elapsed = now - self._stamp
        self._stamp = now
        # No burst: a stalled loop (a busy machine) must not release many at once here.
        self._tokens = min(1.0, self._tokens + elapsed * rate)
        if self._tokens >= 1.0:
            return 0.0
        return (1.0 - self._tokens) / rate

    # -- learning ----------------------------------------------------------------------

    def _grown(self, rate: float, now: float, elapsed: float) -> float:
        """The send rate ``elapsed`` seconds after ``rate``, with no throttle between."""
        policy = self._rate_policy
        assert policy is not None
        return rate * (1.0 + policy.recovery * elapsed) + self._increase * elapsed

    def _answered(self, epoch: int) -> None:
        if self._cap < self._full_cap and self._rate is None:
            self._cap += 1
        if epoch == self._learning and self._rate is not None:
            self._rate += 1.0
        now = time.monotonic()
        if now - self._ok_since >= 1.0:
            self._ok_previous = self._ok if now - self._ok_since < 2.0 else 0
            self._ok = 0
            self._ok_since = now
        self._ok += 1
        budget = self._budget_policy
        if budget is not None and self._balance < budget.reserve:
            self._balance = min(float(budget.reserve), self._balance + budget.ratio)

    def throttled(self, epoch: int, retry_after: float | None) -> None:
        """A request sent in ``epoch`` was answered 429, with the server's hint if any.

        A negative ``epoch`` is the shared store's ``-1 - epoch``: reported to the store with
        this lane's next admission, and the end of this process's slow start."""
        policy = self._rate_policy
        if policy is None:
            return
        if epoch < 0 and self._shared is not None:
            self._cap = self._full_cap
            self._shared.throttled(-1 - epoch, retry_after)
            return
        now = anyio.current_time()
        self._last_throttle = now
        # From the first throttle on, the learned rate paces the host, not the window.
        self._cap = self._full_cap
        self._ramping = False
        if retry_after is not None and retry_after > 0 and now + retry_after > self._paused_until:
            # The server's whole pause: a caller who cannot wait it out is told at once how
            # long is left, rather than held for ``max_pause`` and sent into it anyway.
            self._paused_until = now + retry_after
            grew = self._pause_grew
            if grew is not None:
                self._pause_grew = None
                grew.set()
        if epoch != self._epoch:
            return  # sent before the last cut, which already answered this overload
        self._epoch += 1
        self._learning = None
        self._increase = policy.increase * random.uniform(0.5, 1.5)
        if self._rate is None:
            # Answers over the last second: this second's so far, plus the previous
            # second's in proportion to the part of it still inside the window (or, when
            # answers stopped coming, this bucket's average).
            into = time.monotonic() - self._ok_since
            if into <= 1.0:
                accepted = self._ok + self._ok_previous * (1.0 - into)
            else:
                accepted = self._ok / into
            if accepted < 1.0:
                # Nothing got through yet: pause only, learn from the next wave, which
                # ramps up afresh.
                self._restart_ramp(now)
                return
            self._rate = max(policy.min_rate, accepted)
            self._learning = epoch
        else:
            self._rate = max(policy.min_rate, self._rate * policy.decrease)
        self._tokens = 0.0
        self._stamp = now

    def spend_retry(self) -> bool:
        """Take one retry from the budget; False (and counted) when it is empty."""
        if self._budget_policy is None:
            return True
        if self._balance >= 1.0:
            self._balance -= 1.0
            return True
        self._stats.retries_refused += 1
        return False


class Lanes:
    """The lanes of one client and its copies, one per host, each made by ``new_lane``."""

    def __init__(self, new_lane: Callable[[], Lane]) -> None:
        self._new_lane = new_lane
        # Per event loop: a lane's queue and counters belong to the loop its callers run in.
        self._lanes: PerLoop[dict[str, Lane]] = PerLoop(dict)

    @staticmethod
    def key(url: httpx.URL) -> str:
        """The host ``url`` goes to, as :meth:`lane` takes it."""
        return f"{url.scheme}://{url.netloc.decode('ascii')}"

    def lane(self, key: str) -> Lane:
        """The lane of the host ``key`` in the running event loop."""
        lanes = self._lanes.get()
        lane = lanes.get(key)
        if lane is None:
            lane = lanes[key] = self._new_lane()
            lane.share(key)
        return lane

    async def aclose(self) -> None:
        """Close the running loop's connections to a shared rate store, if any."""
        for lane in list((self._lanes.mine() or {}).values()):
            await lane.aclose()

    def for_host(self, url: httpx.URL) -> Lane:
        return self.lane(self.key(url))
