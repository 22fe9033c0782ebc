"""The pipeline against a real HTTP server on 127.0.0.1 (sockets, timeouts, dropped links)."""

from __future__ import annotations

import json
import socket

import anyio
import pytest

from awaitops import ApiKeyAuth, ApiVersion, AsyncApiClient, BearerAuth, RetryPolicy
from awaitops.errors import ApiConnectionError, ApiError, ApiTimeoutError, NotFoundError

from ._support import FAST_RETRY, SECRET, LoopbackServer, error_body

pytestmark = [pytest.mark.anyio, pytest.mark.every_pool]

VERSION = ApiVersion("X-Pinecone-Api-Version", "2026-04")
OK = (200, {"Content-Type": "application/json"}, b'{"ok": true}')


def json_reply(status: int, body: object, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json", **headers}, json.dumps(body).encode()


async def test_headers_on_the_wire_and_retry_after_a_503() -> None:
    server = LoopbackServer(json_reply(503, {}, **{"Retry-After": "0.05"}), OK)
    with anyio.fail_after(10):
        async with server.running():
            client = AsyncApiClient(
                base_url=server.url + "/assistant",
                auth=ApiKeyAuth(SECRET, header="Api-Key"),
                api_version=VERSION,
                retry=FAST_RETRY,
            )
            async with client:
                response = await client.request("GET", "/assistants", params={"limit": 2})
    assert response.json() == {"ok": True}
    (m1, t1, h1), (_, _, h2) = server.requests
    assert (m1, t1) == ("GET", "/assistant/assistants?limit=2")
    assert h1["api-key"] == SECRET
    assert h1["x-pinecone-api-version"] == "2026-04"
    assert [h1["x-awaitops-retry-count"], h2["x-awaitops-retry-count"]] == ["0", "1"]
    assert h1["user-agent"].startswith("awaitops/")


async def test_dropped_connection_resent_for_get_not_for_post() -> None:
    server = LoopbackServer("drop", OK)
    with anyio.fail_after(10):
        async with (
            server.running(),
            AsyncApiClient(base_url=server.url, retry=FAST_RETRY) as client,
        ):
            assert (await client.request("GET", "/a")).status_code == 200
            server.requests.clear()
            server.steps = ("drop", OK)
            with pytest.raises(ApiConnectionError):
                await client.request("POST", "/a", json={"x": 1})
    assert len(server.requests) == 1


async def test_read_timeout_resent_for_get_not_for_post() -> None:
    server = LoopbackServer("hang")
    with anyio.fail_after(10):
        async with (
            server.running(),
            AsyncApiClient(base_url=server.url, retry=FAST_RETRY, timeout=0.2) as c,
        ):
            with pytest.raises(ApiTimeoutError):
                await c.request("GET", "/a", max_retries=1)
            assert len(server.requests) == 2
            with pytest.raises(ApiTimeoutError):
                await c.request("POST", "/a", max_retries=1)
    assert len(server.requests) == 3


async def test_refused_connection_is_retried_then_raised() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with anyio.fail_after(10):
        async with AsyncApiClient(base_url=f"http://127.0.0.1:{port}", retry=FAST_RETRY) as c:
            with pytest.raises(ApiConnectionError):
                await c.request("POST", "/a")
    assert c.stats.requests == 4
    assert c.stats.retries == 3


async def test_error_body_and_redirect_over_a_socket() -> None:
    server = LoopbackServer(
        json_reply(
            404, error_body("NOT_FOUND", "no such assistant", 404), **{"x-request-id": "r1"}
        ),
        (301, {"Location": "http://127.0.0.1:1/stolen"}, b""),
    )
    with anyio.fail_after(10):
        async with (
            server.running(),
            AsyncApiClient(base_url=server.url, auth=BearerAuth(SECRET)) as client,
        ):
            with pytest.raises(NotFoundError) as caught:
                await client.request("GET", "/v1/operations/x")
            with pytest.raises(ApiError) as redirected:
                await client.request("GET", "/v1/operations/y")
    assert (caught.value.message, caught.value.request_id) == ("no such assistant", "r1")
    assert redirected.value.status == 301
    assert len(server.requests) == 2
    assert server.requests[0][2]["authorization"] == f"Bearer {SECRET}"


async def test_deadline_across_attempts_over_a_socket() -> None:
    server = LoopbackServer("hang")
    policy = RetryPolicy(max_attempts=10, initial_delay=0.001)
    with anyio.fail_after(10):
        async with (
            server.running(),
            AsyncApiClient(base_url=server.url, retry=policy, timeout=0.15) as c,
        ):
            with pytest.raises(ApiTimeoutError):
                await c.request("GET", "/a", deadline=0.4)
    assert 2 <= len(server.requests) <= 3
