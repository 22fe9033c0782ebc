"""A scripted Pinecone on 127.0.0.1: answers each request as a test's script says, so a test
can send what the real service sends and the emulator (kinder by design) may not."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import anyio
import anyio.abc
import attrs
from anyio.streams.buffered import BufferedByteReceiveStream

_REASONS = {200: "OK", 202: "Accepted", 204: "No Content", 400: "Bad Request", 404: "Not Found"}


@attrs.frozen
class Seen:
    """One request as the server read it (header names lower-cased)."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@attrs.frozen
class Reply:
    """An answer: ``body`` is sent as JSON unless it is bytes (sent as is)."""

    status: int
    body: Any = b""
    headers: dict[str, str] = attrs.field(factory=dict)

    def encode(self) -> bytes:
        if isinstance(self.body, bytes):
            payload, kind = self.body, "application/octet-stream"
        else:
            payload, kind = json.dumps(self.body).encode(), "application/json"
        head = {"Content-Type": kind, "Content-Length": str(len(payload)), "Connection": "close"}
        lines = [f"HTTP/1.1 {self.status} {_REASONS.get(self.status, 'Scripted')}"]
        lines += [f"{name}: {value}" for name, value in {**head, **self.headers}.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


Script = Callable[[Seen], Reply]


class ScriptedServer:
    """Answers with ``script(seen)``; ``seen`` keeps every request, ``url`` is the root."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.seen: list[Seen] = []
        self.url = ""

    def paths(self, method: str | None = None) -> list[str]:
        return [s.path for s in self.seen if method in (None, s.method)]

    async def _read(self, stream: anyio.abc.SocketStream) -> Seen:
        reader = BufferedByteReceiveStream(stream)
        head = (await reader.receive_until(b"\r\n\r\n", 65536)).decode("latin-1")
        request_line, *lines = head.split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers = {
            name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines)
        }
        body = b""
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while size := int((await reader.receive_until(b"\r\n", 64)).split(b";")[0], 16):
                body += await reader.receive_exactly(size)
                await reader.receive_exactly(2)
        elif headers.get("content-length"):
            body = await reader.receive_exactly(int(headers["content-length"]))
        url = urlsplit(target)
        return Seen(method, url.path, dict(parse_qsl(url.query)), headers, body)

    async def _serve(self, stream: anyio.abc.SocketStream) -> None:
        async with stream:
            with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError):
                seen = await self._read(stream)
                self.seen.append(seen)
                await stream.send(self.script(seen).encode())


@contextlib.asynccontextmanager
async def scripted(script: Script) -> AsyncIterator[ScriptedServer]:
    """Run a :class:`ScriptedServer` on an ephemeral loopback port for the block."""
    server = ScriptedServer(script)
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
    server.url = f"http://127.0.0.1:{listener.extra(anyio.abc.SocketAttribute.local_port)}"
    async with listener, anyio.create_task_group() as group:
        group.start_soon(listener.serve, server._serve)
        try:
            yield server
        finally:
            group.cancel_scope.cancel()
