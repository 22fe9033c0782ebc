"""A closed client raises our typed error at once: a call made after ``aclose()``, and a
wait (or watch, or wait_all) polling through the client when another task closes it,
which must not sleep on until its next poll (#25)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import pytest

from awaitops import PollPolicy, RetryPolicy
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.errors import AwaitopsError, ClientClosedError
from awaitops.pinecone import Pinecone

pytestmark = pytest.mark.every_pool

KEY = "test-key"
# Polls far apart: a wait that learns of the close only at its next poll takes 30 s.
SLOW = PollPolicy(initial_interval=30, max_interval=30, timeout=120)


def test_the_error_is_ours_and_a_runtime_error() -> None:
    assert issubclass(ClientClosedError, AwaitopsError)
    assert issubclass(ClientClosedError, RuntimeError)


@pytest.mark.anyio
async def test_a_call_on_a_closed_client_raises_at_once() -> None:
    emulator = Emulator(EmulatorConfig(assistant_ready_seconds=(0.0, 0.0)))
    emulator.add_assistant("docs")
    async with emulator.serve() as url:
        pc = Pinecone(KEY, control_url=url, retry=RetryPolicy(max_attempts=1))
        docs = pc.assistant("docs")
        await docs.files.list().collect()
        await pc.aclose()
        with anyio.fail_after(5):
            with pytest.raises(ClientClosedError, match="closed"):
                await pc.assistants.get("docs")
            with pytest.raises(ClientClosedError):
                await docs.files.list().collect()


def _waits(pc: Pinecone, op_id: str) -> dict[str, Callable[[], Awaitable[Any]]]:
    ops = pc.assistant("docs").operations

    async def watching() -> None:
        async for _ in ops.watch(op_id, poll=SLOW):
            pass

    async def waiting_all() -> None:
        async for _ in ops.wait_all([op_id], poll=SLOW):
            pass

    return {
        "wait": lambda: ops.wait(op_id, poll=SLOW),
        "watch": watching,
        "wait_all": waiting_all,
    }


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["wait", "watch", "wait_all"])
async def test_a_wait_whose_client_another_task_closes_ends_at_once(kind: str) -> None:
    # Operations that never finish within the test.
    emulator = Emulator(EmulatorConfig(op_seconds=(600.0, 600.0)))
    emulator.add_assistant("docs")
    errors: list[BaseException] = []
    async with emulator.serve() as url:
        pc = Pinecone(KEY, control_url=url, retry=RetryPolicy(max_attempts=1))
        op = await pc.assistant("docs").files.upload(b"x", file_name="a.txt")
        wait = _waits(pc, op.id)[kind]
        polled = anyio.Event()
        pc.hooks.on_poll(lambda _: polled.set())
        polled = anyio.Event()
        pc.hooks.on_poll(lambda _: polled.set())

        async def run() -> None:
            try:
                await wait()
            except BaseException as exc:
                errors.append(exc)

        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                group.start_soon(run)
                # Let the wait poll once and fall asleep until the next poll.
                await polled.wait()
                await anyio.sleep(0.05)
                started = anyio.current_time()
                await pc.aclose()
        assert anyio.current_time() - started < 5
    [error] = errors
    assert isinstance(error, ClientClosedError), repr(error)
