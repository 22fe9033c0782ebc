"""Argument checks: each bad argument raises ValueError naming it, before any request."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import anyio
import pytest

from awaitops.emulator import Emulator
from awaitops.pinecone import Pinecone

from ._support import client

Call = Callable[[Pinecone], Any]

LOOPBACK = "http://127.0.0.1:9"
BIG_TEXT = "x" * (16 * 1024 + 1)
BIG_METADATA = {"k": "v" * (16 * 1024)}  # over 16 KB once serialized


def docs(pc: Pinecone) -> Any:
    # The host is given, so no call needs the control plane to find it.
    return pc.assistant("docs", host=pc._root)


async def call_and_await(call: Call, pc: Pinecone) -> None:
    result = call(pc)
    if inspect.isawaitable(result):
        await result


CASES: list[tuple[str, str, Call]] = [
    ("upper-case name", "name", lambda pc: pc.assistants.create("Docs")),
    ("name ending in -", "name", lambda pc: pc.assistants.create("docs-")),
    ("64-char name", "name", lambda pc: pc.assistants.create("a" * 64)),
    ("empty name", "name", lambda pc: pc.assistants.get("")),
    ("name with slash", "name", lambda pc: pc.assistants.delete("a/b")),
    ("name with dots", "name", lambda pc: pc.assistants.update("..", instructions="x")),
    ("region", "region", lambda pc: pc.assistants.create("docs", region="asia")),
    (
        "instructions size",
        "instructions",
        lambda pc: pc.assistants.create("d", instructions=BIG_TEXT),
    ),
    (
        "instructions update",
        "instructions",
        lambda pc: pc.assistants.update("d", instructions=BIG_TEXT),
    ),
    ("metadata size", "metadata", lambda pc: pc.assistants.create("d", metadata=BIG_METADATA)),
    ("metadata not JSON", "metadata", lambda pc: pc.assistants.create("d", metadata={"k": {1, 2}})),
    ("metadata update", "metadata", lambda pc: pc.assistants.update("d", metadata=BIG_METADATA)),
    ("assistants page_size 0", "page_size", lambda pc: pc.assistants.list(page_size=0)),
    ("assistants page_size 101", "page_size", lambda pc: pc.assistants.list(page_size=101)),
    ("wait_until_ready name", "name", lambda pc: pc.assistants.wait_until_ready("A")),
    ("data plane name", "name", lambda pc: pc.assistant("Bad_Name")),
    ("insecure host", "http", lambda pc: pc.assistant("docs", host="http://example.com")),
    (
        "upload metadata",
        "metadata",
        lambda pc: docs(pc).files.upload(b"x", file_name="a.txt", metadata=BIG_METADATA),
    ),
    ("upload bytes without name", "file_name", lambda pc: docs(pc).files.upload(b"x")),
    ("upload missing path", "source", lambda pc: docs(pc).files.upload("/no/such/file.txt")),
    ("upsert empty id", "file_id", lambda pc: docs(pc).files.upsert("", b"x", file_name="a.txt")),
    (
        "upsert id with dot",
        "file_id",
        lambda pc: docs(pc).files.upsert("a.b", b"x", file_name="a.txt"),
    ),
    (
        "upsert 129-char id",
        "file_id",
        lambda pc: docs(pc).files.upsert("a" * 129, b"x", file_name="a.txt"),
    ),
    ("get file '.'", "file_id", lambda pc: docs(pc).files.get(".")),
    ("delete file '..'", "file_id", lambda pc: docs(pc).files.delete("..")),
    ("files page_size", "page_size", lambda pc: docs(pc).files.list(page_size=1000)),
    ("files filter", "filter", lambda pc: docs(pc).files.list(filter="team=red")),
    ("operations page_size", "page_size", lambda pc: docs(pc).operations.list(page_size=0)),
    ("empty status", "status", lambda pc: docs(pc).operations.list(status="")),
    ("get operation ''", "operation_id", lambda pc: docs(pc).operations.get("")),
    ("wait operation '..'", "operation_id", lambda pc: docs(pc).operations.wait("..")),
    ("watch operation '.'", "operation_id", lambda pc: docs(pc).operations.watch(".")),
    ("wait_all ids", "operation_ids", lambda pc: docs(pc).operations.wait_all(["ok", ""])),
    ("history id", "schedule_id", lambda pc: pc.backup_schedules.history("..")),
    ("history page_size", "page_size", lambda pc: pc.backup_schedules.history("s", page_size=0)),
]


@pytest.mark.anyio
@pytest.mark.parametrize(("argument", "call"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
async def test_bad_argument_is_refused_before_any_request(
    awaitops_emulator: Emulator, argument: str, call: Call
) -> None:
    # In-process: nothing should reach the emulator, so no socket is needed to prove it.
    async with awaitops_emulator.client() as http, client(LOOPBACK, http_client=http) as pc:
        with anyio.fail_after(5), pytest.raises(ValueError, match=argument):
            await call_and_await(call, pc)
    assert list(awaitops_emulator.requests) == []


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("filters", "listed"),
    [
        ({"status": "Queued"}, "Processing, Completed, Failed"),
        ({"status": "completed"}, "Processing, Completed, Failed"),
        ({"operation_type": "Upload_File"}, "upload_file, upsert_file, update_file_metadata"),
    ],
)
async def test_unknown_filter_values_are_refused_before_sending(
    awaitops_emulator: Emulator, awaitops_emulator_url: str, filters: dict[str, str], listed: str
) -> None:
    """The service answers 400 to a filter value it does not know, in any other case."""
    async with client(awaitops_emulator_url) as pc:
        with pytest.raises(ValueError, match=f"one of {listed}.*case-sensitive"):
            pc.assistant("docs").operations.list(**filters)  # type: ignore[arg-type]
    assert list(awaitops_emulator.requests) == []
