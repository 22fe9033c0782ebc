"""Watchers against a hostile world: endless Retry-After, a dead host, an unknown id in
wait_all, operations that fail part-way, and wait_all over many ids."""

from __future__ import annotations

import logging
import math
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from functools import partial

import anyio
import httpx
import pytest
import trio
import trio.testing

from awaitops import PollPolicy, wait, wait_all
from awaitops.errors import (
    ApiConnectionError,
    ApiTimeoutError,
    NotFoundError,
    RateLimitError,
    ServerError,
    WaitTimeoutError,
)

from ._support import Op, Script, done, failed, key, percent

FAST = PollPolicy(initial_interval=0.01, max_interval=0.02)


async def follow_into(finished: list[Op], ids: Sequence[str], **options: object) -> None:
    async for op in wait_all(
        ids,
        key=key,
        is_terminal=done,
        is_failed=failed,
        **options,  # type: ignore[arg-type]
    ):
        finished.append(op)


async def follow_all(ids: Sequence[str], **options: object) -> list[Op]:
    finished: list[Op] = []
    await follow_into(finished, ids, **options)
    return finished


def run_virtual(main: Callable[[], Awaitable[None]]) -> None:
    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))


# -- Retry-After beyond the cap ends the wait; within it, never past the timeout --


@pytest.mark.anyio
async def test_a_retry_after_beyond_the_cap_is_raised_not_slept() -> None:
    poll = Script(
        Op("a", "Processing"), RateLimitError("busy", retry_after=1e9), Op("a", "Completed")
    )
    with anyio.fail_after(5), pytest.raises(RateLimitError) as caught:
        await wait(poll, is_terminal=done, is_failed=failed)
    assert caught.value.retry_after == 1e9
    assert len(poll.times) == 2


@pytest.mark.anyio
async def test_the_retry_after_cap_is_the_policy_s() -> None:
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, retry_after_cap=0.05)
    poll = Script(RateLimitError("busy", retry_after=0.06), Op("a", "Completed"))
    with anyio.fail_after(5), pytest.raises(RateLimitError):
        await wait(poll, is_terminal=done, is_failed=failed, policy=policy)
    poll = Script(RateLimitError("busy", retry_after=0.05), Op("a", "Completed"))
    with anyio.fail_after(5):
        assert await wait(poll, is_terminal=done, is_failed=failed, policy=policy) == Op(
            "a", "Completed"
        )


@pytest.mark.anyio
async def test_wait_all_raises_a_retry_after_beyond_the_cap() -> None:
    async def batch_poll() -> Sequence[Op]:
        raise RateLimitError("busy", retry_after=1e9)

    async def get_one(op_id: str) -> Op:
        raise AssertionError("the list failed: no gets")

    with anyio.fail_after(5), pytest.raises(RateLimitError):
        await follow_all(["a"], batch_poll=batch_poll, get_one=get_one)


@pytest.mark.anyio
async def test_wait_all_raises_a_get_s_retry_after_beyond_the_cap_after_yielding() -> None:
    async def batch_poll() -> Sequence[Op]:
        return [Op("a", "Completed")]

    async def get_one(op_id: str) -> Op:
        raise RateLimitError("busy", retry_after=1e9)

    finished: list[Op] = []
    with anyio.fail_after(5), pytest.raises(RateLimitError):
        await follow_into(finished, ["a", "b"], batch_poll=batch_poll, get_one=get_one)
    assert finished == [Op("a", "Completed")]


@pytest.mark.anyio
async def test_a_retry_after_within_the_cap_never_outlasts_the_timeout() -> None:
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=0.2)
    poll = Script(Op("a", "Processing"), RateLimitError("busy", retry_after=59.0))
    with anyio.fail_after(5), pytest.raises(WaitTimeoutError) as caught:
        await wait(poll, is_terminal=done, is_failed=failed, policy=policy)
    assert isinstance(caught.value.__cause__, RateLimitError)


# -- A dead or mistyped host ends the wait with ApiConnectionError, with a WARNING --


@pytest.mark.anyio
async def test_a_host_never_reached_gives_up_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, unreachable_timeout=0.2)
    poll: Script[Op] = Script(ApiConnectionError("refused"), ApiTimeoutError("connect timed out"))
    with (
        caplog.at_level(logging.WARNING, "awaitops"),
        anyio.fail_after(5),
        pytest.raises(ApiConnectionError) as caught,
    ):
        await wait(poll, is_terminal=done, is_failed=failed, policy=policy)
    assert isinstance(caught.value, ApiTimeoutError)  # the last error seen
    assert anyio.current_time() - poll.times[0] >= 0.2
    assert len(poll.times) >= 3
    warnings = [r for r in caplog.records if r.name == "awaitops" and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "unreachable_timeout" in warnings[0].getMessage()


def _cut_mid_answer() -> ApiConnectionError:
    """What the client raises when the server accepted the poll and cut the connection
    before its answer was whole (the httpx error kept as the cause)."""
    cause = httpx.RemoteProtocolError("peer closed connection without sending complete body")
    error = ApiConnectionError(f"request failed (RemoteProtocolError): {cause}")
    error.__cause__ = cause
    return error


@pytest.mark.anyio
async def test_answers_cut_mid_way_are_not_an_unreachable_host(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The server is there: the wait outlives unreachable_timeout, and nothing says otherwise.
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, unreachable_timeout=0.05)
    poll = Script(*[_cut_mid_answer() for _ in range(15)], Op("a", "Completed"))
    with caplog.at_level(logging.INFO, "awaitops"), anyio.fail_after(5):
        assert await wait(poll, is_terminal=done, is_failed=failed, policy=policy) == Op(
            "a", "Completed"
        )
    assert poll.times[-1] - poll.times[0] > 0.05
    ours = [r for r in caplog.records if r.name == "awaitops"]
    assert not [r for r in ours if r.levelno >= logging.WARNING]
    assert not [r for r in ours if "cannot reach" in r.getMessage()]
    assert all("RemoteProtocolError" in r.getMessage() for r in ours)
    assert ours


def test_the_default_policy_gives_up_on_a_dead_host_within_a_minute() -> None:
    async def main() -> None:
        poll: Script[Op] = Script(ApiConnectionError("refused"))
        start = trio.current_time()
        with trio.move_on_after(3600), pytest.raises(ApiConnectionError):
            await wait(poll, is_terminal=done, is_failed=failed)
        assert trio.current_time() - start == pytest.approx(60.0)

    run_virtual(main)


def test_any_answer_restarts_the_unreachable_count() -> None:
    """Connection errors for 50 s, a 503, 50 s more, then the answer: no give-up, since the
    server answered in between (unreachable_timeout is 60 s)."""

    async def main() -> None:
        start = trio.current_time()
        answered = False

        async def poll() -> Op:
            nonlocal answered
            elapsed = trio.current_time() - start
            if elapsed >= 50 and not answered:
                answered = True
                raise ServerError("unavailable", status=503)
            if elapsed < 100:
                raise ApiConnectionError("reset")
            return Op("a", "Completed")

        assert await wait(poll, is_terminal=done, is_failed=failed) == Op("a", "Completed")
        assert answered

    run_virtual(main)


@pytest.mark.anyio
async def test_unreachable_timeout_none_keeps_trying() -> None:
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, unreachable_timeout=None)
    poll = Script(*[ApiConnectionError("refused")] * 30, Op("a", "Completed"))
    with anyio.fail_after(5):
        assert await wait(poll, is_terminal=done, is_failed=failed, policy=policy) == Op(
            "a", "Completed"
        )


@pytest.mark.anyio
async def test_wait_all_gives_up_on_a_dead_host() -> None:
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, unreachable_timeout=0.2)

    async def batch_poll() -> Sequence[Op]:
        raise ApiConnectionError("refused")

    async def get_one(op_id: str) -> Op:
        raise ApiConnectionError("refused")

    with anyio.fail_after(5), pytest.raises(ApiConnectionError):
        await follow_all(["a", "b"], batch_poll=batch_poll, get_one=get_one, policy=policy)


def test_unreachable_timeout_is_validated() -> None:
    with pytest.raises(ValueError, match="unreachable_timeout"):
        PollPolicy(unreachable_timeout=0)
    with pytest.raises(ValueError, match="retry_after_cap"):
        PollPolicy(retry_after_cap=-1)


# -- wait_all: an unknown id never hides the results already seen --


@pytest.mark.anyio
async def test_wait_all_yields_what_it_saw_before_raising_for_an_unknown_id() -> None:
    async def batch_poll() -> Sequence[Op]:
        await anyio.lowlevel.checkpoint()
        return [Op("a", "Completed"), Op("b", "Processing"), Op("c", "Failed")]

    async def get_one(op_id: str) -> Op:
        await anyio.lowlevel.checkpoint()
        if op_id == "typo":
            raise NotFoundError("no such operation", status=404)
        return Op(op_id, "Completed")

    finished: list[Op] = []
    with anyio.fail_after(5), pytest.raises(NotFoundError):
        await follow_into(
            finished, ["a", "b", "typo", "c"], batch_poll=batch_poll, get_one=get_one, policy=FAST
        )
    assert finished == [Op("a", "Completed"), Op("c", "Failed")]


@pytest.mark.anyio
async def test_wait_all_yields_gets_finished_before_a_404() -> None:
    async def batch_poll() -> Sequence[Op]:
        return []

    async def get_one(op_id: str) -> Op:
        if op_id == "typo":
            await anyio.sleep(0.05)
            raise NotFoundError("no such operation", status=404)
        return Op(op_id, "Completed")

    finished: list[Op] = []
    with anyio.fail_after(5), pytest.raises(NotFoundError):
        await follow_into(
            finished, ["x", "typo", "y"], batch_poll=batch_poll, get_one=get_one, policy=FAST
        )
    assert finished == [Op("x", "Completed"), Op("y", "Completed")]


# -- Operations that fail part-way are seen no later than a fixed 5 s poller would --


class Failing:
    """An operation whose progress climbs as if it took ``duration`` s, but which fails at
    ``fail_at`` s (or completes at ``duration`` when ``fail_at`` is None)."""

    def __init__(self, op_id: str, duration: float, fail_at: float | None, start: float) -> None:
        self.id = op_id
        self.duration = duration
        self.fail_at = fail_at
        self.start = start
        self.seen_at: float | None = None

    @property
    def ends(self) -> float:
        return self.start + (self.duration if self.fail_at is None else self.fail_at)

    def state(self, now: float) -> Op:
        elapsed = now - self.start
        climbed = int(100 * min(elapsed, self.fail_at or elapsed) / self.duration)
        if self.fail_at is not None and elapsed >= self.fail_at:
            return Op(self.id, "Failed", climbed)
        if elapsed >= self.duration:
            return Op(self.id, "Completed", 100)
        return Op(self.id, "Processing", climbed)


LATENCY = 0.02


async def answer(ops: Sequence[Failing]) -> list[Op]:
    await trio.sleep(LATENCY / 2)
    states = [op.state(trio.current_time()) for op in ops]
    await trio.sleep(LATENCY / 2)
    for op, state in zip(ops, states, strict=True):
        if state.status != "Processing" and op.seen_at is None:
            op.seen_at = trio.current_time()
    return states


@pytest.mark.parametrize("duration", [6.0, 40.0, 300.0, 2000.0])
@pytest.mark.parametrize("fraction", [0.15, 0.5, 0.93])
@pytest.mark.parametrize("with_progress", [True, False])
def test_wait_sees_a_failure_part_way_within_5_s(
    duration: float, fraction: float, with_progress: bool
) -> None:
    async def main() -> None:
        random.seed(f"{duration}-{fraction}")
        op = Failing("a", duration, duration * fraction, trio.current_time())

        async def poll() -> Op:
            return (await answer([op]))[0]

        with pytest.raises(Exception, match="failed"):
            await wait(
                poll,
                is_terminal=done,
                is_failed=failed,
                progress=percent if with_progress else None,
            )
        assert op.seen_at is not None
        assert op.seen_at - op.ends <= 5.0 + LATENCY

    run_virtual(main)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_wait_all_sees_failures_and_completions_within_a_second_at_p95(seed: int) -> None:
    """100 operations of 2-20 s, half failing part-way (the spec's failed example stops at
    15 %): the p95 detection lag of either kind stays under 1 s."""

    async def main() -> None:
        rng = random.Random(seed)
        random.seed(seed)
        start = trio.current_time()
        ops = []
        for index in range(100):
            duration = rng.uniform(2.0, 20.0)
            fail_at = duration * rng.uniform(0.05, 0.95) if index % 2 else None
            ops.append(Failing(f"op-{index}", duration, fail_at, start))
        by_id = {op.id: op for op in ops}

        async def batch_poll() -> Sequence[Op]:
            return await answer(ops)

        async def get_one(op_id: str) -> Op:
            return (await answer([by_id[op_id]]))[0]

        finished = await follow_all(
            list(by_id), batch_poll=batch_poll, get_one=get_one, progress=percent
        )
        assert len(finished) == 100
        for kind in (True, False):
            lags = [op.seen_at - op.ends for op in ops if (op.fail_at is None) is kind]  # type: ignore[operator]
            assert percentile(lags, 0.95) <= 1.0

    run_virtual(main)


# -- wait_all over many ids: ceil(N/100) list pages a round, cheaper than separate waits --


class Listing:
    """``count`` operations of 2-20 s behind a list endpoint of 100 per page, oldest first,
    after ``others`` operations that are not ours; counts every request."""

    def __init__(self, count: int, others: int, seed: int) -> None:
        rng = random.Random(seed)
        start = trio.current_time()
        self.ours = [Failing(f"op-{i}", rng.uniform(2.0, 20.0), None, start) for i in range(count)]
        theirs = [Failing(f"other-{i}", 1.0, None, start - 100) for i in range(others)]
        self.everything = theirs + self.ours
        self.by_id = {op.id: op for op in self.everything}
        self.pages_per_round: list[int] = []
        self.gets = 0

    async def pages(self) -> AsyncIterator[Sequence[Op]]:
        self.pages_per_round.append(0)
        for offset in range(0, len(self.everything), 100):
            self.pages_per_round[-1] += 1
            yield await answer(self.everything[offset : offset + 100])

    async def get_one(self, op_id: str) -> Op:
        self.gets += 1
        return (await answer([self.by_id[op_id]]))[0]


@pytest.mark.parametrize(("count", "others"), [(500, 0), (250, 150)])
def test_wait_all_costs_less_than_separate_waits(count: int, others: int) -> None:
    async def main() -> None:
        random.seed(count)
        listing = Listing(count, others, seed=count)
        ids = [op.id for op in listing.ours]
        finished = await follow_all(
            ids,
            batch_poll=listing.pages,
            get_one=listing.get_one,
            progress=percent,
            page_size=100,
        )
        assert len(finished) == count
        batched = sum(listing.pages_per_round) + listing.gets
        assert max(listing.pages_per_round) <= math.ceil(count / 100)

        alone = Listing(count, others, seed=count)

        async def follow(op_id: str) -> None:
            await wait(
                partial(alone.get_one, op_id), is_terminal=done, is_failed=failed, progress=percent
            )

        async with trio.open_nursery() as nursery:
            for op in alone.ours:
                nursery.start_soon(follow, op.id)
        assert batched < alone.gets

    run_virtual(main)
