"""docs.operations waits against a dead host, an unknown id, and many operations."""

from __future__ import annotations

import itertools
import logging
import random
import socket
from typing import Any

import anyio
import httpx
import pytest
import trio
import trio.testing

from awaitops import PollPolicy
from awaitops.emulator import Emulator
from awaitops.errors import ApiConnectionError, NotFoundError
from awaitops.pinecone import Operation, Pinecone

from ._support import FAST, KEY, QUICK_RETRY, Recorder, client, json_response


@pytest.fixture
def ready(awaitops_emulator: Emulator) -> Emulator:
    awaitops_emulator.add_assistant("docs")
    return awaitops_emulator


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.anyio
async def test_wait_on_a_dead_host_gives_up_with_a_warning(
    awaitops_emulator_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    dead = f"http://127.0.0.1:{closed_port()}"
    poll = PollPolicy(initial_interval=0.01, max_interval=0.05, unreachable_timeout=0.5)
    with caplog.at_level(logging.WARNING, "awaitops"), anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            with pytest.raises(ApiConnectionError):
                await pc.assistant("docs", host=dead).operations.wait("op-1", poll=poll)
    assert any(
        r.name == "awaitops" and r.levelno == logging.WARNING and "unreachable" in r.getMessage()
        for r in caplog.records
    )


@pytest.mark.anyio
async def test_wait_all_yields_every_finished_operation_before_an_unknown_id_raises(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    first, second = ready.add_operations("docs", 2)
    finished: list[Operation] = []

    async def follow(pc: Pinecone) -> None:
        async for op in pc.assistant("docs").operations.wait_all(
            [first, "op-typo", second], poll=FAST
        ):
            finished.append(op)

    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            with pytest.raises(NotFoundError):
                await follow(pc)
    assert [op.id for op in finished] == [first, second]


class ManyOperations:
    """A data plane of ``count`` operations of 2-20 s (virtual time): 100 per list page,
    oldest first, behind ``others`` older ones; counts list pages and single gets."""

    def __init__(self, count: int, others: int, seed: int) -> None:
        rng = random.Random(seed)
        self.start = trio.current_time()
        self.ours = {f"op-{i}": rng.uniform(2.0, 20.0) for i in range(count)}
        self.order = [f"old-{i}" for i in range(others)] + list(self.ours)
        self.pages = 0
        self.gets = 0

    def render(self, op_id: str) -> dict[str, Any]:
        duration = self.ours.get(op_id, 0.0)
        elapsed = trio.current_time() - self.start
        status = "Completed" if elapsed >= duration else "Processing"
        percent = 100 if status == "Completed" else int(100 * elapsed / duration)
        return {
            "id": op_id,
            "operation_type": "upload_file",
            "status": status,
            "percent_complete": percent,
            "created_on": "2026-11-30T10:00:00Z",
        }

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/assistant/operations/docs":
            self.pages += 1
            offset = int(request.url.params.get("pagination_token", "0"))
            limit = int(request.url.params.get("limit", "100"))
            body: dict[str, Any] = {
                "operations": [self.render(i) for i in self.order[offset : offset + limit]]
            }
            if offset + limit < len(self.order):
                body["pagination"] = {"next": str(offset + limit)}
            return json_response(200, body)
        self.gets += 1
        return json_response(200, self.render(path.rsplit("/", 1)[-1]))


def test_wait_all_costs_fewer_requests_than_separate_waits() -> None:
    """The issue's case: 500 ids cost 159 list calls + 5,401 gets, against 2,039 gets for 500
    separate waits. Now a round reads ceil(N/100) pages at most, and gets are paced."""
    count, others = 500, 0

    async def measure(batched: bool) -> ManyOperations:
        world = ManyOperations(count, others, seed=count)
        random.seed(count)
        recorder = Recorder(world)
        async with recorder.http_client() as http:
            pc = Pinecone(KEY, http_client=http, retry=QUICK_RETRY)
            ops = pc.assistant("docs", host="https://data.example").operations
            if batched:
                finished = [op async for op in ops.wait_all(list(world.ours))]
                assert len(finished) == count
            else:
                async with trio.open_nursery() as nursery:
                    for op_id in world.ours:
                        nursery.start_soon(ops.wait, op_id)
        return world

    results: list[ManyOperations] = []

    async def main() -> None:
        results.append(await measure(batched=True))
        results.append(await measure(batched=False))

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))
    batched, alone = results
    assert batched.pages + batched.gets < alone.gets


def test_watch_all_yields_progress_before_the_end_for_fewer_requests_than_a_watch_each() -> None:
    """20 operations of 2-20 s: watch_all shows each one's progress, then its end, batched
    through the list endpoint; one watch() per operation costs more requests."""
    count = 20

    async def measure(batched: bool) -> tuple[ManyOperations, dict[str, list[Operation]]]:
        world = ManyOperations(count, 0, seed=count)
        random.seed(count)
        seen: dict[str, list[Operation]] = {op_id: [] for op_id in world.ours}
        async with Recorder(world).http_client() as http:
            pc = Pinecone(KEY, http_client=http, retry=QUICK_RETRY)
            ops = pc.assistant("docs", host="https://data.example").operations
            if batched:
                async for op in ops.watch_all(list(world.ours)):
                    seen[op.id].append(op)
            else:

                async def follow(op_id: str) -> None:
                    async for op in ops.watch(op_id):
                        seen[op_id].append(op)

                async with trio.open_nursery() as nursery:
                    for op_id in world.ours:
                        nursery.start_soon(follow, op_id)
        return world, seen

    results: list[tuple[ManyOperations, dict[str, list[Operation]]]] = []

    async def main() -> None:
        results.append(await measure(batched=True))
        results.append(await measure(batched=False))

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))
    (batched, changes), (alone, _) = results
    for op_id, snapshots in changes.items():
        assert snapshots[-1].status == "Completed", op_id
        assert [s.status for s in snapshots[:-1]] == ["Processing"] * (len(snapshots) - 1)
        # Each change once: no snapshot repeats the one before it.
        assert all(a != b for a, b in itertools.pairwise(snapshots))
    # Progress before completion, for most of them (the shortest may end before a read).
    with_progress = [
        snapshots
        for snapshots in changes.values()
        if any(0 < (op.percent_complete or 0) < 100 for op in snapshots)
    ]
    assert len(with_progress) >= count // 2
    assert batched.pages + batched.gets < alone.gets, (batched.pages, batched.gets, alone.gets)


@pytest.mark.anyio
async def test_watch_all_delivers_a_failure_in_the_stream_and_goes_on(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    # Over a real socket: an unreadable file fails, the others complete, nothing is raised.
    with anyio.fail_after(30):
        async with client(awaitops_emulator_url) as pc:
            docs = pc.assistant("docs")
            ops = [
                await docs.files.upload(b"notes", file_name="notes.txt"),
                await docs.files.upload(b"<svg/>", file_name="scan.pdf"),  # not a PDF inside
                await docs.files.upload(b"# guide", file_name="guide.md"),
            ]
            last: dict[str, Operation] = {}
            async for op in docs.operations.watch_all([op.id for op in ops], poll=FAST):
                assert op.id not in last or not last[op.id].done  # nothing after the end
                last[op.id] = op
    assert set(last) == {op.id for op in ops}
    assert [last[op.id].status for op in ops] == ["Completed", "Failed", "Completed"]
    assert last[ops[1].id].error_message
