"""docs.files against the emulator on a loopback socket."""

from __future__ import annotations

import io
import re
from pathlib import Path

import anyio
import pytest
from awaitops_generated.pinecone_assistant_data.models import AssistantFileModelMetadataType0

from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.errors import BadRequestError, FailedPreconditionError, NotFoundError, ServerError
from awaitops.pinecone import UPLOAD_MARKER_KEY, Operation
from awaitops.pinecone.models import AssistantFile

from ._support import FAST, client, requests_to


class ChunkRecordingBytes(io.BytesIO):
    """A binary file object that remembers the size of every read asked of it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int | None] = []

    def read(self, size: int | None = -1, /) -> bytes:
        self.sizes.append(size)
        return super().read(size)


@pytest.fixture
def ready(awaitops_emulator: Emulator) -> Emulator:
    awaitops_emulator.add_assistant("docs")
    return awaitops_emulator


@pytest.mark.anyio
async def test_upload_path_bytes_and_file_object(
    ready: Emulator, awaitops_emulator_url: str, tmp_path: Path
) -> None:
    report = tmp_path / "report.md"
    report.write_text("# Report\n")
    big = ChunkRecordingBytes(b"x" * 300_000)
    big.name = "/somewhere/big.txt"
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            files = pc.assistant("docs").files
            from_path = await files.upload(report, metadata={"kind": "report", "n": [1, 2]})
            from_str = await files.upload(str(report), file_name="renamed.md")
            from_bytes = await files.upload(b"plain text", file_name="notes.txt")
            from_stream = await files.upload(big)
            ops = [from_path, from_str, from_bytes, from_stream]
            assert all(isinstance(op, Operation) for op in ops)
            assert {op.operation_type for op in ops} == {"upload_file"}
            assert len({op.file_id for op in ops}) == 4

            assert from_path.file_id is not None
            got = await files.get(from_path.file_id)
            assert isinstance(got, AssistantFile)
            assert got.name == "report.md"
            assert isinstance(got.model.metadata, AssistantFileModelMetadataType0)
            assert got.metadata is not None
            # Plus the random marker a lost answer would be reconciled by.
            marker = got.metadata.pop(UPLOAD_MARKER_KEY)  # each read is a fresh copy
            assert re.fullmatch("[0-9a-f]{32}", marker)
            assert got.metadata == {
                "kind": "report",
                "n": [1, 2],
                UPLOAD_MARKER_KEY: marker,
            }
            names = sorted(f.name for f in await files.list().collect())
            assert names == ["big.txt", "notes.txt", "renamed.md", "report.md"]
            assert from_stream.file_id is not None
            assert (await files.get(from_stream.file_id)).size == 300_000
    # Streamed in chunks: never one read of the whole file.
    assert big.sizes
    assert all(size is not None and size > 0 for size in big.sizes)


@pytest.mark.anyio
async def test_upload_survives_a_body_holding_the_generated_boundary(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    tricky = b'intro\r\n--+++\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--+++--\r\n'
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            files = pc.assistant("docs").files
            op = await files.upload(tricky, file_name="tricky.txt")
            assert op.file_id is not None
            assert (await files.get(op.file_id)).size == len(tricky)


@pytest.mark.anyio
async def test_multimodal_and_metadata_filter(ready: Emulator, awaitops_emulator_url: str) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            files = pc.assistant("docs").files
            pdf = await files.upload(b"%PDF-1.7", file_name="deck.pdf", multimodal=True)
            await files.upload(b"a", file_name="a.txt", metadata={"team": "red"})
            await files.upload(b"b", file_name="b.txt", metadata={"team": "blue"})
            assert pdf.file_id is not None
            assert (await files.get(pdf.file_id)).multimodal is True
            assert "multimodal=true" in requests_to(ready, "POST", "/assistant/files")[0]
            red = await files.list(filter={"team": {"$eq": "red"}}).collect()
            assert [f.name for f in red] == ["a.txt"]
            # The server refuses multimodal processing of anything but a PDF.
            with pytest.raises(BadRequestError) as refused:
                await files.upload(b"a", file_name="a.txt", multimodal=True)
            assert refused.value.code == "INVALID_ARGUMENT"


@pytest.mark.anyio
async def test_upsert_replaces_in_place(ready: Emulator, awaitops_emulator_url: str) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            docs = pc.assistant("docs")
            first = await docs.files.upsert("report-2025", b"v1", file_name="r.txt")
            # The 2026-04 upsert answers only id and status; the operation tells the rest.
            done = await first.wait(poll=FAST)
            assert (done.operation_type, done.file_id) == ("upsert_file", "report-2025")
            second = await docs.files.upsert(
                "report-2025", b"version 2", file_name="r.txt", metadata={"v": 2}
            )
            done = await second.wait(poll=FAST)
            assert done.status == "Completed"
            listed = await docs.files.list().collect()
            assert [(f.id, f.size) for f in listed] == [("report-2025", 9)]


@pytest.mark.anyio
async def test_delete_returns_an_operation_or_none_for_a_failed_file(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            docs = pc.assistant("docs")
            good = await (await docs.files.upload(b"ok", file_name="ok.txt")).wait(poll=FAST)
            bad = await docs.files.upload(b"MZ", file_name="tool.pdf")
            async for _ in docs.operations.wait_all([bad.id], poll=FAST):
                pass
            assert good.file_id is not None
            assert bad.file_id is not None

            deleting = await docs.files.delete(good.file_id)
            assert isinstance(deleting, Operation)
            assert deleting.operation_type == "delete_file"
            await deleting.wait(poll=FAST)
            with pytest.raises(NotFoundError):
                await docs.files.get(good.file_id)

            assert await docs.files.delete(bad.file_id) is None
            assert await docs.files.list().collect() == []
            with pytest.raises(NotFoundError):
                await docs.files.delete("no-such-file")


@pytest.mark.anyio
async def test_upload_is_not_resent_after_a_dropped_answer(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    # Handled, then cut: the file is found by its marker and its operation returned.
    ready.faults.next("POST", "/assistant/files/*", "drop")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            files = pc.assistant("docs").files
            op = await files.upload(b"once", file_name="once.txt")
            listed = await files.list().collect()
            assert [(f.id, f.name) for f in listed] == [(op.file_id, "once.txt")]
            assert op.operation_type == "upload_file"
    assert len(requests_to(ready, "POST", "/assistant/files")) == 1


@pytest.mark.anyio
async def test_upload_is_re_sent_only_once_known_absent_and_after_a_rate_limit(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    # 503 before handling: looked up, absent, so re-sent; 429: not processed, re-sent.
    ready.faults.script("POST /assistant/files/*", [503, 429])
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            files = pc.assistant("docs").files
            op = await files.upload(io.BytesIO(b"payload"), file_name="y.txt")
            assert op.file_id is not None
            assert (await files.get(op.file_id)).size == len(b"payload")
            assert len(await files.list().collect()) == 1
    assert [r.status for r in ready.requests if r.method == "POST"] == [503, 429, 202]


@pytest.mark.anyio
async def test_upload_without_marker_is_sent_once(
    ready: Emulator, awaitops_emulator_url: str
) -> None:
    ready.faults.next("POST", "/assistant/files/*", "late-502")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            files = pc.assistant("docs").files
            with pytest.raises(ServerError):
                await files.upload(b"x", file_name="x.txt", metadata={"a": 1}, marker=False)
            listed = await files.list().collect()
    assert [f.metadata for f in listed if f.metadata] == [{"a": 1}]
    assert len(requests_to(ready, "POST", "/assistant/files")) == 1


@pytest.mark.anyio
async def test_upload_to_an_assistant_not_ready_is_a_failed_precondition() -> None:
    # Initializing far longer than the test runs, so the refusal cannot race readiness.
    emu = Emulator(EmulatorConfig(assistant_ready_seconds=(60.0, 60.0)))
    emu.add_assistant("slow", ready=False)
    with anyio.fail_after(20):
        async with emu.serve() as url, client(url) as pc:
            with pytest.raises(FailedPreconditionError) as refused:
                await pc.assistant("slow").files.upload(b"x", file_name="x.txt")
    # Still a BadRequestError, so that existing handlers keep working.
    assert isinstance(refused.value, BadRequestError)
    assert refused.value.code == "FAILED_PRECONDITION"


@pytest.mark.anyio
async def test_download_reads_the_uploaded_bytes_from_the_signed_url(
    ready: Emulator, awaitops_emulator_url: str, tmp_path: Path
) -> None:
    content = b"line\n" * 50_000
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            files = pc.assistant("docs").files
            op = await files.upload(content, file_name="notes.txt")
            await op.wait(poll=FAST)
            assert op.file_id is not None
            assert await files.download(op.file_id) == content
            written = await files.download(op.file_id, str(tmp_path / "copy.txt"))
    assert written.read_bytes() == content
    assert len(requests_to(ready, "GET", "/signed-files/docs/")) == 2
