"""The whole tour: create, upload several files (one not what its name says), wait, list, delete;
then the same under random server errors and a tight rate limit."""

from __future__ import annotations

from collections import Counter

import anyio
import pytest

from awaitops import RetryPolicy, wait
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.errors import ApiConnectionError, ServerError
from awaitops.pinecone import AssistantClient, Operation, Pinecone

from ._support import FAST, client

SOURCES = {
    "guide.md": b"# Guide\n",
    "notes.txt": b"some notes",
    "data.json": b'{"a": 1}',
    "manual.pdf": b"%PDF-1.7 manual",
    "setup.pdf": b"MZ binary",  # not a PDF: processing fails
}


async def upload_once(docs: AssistantClient, name: str) -> Operation | None:
    """Upload ``name`` unless it already arrived: an upload is never re-sent on its own, so
    after a failure that may have reached the server the caller checks and decides."""
    while True:
        try:
            return await docs.files.upload(SOURCES[name], file_name=name, metadata={"src": name})
        except (ServerError, ApiConnectionError):
            if await docs.files.list(filter={"src": name}).collect():
                return None


async def tour(pc: Pinecone) -> Pinecone:
    await pc.assistants.create("tour", instructions="answer briefly", wait=True, poll=FAST)
    docs = pc.assistant("tour")
    started = [await upload_once(docs, name) for name in SOURCES]
    op_ids = [op.id for op in started if op is not None]
    finished = [op async for op in docs.operations.wait_all(op_ids, poll=FAST)]
    assert sorted(op.id for op in finished) == sorted(op_ids)
    # Files whose upload answer was lost are followed through their own status.
    files = await wait(
        docs.files.list().collect,
        is_terminal=lambda listed: all(f.status != "Processing" for f in listed),
        is_failed=lambda _: False,
        policy=FAST,
    )
    assert Counter(f.name for f in files) == Counter(list(SOURCES))  # nothing lost, no duplicate
    status = {f.name: f.status for f in files}
    assert status.pop("setup.pdf") == "ProcessingFailed"
    assert set(status.values()) == {"Available"}
    uploads = await docs.operations.list(operation_type="upload_file").collect()
    assert {op.status for op in uploads} == {"Completed", "Failed"}
    assert [op.file_id for op in uploads if op.failed] == [
        f.id for f in files if f.name == "setup.pdf"
    ]

    deleting = [await docs.files.delete(f.id) for f in files]
    assert sum(op is None for op in deleting) == 1  # the failed file goes at once (204)
    delete_ids = [op.id for op in deleting if op is not None]
    async for op in docs.operations.wait_all(delete_ids, poll=FAST):
        assert op.status == "Completed"
        assert op.operation_type == "delete_file"
    assert await docs.files.list().collect() == []
    await pc.assistants.delete("tour", wait=True, poll=FAST)
    # Gone, or listed as Terminated while the service keeps it so.
    assert [a.status for a in await pc.assistants.list().collect()] in ([], ["Terminated"])
    return pc


@pytest.mark.anyio
async def test_full_flow(awaitops_emulator: Emulator, awaitops_emulator_url: str) -> None:
    with anyio.fail_after(30):
        async with client(awaitops_emulator_url) as pc:
            await tour(pc)
    assert all(r.status < 500 for r in awaitops_emulator.requests)


@pytest.mark.anyio
async def test_full_flow_under_faults_and_rate_limit() -> None:
    emu = Emulator(
        EmulatorConfig(
            seed=6,
            op_seconds=(0.05, 0.2),
            assistant_ready_seconds=(0.05, 0.1),
            assistant_delete_seconds=(0.05, 0.1),
            fault_rate=0.2,
            rate_limit=10,
            drop_rate=0.05,
        )
    )
    # Generous attempts with tiny delays: at a 20% error rate a call must not give up.
    retry = RetryPolicy(max_attempts=10, initial_delay=0.01, max_delay=0.05)
    with anyio.fail_after(40):
        async with emu.serve() as url, client(url, retry=retry) as pc:
            await tour(pc)
            stats = pc.stats
    statuses = Counter(r.status for r in emu.requests)
    assert statuses[500] + statuses[503] > 0, "the fault knob never fired"
    assert statuses[429] > 0, "the rate limit never fired"
    assert stats.retries > 0
    assert stats.rate_limited > 0
