"""cl.operations against the emulator on a loopback socket, and the client's rules."""

from __future__ import annotations

import ast
import inspect
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

import awaitops.chainloop
from awaitops import PollPolicy, RetryPolicy
from awaitops.chainloop import Chainloop, Operation
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.errors import (
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    OperationFailedError,
    WaitTimeoutError,
)

TOKEN = "test-token"
FAST = PollPolicy(initial_interval=0.05, max_interval=0.2, timeout=10)
QUICK_RETRY = RetryPolicy(max_attempts=4, initial_delay=0.01, max_delay=0.05)
COMPLETED = "ASYNC_OPERATION_STATUS_COMPLETED"
FAILED = "ASYNC_OPERATION_STATUS_FAILED"


def client(url: str, token: str = TOKEN, **options: Any) -> Chainloop:
    return Chainloop(token, base_url=url, retry=QUICK_RETRY, **options)


def list_queries(emu: Emulator) -> list[str]:
    return [r.query for r in emu.requests if r.path == "/v1/operations"]


def test_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINLOOP_TOKEN", "env-bearer-token")
    cl = Chainloop()
    assert "env-bearer-token" not in repr(cl)
    monkeypatch.delenv("CHAINLOOP_TOKEN")
    with pytest.raises(ValueError, match="CHAINLOOP_TOKEN"):
        Chainloop()


def test_built_only_on_the_public_core() -> None:
    package = Path(inspect.getfile(awaitops.chainloop)).parent
    imported: set[str] = set()
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {name for name in imported if name.split(".")[0] == "awaitops"}
    assert ours == {"awaitops"}, f"Chainloop imports private awaitops modules: {ours}"


@pytest.mark.anyio
@pytest.mark.parametrize("page_base", [0, 1])
async def test_list_pages_whatever_the_server_counts_from(page_base: int) -> None:
    emu = Emulator(EmulatorConfig(chainloop_page_base=page_base, chainloop_operations=23))
    with anyio.fail_after(20):
        async with emu.serve() as url, client(url) as cl:
            pages = [page async for page in cl.operations.list(page_size=5).pages()]
            everything = await cl.operations.list(page_size=100).collect()
            capped = await cl.operations.list(page_size=5, max_items=7).collect()
    assert [len(p.items) for p in pages] == [5, 5, 5, 5, 3]
    assert [p.page for p in pages] == [page_base + i for i in range(5)]
    ids = [op.id for p in pages for op in p.items]
    assert len(set(ids)) == 23
    assert ids == [op.id for op in everything]
    assert [op.id for op in capped] == ids[:7]
    queries = list_queries(emu)[:5]
    assert "pagination.page=" not in queries[0]
    for number, query in enumerate(queries[1:], page_base + 1):
        assert f"pagination.page={number}" in query
    assert all("pagination.page_size=5" in q for q in queries)


@pytest.mark.anyio
async def test_list_filters(awaitops_emulator: Emulator, awaitops_emulator_url: str) -> None:
    target = ("ProjectVersion", str(uuid.uuid4()))
    mine = awaitops_emulator.add_chainloop_operation(kind="custom_kind", resource=target)
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as cl:
            by_resource = await cl.operations.list(resource=target).collect()
            by_kind = await cl.operations.list(kind="custom_kind").collect()
            done = await cl.operations.list(status=COMPLETED, page_size=100).collect()
    assert [op.id for op in by_resource] == [mine]
    assert (by_resource[0].resource_type, by_resource[0].resource_id) == target
    assert [op.id for op in by_kind] == [mine]
    assert done
    assert {op.status for op in done} == {COMPLETED}
    assert all(op.done and not op.failed and op.output for op in done)
    queries = list_queries(awaitops_emulator)
    assert "resource_type=ProjectVersion" in queries[0]
    assert f"resource_id={target[1]}" in queries[0]
    assert "kind=custom_kind" in queries[1]


@pytest.mark.anyio
async def test_get_watch_wait_completed(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    op_id = awaitops_emulator.add_chainloop_operation(
        pending_seconds=0.4, running_seconds=0.3, fail=False
    )
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as cl:
            first = await cl.operations.get(op_id)
            assert isinstance(first, Operation)
            assert first.status == "ASYNC_OPERATION_STATUS_PENDING"
            assert not first.done
            assert first.started_at is None
            assert first.error_message is None
            statuses = [snap.status async for snap in cl.operations.watch(op_id, poll=FAST)]
            done = await first.wait(poll=FAST)
    assert statuses[0] == "ASYNC_OPERATION_STATUS_PENDING"
    assert "ASYNC_OPERATION_STATUS_RUNNING" in statuses
    assert statuses[-1] == COMPLETED
    assert done.status == COMPLETED
    assert done.finished_at is not None
    assert done.output


@pytest.mark.anyio
async def test_wait_failed_keeps_the_server_message(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    op_id = awaitops_emulator.add_chainloop_operation(
        pending_seconds=0.05, running_seconds=0.1, fail=True
    )
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as cl:
            with pytest.raises(OperationFailedError) as caught:
                await cl.operations.wait(op_id, poll=FAST)
    assert "policy evaluation failed" in caught.value.message
    assert isinstance(caught.value.snapshot, Operation)
    assert caught.value.snapshot.failed


@pytest.mark.anyio
async def test_documented_errors(awaitops_emulator_url: str) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as cl:
            with pytest.raises(NotFoundError):
                await cl.operations.get(str(uuid.uuid4()))
            with pytest.raises(BadRequestError):
                await cl.operations.get("not-a-uuid")
        async with client(awaitops_emulator_url, token="wrong-bearer") as bad:
            with pytest.raises(AuthenticationError) as denied:
                await bad.operations.list().collect()
    assert "wrong-bearer" not in str(denied.value) + repr(denied.value)


def scripted(answers: list[dict[str, Any]]) -> Callable[[httpx.Request], httpx.Response]:
    remaining = iter(answers)

    def route(request: httpx.Request) -> httpx.Response:
        body = json.dumps({"operation": next(remaining)}).encode()
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return route


@pytest.mark.anyio
async def test_unspecified_and_unknown_statuses_are_not_terminal() -> None:
    # protobuf JSON leaves out a zero (UNSPECIFIED) status altogether.
    route = scripted(
        [
            {"id": "op-1"},
            {"id": "op-1", "status": "ASYNC_OPERATION_STATUS_UNSPECIFIED"},
            {"id": "op-1", "status": "ASYNC_OPERATION_STATUS_QUEUED_SOMEWHERE"},
            {"id": "op-1", "status": COMPLETED, "output": "ok"},
        ]
    )
    async with httpx.AsyncClient(transport=httpx.MockTransport(route)) as http:
        cl = Chainloop(TOKEN, http_client=http)
        with anyio.fail_after(10):
            seen = [snap async for snap in cl.operations.watch("op-1", poll=FAST)]
    assert [s.status for s in seen] == [
        "ASYNC_OPERATION_STATUS_UNSPECIFIED",
        "ASYNC_OPERATION_STATUS_UNSPECIFIED",
        "ASYNC_OPERATION_STATUS_QUEUED_SOMEWHERE",
        COMPLETED,
    ]
    assert seen[-1].status == COMPLETED
    assert seen[-1].output == "ok"
    assert seen[0].kind is None
    assert seen[0].created_at is None


@pytest.mark.anyio
async def test_wait_times_out_with_the_last_snapshot() -> None:
    route = scripted([{"id": "op-1", "status": "ASYNC_OPERATION_STATUS_RUNNING"}] * 50)
    async with httpx.AsyncClient(transport=httpx.MockTransport(route)) as http:
        cl = Chainloop(TOKEN, http_client=http)
        policy = PollPolicy(initial_interval=0.02, max_interval=0.05, timeout=0.2)
        with anyio.fail_after(10), pytest.raises(WaitTimeoutError) as caught:
            await cl.operations.wait("op-1", poll=policy)
    assert caught.value.snapshot.status == "ASYNC_OPERATION_STATUS_RUNNING"


async def call_and_await(call: Callable[[Chainloop], Any], cl: Chainloop) -> None:
    result = call(cl)
    if inspect.isawaitable(result):
        await result


CASES: list[tuple[str, str, Callable[[Chainloop], Any]]] = [
    ("page_size 0", "page_size", lambda cl: cl.operations.list(page_size=0)),
    ("page_size 101", "page_size", lambda cl: cl.operations.list(page_size=101)),
    ("empty status", "status", lambda cl: cl.operations.list(status="")),
    ("empty kind", "kind", lambda cl: cl.operations.list(kind="")),
    ("resource half", "resource", lambda cl: cl.operations.list(resource=("type", ""))),
    ("resource one", "resource", lambda cl: cl.operations.list(resource=("type",))),  # type: ignore[arg-type]
    ("get ''", "operation_id", lambda cl: cl.operations.get("")),
    ("wait '..'", "operation_id", lambda cl: cl.operations.wait("..")),
    ("watch '.'", "operation_id", lambda cl: cl.operations.watch(".")),
]


@pytest.mark.anyio
@pytest.mark.parametrize(("argument", "call"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
async def test_bad_argument_is_refused_before_any_request(
    awaitops_emulator: Emulator, argument: str, call: Callable[[Chainloop], Any]
) -> None:
    async with awaitops_emulator.client() as http:
        cl = Chainloop(TOKEN, base_url="http://127.0.0.1:9", http_client=http)
        with anyio.fail_after(5), pytest.raises(ValueError, match=argument):
            await call_and_await(call, cl)
    assert list(awaitops_emulator.requests) == []


@pytest.mark.anyio
async def test_unknown_status_filter_warns_and_is_sent(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as cl:
            # The emulator knows no such value and refuses it.
            with pytest.warns(UserWarning, match="status"), pytest.raises(BadRequestError):
                await cl.operations.list(status="ASYNC_OPERATION_STATUS_PAUSED").collect()
    assert "status=ASYNC_OPERATION_STATUS_PAUSED" in list_queries(awaitops_emulator)[0]
