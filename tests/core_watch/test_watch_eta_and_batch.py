"""The completion estimator, and wait_all over a list endpoint with per-id fallback."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import anyio
import pytest
import trio
import trio.testing

from awaitops import PollPolicy, wait_all
from awaitops.core._eta import ETA_MARGIN, ETA_REACH, ProgressEstimator, eta_interval
from awaitops.core._watch import _Budget
from awaitops.errors import NotFoundError, OperationFailedError, ServerError, WaitTimeoutError

from ._support import Op, done, failed, key, percent

FAST = PollPolicy(initial_interval=0.01, max_interval=0.02)


def test_estimator_predicts_linear_progress() -> None:
    estimator = ProgressEstimator()
    assert estimator.predicted_completion() is None
    estimator.add(10.0, 20)
    assert estimator.measuring
    estimator.add(12.0, 30)
    assert estimator.predicted_completion() == pytest.approx(26.0)


def test_estimator_ignores_a_zero_plateau_once_progress_moves() -> None:
    estimator = ProgressEstimator()
    for t in (0.0, 1.0, 2.0, 3.0):
        estimator.add(t, 0)
    estimator.add(5.0, 10)
    estimator.add(6.0, 20)
    assert estimator.predicted_completion() == pytest.approx(14.0)


def test_estimator_without_a_rising_trend_predicts_nothing() -> None:
    estimator = ProgressEstimator()
    estimator.add(1.0, 40)
    estimator.add(2.0, 40)
    assert estimator.predicted_completion() is None
    assert estimator.measuring


def test_estimator_restarts_when_progress_goes_back() -> None:
    estimator = ProgressEstimator()
    estimator.add(0.0, 50)
    estimator.add(1.0, 60)
    estimator.add(2.0, 10)
    assert estimator.predicted_completion() is None
    estimator.add(3.0, 20)
    assert estimator.predicted_completion() == pytest.approx(11.0)


def test_eta_interval_is_clamped_and_gives_up_once_overdue() -> None:
    policy = PollPolicy(initial_interval=0.5, max_interval=10.0)
    assert eta_interval(0.0, None, policy) is None
    assert eta_interval(0.0, 3.0, policy) == pytest.approx(3.0 + ETA_MARGIN)
    assert eta_interval(0.0, 0.1, policy) == 0.5
    assert eta_interval(0.0, 60.0, policy) == 10.0
    assert eta_interval(5.0, 4.0, policy) is None


def test_eta_interval_stretches_one_step_to_an_end_just_past_it() -> None:
    policy = PollPolicy(initial_interval=0.5, max_interval=5.0)
    # 5.3 s away: one poll just after the end, not one at 5 s and another 0.35 s later.
    assert eta_interval(0.0, 5.3, policy) == pytest.approx(5.3 + ETA_MARGIN)
    assert eta_interval(0.0, 5.0 * ETA_REACH, policy) == 5.0


def test_the_budget_spreads_what_is_left_until_the_last_predicted_end() -> None:
    policy = PollPolicy(initial_interval=0.5, max_interval=5.0)
    budget = _Budget(policy, 12, now=0.0)
    budget.spend(1)
    # Twelve operations ending by 10 s: what fixed polling would spend on them, in share,
    # spread over those 10 s.
    steady = budget.cadence(0.0, [10.0] * 12, pages=1)
    assert policy.initial_interval < steady < 1.0
    # Half of them ended early: the share they left behind keeps the list read about as
    # often for the rest, instead of twice as rarely.
    budget.earn(5.0, 12)
    budget.spend(5)
    later = budget.cadence(5.0, [10.0] * 6, pages=1)
    assert later < 2 * steady
    # Spent out, it waits a whole step; a reading too cheap to matter is never closer
    # together than the initial interval.
    budget.spend(100)
    assert budget.cadence(5.0, [10.0] * 6, pages=1) == policy.max_interval
    assert _Budget(policy, 1000, now=0.0).cadence(0.0, [1.0], 1) == policy.initial_interval


def test_wait_all_sees_a_few_failures_within_a_second_for_under_half_of_fixed_polling() -> None:
    # Issue 26: twelve operations, half failing part-way: the list was read every 1.7 s
    # (a quarter of what polling each one would cost, right now), so a failure went unseen
    # for up to that long while the reads cost under a third of fixed 5 s polling.
    durations = {f"op-{n}": 2.0 + n * 10.0 / 11 for n in range(12)}
    fail_at = {op_id: d / 2 for n, (op_id, d) in enumerate(durations.items()) if n % 2}
    ends = {op_id: fail_at.get(op_id, d) for op_id, d in durations.items()}
    fixed = sum(2 + int(end // 5.0) for end in ends.values())

    async def main() -> None:
        start = trio.current_time()
        batches = 0

        def state(op_id: str, elapsed: float) -> Op:
            d = durations[op_id]
            if op_id in fail_at and elapsed >= fail_at[op_id]:
                return Op(op_id, "Failed", 50, error="broke")
            if elapsed >= d:
                return Op(op_id, "Completed", 100)
            return Op(op_id, "Processing", int(100 * elapsed / d))

        async def batch_poll() -> Sequence[Op]:
            nonlocal batches
            batches += 1
            elapsed = trio.current_time() - start
            return [state(op_id, elapsed) for op_id in durations]

        async def get_one(op_id: str) -> Op:
            raise AssertionError("every id is listed")

        lags = {}
        async for op in wait_all(
            durations,
            batch_poll=batch_poll,
            get_one=get_one,
            key=key,
            is_terminal=done,
            is_failed=failed,
            progress=percent,
        ):
            lags[op.id] = trio.current_time() - start - ends[op.id]
        assert len(lags) == 12
        assert max(lags.values()) <= 1.0
        assert batches <= 0.45 * fixed
        assert max(lags.values()) <= 1.0
        assert batches <= 0.45 * fixed

    run_virtual(main)


class Fleet:
    """Operations that finish after a given number of batch rounds (or fail)."""

    def __init__(self, rounds_left: dict[str, int], *, listed: set[str] | None = None) -> None:
        self.rounds_left = dict(rounds_left)
        self.listed = set(rounds_left) if listed is None else listed
        self.failing: set[str] = set()
        self.batches = 0
        self.gets: list[str] = []

    def state(self, op_id: str) -> Op:
        if self.rounds_left[op_id] > 0:
            return Op(op_id, "Processing")
        if op_id in self.failing:
            return Op(op_id, "Failed", error=f"{op_id} broke")
        return Op(op_id, "Completed", 100)

    async def batch_poll(self) -> Sequence[Op]:
        self.batches += 1
        for op_id in self.rounds_left:
            self.rounds_left[op_id] -= 1
        await anyio.lowlevel.checkpoint()
        return [self.state(op_id) for op_id in self.rounds_left if op_id in self.listed]

    async def get_one(self, op_id: str) -> Op:
        self.gets.append(op_id)
        await anyio.lowlevel.checkpoint()
        return self.state(op_id)


async def collect(fleet: Fleet, ids: Sequence[str], **options: object) -> list[Op]:
    with anyio.fail_after(5):
        return [
            op
            async for op in wait_all(
                ids,
                batch_poll=fleet.batch_poll,
                get_one=fleet.get_one,
                key=key,
                is_terminal=done,
                is_failed=failed,
                policy=FAST,
                **options,  # type: ignore[arg-type]
            )
        ]


@pytest.mark.anyio
async def test_wait_all_yields_in_completion_order_with_one_request_per_round() -> None:
    fleet = Fleet({"a": 3, "b": 1, "c": 2})
    finished = await collect(fleet, ["a", "b", "c"])
    assert [op.id for op in finished] == ["b", "c", "a"]
    assert fleet.batches == 3
    assert fleet.gets == []


@pytest.mark.anyio
async def test_ids_the_list_does_not_show_are_fetched_one_by_one() -> None:
    fleet = Fleet({"a": 1, "b": 2, "old": 0}, listed={"a", "b"})
    finished = await collect(fleet, ["a", "b", "old"])
    assert [op.id for op in finished] == ["a", "old", "b"]
    assert fleet.gets == ["old"]


@pytest.mark.anyio
async def test_failures_are_yielded_by_default_and_raised_on_request() -> None:
    fleet = Fleet({"a": 1, "b": 2})
    fleet.failing.add("a")
    finished = await collect(fleet, ["a", "b"])
    assert [(op.id, op.status) for op in finished] == [("a", "Failed"), ("b", "Completed")]

    fleet = Fleet({"a": 1, "b": 2})
    fleet.failing.add("a")
    with pytest.raises(OperationFailedError, match="a broke") as caught:
        await collect(fleet, ["a", "b"], raise_on_failure=True, failure_message=lambda op: op.error)
    assert caught.value.snapshot == Op("a", "Failed", error="a broke")


@pytest.mark.anyio
async def test_duplicate_ids_are_waited_for_once_and_no_ids_cost_nothing() -> None:
    fleet = Fleet({"a": 1})
    assert [op.id for op in await collect(fleet, ["a", "a"])] == ["a"]
    assert await collect(fleet, []) == []
    assert fleet.batches == 1


@pytest.mark.anyio
async def test_timeout_lists_the_unfinished_ids() -> None:
    fleet = Fleet({"a": 1, "slow": 10_000, "never-listed": 10_000}, listed={"a", "slow"})
    policy = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=0.1)
    finished: list[str] = []

    async def follow() -> None:
        async for op in wait_all(
            ["a", "slow", "never-listed"],
            batch_poll=fleet.batch_poll,
            get_one=fleet.get_one,
            key=key,
            is_terminal=done,
            is_failed=failed,
            policy=policy,
        ):
            finished.append(op.id)

    with anyio.fail_after(5), pytest.raises(WaitTimeoutError, match="slow, never-listed") as caught:
        await follow()
    assert finished == ["a"]
    assert caught.value.snapshot == {
        "slow": Op("slow", "Processing"),
        "never-listed": Op("never-listed", "Processing"),
    }


@pytest.mark.anyio
async def test_a_failing_get_raises_as_itself_and_cancels_the_others() -> None:
    cancelled: list[str] = []

    async def batch_poll() -> Sequence[Op]:
        return []

    async def get_one(op_id: str) -> Op:
        if op_id == "missing":
            await anyio.sleep(0.01)
            raise NotFoundError("no such operation", status=404)
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            cancelled.append(op_id)
            raise
        raise AssertionError("unreachable")

    async def follow() -> None:
        async for _ in wait_all(
            ["x", "missing", "y"],
            batch_poll=batch_poll,
            get_one=get_one,
            key=key,
            is_terminal=done,
            is_failed=failed,
        ):
            pass

    with anyio.fail_after(5), pytest.raises(NotFoundError):
        await follow()
    assert sorted(cancelled) == ["x", "y"]


@pytest.mark.anyio
async def test_transient_batch_errors_are_survived() -> None:
    fleet = Fleet({"a": 2})
    answers: list[Exception | None] = [ServerError("down", status=502), None, None]

    async def flaky_batch() -> Sequence[Op]:
        error = answers.pop(0)
        if error is not None:
            raise error
        return await fleet.batch_poll()

    with anyio.fail_after(5):
        finished = [
            op
            async for op in wait_all(
                ["a"],
                batch_poll=flaky_batch,
                get_one=fleet.get_one,
                key=key,
                is_terminal=done,
                is_failed=failed,
                policy=FAST,
            )
        ]
    assert [op.id for op in finished] == ["a"]


@pytest.mark.anyio
async def test_cancelling_wait_all_stops_every_get() -> None:
    all_started = anyio.Event()
    started: list[str] = []
    cancelled: list[str] = []

    async def batch_poll() -> Sequence[Op]:
        return []

    async def get_one(op_id: str) -> Op:
        started.append(op_id)
        if len(started) == 3:
            all_started.set()
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            cancelled.append(op_id)
            raise
        raise AssertionError("unreachable")

    async def follow() -> None:
        async for _ in wait_all(
            ["x", "y", "z"],
            batch_poll=batch_poll,
            get_one=get_one,
            key=key,
            is_terminal=done,
            is_failed=failed,
        ):
            pass

    with anyio.fail_after(5):
        async with anyio.create_task_group() as task_group:
            task_group.start_soon(follow)
            await all_started.wait()
            task_group.cancel_scope.cancel()
    assert sorted(cancelled) == ["x", "y", "z"]


@pytest.mark.anyio
async def test_max_concurrent_gets_is_checked_before_any_request() -> None:
    fleet = Fleet({"a": 1})
    with pytest.raises(ValueError, match="max_concurrent_gets"):
        await collect(fleet, ["a"], max_concurrent_gets=0)
    assert fleet.batches == 0


def run_virtual(main: Callable[[], Awaitable[None]]) -> None:
    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))


def test_wait_all_polls_near_each_predicted_end() -> None:
    durations = {"a": 4.0, "b": 9.0, "c": 17.0}

    async def main() -> None:
        start = trio.current_time()
        batches = 0

        async def batch_poll() -> Sequence[Op]:
            nonlocal batches
            batches += 1
            elapsed = trio.current_time() - start
            return [
                Op(op_id, "Completed", 100)
                if elapsed >= d
                else Op(op_id, "Processing", int(100 * elapsed / d))
                for op_id, d in durations.items()
            ]

        async def get_one(op_id: str) -> Op:
            raise AssertionError("every id is listed")

        lags = {}
        async for op in wait_all(
            durations,
            batch_poll=batch_poll,
            get_one=get_one,
            key=key,
            is_terminal=done,
            is_failed=failed,
            progress=percent,
        ):
            lags[op.id] = trio.current_time() - start - durations[op.id]
        assert list(lags) == ["a", "b", "c"]
        assert max(lags.values()) <= 0.6
        # Two readings, a poll per max_interval at most, one per end.
        assert batches <= 2 + 2 + len(durations)

    run_virtual(main)
