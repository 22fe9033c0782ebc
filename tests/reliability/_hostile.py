"""A hostile HTTP/1.1 server on 127.0.0.1: answers every request with whatever bytes a test
chooses, including answers no well-behaved server would send (cut, stalled, endless).

It runs in the test's own event loop (anyio), so it works under asyncio and trio alike.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import anyio.lowlevel
import attrs
import httpx
from anyio.abc import SocketStream

_MAX_HEAD = 64 * 1024


@attrs.frozen
class Seen:
    """One request as the server read it (header names lower-cased)."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


@attrs.frozen
class Answer:
    """What to send back.

    ``raw`` is written as is (status line, headers and body); then the server either closes
    the connection, or with ``stall`` keeps it open and silent until the client gives up,
    or with ``endless`` keeps sending ``endless`` forever as chunked body data. An empty
    ``raw`` closes the connection without answering.
    """

    raw: bytes
    stall: bool = False
    endless: bytes = b""
    #: Keep the connection open for the client's next request (``http(keep_alive=True)``).
    keep: bool = False
    #: Seconds between ``endless`` chunks: a trickle instead of a flood.
    pace: float = 0.0


def http(
    status: int,
    body: bytes | str = b"",
    *,
    content_type: str = "application/json",
    headers: dict[str, str] | None = None,
    declared_length: int | None = None,
    keep_alive: bool = False,
) -> bytes:
    """A complete response; ``declared_length`` lies about the body's length."""
    payload = body.encode() if isinstance(body, str) else body
    lines = [f"HTTP/1.1 {status} Hostile", f"Content-Type: {content_type}"]
    if not keep_alive:
        lines.append("Connection: close")
    lines.append(f"Content-Length: {len(payload) if declared_length is None else declared_length}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def chunked_head(status: int = 200, content_type: str = "application/json") -> bytes:
    return (
        f"HTTP/1.1 {status} Hostile\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()


def chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


Handler = Callable[[Seen], Answer]


class HostileServer:
    """Serve ``handler``'s answers; ``seen`` keeps every request read."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.seen: list[Seen] = []
        self.url = ""

    async def _read_request(self, stream: SocketStream) -> Seen | None:
        buffer = b""
        while b"\r\n\r\n" not in buffer:
            if len(buffer) > _MAX_HEAD:
                return None
            try:
                buffer += await stream.receive()
            except (anyio.EndOfStream, anyio.BrokenResourceError):
                return None
        head, _, rest = buffer.partition(b"\r\n\r\n")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunked(stream, rest)
        else:
            length = int(headers.get("content-length", "0"))
            body = rest
            while len(body) < length:
                body += await stream.receive()
        return Seen(method, target, headers, body)

    async def _read_chunked(self, stream: SocketStream, data: bytes) -> bytes:
        body = b""
        while True:
            while b"\r\n" not in data:
                data += await stream.receive()
            size_line, _, data = data.partition(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            while len(data) < size + 2:
                data += await stream.receive()
            body, data = body + data[:size], data[size + 2 :]
            if size == 0:
                return body

    async def _serve(self, stream: SocketStream) -> None:
        async with stream:
            try:
                while True:
                    seen = await self._read_request(stream)
                    if seen is None:
                        return
                    self.seen.append(seen)
                    answer = self.handler(seen)
                    if answer.raw:
                        await stream.send(answer.raw)
                    if not answer.keep:
                        break
                if answer.endless:
                    while True:
                        await stream.send(chunk(answer.endless))
                        if answer.pace:
                            await anyio.sleep(answer.pace)
                        else:
                            await anyio.lowlevel.checkpoint()
                if answer.stall:
                    await anyio.sleep_forever()
            except (anyio.BrokenResourceError, anyio.ClosedResourceError, anyio.EndOfStream):
                pass  # the client hung up, which is what a client facing this server should do


@contextlib.asynccontextmanager
async def serve_hostile(handler: Handler) -> AsyncIterator[HostileServer]:
    """Run a :class:`HostileServer` on an ephemeral loopback port for the block's duration."""
    server = HostileServer(handler)
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
    port: Any = listener.extra(anyio.abc.SocketAttribute.local_port)
    server.url = f"http://127.0.0.1:{port}"
    async with listener, anyio.create_task_group() as group:
        group.start_soon(listener.serve, server._serve)
        try:
            yield server
        finally:
            group.cancel_scope.cancel()


class CuttingProxy(HostileServer):
    """Forwards each request to ``upstream`` and relays its answer on a kept-alive
    connection, except that for a request ``cut`` picks it closes the connection once the
    upstream has answered: the server acted, the client never hears of it."""

    def __init__(self, upstream: str, cut: Callable[[Seen], bool]) -> None:
        super().__init__(lambda seen: Answer(b""))
        self.upstream = upstream
        self.cut = cut

    async def _serve(self, stream: SocketStream) -> None:
        async with stream, httpx.AsyncClient(base_url=self.upstream) as upstream:
            while True:
                seen = await self._read_request(stream)
                if seen is None:
                    return
                self.seen.append(seen)
                headers = {k: v for k, v in seen.headers.items() if k not in _HOP_BY_HOP}
                answer = await upstream.request(
                    seen.method, seen.target, headers=headers, content=seen.body
                )
                if self.cut(seen):
                    return
                lines = [f"HTTP/1.1 {answer.status_code} Relayed"]
                lines += [
                    f"{name}: {value}"
                    for name, value in answer.headers.items()
                    if name not in _HOP_BY_HOP
                ]
                lines.append(f"Content-Length: {len(answer.content)}")
                try:
                    await stream.send(("\r\n".join(lines) + "\r\n\r\n").encode() + answer.content)
                except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                    return


_HOP_BY_HOP = frozenset(
    {"connection", "content-length", "transfer-encoding", "content-encoding", "keep-alive"}
)


@contextlib.asynccontextmanager
async def serve_cutting_proxy(
    upstream: str, cut: Callable[[Seen], bool]
) -> AsyncIterator[CuttingProxy]:
    """Run a :class:`CuttingProxy` to ``upstream`` on an ephemeral loopback port."""
    proxy = CuttingProxy(upstream, cut)
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
    port: Any = listener.extra(anyio.abc.SocketAttribute.local_port)
    proxy.url = f"http://127.0.0.1:{port}"
    async with listener, anyio.create_task_group() as group:
        group.start_soon(listener.serve, proxy._serve)
        try:
            yield proxy
        finally:
            group.cancel_scope.cancel()
