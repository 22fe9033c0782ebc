"""Shared helpers for the core HTTP tests: a scripted MockTransport and a loopback server."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

import anyio
import httpx
from anyio.abc import SocketStream

from awaitops import AsyncApiClient, RetryPolicy

BASE_URL = "https://api.example.test"
SECRET = "pcsk_TOPSECRET_0123456789"
# Tiny delays so retry tests run fast; the retry rules are what they check.
FAST_RETRY = RetryPolicy(initial_delay=0.001, max_delay=0.002)

Step = httpx.Response | Exception | Callable[[httpx.Request], Awaitable[httpx.Response]]


class Script:
    """A MockTransport handler answering from a list of steps; the last step repeats.

    A step is a response (copied for each use), an exception to raise, or an async
    callable. Every request seen is kept in ``requests``.
    """

    def __init__(self, *steps: Step) -> None:
        self.steps: Sequence[Step] = steps or (httpx.Response(200, json={}),)
        self.requests: list[httpx.Request] = []
        # Read at send time: a retry re-sends the same Request with this header updated.
        self.retry_counts: list[str | None] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        step = self.steps[min(len(self.requests), len(self.steps) - 1)]
        self.requests.append(request)
        self.retry_counts.append(request.headers.get("X-Awaitops-Retry-Count"))
        if isinstance(step, Exception):
            raise step
        if isinstance(step, httpx.Response):
            return httpx.Response(step.status_code, headers=step.headers, content=step.content)
        return await step(request)


def raw_reply(
    status: int, raw: bytes, headers: dict[str, str]
) -> Callable[[httpx.Request], Awaitable[httpx.Response]]:
    """A step answering with ``raw`` as the bytes on the wire, decoded only when read."""

    async def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(raw))

    return reply


def error_body(code: str, message: str, status: int) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}, "status": status}


@contextlib.asynccontextmanager
async def mock_api(
    script: Script, *, base_url: str = BASE_URL, **kwargs: Any
) -> AsyncIterator[AsyncApiClient]:
    kwargs.setdefault("retry", FAST_RETRY)
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(script)) as http,
        AsyncApiClient(base_url=base_url, http_client=http, **kwargs) as client,
    ):
        yield client


class LoopbackServer:
    """A raw HTTP/1.1 server on 127.0.0.1 answering from a script, one request per connection.

    Steps: ``(status, headers, body)`` to answer, ``"drop"`` to close without answering,
    ``"hang"`` to never answer. The last step repeats. Requests are kept as
    ``(method, target, headers)``, header names lower-cased.
    """

    def __init__(self, *steps: tuple[int, dict[str, str], bytes] | str) -> None:
        self.steps = steps
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, stream: SocketStream) -> None:
        # A client that gives up (timeout, cancellation) closes its end: not a server error.
        with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError):
            await self._answer(stream)

    async def _answer(self, stream: SocketStream) -> None:
        async with stream:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = await stream.receive()
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {
                name.strip().lower(): value.strip()
                for name, _, value in (line.partition(":") for line in lines[1:])
            }
            length = int(headers.get("content-length", "0"))
            while len(body) < length:
                body += await stream.receive()
            step = self.steps[min(len(self.requests), len(self.steps) - 1)]
            self.requests.append((method, target, headers))
            if step == "drop":
                return
            if step == "hang":
                await anyio.sleep_forever()
            assert not isinstance(step, str)
            status, extra, payload = step
            response_head = [f"HTTP/1.1 {status} X", f"Content-Length: {len(payload)}"]
            response_head += [f"{k}: {v}" for k, v in extra.items()]
            response_head.append("Connection: close")
            await stream.send(("\r\n".join(response_head) + "\r\n\r\n").encode() + payload)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[LoopbackServer]:
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
        async with listener:
            self.port = listener.extra(anyio.abc.SocketAttribute.local_port)
            async with anyio.create_task_group() as tg:
                tg.start_soon(listener.serve, self._handle)
                try:
                    yield self
                finally:
                    tg.cancel_scope.cancel()
