"""Secrets: every public call, at DEBUG logging, with failures injected; the API key and the
bearer token appear in no log record, repr, str, exception or traceback. Credentials are never
sent over plain http to a host that is not loopback."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import httpx
import pytest

from awaitops import PollPolicy, RetryPolicy
from awaitops.chainloop import Chainloop
from awaitops.core._aiohttp import AiohttpTransport
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.errors import AwaitopsError
from awaitops.pinecone import Pinecone

from ._endpoints import ENDPOINTS, Endpoint, valid_body
from ._hostile import Answer, Seen, http, serve_hostile

KEY = "pcsk_S3CRET-key-9f8e7d6c5b4a"
TOKEN = "cltok_S3CRET-token-0a1b2c3d4e"
SECRETS = (KEY, TOKEN, "S3CRET")
RETRY = RetryPolicy(max_attempts=3, initial_delay=0.001, max_delay=0.01, retry_after_cap=2.0)
POLL = PollPolicy(initial_interval=0.02, max_interval=0.05, timeout=2.0)
NAME = "secret-a"


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def _exception_texts(exc: BaseException) -> list[str]:
    texts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    for link in (exc.__cause__, exc.__context__):
        if link is not None:
            texts += [str(link), repr(link), repr(vars(link))]
    texts.append(repr(vars(exc)))
    return texts


def _record_texts(record: logging.LogRecord) -> list[str]:
    texts = [record.getMessage(), repr(record.args), repr(vars(record))]
    if record.exc_info and record.exc_info[1] is not None:
        texts += _exception_texts(record.exc_info[1])
    return texts


def _workload(
    pc: Pinecone, cl: Chainloop, bad_pc: Pinecone, bad_cl: Chainloop
) -> list[Callable[[], Awaitable[Any]]]:
    data = pc.assistant(NAME)

    async def upload_and_follow() -> Any:
        op = await data.files.upload(b"hello", file_name="a.txt", metadata={"k": "v"})
        snapshots = [snapshot async for snapshot in op.watch(poll=POLL)]
        done = [d async for d in data.operations.wait_all([op.id], poll=POLL)]
        return [op, await op.wait(poll=POLL), await op.refresh(), snapshots, done]

    async def upsert_get_delete() -> Any:
        op = await data.files.upsert("file-1", b"hello", file_name="b.md")
        await data.operations.wait(op.id, poll=POLL)
        return [op, await data.files.get("file-1"), await data.files.delete("file-1")]

    async def chainloop_calls() -> Any:
        listed = await cl.operations.list(page_size=5).collect()
        first = listed[0].id
        return [
            listed,
            await cl.operations.get(first),
            [s async for s in cl.operations.watch(first, poll=POLL)],
            await cl.operations.wait(first, poll=POLL),
        ]

    return [
        lambda: pc.assistants.create(
            NAME, instructions="hi", metadata={"a": 1}, wait=True, poll=POLL
        ),
        lambda: pc.assistants.get(NAME),
        lambda: pc.assistants.update(NAME, instructions="new"),
        lambda: pc.assistants.list(page_size=1).collect(),
        lambda: pc.assistants.wait_until_ready(NAME, poll=POLL),
        upload_and_follow,
        upsert_get_delete,
        lambda: data.files.list(filter={"k": "v"}).collect(),
        lambda: data.operations.list(page_size=2, prefetch=2).collect(),
        lambda: pc.backup_schedules.history("sched-demo", page_size=20, max_items=40).collect(),
        chainloop_calls,
        lambda: pc.assistants.get("missing-one"),
        lambda: bad_pc.assistants.get(NAME),
        lambda: bad_cl.operations.list().collect(),
        lambda: pc.assistants.delete(NAME, wait=True, poll=POLL),
    ]


@pytest.mark.anyio
async def test_no_secret_in_logs_reprs_or_errors_with_faults(
    caplog: pytest.LogCaptureFixture,
) -> None:
    emulator = Emulator(
        EmulatorConfig(
            api_key=KEY,
            chainloop_token=TOKEN,
            seed=7,
            op_seconds=(0.05, 0.2),
            assistant_ready_seconds=(0.05, 0.1),
            assistant_delete_seconds=(0.05, 0.1),
            chainloop_operations=5,
            chainloop_pending_seconds=(0.01, 0.05),
            chainloop_running_seconds=(0.05, 0.1),
            fault_rate=0.25,
            drop_rate=0.05,
            malformed_rate=0.05,
        )
    )
    texts: list[str] = []
    errors: list[BaseException] = []
    caplog.set_level(logging.DEBUG)
    with anyio.fail_after(60):
        async with emulator.serve("127.0.0.1", 0) as url:
            # Scripted failures on top of the random ones, so every API meets some.
            emulator.faults.script("GET /assistant/*", [503, 429, "drop", 500, "malformed"])
            emulator.faults.script("GET /backup-schedules/*", [503, 429])
            emulator.faults.script("GET /v1/*", [500, "drop"])
            options: dict[str, Any] = {"retry": RETRY, "timeout": 5.0}
            async with (
                Pinecone(KEY, control_url=url, **options) as pc,
                Chainloop(TOKEN, base_url=url, **options) as cl,
                Pinecone("pcsk_S3CRET-wrong", control_url=url, **options) as bad_pc,
                Chainloop("cltok_S3CRET-wrong", base_url=url, **options) as bad_cl,
            ):
                for call in _workload(pc, cl, bad_pc, bad_cl):
                    try:
                        result = await call()
                    except AwaitopsError as exc:
                        errors.append(exc)
                    else:
                        texts += [repr(result), str(result)]
                for thing in (pc, cl, bad_pc, pc.assistant(NAME), pc.assistants.list(), RETRY):
                    texts += [repr(thing), str(thing)]
                texts += [repr(vars(pc)), repr(pc._client), repr(pc._client.auth)]

    assert len(errors) >= 3, errors  # 404, and both wrong credentials, at least
    for error in errors:
        texts += _exception_texts(error)
    records = caplog.records
    assert any(r.name == "awaitops" for r in records), "DEBUG logging produced nothing"
    for record in records:
        texts += _record_texts(record)
    assert emulator.faults.pending == 0, "some scripted failures were never met"
    leaked = [text[:300] for text in texts if _leaks(text)]
    assert not leaked, leaked


@pytest.mark.anyio
async def test_a_server_echoing_the_credential_does_not_put_it_in_our_errors() -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        credential = request.headers.get("api-key") or request.headers.get("authorization", "")
        body = {
            "error": {"code": "UNAUTHENTICATED", "message": f"bad key {credential}"},
            "key": credential,
        }
        return httpx.Response(401, json=body, headers={"x-request-id": credential})

    async with httpx.AsyncClient(transport=httpx.MockTransport(echo)) as http:
        pc = Pinecone(KEY, control_url="https://api.example.test", http_client=http)
        cl = Chainloop(TOKEN, base_url="https://api.example.test", http_client=http)
        caught: list[BaseException] = []
        for call in (lambda: pc.assistants.get("a1"), lambda: cl.operations.get("op")):
            with pytest.raises(AwaitopsError) as info:
                await call()
            caught.append(info.value)
    for error in caught:
        leaked = [text for text in _exception_texts(error) if _leaks(text)]
        assert not leaked, leaked


REMOTE_PLAIN_HTTP = [
    "http://api.pinecone.io",
    "http://10.0.0.8",
    "http://192.168.1.20:8080",
    "http://localhost.example.com",
    "http://127.0.0.1.nip.io",
]


@pytest.mark.parametrize("url", REMOTE_PLAIN_HTTP)
def test_credentials_refused_for_plain_http_remote_hosts(url: str) -> None:
    for make in (lambda: Pinecone(KEY, control_url=url), lambda: Chainloop(TOKEN, base_url=url)):
        with pytest.raises(ValueError, match="plain http") as info:
            make()
        assert not _leaks(str(info.value))


# A credential in a URL we were given: ours (registered), or one we know nothing of.
OTHER = "othersecret-5e6f"
URLS_WITH_CREDENTIALS = [
    f"http://127.0.0.1:9/?api_key={KEY}",
    f"https://h.example.test/?token={OTHER}&x=1",
    f"http://127.0.0.1:9/v1?{OTHER}",
    f"ftp://user:{OTHER}@h.example.test/",
    f"https://h.example.test/#{OTHER}",
    f"notaurl:{KEY}",
    f"http://[::1/?api_key={OTHER}",
]


@pytest.mark.parametrize("url", URLS_WITH_CREDENTIALS)
def test_a_url_quoted_in_an_error_shows_no_credential(url: str) -> None:
    def assistant() -> object:
        return Pinecone(KEY, control_url="http://127.0.0.1:9").assistant("docs", host=url)

    for make in (
        assistant,
        lambda: Pinecone(KEY, control_url=url),
        lambda: Chainloop(TOKEN, base_url=url),
    ):
        with pytest.raises(ValueError, match="base_url") as info:
            make()
        texts = [str(info.value), repr(info.value), "".join(traceback.format_exception(info.value))]
        assert not [t for t in texts if _leaks(t) or OTHER in t], texts


@pytest.mark.parametrize("url", ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"])
def test_plain_http_is_allowed_to_loopback(url: str) -> None:
    Pinecone(KEY, control_url=url)
    Chainloop(TOKEN, base_url=url)


@pytest.mark.anyio
@pytest.mark.parametrize("host", REMOTE_PLAIN_HTTP)
async def test_no_data_plane_call_to_a_plain_http_remote_host(host: str) -> None:
    """Whether the host is given or reported by the control plane, the key is not sent."""
    sent: list[httpx.URL] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.url)
        return httpx.Response(200, json={"name": "a1", "status": "Ready", "host": host})

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        pc = Pinecone(KEY, control_url="https://api.example.test", http_client=http)
        with pytest.raises(ValueError, match="plain http"):
            await pc.assistant("a1", host=host).files.get("f1")
        # A host the server reports is the server's answer, not our argument: any of our
        # errors will do, as long as nothing is sent there.
        with pytest.raises((ValueError, AwaitopsError)):
            await pc.assistant("a1").operations.get("op1")
    assert [url.host for url in sent] == ["api.example.test"]


# -- a planted key: every field of every answer kind ----------------------------------------

PLANTED = f"x{KEY}y"
# Every answer carries the key in headers too (httpcore logs response headers at DEBUG).
PLANTED_HEADERS = {"x-request-id": f"req-{KEY}", "x-echo": KEY, "location": f"/operations/{KEY}"}
# Most rounds never end a wait (unknown states, failures retried): they time out quickly.
# The failure round ends every wait at its first poll, so its bound is loose.
PLANT_POLL = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=0.2)
FAILED_POLL = PollPolicy(initial_interval=0.01, max_interval=0.02, timeout=8.0)
PLANT_RETRY = RetryPolicy(max_attempts=2, initial_delay=0.001, max_delay=0.002)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every position in a JSON document but the root, depth first."""
    children: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        children = list(node.items())
    elif isinstance(node, list):
        children = list(enumerate(node))
    paths = []
    for key, child in children:
        paths.append((*prefix, key))
        paths += _paths(child, (*prefix, key))
    return paths


def _plant(body: Any, path: tuple[Any, ...]) -> Any:
    body = json.loads(json.dumps(body))
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = PLANTED
    return body


def _answer(status: int, body: bytes | str, content_type: str = "application/json") -> Answer:
    return Answer(http(status, body, content_type=content_type, headers=PLANTED_HEADERS))


def _field_round(index: int) -> Callable[[Seen, str], Answer]:
    """The valid answer with its ``index``-th field (or its last one) set to the key."""

    def answer(seen: Seen, url: str) -> Answer:
        body = valid_body(seen.method, seen.target, url)
        paths = _paths(body)
        if paths:
            body = _plant(body, paths[min(index, len(paths) - 1)])
        return _answer(200, b"" if body is None else json.dumps(body))

    return answer


def _failed_round(seen: Seen, url: str) -> Answer:
    """A terminal failure whose message quotes the key."""
    body = valid_body(seen.method, seen.target, url)
    for item in [*(body or {}).get("operations", []), (body or {}).get("operation"), body]:
        if isinstance(item, dict) and "status" in item:
            failed = "ASYNC_OPERATION_STATUS_FAILED" if "kind" in item else "Failed"
            item.update(status=failed, error_message=PLANTED)
    return _answer(200, b"" if body is None else json.dumps(body))


def _token_round(seen: Seen, url: str) -> Answer:
    """Lists: a next-page token quoting the key, the same on every page (a loop)."""
    body = valid_body(seen.method, seen.target, url)
    if isinstance(body, dict) and seen.method == "GET" and not seen.target.startswith("/v1"):
        body["pagination"] = {"next": PLANTED}
    return _answer(200, b"" if body is None else json.dumps(body))


_ERROR_BODIES: dict[str, bytes | str] = {
    "documented": json.dumps(
        {"error": {"code": PLANTED, "message": PLANTED, "details": {KEY: PLANTED}}, "status": 1}
    ),
    "grpc": json.dumps({"code": PLANTED, "message": PLANTED, "details": [PLANTED]}),
    "text": f"denied: {PLANTED}",
    "json-string": json.dumps(PLANTED),
}
_ERROR_ROUNDS = [
    (400, "documented"),
    (401, "grpc"),
    (403, "text"),
    (404, "json-string"),
    (409, "documented"),
    (429, "grpc"),
    (500, "documented"),
]


def _error_round(status: int, shape: str) -> Callable[[Seen, str], Answer]:
    content_type = "text/plain" if shape == "text" else "application/json"
    return lambda seen, url: _answer(status, _ERROR_BODIES[shape], content_type)


ROUNDS: dict[str, Callable[[Seen, str], Answer]] = {
    **{f"field-{index}": _field_round(index) for index in range(12)},
    "failed": _failed_round,
    "token": _token_round,
    **{f"error-{status}-{shape}": _error_round(status, shape) for status, shape in _ERROR_ROUNDS},
    "truncated-json": lambda seen, url: _answer(200, json.dumps({"name": PLANTED})[:-3]),
    "html": lambda seen, url: _answer(200, f"<html>{PLANTED}</html>", "text/html"),
}


def _texts_of(exc: BaseException) -> list[str]:
    texts = [str(exc), repr(exc), repr(exc.args), "".join(traceback.format_exception(exc))]
    # A snapshot's repr too: a key the server echoed must not show there either.
    texts.append(repr(vars(exc)))
    for link in (exc.__cause__, exc.__context__):
        if link is not None:
            texts += _texts_of(link)
    return texts


@pytest.mark.anyio
@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO])
@pytest.mark.every_pool
async def test_a_key_planted_anywhere_in_any_answer_reaches_no_log_or_exception(
    caplog: pytest.LogCaptureFixture, level: int
) -> None:
    caplog.set_level(level)
    current: list[Callable[[Seen, str], Answer]] = []
    errors: list[BaseException] = []

    def handler(seen: Seen) -> Answer:
        return current[0](seen, server.url)

    options: dict[str, Any] = {"retry": PLANT_RETRY, "timeout": 2.0, "deadline": 4.0}
    async with (
        serve_hostile(handler) as server,
        Pinecone(KEY, control_url=server.url, **options) as pc,
        Chainloop(TOKEN, base_url=server.url, **options) as cl,
    ):
        # aiohttp's pool logs nothing per request; httpcore's logs every step.
        pool_loggers = (
            set()
            if isinstance(pc._client._http._transport, AiohttpTransport)
            else {"httpcore.http11", "httpcore.connection"}
        )

        async def run(endpoint: Endpoint, poll: PollPolicy) -> None:
            try:
                with anyio.fail_after(15):
                    await endpoint.call(pc, cl, server.url, poll)
            except AwaitopsError as exc:
                errors.append(exc)

        for name, answer in ROUNDS.items():
            current[:] = [answer]
            poll = FAILED_POLL if name == "failed" else PLANT_POLL
            async with anyio.create_task_group() as group:
                for endpoint in ENDPOINTS:
                    group.start_soon(run, endpoint, poll)

    kinds = {type(error).__name__ for error in errors}
    assert {"ResponseValidationError", "OperationFailedError", "PaginationLoopError"} <= kinds
    assert {"BadRequestError", "AuthenticationError", "ServerError", "RateLimitError"} <= kinds
    leaked = [text[:300] for error in errors for text in _texts_of(error) if KEY in text]
    assert not leaked, leaked
    loggers = {record.name for record in caplog.records}
    assert "httpx" in loggers
    if level == logging.DEBUG:
        assert {"awaitops", *pool_loggers} <= loggers
    leaked = [
        text[:300]
        for record in caplog.records
        for text in (record.getMessage(), repr(record.args), repr(vars(record)))
        if KEY in text
    ]
    assert not leaked, leaked
    # httpx's request line keeps query names, not values: page tokens and filters stay out.
    lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any("paginationToken=[redacted]" in line for line in lines), lines[:5]
