"""A minimal HTTP/1.1 keep-alive server on 127.0.0.1, in its own process, for throughput runs.

    python -m scripts.bench._loopback      # prints "PORT\\n", serves until stdin closes

Every answer is a pre-encoded 200 with a JSON body: ``GET .../assistants/NAME`` gets an
assistant whose ``host`` is this server (the official SDK looks its data plane up that way),
anything else the canned operation. It parses only what a GET from httpx sends, and exists so
that the server costs as little as possible next to the clients being compared. It stops when
the parent closes its stdin or after ``LIFETIME`` seconds, whichever comes first.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ._common import ASSISTANT, OPERATION, assistant_body, encode

LIFETIME = 900.0
HOST = "127.0.0.1"


def _response(body: bytes) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: keep-alive\r\n\r\n"
    )
    return head.encode() + body


class _Connection(asyncio.Protocol):
    def __init__(self, answers: dict[bool, bytes]) -> None:
        self._answers = answers
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            head, self._buffer = self._buffer[:end], self._buffer[end + 4 :]
            target = head.split(b" ", 2)[1]
            assert self._transport is not None
            self._transport.write(self._answers[b"/assistants/" in target])


async def _serve() -> None:
    loop = asyncio.get_running_loop()
    answers: dict[bool, bytes] = {}
    server = await loop.create_server(lambda: _Connection(answers), HOST, 0)
    port = server.sockets[0].getsockname()[1]
    url = f"http://{HOST}:{port}"
    answers[True] = _response(encode(assistant_body(ASSISTANT, url)))
    answers[False] = _response(encode(OPERATION))
    print(port, flush=True)
    parent_gone = asyncio.Event()

    def watch_stdin() -> None:
        sys.stdin.read()
        loop.call_soon_threadsafe(parent_gone.set)

    # A daemon thread: a blocked read must not keep the process alive after the lifetime.
    threading.Thread(target=watch_stdin, daemon=True).start()
    async with server:
        await asyncio.wait_for(parent_gone.wait(), LIFETIME)


@contextmanager
def loopback_server() -> Iterator[str]:
    """Start the server in a child process; yields its root URL, stops it on exit."""
    with child_server("scripts.bench._loopback") as url:
        yield url


@contextmanager
def child_server(module: str, *args: str) -> Iterator[str]:
    """Run ``python -m module *args``, which prints its port and serves until stdin closes;
    yields its root URL, stops it on exit."""
    child = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())
        yield f"http://{HOST}:{port}"
    finally:
        assert child.stdin is not None
        child.stdin.close()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


if __name__ == "__main__":
    try:
        asyncio.run(_serve())
    except TimeoutError:
        sys.exit(1)
