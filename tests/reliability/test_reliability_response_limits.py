"""An answer that never ends, or trickles, is cut off by a size cap and a total read time,
each with ResponseLimitError naming the limit; both are set on the client, in a vendor
client's options, or per call (#25)."""

from __future__ import annotations

import tracemalloc

import anyio
import pytest

from awaitops import AsyncApiClient, RetryPolicy
from awaitops.core._client import DEFAULT_MAX_RESPONSE_BYTES
from awaitops.emulator import Emulator
from awaitops.errors import ApiConnectionError, ResponseLimitError
from awaitops.pinecone import Pinecone

from ._hostile import Answer, Seen, chunked_head, http, serve_hostile

pytestmark = pytest.mark.every_pool

RETRY = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.02)
BLOCK = b"x" * 65536


def _endless(seen: Seen) -> Answer:
    return Answer(chunked_head(), endless=BLOCK)


def _trickle(seen: Seen) -> Answer:
    return Answer(chunked_head(), endless=b"x", pace=0.02)


def _ten_kilobytes(seen: Seen) -> Answer:
    return Answer(http(200, b'"' + b"x" * 10_000 + b'"'))


def test_the_error_is_a_connection_error() -> None:
    assert issubclass(ResponseLimitError, ApiConnectionError)


@pytest.mark.anyio
async def test_an_endless_body_is_cut_at_the_default_size_cap_and_not_retried() -> None:
    async with (
        serve_hostile(_endless) as server,
        AsyncApiClient(base_url=server.url, retry=RETRY) as client,
    ):
        with anyio.fail_after(60), pytest.raises(ResponseLimitError) as info:
            await client.request("GET", "/endless", timeout=2)
    assert (info.value.limit, info.value.value) == (
        "max_response_bytes",
        DEFAULT_MAX_RESPONSE_BYTES,
    )
    assert "max_response_bytes" in str(info.value)
    assert len(server.seen) == 1


@pytest.mark.anyio
async def test_an_endless_body_does_not_grow_memory_past_the_cap() -> None:
    cap = 1024 * 1024
    async with (
        serve_hostile(_endless) as server,
        AsyncApiClient(base_url=server.url, retry=RETRY, max_response_bytes=cap) as client,
    ):
        tracemalloc.start()
        try:
            with anyio.fail_after(30), pytest.raises(ResponseLimitError):
                await client.request("GET", "/endless")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    # The body read so far, joined once, and little else: nothing near what was sent.
    assert peak < 8 * cap, peak


@pytest.mark.anyio
async def test_a_trickling_body_is_cut_at_the_read_time() -> None:
    async with (
        serve_hostile(_trickle) as server,
        AsyncApiClient(base_url=server.url, retry=RETRY, max_read_time=0.5) as client,
    ):
        started = anyio.current_time()
        with anyio.fail_after(20), pytest.raises(ResponseLimitError) as info:
            await client.request("GET", "/trickle")
        took = anyio.current_time() - started
    assert (info.value.limit, info.value.value) == ("max_read_time", 0.5)
    assert "max_read_time" in str(info.value)
    assert 0.5 <= took < 15
    assert len(server.seen) == 1


@pytest.mark.anyio
async def test_a_read_after_a_quick_one_gets_its_own_whole_read_time() -> None:
    # Under asyncio one timer serves a task's reads: set for the quick read's 0.3 s, it must
    # move on to the trickling read's own deadline when due, not cut it at 0.3 s.
    def answer(seen: Seen) -> Answer:
        return _trickle(seen) if seen.target == "/trickle" else _ten_kilobytes(seen)

    async with (
        serve_hostile(answer) as server,
        AsyncApiClient(base_url=server.url, retry=RETRY) as client,
    ):
        with anyio.fail_after(20):
            await client.request("GET", "/a", max_read_time=0.3)
            started = anyio.current_time()
            with pytest.raises(ResponseLimitError) as info:
                await client.request("GET", "/trickle", max_read_time=1.0)
        took = anyio.current_time() - started
    assert (info.value.limit, info.value.value) == ("max_read_time", 1.0)
    assert took >= 1.0


@pytest.mark.anyio
async def test_limits_are_set_per_call_and_per_copy() -> None:
    async with (
        serve_hostile(_ten_kilobytes) as server,
        AsyncApiClient(base_url=server.url, retry=RETRY, max_response_bytes=1000) as client,
    ):
        with anyio.fail_after(20):
            with pytest.raises(ResponseLimitError, match="max_response_bytes=1000"):
                await client.request("GET", "/a")
            assert (
                len((await client.request("GET", "/b", max_response_bytes=None)).content) > 10_000
            )
            roomy = client.with_options(max_response_bytes=20_000)
            assert roomy.max_response_bytes == 20_000
            await roomy.request("GET", "/c")
            with pytest.raises(ResponseLimitError):
                await roomy.request("GET", "/d", max_response_bytes=100)
            # Other per-call options leave the client's limits in place.
            with pytest.raises(ResponseLimitError):
                await client.request("GET", "/e", timeout=5)


@pytest.mark.anyio
async def test_a_vendor_client_takes_the_limits_in_its_options_and_per_call() -> None:
    emulator = Emulator()
    for index in range(20):
        emulator.add_assistant(f"docs-{index}")
    async with emulator.serve() as url:
        async with Pinecone("test-key", control_url=url, max_response_bytes=200) as pc:
            with anyio.fail_after(20), pytest.raises(ResponseLimitError):
                await pc.assistants.list().collect()
        async with Pinecone("test-key", control_url=url) as pc:
            with anyio.fail_after(20), pytest.raises(ResponseLimitError):
                await pc.assistants.get("docs-1", max_response_bytes=10)
            assert (await pc.assistants.get("docs-1")).name == "docs-1"


@pytest.mark.parametrize(
    "limits",
    [{"max_response_bytes": 0}, {"max_response_bytes": 1.5}, {"max_read_time": 0}],
)
def test_bad_limits_are_refused(limits: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(limits))):
        AsyncApiClient(base_url="http://127.0.0.1:9", **limits)  # type: ignore[arg-type]


@pytest.mark.anyio
async def test_a_cap_without_a_read_time_still_cuts_an_endless_body() -> None:
    async with (
        serve_hostile(_endless) as server,
        AsyncApiClient(
            base_url=server.url, retry=RETRY, max_response_bytes=200_000, max_read_time=None
        ) as client,
    ):
        with anyio.fail_after(30), pytest.raises(ResponseLimitError) as info:
            await client.request("GET", "/endless")
    assert (info.value.limit, info.value.value) == ("max_response_bytes", 200_000)


@pytest.mark.anyio
async def test_a_caller_cancelling_a_read_in_progress_is_cancelled_not_cut() -> None:
    """The read limits claim only their own cancellations: a caller's scope ending during a
    trickling body cancels the call (no ResponseLimitError), and the client goes on."""
    async with (
        serve_hostile(_trickle) as server,
        AsyncApiClient(base_url=server.url, retry=RETRY, max_read_time=30) as client,
    ):
        with anyio.move_on_after(0.3) as scope:
            await client.request("GET", "/trickle")
        assert scope.cancelled_caught
        with anyio.fail_after(20), pytest.raises(ResponseLimitError, match="max_read_time"):
            await client.request("GET", "/trickle", max_read_time=0.2)
        with pytest.raises(TimeoutError):
            with anyio.fail_after(0.3):
                await client.request("GET", "/trickle")
