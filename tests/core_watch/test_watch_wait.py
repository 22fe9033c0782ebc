"""watch / wait: changed snapshots, failures, timeouts, survived errors, cancellation."""

from __future__ import annotations

import itertools
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio
import pytest
import trio
import trio.testing

from awaitops import PollPolicy, wait, watch
from awaitops.core._eta import ETA_REACH
from awaitops.errors import (
    ApiConnectionError,
    ApiTimeoutError,
    NotFoundError,
    OperationFailedError,
    RateLimitError,
    ServerError,
    WaitTimeoutError,
)

from ._support import Script, done, failed, message, percent

FAST = PollPolicy(initial_interval=0.01, max_interval=0.02)


@dataclass(frozen=True)
class Op:
    """A snapshot without an id: single waits never need one."""

    status: str
    percent: int = 0
    error: str | None = None


@pytest.mark.anyio
async def test_watch_yields_each_change_once_until_terminal() -> None:
    poll = Script(Op("Processing", 0), Op("Processing", 0), Op("Processing", 50), Op("Completed"))
    with anyio.fail_after(5):
        seen = [op async for op in watch(poll, is_terminal=done, is_failed=failed, policy=FAST)]
    assert seen == [Op("Processing", 0), Op("Processing", 50), Op("Completed")]
    assert len(poll.times) == 4


@pytest.mark.anyio
async def test_wait_returns_the_terminal_snapshot() -> None:
    poll = Script(Op("Processing", 10), Op("Completed", 100))
    with anyio.fail_after(5):
        result = await wait(poll, is_terminal=done, is_failed=failed, progress=percent, policy=FAST)
    assert result == Op("Completed", 100)


@pytest.mark.anyio
async def test_failure_keeps_the_server_message_and_snapshot() -> None:
    final = Op("Failed", 40, error="unsupported file format")
    poll = Script(Op("Processing", 10), final)
    with anyio.fail_after(5), pytest.raises(OperationFailedError) as caught:
        await wait(poll, is_terminal=done, is_failed=failed, policy=FAST, failure_message=message)
    assert caught.value.message == "unsupported file format"
    assert caught.value.snapshot == final


@pytest.mark.anyio
async def test_watch_yields_the_failed_snapshot_before_raising() -> None:
    poll = Script(Op("Processing"), Op("Failed"))
    seen: list[Op] = []

    async def follow() -> None:
        async for op in watch(poll, is_terminal=done, is_failed=failed, policy=FAST):
            seen.append(op)

    with anyio.fail_after(5), pytest.raises(OperationFailedError, match="no message"):
        await follow()
    assert seen == [Op("Processing"), Op("Failed")]


@pytest.mark.anyio
async def test_watch_since_a_held_snapshot_yields_only_changes_from_it() -> None:
    held = Op("Processing", 10)  # what the call that started the operation returned
    poll = Script(Op("Processing", 10), Op("Processing", 10), Op("Processing", 60), Op("Completed"))
    with anyio.fail_after(5):
        seen = [
            op
            async for op in watch(poll, is_terminal=done, is_failed=failed, policy=FAST, since=held)
        ]
    assert seen == [Op("Processing", 60), Op("Completed")]


@pytest.mark.anyio
async def test_watch_since_a_held_failed_snapshot_raises_without_repeating_it() -> None:
    held = Op("Failed", error="bad format")
    poll = Script(held)
    seen: list[Op] = []

    async def follow() -> None:
        snapshots = watch(
            poll,
            is_terminal=done,
            is_failed=failed,
            policy=FAST,
            failure_message=message,
            since=held,
        )
        async for op in snapshots:
            seen.append(op)

    with anyio.fail_after(5), pytest.raises(OperationFailedError, match="bad format"):
        await follow()
    assert seen == []


@pytest.mark.anyio
async def test_timeout_keeps_the_last_snapshot() -> None:
    poll = Script(Op("Processing", 5), Op("Processing", 6))
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=0.1)
    with anyio.fail_after(5), pytest.raises(WaitTimeoutError) as caught:
        await wait(poll, is_terminal=done, is_failed=failed, policy=policy)
    assert caught.value.snapshot == Op("Processing", 6)
    assert caught.value.elapsed is not None
    assert caught.value.elapsed >= 0.1
    # Said in the user's terms, with no SDK class name.
    assert "(timeout 0.1s)" in str(caught.value)
    assert "PollPolicy" not in str(caught.value)


@pytest.mark.anyio
async def test_transient_errors_are_survived() -> None:
    poll = Script(
        ServerError("down", status=503),
        ApiConnectionError("reset"),
        Op("Processing"),
        ApiTimeoutError("slow"),
        RateLimitError("slow down"),
        Op("Completed"),
    )
    with anyio.fail_after(5):
        seen = [op async for op in watch(poll, is_terminal=done, is_failed=failed, policy=FAST)]
    assert seen == [Op("Processing"), Op("Completed")]
    assert len(poll.times) == 6


@pytest.mark.anyio
async def test_retry_after_stretches_the_next_interval() -> None:
    poll = Script(RateLimitError("slow down", retry_after=0.2), Op("Completed"))
    with anyio.fail_after(5):
        await wait(poll, is_terminal=done, is_failed=failed, policy=FAST)
    assert poll.times[1] - poll.times[0] >= 0.2


@pytest.mark.anyio
@pytest.mark.parametrize("error", [NotFoundError("gone", status=404), ValueError("bug")])
async def test_other_errors_propagate_at_once(error: Exception) -> None:
    poll = Script(error, Op("Completed"))
    with anyio.fail_after(5), pytest.raises(type(error)):
        await wait(poll, is_terminal=done, is_failed=failed, policy=FAST)
    assert len(poll.times) == 1


@pytest.mark.anyio
async def test_timeout_during_errors_chains_the_last_error() -> None:
    poll: Script[Op] = Script(ServerError("down", status=500))
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=0.1)
    with anyio.fail_after(5), pytest.raises(WaitTimeoutError) as caught:
        await wait(poll, is_terminal=done, is_failed=failed, policy=policy)
    assert caught.value.snapshot is None
    assert isinstance(caught.value.__cause__, ServerError)


@pytest.mark.anyio
async def test_cancelling_the_waiter_stops_the_poll_in_flight() -> None:
    started = anyio.Event()
    cancelled: list[bool] = []
    calls: list[int] = []

    async def poll() -> Op:
        calls.append(1)
        started.set()
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            cancelled.append(True)
            raise
        raise AssertionError("unreachable")

    with anyio.fail_after(5):
        async with anyio.create_task_group() as task_group:
            task_group.start_soon(lambda: wait(poll, is_terminal=done, is_failed=failed))
            await started.wait()
            task_group.cancel_scope.cancel()
        await anyio.sleep(0.05)
    assert cancelled == [True]
    assert calls == [1]


# Virtual time (trio's MockClock): exact, instant, deterministic.


def run_virtual(main: Callable[[], Awaitable[None]]) -> None:
    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))


class LinearOp:
    """Completes ``duration`` seconds after creation, progress rising linearly."""

    def __init__(self, duration: float, latency: float = 0.0) -> None:
        self.start = trio.current_time()
        self.duration = duration
        self.latency = latency
        self.polls = 0
        self.seen_done_at: float | None = None

    async def poll(self) -> Op:
        self.polls += 1
        await trio.sleep(self.latency)
        elapsed = trio.current_time() - self.start
        if elapsed >= self.duration:
            self.seen_done_at = trio.current_time()
            return Op("Completed", 100)
        return Op("Processing", int(100 * elapsed / self.duration))


@pytest.mark.parametrize("duration", [3.0, 12.0, 45.0])
def test_progress_estimate_polls_near_the_end(duration: float) -> None:
    results: dict[str, tuple[int, float]] = {}

    async def main() -> None:
        for name, reader in (("eta", percent), ("plain", None)):
            op = LinearOp(duration)
            await wait(op.poll, is_terminal=done, is_failed=failed, progress=reader)
            assert op.seen_done_at is not None
            results[name] = (op.polls, op.seen_done_at - op.start - duration)

    run_virtual(main)
    eta_polls, eta_lag = results["eta"]
    plain_polls, _ = results["plain"]
    assert eta_lag <= 0.6
    assert eta_polls < plain_polls
    # Two readings, then a poll per max_interval at most, then the end.
    assert eta_polls <= 3 + duration / PollPolicy().max_interval


def test_a_wait_costs_what_fixed_polling_costs_when_its_rate_reading_is_free() -> None:
    # Issue 26: the reading that gives a rate came 1-2 s in, so a 7.5 s operation cost four
    # polls (0, ~1.5, ~6.5, its end) where fixed 5 s polling makes three (0, 5, 10). Read
    # later, it lands the next poll just after the end: three polls, and the end seen at once.
    async def main() -> None:
        for seed in range(20):
            random.seed(seed)
            op = LinearOp(7.5)
            await wait(op.poll, is_terminal=done, is_failed=failed, progress=percent)
            assert op.seen_done_at is not None
            assert op.polls == 3
            assert op.seen_done_at - op.start - op.duration <= 0.5

    run_virtual(main)


def test_a_failure_part_way_is_seen_within_a_stretched_step() -> None:
    async def main() -> None:
        start = trio.current_time()
        times: list[float] = []

        async def poll() -> Op:
            times.append(trio.current_time() - start)
            elapsed = trio.current_time() - start
            if elapsed >= 11.0:
                return Op("Failed", 55, error="broke")
            return Op("Processing", int(100 * elapsed / 20.0))

        with pytest.raises(OperationFailedError):
            await wait(poll, is_terminal=done, is_failed=failed, progress=percent)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert max(gaps) <= PollPolicy().max_interval * ETA_REACH + 1e-9

    run_virtual(main)


def test_timeout_overshoots_by_at_most_one_request() -> None:
    async def main() -> None:
        op = LinearOp(1000.0, latency=0.3)
        start = trio.current_time()
        with pytest.raises(WaitTimeoutError) as caught:
            await wait(op.poll, is_terminal=done, is_failed=failed, policy=PollPolicy(timeout=5))
        overshoot = trio.current_time() - start - 5
        assert 0 <= overshoot <= 0.3 + 1e-9
        assert caught.value.snapshot is not None

    run_virtual(main)


def test_long_retry_after_is_slept_through_not_raised() -> None:
    async def main() -> None:
        poll = Script(RateLimitError("busy", retry_after=30.0), Op("Completed"))
        result = await wait(poll, is_terminal=done, is_failed=failed)
        assert result == Op("Completed")
        assert poll.times[1] - poll.times[0] >= 30.0

    run_virtual(main)


def test_backoff_stays_within_the_policy() -> None:
    async def main() -> None:
        poll = Script(*[Op("Processing")] * 30, Op("Completed"))
        policy = PollPolicy(initial_interval=1.0, max_interval=4.0, multiplier=2.0)
        await wait(poll, is_terminal=done, is_failed=failed, policy=policy)
        gaps = [b - a for a, b in zip(poll.times, poll.times[1:], strict=False)]
        assert max(gaps) <= 4.0 + 1e-9
        assert len(poll.times) == 31

    run_virtual(main)


@pytest.mark.anyio
async def test_timeout_cuts_a_poll_that_keeps_retrying() -> None:
    """A poll stuck in the core's retries must not stretch the wait past the timeout."""
    polls = 0

    async def stuck_poll() -> dict[str, str]:
        nonlocal polls
        polls += 1
        if polls == 1:
            return {"state": "running"}
        await anyio.sleep(3600)  # a request retried over and over
        return {"state": "done"}

    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=0.2)
    with anyio.fail_after(5), pytest.raises(WaitTimeoutError) as caught:
        await wait(
            stuck_poll,
            is_terminal=lambda s: s["state"] == "done",
            is_failed=lambda s: False,
            policy=policy,
        )
    assert caught.value.snapshot == {"state": "running"}
    assert polls == 2
