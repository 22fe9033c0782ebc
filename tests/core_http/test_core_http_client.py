"""AsyncApiClient: URLs, headers per API, auth, timeouts, copies, lifecycle, generated kwargs."""

from __future__ import annotations

import asyncio
import gc
import json
import weakref
from collections.abc import Callable
from functools import partial
from typing import Any

import httpx
import pytest
from awaitops_generated.pinecone_assistant_data.types import Request

from awaitops import (
    ApiKeyAuth,
    ApiVersion,
    AsyncApiClient,
    BearerAuth,
    RetryPolicy,
    __version__,
)
from awaitops.core import DEFAULT_TIMEOUT, NOT_GIVEN
from awaitops.errors import ApiError

from ._support import BASE_URL, SECRET, Script, mock_api

pytestmark = pytest.mark.anyio

ASSISTANTS = ApiVersion("X-Pinecone-Api-Version", "2026-04")
BACKUPS = ApiVersion("X-Pinecone-API-Version", "unstable")


async def test_paths_join_under_the_base_url_prefix() -> None:
    script = Script()
    async with mock_api(script, base_url="https://host.example.test/assistant/") as client:
        await client.request("GET", "/assistants/docs", params={"limit": 5})
        await client.request("GET", "files/docs")
    urls = [str(r.url) for r in script.requests]
    assert urls == [
        "https://host.example.test/assistant/assistants/docs?limit=5",
        "https://host.example.test/assistant/files/docs",
    ]


async def test_default_headers_user_agent_and_retry_count() -> None:
    script = Script()
    async with mock_api(script, default_headers={"X-Team": "search"}) as client:
        await client.request("GET", "/ping")
    headers = script.requests[0].headers
    assert headers["User-Agent"].startswith(f"awaitops/{__version__} ")
    assert headers["X-Team"] == "search"
    assert headers["X-Awaitops-Retry-Count"] == "0"
    assert headers["Accept"] == "application/json"


async def test_each_api_sends_its_own_version_header_over_one_shared_pool() -> None:
    script = Script()
    # The caller's pool has its own base URL, default headers and auth: none may leak.
    async with httpx.AsyncClient(
        transport=httpx.MockTransport(script),
        base_url="https://elsewhere.example.test",
        headers={"X-Pinecone-Api-Version": "1999-01", "Authorization": "Bearer other"},
        auth=("user", "pass"),
        follow_redirects=True,
    ) as http:
        auth = ApiKeyAuth(SECRET, header="Api-Key")
        assistants = AsyncApiClient(
            base_url="https://api.example.test/assistant",
            auth=auth,
            api_version=ASSISTANTS,
            http_client=http,
        )
        backups = assistants.with_options(base_url="https://api.example.test", api_version=BACKUPS)
        async with assistants, backups:
            await assistants.request("GET", "/assistants")
            await backups.request("GET", "/backup-schedules/s1/history")
            await assistants.request("GET", "/assistants/docs")
        assert not http.is_closed
    first, second, third = (r.headers for r in script.requests)
    assert first.get_list("x-pinecone-api-version") == ["2026-04"]
    assert second.get_list("x-pinecone-api-version") == ["unstable"]
    assert third.get_list("x-pinecone-api-version") == ["2026-04"]
    for headers in (first, second, third):
        assert headers["Api-Key"] == SECRET
        assert "authorization" not in headers
    assert all(r.url.host == "api.example.test" for r in script.requests)


async def test_version_header_overridable_per_call_case_insensitively() -> None:
    script = Script()
    async with mock_api(script, api_version=ASSISTANTS) as client:
        await client.request("GET", "/a", extra_headers={"x-pinecone-api-version": "2025-10"})
        await client.request("GET", "/a")
    assert script.requests[0].headers.get_list("X-Pinecone-Api-Version") == ["2025-10"]
    assert script.requests[1].headers.get_list("X-Pinecone-Api-Version") == ["2026-04"]


async def test_bearer_auth_header() -> None:
    script = Script()
    async with mock_api(script, auth=BearerAuth(SECRET)) as client:
        await client.request("GET", "/v1/operations")
    assert script.requests[0].headers["Authorization"] == f"Bearer {SECRET}"


async def test_api_key_auth_custom_header() -> None:
    script = Script()
    async with mock_api(script, auth=ApiKeyAuth(SECRET, header="X-Api-Key")) as client:
        await client.request("GET", "/x")
    assert script.requests[0].headers["X-Api-Key"] == SECRET
    assert "Api-Key" not in script.requests[0].headers


async def test_explicit_timeout_default_even_with_a_no_timeout_pool() -> None:
    script = Script()
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(script), timeout=None) as http,
        AsyncApiClient(base_url=BASE_URL, http_client=http) as client,
    ):
        assert client.timeout == DEFAULT_TIMEOUT
        await client.request("GET", "/a")
        await client.request("GET", "/a", timeout=2.5)
        await client.with_options(timeout=httpx.Timeout(7.0)).request("GET", "/a")
    timeouts = [r.extensions["timeout"] for r in script.requests]
    assert timeouts[0] == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert timeouts[1] == httpx.Timeout(2.5).as_dict()
    assert timeouts[2] == httpx.Timeout(7.0).as_dict()


async def test_owned_pool_has_an_explicit_timeout_and_closes_with_the_client() -> None:
    client = AsyncApiClient(base_url=BASE_URL)
    copy = client.with_options(retry=RetryPolicy(max_attempts=1))
    async with client:
        assert client._http.timeout == DEFAULT_TIMEOUT
        async with copy:
            pass
        open_after_copy_closed = not client.is_closed
    assert open_after_copy_closed, "closing a copy must leave the shared pool open"
    assert (client.is_closed, copy.is_closed) == (True, True)


async def test_with_options_copies_without_mutating_and_shares_pool_and_stats() -> None:
    script = Script()
    async with mock_api(
        script, auth=ApiKeyAuth(SECRET, header="Api-Key"), api_version=ASSISTANTS
    ) as client:
        copy = client.with_options(
            api_version=None,
            auth=None,
            retry=RetryPolicy(max_attempts=2),
            default_headers={"X-Extra": "1"},
        )
        assert copy._http is client._http
        assert copy.stats is client.stats
        assert client.api_version == ASSISTANTS
        assert client.auth == ApiKeyAuth(SECRET, header="Api-Key")
        assert client.retry == RetryPolicy(initial_delay=0.001, max_delay=0.002)
        await copy.request("GET", "/a")
        await client.request("GET", "/a")
    copied, original = (r.headers for r in script.requests)
    assert "Api-Key" not in copied
    assert "X-Pinecone-Api-Version" not in copied
    assert copied["X-Extra"] == "1"
    assert original["Api-Key"] == SECRET
    assert "X-Extra" not in original
    assert client.stats.requests == 2


async def test_send_takes_a_generated_request() -> None:
    script = Script(httpx.Response(202, json={"id": "op-1"}))
    # What a generated endpoint module's request(...) returns.
    upload = Request(
        "POST",
        "/files/{assistant_name}",
        "/files/docs",
        params={"multimodal": "false"},
        headers={"X-Trace": "t1"},
        body_kind="multipart",
        body={"file": ("notes.txt", b"hello", "text/plain")},
    )
    put = Request("PUT", "/x/y", "/x/y", params={}, headers={}, body_kind="json", body={"a": 1})
    async with mock_api(script, api_version=ASSISTANTS) as client:
        response = await client.send(upload, extra_headers={"X-Call": "c"})
        await client.send(put)
    assert response.status_code == 202
    sent = script.requests[0]
    assert sent.method == "POST"
    assert str(sent.url) == f"{BASE_URL}/files/docs?multimodal=false"
    assert sent.headers["X-Trace"] == "t1"
    assert sent.headers["X-Call"] == "c"
    assert sent.headers["X-Pinecone-Api-Version"] == "2026-04"
    assert sent.headers["Content-Type"].startswith("multipart/form-data")
    assert b"hello" in sent.content
    assert json.loads(script.requests[1].content) == {"a": 1}


async def test_send_rejects_unknown_body_kinds() -> None:
    form = Request("POST", "/a", "/a", params={}, headers={}, body_kind="form", body={"c": "1"})
    script = Script()
    async with mock_api(script) as client:
        with pytest.raises(TypeError, match="form"):
            await client.send(form)
    assert script.requests == []


async def test_redirects_are_not_followed() -> None:
    script = Script(httpx.Response(302, headers={"Location": "https://evil.example.test/"}))
    async with mock_api(script, auth=ApiKeyAuth(SECRET, header="Api-Key")) as client:
        with pytest.raises(ApiError) as caught:
            await client.request("GET", "/a")
    assert caught.value.status == 302
    assert len(script.requests) == 1


@pytest.mark.parametrize(
    "url",
    ["http://api.example.test", "http://10.0.0.1:8080", "ftp://api.example.test"],
)
def test_credentials_refused_without_https(url: str) -> None:
    with pytest.raises(ValueError, match=r"https|http\(s\)"):
        AsyncApiClient(base_url=url, auth=ApiKeyAuth(SECRET, header="Api-Key"))


@pytest.mark.parametrize(
    "url", ["https://api.example.test", "http://127.0.0.1:8765", "http://localhost", "http://[::1]"]
)
def test_credentials_allowed_over_https_or_loopback(url: str) -> None:
    client = AsyncApiClient(base_url=url, auth=BearerAuth(SECRET))
    assert client.base_url == url


def test_plain_http_without_credentials_is_allowed() -> None:
    assert AsyncApiClient(base_url="http://api.example.test").base_url == "http://api.example.test"


def test_with_options_rechecks_https() -> None:
    client = AsyncApiClient(
        base_url="https://api.example.test", auth=ApiKeyAuth(SECRET, header="Api-Key")
    )
    with pytest.raises(ValueError, match="https"):
        client.with_options(base_url="http://api.example.test")


@pytest.mark.parametrize(
    "url", ["https://user:pw@api.example.test", "https://api.example.test/?a=1", "not a url"]
)
def test_bad_base_urls(url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        AsyncApiClient(base_url=url)


@pytest.mark.parametrize("bad", ["", " s3cr3t-v4lue", "s3cr3t-v4lue\n", "s3cr3t\r\nX-Injected: 1"])
def test_auth_rejects_malformed_secrets_without_echoing_them(bad: str) -> None:
    for make in (partial(ApiKeyAuth, header="Api-Key"), BearerAuth):
        with pytest.raises(ValueError, match="must") as caught:
            make(bad)
        if bad.strip():
            assert bad.strip() not in str(caught.value)


def test_reprs_hide_secrets() -> None:
    key, bearer = ApiKeyAuth(SECRET, header="Api-Key"), BearerAuth(SECRET)
    client = AsyncApiClient(base_url=BASE_URL, auth=key, api_version=ASSISTANTS)
    for obj in (key, bearer, client, client.with_options(auth=bearer)):
        assert SECRET not in repr(obj)
        assert SECRET not in str(obj)
    assert "Api-Key" in repr(key)
    assert repr(NOT_GIVEN) == "NOT_GIVEN"


@pytest.mark.parametrize("value", [0, -1.0])
def test_deadline_must_be_positive(value: float) -> None:
    with pytest.raises(ValueError, match="deadline"):
        AsyncApiClient(base_url=BASE_URL, deadline=value)


async def test_negative_max_retries_is_a_value_error_before_sending() -> None:
    script = Script()
    async with mock_api(script) as client:
        with pytest.raises(ValueError, match="max_retries"):
            await client.request("GET", "/a", max_retries=-1)
    assert script.requests == []


async def test_a_read_answer_is_freed_as_soon_as_its_caller_drops_it() -> None:
    """No reference cycle is left for the garbage collector (httpx's stream refers back to
    its response): a long walk would otherwise trigger a collection every few pages."""
    script = Script(httpx.Response(200, json={"ok": True}))
    async with mock_api(script) as client:
        response = await client.request("GET", "/thing", params={"page": "2"})
        assert response.json() == {"ok": True}
        assert response.is_closed
        await response.aclose()  # closing a read answer again is harmless
        gone = weakref.ref(response)
        gc.disable()
        try:
            del response
            assert gone() is None
        finally:
            gc.enable()


class _TimerCountingLoop(asyncio.SelectorEventLoop):
    """An asyncio loop counting the timers scheduled on it."""

    timers = 0

    def call_at(  # type: ignore[override]  # counts, then schedules as the loop does
        self, when: float, callback: Callable[..., object], *args: Any, **kwargs: Any
    ) -> asyncio.TimerHandle:
        self.timers += 1
        return super().call_at(when, callback, *args, **kwargs)


def test_reading_many_answers_in_one_task_schedules_no_timer_per_answer() -> None:
    """asyncio only: a timer per read, cancelled as the read ends, stays in the loop's heap
    until the loop next turns, and a walk over a transport that never waits never turns it:
    1,000 pages once left 1,000 timers behind (BENCHMARKS.md section 4's memory row)."""

    async def read_many() -> None:
        async with mock_api(Script(httpx.Response(200, json={"ok": True}))) as client:
            for _ in range(300):
                await client.request("GET", "/page")

    loop = _TimerCountingLoop()
    try:
        loop.run_until_complete(asyncio.wait_for(read_many(), 60))
    finally:
        loop.close()
    assert loop.timers < 10
