"""The ready-client fixtures and the in-process transport, as a user's own tests use them."""

from __future__ import annotations

import anyio
import httpx
import pytest

from awaitops import PollPolicy
from awaitops.chainloop import Chainloop
from awaitops.emulator import IN_PROCESS_URL, Emulator
from awaitops.pinecone import Pinecone

WAIT = PollPolicy(initial_interval=0.02, max_interval=0.1, timeout=20)


@pytest.mark.anyio
async def test_pinecone_fixture_is_ready(awaitops_pinecone: Pinecone) -> None:
    with anyio.fail_after(30):
        await awaitops_pinecone.assistants.create("docs", wait=True, poll=WAIT)
        docs = awaitops_pinecone.assistant("docs")
        op = await docs.files.upload(b"some notes\n", file_name="notes.txt")
        done = await op.wait(poll=WAIT)
    assert done.status == "Completed"


@pytest.mark.anyio
async def test_chainloop_fixture_is_ready(awaitops_chainloop: Chainloop) -> None:
    with anyio.fail_after(30):
        page = await awaitops_chainloop.operations.list(page_size=3).first_page()
    assert len(page.items) == 3


@pytest.mark.anyio
async def test_fixtures_share_the_per_test_emulator(
    awaitops_emulator: Emulator, awaitops_pinecone: Pinecone
) -> None:
    awaitops_emulator.add_assistant("seeded")
    with anyio.fail_after(10):
        assert (await awaitops_pinecone.assistants.get("seeded")).name == "seeded"


@pytest.mark.anyio
async def test_our_client_works_on_the_in_process_transport(awaitops_emulator: Emulator) -> None:
    """What the fixture's docstring suggests: no fake loopback URL needed."""
    with anyio.fail_after(30):
        async with (
            awaitops_emulator.client() as http,
            Pinecone(api_key="test-key", control_url=IN_PROCESS_URL, http_client=http) as pc,
        ):
            await pc.assistants.create("docs", wait=True, poll=WAIT)
            # The data-plane host the emulator reports is the in-process one too.
            assert [f async for f in pc.assistant("docs").files.list()] == []


@pytest.mark.parametrize(
    "url", ["http://api.pinecone.io", "http://emulator.awaitops.example", "http://10.0.0.8"]
)
def test_the_in_process_transport_vouches_only_for_its_own_host(
    awaitops_emulator: Emulator, url: str
) -> None:
    http = awaitops_emulator.client()
    with pytest.raises(ValueError, match="plain http"):
        Pinecone(api_key="test-key", control_url=url, http_client=http)
    with pytest.raises(ValueError, match="plain http"):
        Chainloop(token="test-token", base_url=url, http_client=http)


def test_a_mount_routing_elsewhere_is_not_trusted(awaitops_emulator: Emulator) -> None:
    remote = httpx.AsyncHTTPTransport()
    http = httpx.AsyncClient(
        base_url=IN_PROCESS_URL,
        transport=awaitops_emulator.transport(),
        mounts={IN_PROCESS_URL: remote},
    )
    with pytest.raises(ValueError, match="plain http"):
        Pinecone(api_key="test-key", control_url=IN_PROCESS_URL, http_client=http)


def test_a_mock_transport_is_not_trusted() -> None:
    http = httpx.AsyncClient(
        base_url="http://api.example.test",
        transport=httpx.MockTransport(lambda request: httpx.Response(200)),
    )
    with pytest.raises(ValueError, match="plain http"):
        Pinecone(api_key="test-key", control_url="http://api.example.test", http_client=http)
