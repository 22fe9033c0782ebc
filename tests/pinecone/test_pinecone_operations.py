"""docs.operations and the Operation handle against the emulator on a loopback socket."""

from __future__ import annotations

import anyio
import pytest

from awaitops.emulator import Emulator
from awaitops.errors import NotFoundError, OperationFailedError
from awaitops.pinecone import Operation

from ._support import FAST, client, requests_to

# What the emulator says of a .pdf whose bytes are not a PDF.
UNREADABLE_PDF = "File processing failed: the file could not be read as PDF."


@pytest.fixture
def ready(awaitops_emulator: Emulator) -> Emulator:
    awaitops_emulator.add_assistant("docs")
    return awaitops_emulator


@pytest.mark.anyio
async def test_list_filters_and_pages(ready: Emulator, awaitops_emulator_url: str) -> None:
    uploads = ready.add_operations("docs", 25)
    deletes = ready.add_operations("docs", 3, operation_type="delete_file")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            ops = pc.assistant("docs").operations
            listed = await ops.list(page_size=10).collect()
            assert [op.id for op in listed] == uploads + deletes
            assert len(requests_to(ready, "GET", "/assistant/operations/docs")) == 3

            only_deletes = await ops.list(operation_type="delete_file").collect()
            assert [op.id for op in only_deletes] == deletes
            completed = await ops.list(status="Completed", page_size=100).collect()
            assert len(completed) == 28
            assert await ops.list(status="Processing").collect() == []
            with pytest.raises(ValueError, match="operation_type must be one of upload_file"):
                ops.list(operation_type="reindex")
    queries = requests_to(ready, "GET", "/assistant/operations/docs")
    assert "operation_type=delete_file" in queries[3]
    assert "status=Completed" in queries[4]
    assert "limit=100" in queries[4]


@pytest.mark.anyio
async def test_get_watch_wait(ready: Emulator, awaitops_emulator_url: str) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            docs = pc.assistant("docs")
            started = await docs.files.upload(b"hello", file_name="hello.txt")
            assert started.status == "Processing"
            assert not started.done
            got = await docs.operations.get(started.id)
            assert got.id == started.id
            assert got.file_id == started.file_id

            seen = [snap async for snap in docs.operations.watch(started.id, poll=FAST)]
            assert seen[-1].status == "Completed"
            assert all(s.status == "Processing" for s in seen[:-1])
            percents = [s.percent_complete for s in seen]
            assert percents == sorted(p for p in percents if p is not None)
            assert seen[-1].percent_complete == 100
            assert seen[-1].completed_on is not None
            assert seen[-1].ingestion_units is not None

            done = await docs.operations.wait(started.id, poll=FAST)
            assert done == seen[-1]
            # A finished handle answers at once, without a request.
            before = len(ready.requests)
            assert await done.wait() is done
            assert len(ready.requests) == before


@pytest.mark.anyio
async def test_failed_operation_raises_with_the_server_message(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            docs = pc.assistant("docs")
            op = await docs.files.upload(b"MZ", file_name="setup.pdf")
            seen: list[Operation] = []

            async def follow() -> None:
                async for snap in op.watch(poll=FAST):
                    seen.append(snap)

            with pytest.raises(OperationFailedError) as caught:
                await follow()
            assert caught.value.message == UNREADABLE_PDF
            assert seen[-1].failed
            assert seen[-1].error_message == UNREADABLE_PDF
            assert caught.value.snapshot == seen[-1]
            with pytest.raises(OperationFailedError):
                await op.wait(poll=FAST)
            with pytest.raises(NotFoundError):
                await docs.operations.get("op-missing")


@pytest.mark.anyio
async def test_wait_all_is_batched_through_the_list(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            docs = pc.assistant("docs")
            started = [
                await docs.files.upload(f"n{i}".encode(), file_name=f"f{i}.txt") for i in range(6)
            ]
            started.append(await docs.files.upload(b"MZ", file_name="bad.pdf"))
            finished = [
                op async for op in docs.operations.wait_all([op.id for op in started], poll=FAST)
            ]
            again = [
                op async for op in docs.operations.wait_all([op.id for op in started], poll=FAST)
            ]
    assert sorted(op.id for op in finished) == sorted(op.id for op in started)
    # All done already: one round, snapshots in the order the ids were given.
    assert [op.id for op in again] == [op.id for op in started]
    by_id = {op.id: op for op in finished}
    assert by_id[started[-1].id].failed
    assert by_id[started[-1].id].error_message == UNREADABLE_PDF
    assert all(by_id[op.id].status == "Completed" for op in started[:-1])
    # Every round read the list, never one operation at a time.
    assert requests_to(ready, "GET", "/assistant/operations/docs/") == []


@pytest.mark.anyio
async def test_wait_all_can_raise_on_the_first_failure(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            docs = pc.assistant("docs")
            bad = await docs.files.upload(b"MZ", file_name="bad.pdf")
            with pytest.raises(OperationFailedError, match="could not be read as PDF"):
                async for _ in docs.operations.wait_all([bad.id], poll=FAST, raise_on_failure=True):
                    pass
