"""Nothing below the SDK re-sends a request: whether to send again, and how to reconcile a
change whose answer was lost, is decided by the client alone, on both connection pools
(#25). aiohttp re-sends an idempotent request by itself when a kept-alive connection
closes before answering; httpx's pool never does."""

from __future__ import annotations

import anyio
import pytest

from awaitops import AsyncApiClient, RetryPolicy
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.errors import ApiConnectionError
from awaitops.pinecone import Operation, Pinecone

from ._hostile import Answer, Seen, http, serve_cutting_proxy, serve_hostile

pytestmark = pytest.mark.every_pool

KEY = "test-key"
RETRY = RetryPolicy(max_attempts=4, initial_delay=0.005, max_delay=0.02)


def _warm_then_silent(seen: Seen) -> Answer:
    """A kept-alive 200 for /warm; any other request is read, then the connection closes."""
    if seen.target == "/warm":
        return Answer(http(200, "{}", keep_alive=True), keep=True)
    return Answer(b"")


@pytest.mark.anyio
@pytest.mark.parametrize("method", ["GET", "DELETE", "PUT"])
async def test_a_call_without_retries_is_sent_exactly_once(method: str) -> None:
    async with (
        serve_hostile(_warm_then_silent) as server,
        AsyncApiClient(base_url=server.url, retry=RETRY) as client,
    ):
        with anyio.fail_after(10):
            await client.request("GET", "/warm")
            with pytest.raises(ApiConnectionError):
                await client.request(method, "/once", max_retries=0)
    assert [s.target for s in server.seen] == ["/warm", "/once"]


@pytest.mark.anyio
async def test_a_delete_applied_then_unanswered_returns_its_operation() -> None:
    emulator = Emulator(EmulatorConfig(op_seconds=(0.0, 0.0), assistant_ready_seconds=(0.0, 0.0)))
    emulator.add_assistant("docs")
    cut: list[Seen] = []

    def first_delete(seen: Seen) -> bool:
        if seen.method == "DELETE" and not cut:
            cut.append(seen)
            return True
        return False

    with anyio.fail_after(20):
        async with (
            emulator.serve() as upstream,
            serve_cutting_proxy(upstream, first_delete) as proxy,
            Pinecone(KEY, control_url=proxy.url, retry=RETRY) as pc,
        ):
            files = pc.assistant("docs").files
            made = await files.upload(b"bye", file_name="bye.txt")
            assert made.file_id is not None
            deleting = await files.delete(made.file_id)
            assert isinstance(deleting, Operation)
            assert (deleting.operation_type, deleting.file_id) == ("delete_file", made.file_id)
    assert cut, "the delete was never cut"
