"""Unsuccessful ends a caller tells apart by class, not by a status string; progress stated
one way and reported on every poll."""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from awaitops import (
    ClientHooks,
    OperationHandle,
    OperationRules,
    OperationSnapshot,
    OperationsResource,
    PollEvent,
    PollPolicy,
    fields,
    wait,
    wait_all,
)
from awaitops.errors import (
    OperationCancelledError,
    OperationExpiredError,
    OperationFailedError,
)

from ._support import Op, Script, done, failed, key, message

FAST = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=5)

ENDED = {"completed", "failed", "expired", "cancelled"}


class Batch(OperationSnapshot[Any, "Batch"]):
    """A batch job as a foreign API reports it: the facts that tell its ends apart."""

    id = fields.text(required=True)
    status = fields.text(required=True)
    done_count = fields.value(int)
    total = fields.value(int)

    @property
    def done(self) -> bool:
        return self.status in ENDED

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def expired(self) -> bool:
        return self.status == "expired"

    @property
    def percent(self) -> float | None:
        if not self.total or self.done_count is None:
            return None
        return 100 * self.done_count / self.total


class Batches(OperationsResource[Batch]):
    handle = Batch
    rules = OperationRules(progress="percent")

    def __init__(self, *answers: dict[str, Any]) -> None:
        self.answers = list(answers)
        self.hooks = ClientHooks()

    async def get(self, operation_id: str) -> Batch:
        await anyio.lowlevel.checkpoint()
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return self._wrap({"id": operation_id, **answer})


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "error"),
    [
        ("cancelled", OperationCancelledError),
        ("expired", OperationExpiredError),
        ("failed", OperationFailedError),
    ],
)
async def test_each_end_raises_its_own_class_and_the_base_still_catches(
    status: str, error: type[OperationFailedError]
) -> None:
    batches = Batches({"status": "in_progress"}, {"status": status})
    with anyio.fail_after(5), pytest.raises(OperationFailedError) as caught:
        await batches.wait("batch_1", poll=FAST)
    assert type(caught.value) is error
    assert caught.value.snapshot.status == status


@pytest.mark.anyio
async def test_a_cancelled_snapshot_is_not_returned_as_a_success_by_its_own_wait() -> None:
    batches = Batches({"status": "cancelled"})
    snapshot = await batches.get("batch_1")
    with anyio.fail_after(5), pytest.raises(OperationCancelledError):
        await snapshot.wait(FAST)


@pytest.mark.anyio
async def test_watch_yields_the_end_then_raises_its_class() -> None:
    batches = Batches({"status": "validating"}, {"status": "expired"})
    seen: list[str] = []

    async def follow() -> None:
        async for batch in batches.watch("batch_1", poll=FAST):
            seen.append(batch.status)

    with anyio.fail_after(5), pytest.raises(OperationExpiredError):
        await follow()
    assert seen == ["validating", "expired"]


@pytest.mark.anyio
async def test_rules_state_the_ends_of_snapshots_that_are_no_handles() -> None:
    poll = Script(Op("a", "Running"), Op("a", "Cancelled"))
    with anyio.fail_after(5), pytest.raises(OperationCancelledError):
        await wait(
            poll,
            is_terminal=done,
            is_failed=failed,
            failure_message=message,
            is_cancelled=lambda op: op.status == "Cancelled",
            policy=FAST,
        )


@pytest.mark.anyio
async def test_wait_all_raises_the_class_of_the_first_unsuccessful_end() -> None:
    ops = [Op("a", "Completed"), Op("b", "Expired")]

    async def batch_poll() -> list[Op]:
        await anyio.lowlevel.checkpoint()
        return ops

    async def get_one(op_id: str) -> Op:
        raise AssertionError("the list shows both")

    async def drain() -> None:
        async for _ in wait_all(
            ["a", "b"],
            batch_poll=batch_poll,
            get_one=get_one,
            key=key,
            is_terminal=done,
            is_failed=failed,
            is_expired=lambda op: op.status == "Expired",
            raise_on_failure=True,
            policy=FAST,
        ):
            pass

    with anyio.fail_after(5), pytest.raises(OperationExpiredError):
        await drain()


@pytest.mark.anyio
async def test_each_poll_event_carries_the_progress_read() -> None:
    batches = Batches(
        {"status": "in_progress", "done_count": 1, "total": 4},
        {"status": "in_progress", "done_count": 3, "total": 4},
        {"status": "completed", "done_count": 4, "total": 4},
    )
    events: list[PollEvent] = []
    batches.hooks.on_poll(events.append)
    with anyio.fail_after(5):
        final = await batches.wait("batch_1", poll=FAST)
    assert final.status == "completed"
    assert [event.progress for event in events] == [25.0, 75.0, 100.0]
    assert events[0].status == "in_progress"


@pytest.mark.anyio
async def test_a_poll_event_without_a_progress_reader_says_none() -> None:
    class Plain(Batches):
        rules = OperationRules()

    batches = Plain({"status": "completed", "done_count": 1, "total": 1})
    events: list[PollEvent] = []
    batches.hooks.on_poll(events.append)
    with anyio.fail_after(5):
        await batches.wait("batch_1", poll=FAST)
    assert [event.progress for event in events] == [None]


def test_the_progress_class_fact_is_deprecated_but_still_read() -> None:
    with pytest.warns(DeprecationWarning, match=r"rules = OperationRules\(progress='percent'\)"):

        class Old(Batches):
            progress = "percent"

    batch = Batch({"id": "b", "status": "x", "done_count": 1, "total": 2}, Old())
    assert Old.rules.progress is not None
    assert Old.rules.progress(batch) == 50.0


def test_handles_are_neither_cancelled_nor_expired_unless_they_say_so() -> None:
    class Bare(OperationHandle["Bare"]):
        pass

    assert (Bare().cancelled, Bare().expired) == (False, False)
