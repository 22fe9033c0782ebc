"""Hooks for applications that keep their own metrics: typed events for every attempt,
retry, poll and wait end, shared by ``with_options`` copies; a failing hook never breaks
the call."""

from __future__ import annotations

import logging
from typing import Any

import anyio
import httpx
import pytest

from awaitops import (
    AsyncApiClient,
    ClientHooks,
    ConcurrencyPolicy,
    PollEvent,
    QueueEvent,
    RequestEvent,
    ResponseEvent,
    RetryEvent,
    RetryPolicy,
    WaitEndEvent,
)
from awaitops.chainloop import Chainloop
from awaitops.emulator import Emulator
from awaitops.pinecone import Pinecone

from ._support import FAST, HOST, KEY, QUICK_RETRY, mock_client, pinecone


@pytest.mark.anyio
async def test_hooks_see_each_attempt_retry_poll_and_the_end(awaitops_emulator: Emulator) -> None:
    seen: list[Any] = []
    awaitops_emulator.faults.script("GET /assistant/operations/*", [503])
    with anyio.fail_after(20):
        async with pinecone(awaitops_emulator) as pc:
            docs = pc.assistant("docs", host=HOST)
            op = await docs.files.upload(b"x", file_name="a.txt")
            for register in (
                pc.hooks.on_request,
                pc.hooks.on_response,
                pc.hooks.on_retry,
                pc.hooks.on_poll,
                pc.hooks.on_wait_end,
            ):
                register(seen.append)
            done = await docs.operations.wait(op.id, poll=FAST)

    url = f"{HOST}/assistant/operations/docs/{op.id}"
    assert seen[:4] == [
        RequestEvent("GET", url, 0),
        ResponseEvent("GET", url, 0, 503, None, seen[1].elapsed),
        RetryEvent("GET", url, 1, "503", seen[2].delay),
        RequestEvent("GET", url, 1),
    ]
    assert 0 < seen[2].delay <= QUICK_RETRY.max_delay
    polls = [event for event in seen if isinstance(event, PollEvent)]
    assert [poll.poll for poll in polls] == list(range(1, len(polls) + 1))
    assert {(poll.kind, poll.operation_id, poll.error_type) for poll in polls} == {
        ("wait", op.id, None)
    }
    assert polls[-1].status == "Completed"
    assert seen[-1] == WaitEndEvent(
        "wait", len(polls), seen[-1].elapsed, "completed", done.status, None
    )
    assert isinstance(seen[-2], PollEvent)  # the end comes after the last poll


@pytest.mark.anyio
async def test_a_failing_hook_is_logged_and_the_call_goes_on(
    awaitops_emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []

    def broken(event: object) -> None:
        raise RuntimeError("hook bug")

    with anyio.fail_after(20):
        async with pinecone(awaitops_emulator) as pc:
            pc.hooks.on_request(broken)
            pc.hooks.on_request(lambda event: calls.append(event.method))
            pc.hooks.on_wait_end(broken)
            with caplog.at_level(logging.WARNING, logger="awaitops"):
                assistant = await pc.assistants.wait_until_ready("docs", poll=FAST)
    assert assistant.ready
    assert calls == ["GET"]  # the hook after the broken one still ran
    failures = [r for r in caplog.records if "hook" in r.getMessage()]
    assert len(failures) == 2
    assert all(r.exc_info is not None and "hook bug" in str(r.exc_info[1]) for r in failures)


@pytest.mark.anyio
async def test_wait_all_reports_list_rounds_and_single_gets(awaitops_emulator: Emulator) -> None:
    polls: list[PollEvent] = []
    ends: list[WaitEndEvent] = []
    with anyio.fail_after(20):
        async with pinecone(awaitops_emulator) as pc:
            docs = pc.assistant("docs", host=HOST)
            ids = [(await docs.files.upload(b"x", file_name=f"{n}.txt")).id for n in range(2)]
            pc.hooks.on_poll(polls.append)
            pc.hooks.on_wait_end(ends.append)
            async for _ in docs.operations.wait_all(ids, poll=FAST):
                pass
    assert polls
    assert all(poll.kind == "wait_all" and poll.operation_id is None for poll in polls)
    assert [end.outcome for end in ends] == ["completed"]
    assert ends[0].polls == len(polls)


@pytest.mark.anyio
async def test_chainloop_waits_report_too(awaitops_emulator: Emulator) -> None:
    ends: list[WaitEndEvent] = []
    op_id = awaitops_emulator.add_chainloop_operation(fail=False)
    with anyio.fail_after(20):
        async with (
            awaitops_emulator.client() as http,
            Chainloop("test-token", base_url=HOST, http_client=http) as cl,
        ):
            cl.hooks.on_wait_end(ends.append)
            done = await cl.operations.wait(op_id, poll=FAST)
    assert [(end.kind, end.status) for end in ends] == [("wait", done.status)]


def test_copies_share_hooks() -> None:
    client = AsyncApiClient(base_url="https://example.invalid")
    assert client.with_options(timeout=1.0).hooks is client.hooks
    pc = Pinecone(KEY)
    assert pc.with_options(timeout=1.0).hooks is pc.hooks
    assert pc._data_client("https://h").hooks is pc.hooks


def listening(hooks: ClientHooks) -> tuple[bool, bool]:
    return hooks._http, hooks._waits


def test_registration_checks_and_remove() -> None:
    hooks = ClientHooks()

    async def coroutine_hook(event: RequestEvent) -> None:
        return None

    with pytest.raises(TypeError, match="synchronously"):
        hooks.on_request(coroutine_hook)
    with pytest.raises(TypeError, match="callable"):
        hooks.on_retry("print")  # type: ignore[arg-type]
    assert listening(hooks) == (False, False)

    def count(event: object) -> None:
        return None

    assert hooks.on_request(count) is count
    hooks.on_poll(count)
    assert listening(hooks) == (True, True)
    assert repr(hooks) == "ClientHooks(request=1, poll=1)"
    hooks.remove(count)
    assert listening(hooks) == (False, False)
    assert repr(hooks) == "ClientHooks()"


@pytest.mark.anyio
async def test_transport_errors_are_reported_without_a_status() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    responses: list[ResponseEvent] = []
    async with mock_client(refuse, retry=RetryPolicy(max_attempts=1)) as client:
        client.hooks.on_response(responses.append)
        with pytest.raises(Exception, match="refused"):
            await client.request("GET", "/things", params={"token": "t0ps3cret"})
    [response] = responses
    assert response.url == "https://api.example.invalid/things"
    assert (response.status_code, response.error_type) == (None, "ConnectError")


@pytest.mark.anyio
async def test_a_request_held_by_the_concurrency_cap_is_reported() -> None:
    release = anyio.Event()

    async def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/slow":
            await release.wait()
        return httpx.Response(200)

    queued: list[QueueEvent] = []
    async with mock_client(answer, concurrency=ConcurrencyPolicy(max_in_flight=1)) as client:
        client.with_options(timeout=5.0).hooks.on_queue(queued.append)
        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                group.start_soon(client.request, "GET", "/slow")
                await anyio.wait_all_tasks_blocked()
                group.start_soon(client.request, "GET", "/next")
                await anyio.wait_all_tasks_blocked()
                release.set()
    [event] = queued
    assert (event.method, event.url, event.reason) == (
        "GET",
        "https://api.example.invalid/next",
        "concurrency",
    )
    assert event.waited >= 0
