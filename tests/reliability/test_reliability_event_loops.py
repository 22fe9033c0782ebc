"""One client, several event loops: a client made at module level and used from two
``asyncio.run`` calls, from loops in three threads at once, and from a second ``trio.run``
works, each loop with a pool (and per-host limits) of its own; ``aclose()`` from any loop
is clean (#25). These tests run their own loops, so they are plain functions."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
import trio

from awaitops import ConcurrencyPolicy
from awaitops.emulator import Emulator
from awaitops.pinecone import Pinecone

KEY = "test-key"
TRANSPORTS = ["httpx", "aiohttp"]


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    emulator = Emulator()
    emulator.add_assistant("docs")
    with emulator.serving() as served:
        yield served


def _client(url: str, transport: str = "httpx") -> Pinecone:
    # One slot per host: concurrent calls queue in the host's lane.
    return Pinecone(
        KEY,
        control_url=url,
        transport=transport,  # type: ignore[arg-type]
        concurrency=ConcurrencyPolicy(max_in_flight=1),
    )


async def _use(pc: Pinecone) -> list[str]:
    names: list[str] = []

    async def get() -> None:
        names.append((await pc.assistants.get("docs")).name)

    with anyio.fail_after(30):
        async with anyio.create_task_group() as group:
            for _ in range(6):
                group.start_soon(get)
        await pc.assistant("docs").files.list().collect()
    return names


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_two_asyncio_runs(url: str, transport: str) -> None:
    pc = _client(url, transport)
    assert asyncio.run(_use(pc)) == ["docs"] * 6
    assert asyncio.run(_use(pc)) == ["docs"] * 6
    asyncio.run(pc.aclose())


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_loops_in_three_threads_at_once(url: str, transport: str) -> None:
    pc = _client(url, transport)
    results: list[Any] = []
    start = threading.Barrier(3, timeout=30)

    def run() -> None:
        async def main() -> list[str]:
            start.wait()
            return await _use(pc)

        try:
            results.append(asyncio.run(main()))
        except BaseException as exc:
            results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads)
    assert results == [["docs"] * 6] * 3, results
    # From yet another loop: the pools of the threads' finished loops are left alone.
    asyncio.run(pc.aclose())
    assert pc._client.is_closed


def test_trio_then_asyncio_then_trio(url: str) -> None:
    pc = _client(url)
    assert trio.run(_use, pc) == ["docs"] * 6
    assert asyncio.run(_use(pc)) == ["docs"] * 6
    assert trio.run(_use, pc) == ["docs"] * 6
    trio.run(pc.aclose)


def test_a_client_used_before_and_after_another_loop_closes_cleanly(url: str) -> None:
    async def twice(pc: Pinecone) -> None:
        await _use(pc)
        await pc.aclose()

    pc = _client(url)
    asyncio.run(_use(pc))
    asyncio.run(twice(pc))
