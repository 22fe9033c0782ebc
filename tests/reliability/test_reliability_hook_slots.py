"""A hook that raises anything, a cancellation or an interrupt included, never keeps a
concurrency slot: the next call to the host is sent (#25)."""

from __future__ import annotations

import asyncio
from typing import Any

import anyio
import httpx
import pytest

from awaitops import AsyncApiClient, ConcurrencyPolicy, RetryPolicy

HOOKS = ("on_request", "on_response", "on_retry", "on_queue")


def _raising(backend: str, kind: str) -> BaseException:
    if kind == "error":
        return RuntimeError("hook failed")
    # What a hook meets when its task is torn down: asyncio's cancellation, or trio's
    # KeyboardInterrupt delivered into whatever code runs.
    return asyncio.CancelledError() if backend == "asyncio" else KeyboardInterrupt()


@pytest.mark.anyio
@pytest.mark.parametrize("hook", HOOKS)
@pytest.mark.parametrize("kind", ["error", "base"])
async def test_a_raising_hook_never_leaks_a_slot(anyio_backend: str, hook: str, kind: str) -> None:
    release = anyio.Event()
    seen: list[str] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == "/slow":
            await release.wait()
        if request.url.path == "/flaky" and seen.count("/flaky") == 1:
            return httpx.Response(503)
        return httpx.Response(200)

    raised: list[BaseException] = []

    def hook_fn(event: Any) -> None:
        if not raised:
            raised.append(_raising(anyio_backend, kind))
            raise raised[0]

    async def call(path: str) -> None:
        try:
            await client.request("GET", path)
        except BaseException as exc:  # the hook's exception, whatever it is
            if not raised or exc is not raised[0]:
                raise

    retry = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.02)
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http,
        AsyncApiClient(
            base_url="https://api.example.invalid",
            http_client=http,
            retry=retry,
            concurrency=ConcurrencyPolicy(max_in_flight=1),
        ) as client,
    ):
        getattr(client.hooks, hook)(hook_fn)
        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                group.start_soon(call, "/slow")
                await anyio.wait_all_tasks_blocked()
                # Queued behind /slow (on_queue), answered 503 then retried (on_retry).
                group.start_soon(call, "/flaky")
                await anyio.wait_all_tasks_blocked()
                release.set()
            client.hooks.remove(hook_fn)
            for _ in range(3):
                await client.request("GET", "/after")
    assert raised, f"the {hook} hook never ran"
    assert seen.count("/after") == 3
