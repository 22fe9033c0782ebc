"""Every public call of both facades, as a table the reliability tests iterate over."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import attrs

from awaitops import PollPolicy
from awaitops.chainloop import Chainloop
from awaitops.pinecone import Pinecone

ASSISTANT = "hostile-a1"
OP_ID = "op-1"
FILE_ID = "file-1"
CHAINLOOP_OP = "cl-op-1"
SCHEDULE = "sched-1"


@attrs.frozen
class Endpoint:
    """One facade call: ``call(pc, cl, host, poll)`` runs it to the end (pagers collected).

    ``waits``: it polls, so transient failures end in WaitTimeoutError rather than surface.
    ``lists``: it pages, so a repeating token must raise PaginationLoopError.
    ``parses``: it reads the answer's body (assistants.delete does not).
    """

    name: str
    call: Callable[[Pinecone, Chainloop, str, PollPolicy], Awaitable[Any]]
    waits: bool = False
    lists: bool = False
    parses: bool = True


async def _collect_watch(pc: Pinecone, host: str, poll: PollPolicy) -> list[Any]:
    ops = pc.assistant(ASSISTANT, host=host).operations
    return [snapshot async for snapshot in ops.watch(OP_ID, poll=poll)]


async def _collect_wait_all(pc: Pinecone, host: str, poll: PollPolicy) -> list[Any]:
    ops = pc.assistant(ASSISTANT, host=host).operations
    return [done async for done in ops.wait_all([OP_ID, "op-2"], poll=poll)]


def _data(pc: Pinecone, host: str) -> Any:
    return pc.assistant(ASSISTANT, host=host)


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("assistants.list", lambda pc, cl, h, p: pc.assistants.list().collect(), lists=True),
    Endpoint("assistants.get", lambda pc, cl, h, p: pc.assistants.get(ASSISTANT)),
    Endpoint("assistants.create", lambda pc, cl, h, p: pc.assistants.create(ASSISTANT)),
    Endpoint(
        "assistants.update", lambda pc, cl, h, p: pc.assistants.update(ASSISTANT, instructions="x")
    ),
    Endpoint(
        "assistants.delete", lambda pc, cl, h, p: pc.assistants.delete(ASSISTANT), parses=False
    ),
    Endpoint(
        "assistants.wait_until_ready",
        lambda pc, cl, h, p: pc.assistants.wait_until_ready(ASSISTANT, poll=p),
        waits=True,
    ),
    Endpoint(
        "files.upload",
        lambda pc, cl, h, p: _data(pc, h).files.upload(b"hello", file_name="a.txt"),
    ),
    Endpoint(
        "files.upsert",
        lambda pc, cl, h, p: _data(pc, h).files.upsert(FILE_ID, b"hello", file_name="a.txt"),
    ),
    Endpoint("files.delete", lambda pc, cl, h, p: _data(pc, h).files.delete(FILE_ID)),
    Endpoint("files.get", lambda pc, cl, h, p: _data(pc, h).files.get(FILE_ID)),
    Endpoint("files.list", lambda pc, cl, h, p: _data(pc, h).files.list().collect(), lists=True),
    Endpoint(
        "operations.list",
        lambda pc, cl, h, p: _data(pc, h).operations.list().collect(),
        lists=True,
    ),
    Endpoint("operations.get", lambda pc, cl, h, p: _data(pc, h).operations.get(OP_ID)),
    Endpoint(
        "operations.wait",
        lambda pc, cl, h, p: _data(pc, h).operations.wait(OP_ID, poll=p),
        waits=True,
    ),
    Endpoint("operations.watch", lambda pc, cl, h, p: _collect_watch(pc, h, p), waits=True),
    Endpoint("operations.wait_all", lambda pc, cl, h, p: _collect_wait_all(pc, h, p), waits=True),
    Endpoint(
        "backup_schedules.history",
        lambda pc, cl, h, p: pc.backup_schedules.history(SCHEDULE).collect(),
        lists=True,
    ),
    Endpoint(
        "chainloop.operations.list",
        lambda pc, cl, h, p: cl.operations.list().collect(),
        lists=True,
    ),
    Endpoint("chainloop.operations.get", lambda pc, cl, h, p: cl.operations.get(CHAINLOOP_OP)),
    Endpoint(
        "chainloop.operations.wait",
        lambda pc, cl, h, p: cl.operations.wait(CHAINLOOP_OP, poll=p),
        waits=True,
    ),
)


def valid_body(method: str, path: str, host: str) -> Any:
    """A correct, terminal answer for the request ``method path`` (so waits end at once)."""
    parts = path.partition("?")[0].strip("/").split("/")
    stamp = "2026-11-22T10:00:00Z"
    operation = {
        "id": parts[-1] if parts[1:2] == ["operations"] and len(parts) == 4 else OP_ID,
        "operation_type": "upload_file",
        "status": "Completed",
        "created_on": stamp,
        "completed_on": stamp,
        "percent_complete": 100,
        "file_id": FILE_ID,
    }
    assistant = {"name": ASSISTANT, "status": "Ready", "host": host, "created_at": stamp}
    if parts[0] == "v1":
        chainloop_op = {
            "id": CHAINLOOP_OP,
            "kind": "evidence_evaluation",
            "status": "ASYNC_OPERATION_STATUS_COMPLETED",
            "created_at": stamp,
        }
        if len(parts) == 3:
            return {"operation": chainloop_op}
        return {
            "operations": [chainloop_op],
            "pagination": {"page": 1, "page_size": 50, "total_pages": 1, "total_count": 1},
        }
    if parts[0] == "backup-schedules":
        entry = {
            "backup_id": "b-1",
            "source_index_id": "i-1",
            "source_index_name": "idx",
            "status": "Ready",
            "cloud": "aws",
            "region": "us-east-1",
        }
        return {"data": [entry], "pagination": None}
    kind = parts[1]
    if kind == "assistants":
        if len(parts) == 2 and method == "GET":
            return {"assistants": [assistant]}
        if method == "PATCH":
            return {"assistant_name": ASSISTANT, "instructions": "x"}
        if method == "DELETE":
            return None
        return assistant
    if kind == "files":
        if method == "GET" and len(parts) == 3:
            return {"files": [{"id": FILE_ID, "name": "a.txt", "status": "Available"}]}
        if method == "GET":
            return {"id": FILE_ID, "name": "a.txt", "status": "Available"}
        return operation
    if len(parts) == 3:
        return {"operations": [operation, {**operation, "id": "op-2"}]}
    return operation


def items_key(path: str) -> str | None:
    """Where a list answer keeps its items, or None for a single-object answer."""
    parts = path.partition("?")[0].strip("/").split("/")
    if parts[0] == "v1":
        return "operations" if len(parts) == 2 else None
    if parts[0] == "backup-schedules":
        return "data"
    if parts[1] == "assistants":
        return "assistants" if len(parts) == 2 else None
    return parts[1] if len(parts) == 3 else None
