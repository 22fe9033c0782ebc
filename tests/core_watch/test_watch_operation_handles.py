"""OperationRules and OperationHandle: one vendor's kind of operation, stated once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import pytest

from awaitops import OperationHandle, OperationRules, PollPolicy
from awaitops.errors import OperationFailedError

FAST = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=5)


class Job(OperationHandle["Job"]):
    """Only public members: id, done, failed and source (no private attribute to set)."""

    __slots__ = ("job_id", "source", "state")
    source: Jobs

    def __init__(self, job_id: str, state: str, operations: Jobs) -> None:
        self.job_id = job_id
        self.state = state
        self.source = operations

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Job) and (self.job_id, self.state) == (other.job_id, other.state)

    __hash__ = None  # type: ignore[assignment]

    @property
    def id(self) -> str:
        return self.job_id

    @property
    def done(self) -> bool:
        return self.state in ("ok", "broken")

    @property
    def failed(self) -> bool:
        return self.state == "broken"


RULES = OperationRules[Job](
    is_terminal=lambda job: job.done,
    is_failed=lambda job: job.failed,
    failure_message=lambda job: f"{job.id} broke",
)


class Jobs:
    """A source whose jobs move through scripted states, one per get."""

    def __init__(self, script: dict[str, list[str]]) -> None:
        self.script = script
        self.gets = 0

    async def get(self, operation_id: str) -> Job:
        self.gets += 1
        states = self.script[operation_id]
        state = states.pop(0) if len(states) > 1 else states[0]
        return Job(operation_id, state, self)

    def watch(self, operation_id: str, *, poll: PollPolicy | None = None) -> AsyncIterator[Job]:
        return RULES.watch(lambda: self.get(operation_id), poll)

    async def wait(self, operation_id: str, *, poll: PollPolicy | None = None) -> Job:
        return await RULES.wait(lambda: self.get(operation_id), poll)


@pytest.mark.anyio
async def test_handle_waits_and_watches_through_its_source() -> None:
    jobs = Jobs({"a": ["queued", "running", "ok"], "b": ["queued", "ok"]})
    with anyio.fail_after(5):
        first = await jobs.get("a")
        final = await first.wait(FAST)
        assert (final.id, final.state) == ("a", "ok")
        seen = [job.state async for job in (await jobs.get("b")).watch(FAST)]
    assert seen == ["ok"]


@pytest.mark.anyio
async def test_a_handle_watching_itself_does_not_yield_its_own_state_again() -> None:
    # A source of its own (it takes no ``since``): the handle drops the state it holds.
    jobs = Jobs({"c": ["queued", "queued", "running", "ok"], "d": ["ok"], "e": ["broken"]})
    with anyio.fail_after(5):
        held = await jobs.get("c")
        assert [job.state async for job in held.watch(FAST)] == ["running", "ok"]
        # Over already: nothing new to yield.
        assert [job.state async for job in (await jobs.get("d")).watch(FAST)] == []
        broken = await jobs.get("e")
        seen: list[str] = []

        async def follow() -> None:
            async for job in broken.watch(FAST):
                seen.append(job.state)

        with pytest.raises(OperationFailedError):
            await follow()
    assert seen == []


@pytest.mark.anyio
async def test_a_finished_success_returns_itself_without_a_request() -> None:
    jobs = Jobs({"a": ["ok"]})
    done = await jobs.get("a")
    with anyio.fail_after(5):
        assert await done.wait(FAST) is done
    assert jobs.gets == 1


@pytest.mark.anyio
async def test_a_failure_raises_with_the_rules_message() -> None:
    jobs = Jobs({"a": ["queued", "broken"]})
    with anyio.fail_after(5), pytest.raises(OperationFailedError, match="a broke"):
        await (await jobs.get("a")).wait(FAST)


@pytest.mark.anyio
async def test_refresh_fetches_the_current_state() -> None:
    jobs = Jobs({"a": ["queued", "running"]})
    with anyio.fail_after(5):
        job = await jobs.get("a")
        assert (await job.refresh()).state == "running"
