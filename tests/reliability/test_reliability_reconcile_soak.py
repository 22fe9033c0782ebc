"""Reconcile soak: every state-changing call under faults before *and after* the server acted.

The emulator (loopback socket) fails 10 % of requests before handling them, 10 % after
(500/502/503/504 or a cut connection, the change made), and cuts 3 % of answers mid-body.
Assistants are created and deleted, files uploaded (``upload``), upserted and deleted, and
everything is waited for. The SDK alone must keep the books straight: no call may raise,
no file may exist twice, and no change may exist for a call that raised.

Run with ``-s`` to see the per-call table (call, count, requests, retries, reconciles,
failures). Seeded (``SEED``): fault draws repeat; the interleaving of concurrent requests
may vary between runs.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio
import attrs
import httpx
import pytest

from awaitops import PollPolicy, RetryPolicy
from awaitops.core import RETRY_COUNT_HEADER
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import UPLOAD_MARKER_KEY, Operation, Pinecone

SEED = 20261130
KEY = "pcsk_reconcile_soak"
ASSISTANTS = 4
UPLOADS = 16  # per assistant
UPSERTS = 8  # per assistant
DELETES = 8  # per assistant: half of them uploaded files, half upserted ones
RETRY = RetryPolicy(max_attempts=10, initial_delay=0.005, max_delay=0.05, retry_after_cap=5.0)
POLL = PollPolicy(initial_interval=0.05, max_interval=0.3, timeout=40.0)
CALLS = (
    "assistants.create",
    "assistants.update",
    "files.upload",
    "files.upsert",
    "files.delete",
    "assistants.delete",
)
T = TypeVar("T")


def _config() -> EmulatorConfig:
    return EmulatorConfig(
        api_key=KEY,
        seed=SEED,
        op_seconds=(0.1, 0.4),
        assistant_ready_seconds=(0.05, 0.2),
        assistant_delete_seconds=(0.05, 0.2),
        fault_rate=0.1,
        late_fault_rate=0.1,
        drop_rate=0.03,
        latency=(0.0, 0.005),
    )


def _call_of(request: httpx.Request) -> str | None:
    """Which state-changing call a request belongs to, from its method and path."""
    parts = request.url.path.strip("/").split("/")
    if parts[:2] == ["assistant", "assistants"]:
        kinds = {
            "POST": "assistants.create",
            "PATCH": "assistants.update",
            "DELETE": "assistants.delete",
        }
        return kinds.get(request.method)
    if parts[:2] == ["assistant", "files"]:
        kinds = {"POST": "files.upload", "PUT": "files.upsert", "DELETE": "files.delete"}
        return kinds.get(request.method)
    return None


@attrs.define
class Books:
    """Per call: how often it was made, sent, re-sent, reconciled, and how often it raised."""

    calls: Counter[str] = attrs.Factory(Counter)
    requests: Counter[str] = attrs.Factory(Counter)
    retries: Counter[str] = attrs.Factory(Counter)
    reconciles: Counter[str] = attrs.Factory(Counter)
    failures: list[tuple[str, str, BaseException]] = attrs.Factory(list)

    async def on_request(self, request: httpx.Request) -> None:
        call = _call_of(request)
        if call is not None:
            self.requests[call] += 1
            if request.headers.get(RETRY_COUNT_HEADER, "0") != "0":
                self.retries[call] += 1

    async def run(self, call: str, key: str, action: Callable[[], Awaitable[T]]) -> T | None:
        self.calls[call] += 1
        try:
            return await action()
        except Exception as exc:  # every failure is booked, then the test fails on it
            self.failures.append((call, key, exc))
            return None

    def table(self) -> str:
        rows = [("call", "count", "requests", "retries", "reconciles", "failures")]
        failed = Counter(call for call, _, _ in self.failures)
        for call in CALLS:
            # Retries: core re-sends (retry-count header) plus re-sends after a lookup.
            rows.append(
                (
                    call,
                    str(self.calls[call]),
                    str(self.requests[call]),
                    str(max(self.retries[call], self.requests[call] - self.calls[call])),
                    str(self.reconciles[call]),
                    str(failed[call]),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        return "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            for row in rows
        )


class _Lookups(logging.Handler):
    """Counts the SDK's reconciliation lookups per call, from its INFO records."""

    def __init__(self, books: Books) -> None:
        super().__init__(logging.INFO)
        self._books = books

    def emit(self, record: logging.LogRecord) -> None:
        call = getattr(record, "reconcile_call", None)
        if call is not None and record.getMessage().startswith("looking up"):
            self._books.reconciles[call] += 1


async def _workload(pc: Pinecone, books: Books) -> dict[str, dict[str, str]]:
    """Runs every call; returns, per assistant, the files expected to remain (id -> name)."""
    names = [f"soak-{index}" for index in range(ASSISTANTS)]
    expected: dict[str, dict[str, str]] = {name: {} for name in names}
    limiter = anyio.CapacityLimiter(8)

    async with anyio.create_task_group() as group:
        for name in [*names, "soak-gone"]:
            group.start_soon(
                books.run,
                "assistants.create",
                name,
                lambda n=name: pc.assistants.create(n, wait=True, poll=POLL),
            )

    async def assistant_files(name: str) -> None:
        await books.run(
            "assistants.update",
            name,
            lambda: pc.assistants.update(name, instructions=f"{name} v2", metadata={"v": 2}),
        )
        docs = pc.assistant(name)
        ops: list[Operation] = []

        async def upload(index: int) -> None:
            async with limiter:
                op = await books.run(
                    "files.upload",
                    f"{name}/u{index}",
                    lambda: docs.files.upload(
                        b"upload %d" % index, file_name=f"u{index}.txt", metadata={"n": index}
                    ),
                )
            if op is not None and op.file_id is not None:
                ops.append(op)
                expected[name][op.file_id] = f"u{index}.txt"

        async def upsert(index: int) -> None:
            file_id = f"up-{index}"
            async with limiter:
                op = await books.run(
                    "files.upsert",
                    f"{name}/{file_id}",
                    lambda: docs.files.upsert(file_id, b"upsert", file_name=f"{file_id}.md"),
                )
            if op is not None:
                ops.append(op)
                expected[name][file_id] = f"{file_id}.md"

        async with anyio.create_task_group() as group:
            for index in range(UPLOADS):
                group.start_soon(upload, index)
            for index in range(UPSERTS):
                group.start_soon(upsert, index)
        async for _ in docs.operations.wait_all([op.id for op in ops], poll=POLL):
            pass

        doomed = [fid for fid in expected[name] if not fid.startswith("up-")][: DELETES // 2]
        doomed += [fid for fid in expected[name] if fid.startswith("up-")][: DELETES // 2]
        deleting: list[Operation] = []

        async def delete(file_id: str) -> None:
            async with limiter:
                op = await books.run(
                    "files.delete", f"{name}/{file_id}", lambda: docs.files.delete(file_id)
                )
            if op is not None:
                deleting.append(op)
                del expected[name][file_id]

        async with anyio.create_task_group() as group:
            for file_id in doomed:
                group.start_soon(delete, file_id)
        async for _ in docs.operations.wait_all([op.id for op in deleting], poll=POLL):
            pass

    async with anyio.create_task_group() as group:
        for name in names:
            group.start_soon(assistant_files, name)
        group.start_soon(
            books.run,
            "assistants.delete",
            "soak-gone",
            lambda: pc.assistants.delete("soak-gone", wait=True, poll=POLL),
        )
    return expected


@pytest.mark.anyio
@pytest.mark.every_pool
async def test_reconcile_soak_nothing_lost_nothing_doubled_nothing_hidden() -> None:
    emulator = Emulator(_config())
    books = Books()
    handler = _Lookups(books)
    sdk_logger = logging.getLogger("awaitops")
    sdk_logger.addHandler(handler)
    level = sdk_logger.level
    sdk_logger.setLevel(logging.INFO)
    try:
        with anyio.fail_after(60):
            async with (
                emulator.serve("127.0.0.1", 0) as url,
                Pinecone(KEY, control_url=url, retry=RETRY, timeout=5.0) as pc,
            ):
                # The pool the client made for itself, on whichever transport the test runs.
                pc._client._http.event_hooks["request"] = [books.on_request]
                expected = await _workload(pc, books)
                listed = {
                    name: await pc.assistant(name).files.list().collect() for name in expected
                }
                assistants = await pc.assistants.list().collect()
                # A deleted assistant may stay listed as Terminated for a while, as the
                # service keeps it: it is not remaining.
                remaining = {a.name for a in assistants if a.status != "Terminated"}
                updated = {a.name: (a.instructions, a.metadata) for a in assistants}
    finally:
        sdk_logger.removeHandler(handler)
        sdk_logger.setLevel(level)

    print(f"\nreconcile soak seed={SEED}, {len(emulator.requests)} requests\n{books.table()}")
    # 0 calls raised (so 0 that a reconcile or a safe retry could have completed).
    assert [(call, key, repr(exc)) for call, key, exc in books.failures] == []
    assert books.calls == {
        "assistants.create": ASSISTANTS + 1,
        "assistants.update": ASSISTANTS,
        "files.upload": ASSISTANTS * UPLOADS,
        "files.upsert": ASSISTANTS * UPSERTS,
        "files.delete": ASSISTANTS * DELETES,
        "assistants.delete": 1,
    }
    assert "soak-gone" not in remaining
    assert set(expected) <= remaining
    assert all(updated[name] == (f"{name} v2", {"v": 2}) for name in expected)
    for name, files in listed.items():
        # 0 duplicates and 0 orphans: exactly the files the calls reported, each once.
        assert {f.id: f.name for f in files} == expected[name]
        markers = Counter(f.metadata.get(UPLOAD_MARKER_KEY) for f in files if f.metadata)
        assert all(count == 1 for count in markers.values())
        assert all(f.status == "Available" for f in files)
    # The faults really struck, after the server acted too, and were reconciled.
    assert sum(books.reconciles.values()) >= 10
    assert books.reconciles["files.upload"] >= 3
