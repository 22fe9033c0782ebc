"""Cancellation, under asyncio and trio: cancelled during a request, a retry sleep, a watch, a
wait_all, and pagination with prefetch. Afterwards nothing of ours is still running, nothing
more reaches the server, the connection pool is idle, and the same client still works."""

from __future__ import annotations

import gc
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import anyio
import anyio.abc
import anyio.lowlevel
import httpx
import pytest

from awaitops import PollPolicy, RetryPolicy
from awaitops.core._aiohttp import AiohttpTransport
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

# Every test here talks to a server on a socket.
pytestmark = pytest.mark.every_pool

KEY = "pcsk_cancel_key"
ASSISTANT = "cancel-a"
RETRY = RetryPolicy(max_attempts=5, initial_delay=0.01, max_delay=0.05, retry_after_cap=5.0)
POLL = PollPolicy(initial_interval=0.05, max_interval=0.1)
# Longer than any pause the cancelled work would take before its next request.
QUIET = 0.4


def _pool_idle(http: httpx.AsyncClient) -> bool:
    transport: Any = http._transport
    if isinstance(transport, AiohttpTransport):
        connector: Any = getattr(transport.client, "connector", None)
        return connector is None or (not connector._acquired and not connector._waiters)
    pool = transport._pool
    return not pool._requests and all(c.is_idle() or c.is_closed() for c in pool.connections)


class World:
    def __init__(self, emulator: Emulator, http: httpx.AsyncClient, pc: Pinecone) -> None:
        self.emulator = emulator
        self.http = http
        self.pc = pc
        self.sent = 0

    async def count(self, request: httpx.Request) -> None:
        self.sent += 1

    def requests(self) -> int:
        """Requests the client has sent (the emulator logs them only once answered)."""
        return self.sent

    async def check_clean_after(self, tasks_before: int) -> None:
        """Nothing left running or sending, pool idle, and the client still answers."""
        sent = self.requests()
        await anyio.sleep(QUIET)
        assert self.requests() == sent, "requests kept coming after the cancellation"
        assert len(anyio.get_running_tasks()) == tasks_before
        assert _pool_idle(self.http)
        self.emulator.faults.latency = (0.0, 0.0)
        assert (await self.pc.assistants.get(ASSISTANT)).name == ASSISTANT
        files = await self.pc.assistant(ASSISTANT).files.list().collect()
        assert isinstance(files, list)
        assert _pool_idle(self.http)


@asynccontextmanager
async def _world() -> AsyncIterator[World]:
    emulator = Emulator(
        EmulatorConfig(api_key=KEY, op_seconds=(60.0, 60.0), assistant_ready_seconds=(0.0, 0.0))
    )
    emulator.add_assistant(ASSISTANT)
    async with (
        emulator.serve("127.0.0.1", 0) as url,
        Pinecone(KEY, control_url=url, retry=RETRY) as pc,
    ):
        # The pool the client made for itself, on whichever transport the test runs.
        http = pc._client._http
        world = World(emulator, http, pc)
        http.event_hooks["request"] = [world.count]
        yield world


async def _cancel_when(
    work: Callable[[], Awaitable[Any]], ready: Callable[[], bool], bound: float = 5.0
) -> None:
    """Run ``work`` and cancel it once ``ready()`` holds; ``work`` must not finish first."""
    finished = False
    with anyio.fail_after(bound):
        async with anyio.create_task_group() as group:

            async def run() -> None:
                nonlocal finished
                await work()
                finished = True

            group.start_soon(run)
            # The condition lives in another thread (the server) or in a counter: poll it.
            while not ready():  # noqa: ASYNC110
                await anyio.sleep(0.005)
            group.cancel_scope.cancel()
    assert not finished, "the work ended before it could be cancelled"


@pytest.mark.anyio
async def test_cancel_during_a_request() -> None:
    async with _world() as world:
        tasks = len(anyio.get_running_tasks())
        world.emulator.faults.latency = (1.5, 1.5)
        await _cancel_when(lambda: world.pc.assistants.get(ASSISTANT), lambda: world.sent == 1)
        assert not world.emulator.requests, "the server never answered that request"
        await world.check_clean_after(tasks)


@pytest.mark.anyio
async def test_cancel_during_a_retry_sleep() -> None:
    async with _world() as world:
        tasks = len(anyio.get_running_tasks())
        # A 429 asks for a one second pause before the retry: cancel inside it.
        world.emulator.faults.script(f"GET /assistant/assistants/{ASSISTANT}", [429])
        await _cancel_when(
            lambda: world.pc.assistants.get(ASSISTANT), lambda: len(world.emulator.requests) == 1
        )
        await anyio.sleep(1.0)  # past the pause: a retry that survived would have been sent
        assert [r.status for r in world.emulator.requests] == [429]
        await world.check_clean_after(tasks)


@pytest.mark.anyio
async def test_cancel_during_a_watch() -> None:
    async with _world() as world:
        ops = world.pc.assistant(ASSISTANT).operations
        op = await world.pc.assistant(ASSISTANT).files.upload(b"slow", file_name="slow.txt")
        tasks = len(anyio.get_running_tasks())
        snapshots: list[Any] = []

        async def watch() -> None:
            async for snapshot in ops.watch(op.id, poll=POLL):
                snapshots.append(snapshot)

        start = world.requests()
        await _cancel_when(watch, lambda: world.requests() >= start + 3)
        assert snapshots
        assert snapshots[0].status == "Processing"
        await world.check_clean_after(tasks)


@pytest.mark.anyio
async def test_cancel_during_wait_all() -> None:
    async with _world() as world:
        files = world.pc.assistant(ASSISTANT).files
        ids = [(await files.upload(b"x", file_name=f"f{i}.txt")).id for i in range(3)]
        tasks = len(anyio.get_running_tasks())

        async def wait_all() -> None:
            async for _ in world.pc.assistant(ASSISTANT).operations.wait_all(ids, poll=POLL):
                pass

        start = world.requests()
        await _cancel_when(wait_all, lambda: world.requests() >= start + 3)
        await world.check_clean_after(tasks)


@pytest.mark.anyio
async def test_cancel_during_pagination_with_prefetch() -> None:
    async with _world() as world:
        world.emulator.add_operations(ASSISTANT, 300)
        world.emulator.faults.latency = (0.02, 0.05)
        tasks = len(anyio.get_running_tasks())
        seen: list[str] = []
        pager = world.pc.assistant(ASSISTANT).operations.list(page_size=10, prefetch=3)

        async def walk() -> None:
            async with pager:
                async for op in pager:
                    seen.append(op.id)

        # Cancel mid-walk, with prefetching producers in flight.
        await _cancel_when(walk, lambda: len(seen) >= 25)
        assert 25 <= len(seen) < 300
        await world.check_clean_after(tasks)


@pytest.mark.anyio
async def test_breaking_out_of_a_prefetching_pager_stops_its_fetches() -> None:
    async with _world() as world:
        world.emulator.add_operations(ASSISTANT, 300)
        world.emulator.faults.latency = (0.02, 0.05)
        tasks = len(anyio.get_running_tasks())
        pager = world.pc.assistant(ASSISTANT).operations.list(page_size=10, prefetch=3)
        with anyio.fail_after(5):
            async with pager:
                count = 0
                async for _ in pager:
                    count += 1
                    if count == 15:
                        break
        await world.check_clean_after(tasks)


@pytest.mark.anyio
async def test_an_upload_cancelled_mid_body_leaves_nothing_to_finalise() -> None:
    """trio warned (ResourceWarning) about httpx's half-iterated body generator."""
    started = anyio.Event()

    async def swallow_a_little(stream: anyio.abc.SocketStream) -> None:
        async with stream:
            received = 0
            while received < 256 * 1024:  # headers and the body's start, then stop reading
                received += len(await stream.receive())
            started.set()
            await anyio.sleep_forever()

    listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
    url = f"http://127.0.0.1:{listener.extra(anyio.abc.SocketAttribute.local_port)}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with listener, anyio.create_task_group() as server:
            server.start_soon(listener.serve, swallow_a_little)
            async with Pinecone(KEY, control_url=url, retry=RETRY) as pc:
                files = pc.assistant(ASSISTANT, host=url).files
                with anyio.fail_after(10):
                    async with anyio.create_task_group() as group:
                        group.start_soon(
                            partial(files.upload, b"x" * (32 * 1024 * 1024), file_name="big.bin")
                        )
                        await started.wait()
                        group.cancel_scope.cancel()
            server.cancel_scope.cancel()
        gc.collect()
        await anyio.lowlevel.checkpoint()  # run any finaliser gc scheduled
        gc.collect()
    assert started.is_set()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
