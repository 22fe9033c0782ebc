"""State-changing calls whose answer is lost: nothing lost, nothing doubled, nothing hidden.

Each test drives the emulator on a loopback socket with faults that strike *after* the
server acted (``late-5xx``, ``drop``) or before (a plain status), and checks the call
returns what a clean call would have, with the change made exactly once.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import AsyncIterator
from typing import BinaryIO

import anyio
import pytest
from awaitops_generated.pinecone_assistant_control.models import UpdateAssistantResponseMetadata

from awaitops import RetryPolicy
from awaitops.emulator import Action, Emulator, EmulatorConfig
from awaitops.errors import NotFoundError, RateLimitError
from awaitops.pinecone import Operation, Pinecone

# Every test here talks to a server on a socket.
pytestmark = pytest.mark.every_pool

KEY = "test-key"
RETRY = RetryPolicy(max_attempts=6, initial_delay=0.005, max_delay=0.02)
UPLOAD = "POST /assistant/files/*"
BIG = 1024 * 1024 + 4096  # past the in-memory buffer of an unrewindable source
LATE: list[Action] = ["late-500", "late-502", "late-503", "late-504", "drop", "malformed"]


def _emulator(**config: object) -> Emulator:
    settings: dict[str, object] = {
        "op_seconds": (0.05, 0.1),
        "assistant_ready_seconds": (0.0, 0.0),
        "assistant_delete_seconds": (0.05, 0.1),
        **config,
    }
    emulator = Emulator(EmulatorConfig(**settings))  # type: ignore[arg-type]
    emulator.add_assistant("docs")
    return emulator


@pytest.fixture
async def served() -> AsyncIterator[tuple[Emulator, Pinecone]]:
    emulator = _emulator()
    async with emulator.serve() as url, Pinecone(KEY, control_url=url, retry=RETRY) as pc:
        yield emulator, pc


def _posts(emulator: Emulator) -> list[int]:
    return [r.status for r in emulator.requests if r.method == "POST"]


class _Forward(io.RawIOBase):
    """A raw binary stream that can only be read forward, like a socket's."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def unseekable(data: bytes) -> BinaryIO:
    return io.BufferedReader(_Forward(data))


# -- uploads: the 20 % 5xx loss, and faults after the server acted ------------------------


@pytest.mark.anyio
async def test_uploads_at_20_percent_5xx_are_all_made_once() -> None:
    emulator = _emulator(fault_rate=0.2, seed=7)
    with anyio.fail_after(60):
        async with emulator.serve() as url, Pinecone(KEY, control_url=url, retry=RETRY) as pc:
            files = pc.assistant("docs").files
            ops = [await files.upload(b"n %d" % i, file_name=f"f{i}.txt") for i in range(22)]
            listed = await files.list().collect()
    assert sorted(f.id for f in listed) == sorted(op.file_id or "" for op in ops)
    assert len(listed) == 22
    assert 500 in _posts(emulator) or 503 in _posts(emulator)


@pytest.mark.anyio
@pytest.mark.parametrize("fault", [*LATE, 500, 503])
async def test_upload_answer_lost_returns_its_operation_once(
    served: tuple[Emulator, Pinecone], fault: Action
) -> None:
    emulator, pc = served
    emulator.faults.next("POST", "/assistant/files/*", fault)
    files = pc.assistant("docs").files
    with anyio.fail_after(20):
        op = await files.upload(b"payload", file_name="a.txt", metadata={"k": 1})
        listed = await files.list().collect()
    assert isinstance(op, Operation)
    assert op.operation_type == "upload_file"
    assert [f.id for f in listed] == [op.file_id]
    assert listed[0].size == len(b"payload")
    # A fault after handling is reconciled without sending again; one before is re-sent.
    assert len(_posts(emulator)) == (2 if isinstance(fault, int) else 1)


@pytest.mark.anyio
async def test_upsert_answer_lost_is_not_processed_twice(
    served: tuple[Emulator, Pinecone],
) -> None:
    emulator, pc = served
    emulator.faults.next("PUT", "/assistant/files/*", "late-504")
    docs = pc.assistant("docs")
    with anyio.fail_after(20):
        op = await docs.files.upsert("report", b"v1", file_name="r.txt")
        ops = await docs.operations.list(operation_type="upsert_file").collect()
    assert [o.id for o in ops] == [op.id]
    assert [r.status for r in emulator.requests if r.method == "PUT"] == [504]


# -- file bodies: rewound, buffered, or sent once ---------------------------------------


@pytest.mark.anyio
async def test_unrewindable_source_is_never_re_sent_empty(
    served: tuple[Emulator, Pinecone],
) -> None:
    emulator, pc = served
    emulator.faults.next("POST", "/assistant/files/*", 429)
    files = pc.assistant("docs").files
    with anyio.fail_after(20):
        op = await files.upload(unseekable(b"not empty"), file_name="s.txt")
        assert op.file_id is not None
        assert (await files.get(op.file_id)).size == len(b"not empty")
    assert _posts(emulator) == [429, 202]


@pytest.mark.anyio
async def test_seekable_source_is_re_sent_from_where_it_started(
    served: tuple[Emulator, Pinecone],
) -> None:
    emulator, pc = served
    emulator.faults.next("POST", "/assistant/files/*", 429)
    stream = io.BytesIO(b"skip:kept part")
    stream.seek(5)
    files = pc.assistant("docs").files
    with anyio.fail_after(20):
        op = await files.upload(stream, file_name="s.txt")
        assert op.file_id is not None
        assert (await files.get(op.file_id)).size == len(b"kept part")
    assert _posts(emulator) == [429, 202]


@pytest.mark.anyio
async def test_large_unrewindable_source_is_sent_once_then_reconciled(
    served: tuple[Emulator, Pinecone],
) -> None:
    emulator, pc = served
    files = pc.assistant("docs").files
    emulator.faults.next("POST", "/assistant/files/*", "late-503")
    with anyio.fail_after(30):
        op = await files.upload(unseekable(b"x" * BIG), file_name="big.txt")
        assert op.file_id is not None
        assert (await files.get(op.file_id)).size == BIG
        # Not processed (429) and not re-sendable: a typed error, and no second request.
        emulator.faults.next("POST", "/assistant/files/*", 429)
        with pytest.raises(RateLimitError):
            await files.upload(unseekable(b"y" * BIG), file_name="big2.txt")
        assert len(await files.list().collect()) == 1
    assert _posts(emulator) == [503, 429]


@pytest.mark.anyio
async def test_a_pipe_uploads_and_survives_a_retry(served: tuple[Emulator, Pinecone]) -> None:
    emulator, pc = served
    emulator.faults.next("POST", "/assistant/files/*", 503)
    read_end, write_end = os.pipe()
    os.write(write_end, b"from a pipe")
    os.close(write_end)
    files = pc.assistant("docs").files
    with anyio.fail_after(20), os.fdopen(read_end, "rb") as pipe:
        op = await files.upload(pipe, file_name="p.txt")
        assert op.file_id is not None
        assert (await files.get(op.file_id)).size == len(b"from a pipe")


@pytest.mark.anyio
async def test_a_long_pipe_streams_once(served: tuple[Emulator, Pinecone]) -> None:
    _, pc = served
    read_end, write_end = os.pipe()

    def write() -> None:
        with os.fdopen(write_end, "wb") as out:
            out.write(b"z" * BIG)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    files = pc.assistant("docs").files
    try:
        with anyio.fail_after(30), os.fdopen(read_end, "rb") as pipe:
            op = await files.upload(pipe, file_name="p.txt")
            assert op.file_id is not None
            assert (await files.get(op.file_id)).size == BIG
    finally:
        writer.join(10)


@pytest.mark.anyio
async def test_a_text_mode_source_is_refused_before_any_request(
    served: tuple[Emulator, Pinecone],
) -> None:
    emulator, pc = served
    with pytest.raises(ValueError, match="binary mode"):
        await pc.assistant("docs").files.upload(io.StringIO("text"), file_name="t.txt")  # type: ignore[arg-type]
    assert list(emulator.requests) == []


# -- deletes whose answer was lost -------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("idempotent", [None, True])
async def test_assistant_delete_whose_retry_meets_404_succeeds(idempotent: bool | None) -> None:
    # A delete that leaves nothing behind at once, so the retry meets the 404.
    emulator = _emulator(
        assistant_delete_seconds=(0.0, 0.0), assistant_terminated_seconds=(0.0, 0.0)
    )
    emulator.faults.next("DELETE", "/assistant/assistants/docs", "drop")
    with anyio.fail_after(20):
        async with emulator.serve() as url, Pinecone(KEY, control_url=url, retry=RETRY) as pc:
            await pc.assistants.delete("docs", idempotent=idempotent)
            with pytest.raises(NotFoundError):
                await pc.assistants.get("docs")


@pytest.mark.anyio
@pytest.mark.parametrize("idempotent", [None, True])
async def test_file_delete_whose_retry_meets_404_returns_its_operation(
    idempotent: bool | None,
) -> None:
    emulator = _emulator(op_seconds=(0.0, 0.0))
    async with emulator.serve() as url, Pinecone(KEY, control_url=url, retry=RETRY) as pc:
        files = pc.assistant("docs").files
        with anyio.fail_after(20):
            made = await files.upload(b"bye", file_name="bye.txt")
            assert made.file_id is not None
            emulator.faults.next("DELETE", "/assistant/files/*", "late-503")
            deleting = await files.delete(made.file_id, idempotent=idempotent)
            assert isinstance(deleting, Operation)
            assert (deleting.operation_type, deleting.file_id) == ("delete_file", made.file_id)
            assert await files.list().collect() == []


@pytest.mark.anyio
async def test_deleting_an_assistant_that_never_existed_after_a_429_raises_not_found(
    served: tuple[Emulator, Pinecone],
) -> None:
    # The 429 says the first DELETE was not processed, so the retry's 404 is genuine.
    emulator, pc = served
    emulator.faults.next("DELETE", "/assistant/assistants/ghost", 429)
    with anyio.fail_after(20), pytest.raises(NotFoundError):
        await pc.assistants.delete("ghost")
    assert [r.status for r in emulator.requests if r.method == "DELETE"] == [429, 404]


@pytest.mark.anyio
async def test_deleting_a_file_that_never_existed_still_raises_not_found(
    served: tuple[Emulator, Pinecone],
) -> None:
    emulator, pc = served
    emulator.faults.next("DELETE", "/assistant/files/*", 503)
    with anyio.fail_after(20), pytest.raises(NotFoundError):
        await pc.assistant("docs").files.delete("never-was")


# -- assistants ---------------------------------------------------------------------------


@pytest.mark.anyio
async def test_update_answer_lost_returns_the_update(served: tuple[Emulator, Pinecone]) -> None:
    emulator, pc = served
    emulator.faults.next("PATCH", "/assistant/assistants/docs", "late-500")
    with anyio.fail_after(20):
        answer = await pc.assistants.update("docs", instructions="new", metadata={"v": 2})
    assert (answer.assistant_name, answer.instructions) == ("docs", "new")
    assert isinstance(answer.model.metadata, UpdateAssistantResponseMetadata)
    assert answer.metadata == {"v": 2}
    assert [r.status for r in emulator.requests if r.method == "PATCH"] == [500]


@pytest.mark.anyio
async def test_create_answer_lost_before_handling_is_re_sent(
    served: tuple[Emulator, Pinecone],
) -> None:
    emulator, pc = served
    emulator.faults.next("POST", "/assistant/assistants", 503)
    with anyio.fail_after(20):
        made = await pc.assistants.create("fresh", instructions="x")
    assert made.name == "fresh"
    assert _posts(emulator) == [503, 200]


# -- idempotent= on every public method that sends a request ------------------------------


@pytest.mark.anyio
async def test_every_public_method_takes_idempotent(served: tuple[Emulator, Pinecone]) -> None:
    _, pc = served
    docs = pc.assistant("docs")
    with anyio.fail_after(30):
        op = await docs.files.upload(b"x", file_name="x.txt", idempotent=True)
        up = await docs.files.upsert("fid", b"y", file_name="y.txt", idempotent=False)
        assert op.file_id is not None
        await docs.files.get(op.file_id, idempotent=True)
        await docs.files.list(idempotent=True).collect()
        await docs.operations.get(op.id, idempotent=True)
        await docs.operations.list(idempotent=True).collect()
        assert up.id  # the 2026-04 upsert answers only id and status
        await docs.files.delete("fid", idempotent=True)
        await pc.assistants.create("other", idempotent=False)
        await pc.assistants.get("other", idempotent=True)
        await pc.assistants.update("other", instructions="i", idempotent=True)
        await pc.assistants.list(idempotent=True).collect()
        await pc.assistants.wait_until_ready("other", idempotent=True)
        await pc.assistants.delete("other", idempotent=True)
        await pc.backup_schedules.history("sched-demo", idempotent=True).first_page()
