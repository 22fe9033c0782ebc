"""Data plane host resolution, caching, re-resolution, and each API's version header."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest
from _specs import ASSISTANT_VERSION, BACKUPS_VERSION, DATA_VERSION

from awaitops.emulator import Emulator
from awaitops.errors import AwaitopsError, NotFoundError
from awaitops.pinecone import Pinecone

from ._support import KEY, Recorder, assistant_json, client, error_json, json_response, requests_to

CONTROL = "https://api.pinecone.io"
OPS: dict[str, Any] = {"operations": [], "pagination": None}


class MovingAssistant:
    """A control plane whose assistant ``docs`` lives on ``self.host``; every data host
    but that one answers 404."""

    def __init__(self, host: str) -> None:
        self.host = host

    def __call__(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if url.startswith(CONTROL + "/assistant/assistants/"):
            return json_response(200, assistant_json("docs", self.host))
        if url.startswith(self.host + "/assistant/operations/docs"):
            return json_response(200, OPS)
        return json_response(404, error_json(404, "NOT_FOUND", "Assistant not found"))


@pytest.mark.anyio
async def test_host_is_looked_up_once_and_shared_per_client(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    awaitops_emulator.add_assistant("docs")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            async with anyio.create_task_group() as tg:
                for _ in range(5):
                    tg.start_soon(pc.assistant("docs").operations.list().collect)
            await pc.assistant("docs").files.list().collect()
            lookups = requests_to(awaitops_emulator, "GET", "/assistant/assistants/docs")
            assert len(lookups) == 1
        async with client(awaitops_emulator_url) as other:
            await other.assistant("docs").files.list().collect()
    assert len(requests_to(awaitops_emulator, "GET", "/assistant/assistants/docs")) == 2


@pytest.mark.anyio
async def test_given_host_skips_the_lookup(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    awaitops_emulator.add_assistant("docs")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            docs = pc.assistant("docs", host=awaitops_emulator_url + "/")
            await docs.operations.list().collect()
    assert requests_to(awaitops_emulator, "GET", "/assistant/assistants") == []


@pytest.mark.anyio
async def test_cached_host_answering_404_is_resolved_again() -> None:
    control = MovingAssistant("https://old-data.example")
    recorder = Recorder(control)
    async with recorder.http_client() as http:
        pc = Pinecone(KEY, http_client=http)
        docs = pc.assistant("docs")
        with anyio.fail_after(5):
            await docs.operations.list().collect()
            control.host = "https://new-data.example"
            assert await docs.operations.list().collect() == []
            # The new host is cached: the next call goes straight there.
            await docs.operations.list().collect()
    assert recorder.urls() == [
        f"GET {CONTROL}/assistant/assistants/docs",
        "GET https://old-data.example/assistant/operations/docs",
        "GET https://old-data.example/assistant/operations/docs",
        f"GET {CONTROL}/assistant/assistants/docs",
        "GET https://new-data.example/assistant/operations/docs",
        "GET https://new-data.example/assistant/operations/docs",
    ]


@pytest.mark.anyio
async def test_a_404_from_an_unmoved_host_is_raised_after_one_lookup() -> None:
    control = MovingAssistant("https://data.example")
    recorder = Recorder(control)
    async with recorder.http_client() as http:
        pc = Pinecone(KEY, http_client=http)
        with anyio.fail_after(5), pytest.raises(NotFoundError):
            await pc.assistant("docs").files.get("missing")
    assert recorder.urls() == [
        f"GET {CONTROL}/assistant/assistants/docs",
        "GET https://data.example/assistant/files/docs/missing",
        f"GET {CONTROL}/assistant/assistants/docs",
    ]


@pytest.mark.anyio
async def test_a_given_host_is_never_re_resolved() -> None:
    recorder = Recorder(MovingAssistant("https://data.example"))
    async with recorder.http_client() as http:
        pc = Pinecone(KEY, http_client=http)
        docs = pc.assistant("docs", host="https://elsewhere.example")
        with anyio.fail_after(5), pytest.raises(NotFoundError):
            await docs.operations.list().collect()
    assert recorder.urls() == ["GET https://elsewhere.example/assistant/operations/docs"]


@pytest.mark.anyio
async def test_host_without_scheme_means_https() -> None:
    recorder = Recorder(MovingAssistant("https://prod-1-data.ke.pinecone.io"))
    async with recorder.http_client() as http:
        pc = Pinecone(KEY, http_client=http)
        with anyio.fail_after(5):
            await (
                pc.assistant("docs", host="prod-1-data.ke.pinecone.io").operations.list().collect()
            )
    assert recorder.urls() == ["GET https://prod-1-data.ke.pinecone.io/assistant/operations/docs"]


@pytest.mark.anyio
@pytest.mark.parametrize("reported", ["http://data.example", "", "ftp://data.example"])
async def test_a_reported_host_that_is_not_https_or_loopback_is_refused(reported: str) -> None:
    recorder = Recorder(MovingAssistant(reported))
    async with recorder.http_client() as http:
        pc = Pinecone(KEY, http_client=http)
        with anyio.fail_after(5), pytest.raises(AwaitopsError, match="host"):
            await pc.assistant("docs").operations.list().collect()
    # Only the lookup went out: the key never travelled to that host.
    assert recorder.urls() == [f"GET {CONTROL}/assistant/assistants/docs"]


@pytest.mark.anyio
async def test_each_api_gets_its_version_header_and_the_key() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith("/assistant/assistants/"):
            return json_response(200, assistant_json("docs", "https://data.example"))
        if path.startswith("/backup-schedules/"):
            return json_response(200, {"data": [], "pagination": None})
        if path.startswith("/assistant/files/"):
            return json_response(200, {"files": []})
        return json_response(200, OPS)

    recorder = Recorder(route)
    async with recorder.http_client() as http:
        pc = Pinecone("secret-key", http_client=http)
        with anyio.fail_after(5):
            await pc.assistants.get("docs")
            await pc.assistant("docs").operations.list().collect()
            await pc.assistant("docs").files.list().collect()
            await pc.backup_schedules.history("sched").collect()
    versions = [
        (r.url.path, r.headers.get_list("x-pinecone-api-version"), r.headers["api-key"])
        for r in recorder.seen
    ]
    assert versions == [
        ("/assistant/assistants/docs", [ASSISTANT_VERSION], "secret-key"),
        ("/assistant/assistants/docs", [ASSISTANT_VERSION], "secret-key"),  # the host lookup
        ("/assistant/operations/docs", [DATA_VERSION], "secret-key"),
        ("/assistant/files/docs", [DATA_VERSION], "secret-key"),
        ("/backup-schedules/sched/history", [BACKUPS_VERSION], "secret-key"),
    ]


@pytest.mark.anyio
async def test_the_emulator_accepts_every_api_version_header(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    # The emulator answers 400 to a missing or wrong version header, so success here means
    # each API's requests carried the right one over a real socket.
    awaitops_emulator.add_assistant("docs")
    seen: list[tuple[str, str]] = []

    async def record(request: httpx.Request) -> None:
        seen.append((request.url.path, request.headers["x-pinecone-api-version"]))

    with anyio.fail_after(20):
        hooked = httpx.AsyncClient(event_hooks={"request": [record]})
        async with hooked as http, client(awaitops_emulator_url, http_client=http) as pc:
            await pc.assistant("docs").files.upload(b"x", file_name="x.txt")
            await pc.backup_schedules.history("sched-demo", page_size=5).first_page()
    assert seen == [
        ("/assistant/assistants/docs", ASSISTANT_VERSION),
        ("/assistant/files/docs", DATA_VERSION),
        ("/backup-schedules/sched-demo/history", BACKUPS_VERSION),
    ]
    assert all(r.status < 400 for r in awaitops_emulator.requests)
