"""Fault soak: a whole workload against the emulator on a loopback socket while it fails 20% of
requests, rate-limits, drops connections and adds latency. Every operation must still reach
its true end, nothing may be created twice, and nothing but the expected failures may surface.

Seeded (``SEED``): the emulator's fault draws repeat exactly; the order in which concurrent
requests meet them can vary, so a failure is reproduced by re-running with the same seed.
"""

from __future__ import annotations

from collections import Counter

import anyio
import attrs
import pytest

from awaitops import PollPolicy, RateLimitPolicy, RetryPolicy
from awaitops.chainloop import Chainloop
from awaitops.emulator import Emulator, EmulatorConfig, Faults
from awaitops.errors import (
    OperationFailedError,
)
from awaitops.pinecone import Pinecone
from awaitops.pinecone.models import Operation

SEED = 20261122
KEY = "pcsk_soak_key"
TOKEN = "cl_soak_token"
ASSISTANTS = 5
FILES_PER_ASSISTANT = 20
SUPPORTED = ("txt", "md", "json", "pdf")
UNREADABLE_MESSAGE = "File processing failed: the file could not be read as PDF."
RETRY = RetryPolicy(max_attempts=12, initial_delay=0.005, max_delay=0.05, retry_after_cap=5.0)
# The client's limiter stays on but forgets a learned limit quickly, so it keeps re-learning
# it and 429s keep coming: both the limiter and the 429 retries are exercised.
RATE_LIMIT = RateLimitPolicy(forget_after=0.5)
POLL = PollPolicy(initial_interval=0.05, max_interval=0.3, timeout=30.0)


class CountingFaults(Faults):
    """The emulator's own fault knobs, counting each fault they inject."""

    def __init__(self, config: EmulatorConfig, emulator: Emulator) -> None:
        super().__init__(config, emulator.clock)
        self.injected: Counter[str] = Counter()

    def random_failure(self) -> int | None:
        status = super().random_failure()
        if status is not None:
            self.injected[str(status)] += 1
        return status

    def retry_after(self, key: str) -> int | None:
        wait = super().retry_after(key)
        if wait is not None:
            self.injected["429"] += 1
        return wait

    def drop(self) -> bool:
        dropped = super().drop()
        if dropped:
            self.injected["drop"] += 1
        return dropped


def _config() -> EmulatorConfig:
    return EmulatorConfig(
        api_key=KEY,
        chainloop_token=TOKEN,
        seed=SEED,
        op_seconds=(0.2, 1.0),
        assistant_ready_seconds=(0.1, 0.4),
        chainloop_operations=12,
        chainloop_pending_seconds=(0.05, 0.2),
        chainloop_running_seconds=(0.1, 0.6),
        backup_history_size=60,
        fault_rate=0.2,
        rate_limit=20.0,
        latency=(0.0, 0.01),
        drop_rate=0.02,
    )


def _unreadable(index: int) -> bool:
    # Every seventh file is an image under a PDF's name: accepted, then it fails processing.
    return index % 7 == 3


def _file(index: int) -> tuple[str, bytes]:
    """File ``index``'s name and bytes."""
    text = f"soak file {index}".encode()
    if _unreadable(index):
        return f"doc-{index:03d}.pdf", b"\x89PNG " + text
    extension = SUPPORTED[index % len(SUPPORTED)]
    return f"doc-{index:03d}.{extension}", (b"%PDF-1.7 " if extension == "pdf" else b"") + text


@attrs.define
class Tally:
    expected_failures: int = 0
    calls: int = 0


async def _upload(pc: Pinecone, assistant: str, index: int, tally: Tally) -> Operation:
    """Upload file ``index`` with one call: the SDK itself retries, and looks the file up
    before re-sending whenever an attempt's outcome is unknown."""
    tally.calls += 1
    name, content = _file(index)
    return await pc.assistant(assistant).files.upload(
        content, file_name=name, metadata={"soak": index}
    )


@pytest.mark.anyio
@pytest.mark.every_pool
async def test_soak_under_faults_every_operation_ends_true_and_once() -> None:
    emulator = Emulator(_config())
    faults = CountingFaults(emulator.config, emulator)
    emulator.faults = faults
    tally = Tally()
    names = [f"soak-{index}" for index in range(ASSISTANTS)]
    expected_failed: dict[str, bool] = {}  # operation id -> whether it must end Failed

    with anyio.fail_after(120):
        # The server's context must enclose the clients' and outlive them.
        async with emulator.serve("127.0.0.1", 0) as url:  # noqa: SIM117
            async with (
                Pinecone(
                    KEY, control_url=url, retry=RETRY, timeout=5.0, rate_limit=RATE_LIMIT
                ) as pc,
                Chainloop(
                    TOKEN, base_url=url, retry=RETRY, timeout=5.0, rate_limit=RATE_LIMIT
                ) as cl,
            ):
                # 1. Five assistants, created concurrently and waited for.
                async with anyio.create_task_group() as group:
                    for name in names:
                        group.start_soon(
                            lambda n: pc.assistants.create(n, wait=True, poll=POLL), name
                        )
                tally.calls += ASSISTANTS

                # 2. A hundred uploads, ten at a time, each exactly once.
                ops: dict[str, list[Operation]] = {name: [] for name in names}
                limiter = anyio.CapacityLimiter(10)

                async def upload(name: str, index: int) -> None:
                    async with limiter:
                        op = await _upload(pc, name, index, tally)
                    ops[name].append(op)
                    expected_failed[op.id] = _unreadable(index)

                async with anyio.create_task_group() as group:
                    for number, name in enumerate(names):
                        for index in range(FILES_PER_ASSISTANT):
                            group.start_soon(upload, name, number * FILES_PER_ASSISTANT + index)

                # 3. wait_all per assistant, concurrently: each operation exactly once, at its
                # true end.
                finished: dict[str, Operation] = {}

                async def wait_all(name: str) -> None:
                    ids = [op.id for op in ops[name]]
                    tally.calls += 1
                    async for done in pc.assistant(name).operations.wait_all(ids, poll=POLL):
                        assert done.id not in finished, f"{done.id} reported twice"
                        finished[done.id] = done

                async with anyio.create_task_group() as group:
                    for name in names:
                        group.start_soon(wait_all, name)

                assert finished.keys() == expected_failed.keys()
                for op_id, done in finished.items():
                    assert done.status == ("Failed" if expected_failed[op_id] else "Completed")
                    if done.failed:
                        assert done.error_message == UNREADABLE_MESSAGE

                # The failed ones, waited for one by one: the only exceptions expected.
                for name in names:
                    for op in ops[name]:
                        if not expected_failed[op.id]:
                            continue
                        tally.calls += 1
                        with pytest.raises(OperationFailedError, match="could not be read as PDF"):
                            await op.wait(poll=POLL)
                        tally.expected_failures += 1

                # 4. Everything listed back agrees.
                tally.calls += 1
                listed = {a.name async for a in pc.assistants.list(page_size=2)}
                assert set(names) <= listed
                for name in names:
                    data = pc.assistant(name)
                    tally.calls += 2
                    files = await data.files.list(page_size=7).collect()
                    soak_ids = Counter(f.metadata["soak"] for f in files if f.metadata)
                    assert len(files) == FILES_PER_ASSISTANT
                    assert all(count == 1 for count in soak_ids.values())
                    for f in files:
                        assert f.metadata is not None
                        unreadable = _unreadable(f.metadata["soak"])
                        assert f.status == ("ProcessingFailed" if unreadable else "Available")
                    pager = data.operations.list(page_size=6, prefetch=2)
                    async with pager:
                        listed_ops = {op.id: op.status async for op in pager}
                    assert listed_ops == {op.id: finished[op.id].status for op in ops[name]}

                tally.calls += 1
                history = await pc.backup_schedules.history("sched-demo", page_size=13).collect()
                assert len(history) == 60

                # Chainloop under the same faults: listing and waiting, failures expected.
                tally.calls += 1
                chainloop_ops = await cl.operations.list(page_size=5).collect()
                assert len(chainloop_ops) == 12
                for listed_op in chainloop_ops[:6]:
                    tally.calls += 2
                    try:
                        final = await cl.operations.wait(listed_op.id, poll=POLL)
                    except OperationFailedError as failure:
                        tally.expected_failures += 1
                        final = failure.snapshot
                    again = await cl.operations.get(listed_op.id)
                    assert again.status == final.status

    posts = Counter(
        request.path.split("/")[2]
        for request in emulator.requests
        if request.method == "POST" and 200 <= request.status < 300
    )
    # Every accepted POST made something: more would mean a duplicate.
    assert posts == {"assistants": ASSISTANTS, "files": ASSISTANTS * FILES_PER_ASSISTANT}
    # The faults really happened, in number (the seed fixes the draws).
    assert faults.injected["500"] + faults.injected["503"] >= 50
    assert faults.injected["429"] >= 5
    assert faults.injected["drop"] >= 3
    print(
        f"soak seed={SEED}: calls={tally.calls} requests={len(emulator.requests)} "
        f"faults={dict(faults.injected)} "
        f"expected_failures={tally.expected_failures} retries={pc.stats.retries}"
    )
