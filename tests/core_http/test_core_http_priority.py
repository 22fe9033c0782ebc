"""A watcher's polls give way to calls that change state, on one host's lane: they queue
behind every other caller and leave a quarter of the slots free. Counts and order only."""

from __future__ import annotations

import math
from collections.abc import Callable

import anyio
import anyio.lowlevel
import httpx
import pytest

from awaitops import ClientStats, ConcurrencyPolicy, PollPolicy, wait
from awaitops.core._priority import is_polling, polling
from awaitops.core._throttle import Lane

pytestmark = pytest.mark.anyio


def kinds(paths: list[str]) -> list[str]:
    return [path.split("/")[1] for path in paths]


async def settle(condition: Callable[[], bool]) -> None:
    """Let every task run until ``condition`` holds, and on until nothing more moves."""
    with anyio.fail_after(5):
        while not condition():  # a condition on state, not an event
            await anyio.lowlevel.checkpoint()
    for _ in range(20):
        await anyio.lowlevel.checkpoint()


async def test_polls_queue_behind_uploads_and_keep_a_quarter_of_the_slots_free() -> None:
    started: list[str] = []
    release, released = anyio.create_memory_object_stream[None](100)

    async def handler(request: httpx.Request) -> httpx.Response:
        started.append(request.url.path)
        await released.receive()
        return httpx.Response(200)

    lane = Lane(None, ConcurrencyPolicy(4), None, ClientStats())
    async with release, released, httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:

        async def call(path: str) -> None:
            def request() -> httpx.Request:
                return http.build_request("GET", "https://host.test" + path)

            if path.startswith("/poll"):
                with polling():
                    await lane.send(http, request, math.inf, None)
            else:
                await lane.send(http, request, math.inf, None)

        async with anyio.create_task_group() as tg:
            for n in range(6):
                tg.start_soon(call, f"/poll/{n}")
            await settle(lambda: len(started) >= 3)
            # Three polls in flight, three waiting: the fourth slot stays free for an upload.
            assert kinds(started) == ["poll"] * 3
            assert lane.waiting == 3
            tg.start_soon(call, "/upload/0")
            await settle(lambda: len(started) >= 4)
            tg.start_soon(call, "/upload/1")
            tg.start_soon(call, "/upload/2")
            await settle(lambda: lane.waiting == 5)
            # One answer at a time: each freed slot goes to an upload while one waits.
            for _ in range(9):
                await release.send(None)
                await settle(lambda: True)
    # Tasks start in no set order (trio shuffles them): only the kinds' order counts.
    assert kinds(started) == ["poll"] * 3 + ["upload"] * 3 + ["poll"] * 3


async def test_watchers_send_their_polls_as_polls_and_nothing_else_does() -> None:
    seen: list[bool] = []

    async def poll() -> str:
        seen.append(is_polling())
        return "done" if len(seen) > 1 else "running"

    fast = PollPolicy(initial_interval=0.01, max_interval=0.01)
    with anyio.fail_after(5):
        assert (
            await wait(
                poll, is_terminal=lambda s: s == "done", is_failed=lambda s: False, policy=fast
            )
            == "done"
        )
    assert seen == [True, True]
    assert not is_polling()
