"""Shared helpers for the Pinecone facade tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from awaitops import PollPolicy, RetryPolicy
from awaitops.emulator import Emulator
from awaitops.pinecone import Pinecone

KEY = "test-key"
FAST = PollPolicy(initial_interval=0.05, max_interval=0.2, timeout=10)
QUICK_RETRY = RetryPolicy(max_attempts=4, initial_delay=0.01, max_delay=0.05)


def client(url: str, **options: Any) -> Pinecone:
    options.setdefault("retry", QUICK_RETRY)
    return Pinecone(options.pop("api_key", KEY), control_url=url, **options)


async def assert_gone(pc: Pinecone, name: str) -> None:
    """Gone as the service means it: 404, or still describable as Terminated (the emulator,
    like the service, keeps a deleted assistant so for a while)."""
    from awaitops.errors import NotFoundError

    try:
        left = await pc.assistants.get(name)
    except NotFoundError:
        return
    assert left.status == "Terminated", left


def requests_to(emu: Emulator, method: str, prefix: str) -> list[str]:
    """Paths (with query) of the recorded requests with ``method`` under ``prefix``."""
    return [
        f"{r.path}?{r.query}" if r.query else r.path
        for r in emu.requests
        if r.method == method and r.path.startswith(prefix)
    ]


def assistant_json(name: str, host: str, status: str = "Ready") -> dict[str, Any]:
    return {
        "name": name,
        "status": status,
        "host": host,
        "region": "us",
        "created_at": "2026-11-22T10:00:00Z",
        "updated_at": "2026-11-22T10:00:00Z",
    }


def error_json(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}, "status": status}


class Recorder:
    """An ``httpx.MockTransport`` handler: records each request, answers with ``route``."""

    def __init__(self, route: Callable[[httpx.Request], httpx.Response]) -> None:
        self.route = route
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return self.route(request)

    def http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self))

    def urls(self) -> list[str]:
        return [f"{r.method} {r.url.copy_with(query=None)}" for r in self.seen]


def json_response(status: int, body: Any) -> httpx.Response:
    return httpx.Response(
        status, content=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
