"""OpenTelemetry spans: one per call, per wait and per page, with retries, polls and outcomes,
against the in-process emulator under asyncio and trio."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import aclosing, asynccontextmanager, contextmanager
from functools import partial
from typing import Any

import anyio
import httpx
import pytest
from opentelemetry import trace

from awaitops import ConcurrencyPolicy, PollPolicy, RetryBudget, watch
from awaitops.emulator import Emulator
from awaitops.errors import NotFoundError, OperationFailedError, ServerError, WaitTimeoutError
from awaitops.pinecone import AssistantClient

from ._support import (
    FAST,
    HOST,
    KEY,
    QUICK_RETRY,
    Collector,
    Node,
    collector,
    mock_client,
    pinecone,
    tree,
)


@asynccontextmanager
async def assistant(emu: Emulator) -> AsyncIterator[AssistantClient]:
    async with pinecone(emu) as pc:
        yield pc.assistant("docs", host=HOST)


@contextmanager
def traced(spans: Collector) -> Iterator[None]:
    """Collect the spans of the block, under one root span named ``test``."""
    spans.collecting = True
    try:
        with trace.get_tracer("tests").start_as_current_span("test"):
            yield
    finally:
        spans.collecting = False


def root(spans: Collector) -> Node:
    [test] = tree(spans.spans)
    assert test.name == "test"
    return test


def values(nodes: list[Node]) -> list[Any]:
    found: list[Any] = []
    for top in nodes:
        for node in top.walk():
            found += [node.name, *node.attributes.values()]
            for name, attributes in node.events:
                found += [name, *attributes.values()]
    return found


@pytest.mark.anyio
async def test_upload_then_wait_gives_a_span_tree_with_the_retries(
    awaitops_emulator: Emulator,
) -> None:
    spans = collector()
    awaitops_emulator.faults.script("POST /assistant/files/*", [429])  # rate limited once
    awaitops_emulator.faults.script("GET /assistant/operations/*", [503])  # first poll retried
    with anyio.fail_after(20):
        async with assistant(awaitops_emulator) as docs:
            with traced(spans):
                op = await docs.files.upload(b"hello", file_name="a.txt")
                done = await docs.operations.wait(op.id, poll=FAST)
    assert done.status == "Completed"

    test = root(spans)
    assert [child.name for child in test.children] == ["POST", "awaitops.wait"]
    upload, waiting = test.children
    assert upload.kind == "CLIENT"
    assert upload.status == "UNSET"
    assert upload.attributes == {
        "http.request.method": "POST",
        "server.address": "127.0.0.1",
        "server.port": 80,
        "url.scheme": "http",
        "url.full": "http://127.0.0.1/assistant/files/docs",
        "awaitops.attempts": 2,
        "http.request.resend_count": 1,
        "http.response.status_code": 202,
    }
    retry, queue = upload.events
    assert retry == (
        "awaitops.retry",
        {
            "awaitops.retry.attempt": 1,
            "awaitops.retry.reason": "429",
            "awaitops.retry.delay_s": 1.0,  # the server's Retry-After
        },
    )
    # The retry then queued at the host's lane, which the 429 paused for the same second.
    assert queue[0] == "awaitops.queue"
    assert queue[1]["awaitops.queue.reason"] == "retry_after"
    assert 0 <= queue[1]["awaitops.queue.waited_s"] < 1.0

    assert waiting.kind == "INTERNAL"
    polls = waiting.children
    assert waiting.attributes == {
        "awaitops.poll.count": len(polls),
        "awaitops.wait.outcome": "completed",
        "awaitops.operation.id": op.id,
        "awaitops.operation.status": "Completed",
    }
    assert {poll.name for poll in polls} == {"GET"}
    assert all(poll.attributes["http.response.status_code"] == 200 for poll in polls)
    first = polls[0]
    assert first.attributes["awaitops.attempts"] == 2
    assert [(name, event["awaitops.retry.reason"]) for name, event in first.events] == [
        ("awaitops.retry", "503")
    ]
    assert all(poll.attributes["awaitops.attempts"] == 1 for poll in polls[1:])
    poll_events = [event for name, event in waiting.events if name == "awaitops.poll"]
    assert [event["awaitops.poll.number"] for event in poll_events] == list(
        range(1, len(polls) + 1)
    )
    assert poll_events[-1]["awaitops.operation.status"] == "Completed"
    assert poll_events[-1]["awaitops.operation.progress"] == 100.0  # percent_complete
    assert KEY not in str(values([test]))


@pytest.mark.anyio
async def test_wait_all_has_page_spans_and_no_query_values(awaitops_emulator: Emulator) -> None:
    spans = collector()
    with anyio.fail_after(20):
        async with assistant(awaitops_emulator) as docs:
            ids = [(await docs.files.upload(b"x", file_name=f"{n}.txt")).id for n in range(3)]
            with traced(spans):
                finished = [op async for op in docs.operations.wait_all(ids, poll=FAST)]
                listed = await docs.files.list(filter={"owner": "s3cr3t-value"}).collect()
    assert len(finished) == 3
    assert len(listed) == 0

    test = root(spans)
    waiting, listing = test.children
    assert waiting.name == "awaitops.wait_all"
    assert waiting.attributes["awaitops.operation.count"] == 3
    assert waiting.attributes["awaitops.wait.outcome"] == "completed"
    assert waiting.attributes["awaitops.poll.count"] == len(waiting.children)
    pages = waiting.find("awaitops.page")
    assert pages
    for page in pages:
        assert page.attributes == {"awaitops.page.number": 0, "awaitops.page.size": 100}
        [request] = page.children
        assert request.attributes["url.full"] == "http://127.0.0.1/assistant/operations/docs"

    assert listing.name == "awaitops.page"
    [request] = listing.children
    assert request.attributes["url.full"] == "http://127.0.0.1/assistant/files/docs"
    assert not any("s3cr3t" in str(value) for value in values([test]))


@pytest.mark.anyio
async def test_a_failed_wait_and_a_failed_call_mark_their_spans(
    awaitops_emulator: Emulator,
) -> None:
    spans = collector()
    with anyio.fail_after(20):
        async with assistant(awaitops_emulator) as docs:
            op = await docs.files.upload(b"MZ", file_name="setup.pdf")  # not a PDF
            with traced(spans):
                with pytest.raises(OperationFailedError):
                    await docs.operations.wait(op.id, poll=FAST)
                with pytest.raises(NotFoundError):
                    await docs.files.get("missing")

    waiting, get = root(spans).children
    assert waiting.status == "ERROR"
    assert waiting.attributes["awaitops.wait.outcome"] == "failed"
    assert waiting.attributes["awaitops.operation.status"] == "Failed"
    assert waiting.attributes["error.type"] == "awaitops.errors.OperationFailedError"
    assert get.status == "ERROR"
    assert get.attributes["error.type"] == "404"
    assert get.attributes["http.response.status_code"] == 404


@pytest.mark.anyio
async def test_timed_out_closed_and_cancelled_waits(awaitops_emulator: Emulator) -> None:
    spans = collector()
    awaitops_emulator.faults.latency = (0.05, 0.05)
    with anyio.fail_after(20):
        async with assistant(awaitops_emulator) as docs:
            op = await docs.files.upload(b"x", file_name="slow.txt")
            with traced(spans):
                with pytest.raises(WaitTimeoutError):
                    await docs.operations.wait(op.id, poll=PollPolicy(timeout=0.01))
                snapshots = watch(
                    partial(docs.operations.get, op.id),
                    is_terminal=lambda op: op.done,
                    is_failed=lambda op: op.failed,
                )
                async with aclosing(snapshots):
                    async for _ in snapshots:
                        break  # the caller stops following: the watch ends "closed"
                with anyio.move_on_after(0.01):
                    await docs.operations.wait(op.id, poll=FAST)

    timed_out, closed, cancelled = root(spans).children
    assert (timed_out.name, closed.name, cancelled.name) == (
        "awaitops.wait",
        "awaitops.watch",
        "awaitops.wait",
    )
    assert timed_out.attributes["awaitops.wait.outcome"] == "timed_out"
    assert timed_out.attributes["error.type"] == "awaitops.errors.WaitTimeoutError"
    assert closed.attributes["awaitops.wait.outcome"] == "closed"
    assert closed.status == "UNSET"
    assert cancelled.attributes["awaitops.wait.outcome"] == "cancelled"
    assert cancelled.status == "UNSET"


@pytest.mark.anyio
async def test_queueing_for_the_cap_and_a_spent_retry_budget_are_on_the_spans() -> None:
    spans = collector()
    release = anyio.Event()
    statuses = iter([200, 503, 503])

    async def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/slow":
            await release.wait()
            return httpx.Response(200)
        return httpx.Response(next(statuses))

    async with mock_client(
        answer,
        retry=QUICK_RETRY,
        concurrency=ConcurrencyPolicy(max_in_flight=1),
        retry_budget=RetryBudget(ratio=0.5, reserve=1),
    ) as client:
        with anyio.fail_after(10), traced(spans):
            async with anyio.create_task_group() as group:
                group.start_soon(client.request, "GET", "/slow")
                await anyio.wait_all_tasks_blocked()
                group.start_soon(client.request, "GET", "/queued")  # waits for the slot
                await anyio.wait_all_tasks_blocked()
                release.set()
            with pytest.raises(ServerError):
                await client.request("GET", "/failing")  # one retry in the budget, not two

    slow, queued, failing = root(spans).children
    assert slow.events == []
    [(name, queue)] = queued.events
    assert name == "awaitops.queue"
    assert queue["awaitops.queue.reason"] == "concurrency"
    assert failing.attributes["error.type"] == "503"
    assert [name for name, _ in failing.events] == ["awaitops.retry", "awaitops.retry.refused"]
    assert failing.events[1][1] == {
        "awaitops.retry.reason": "503",
        "awaitops.retry.refused_by": "budget",
    }
