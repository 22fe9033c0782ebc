"""The emulator's own speed: over a loopback socket, and the cost of its routing and multipart.

    uv run python -m scripts.bench.bench_emulator [--json] [--quick]

Socket (``operations.get`` on a seeded operation, uvicorn in a background thread as
``Emulator.serving()`` runs it):

* shipped: ``Emulator.serving()``, whose listener names ``IPPROTO_TCP`` so asyncio sets
  ``TCP_NODELAY`` on every accepted connection;
* before: the same server on a listener made with protocol 0, as before issue 14: Nagle stays
  on, and with delayed ACK each answer waits ~40 ms.

Per variant: the median of 150 back-to-back calls from ``httpx.Client`` (what a test does),
then requests/s from a raw keep-alive HTTP/1.1 client (asyncio streams, next to no parsing, so
the server's cost dominates) on one connection, and on 64 connections at once.

In-process (no socket, the ASGI app called directly): requests/s of the plain ASGI app against
the same handlers behind a Starlette ``Router`` (one ``Route`` per path, Starlette ``Request``
and ``Response``), and our multipart parser against ``python-multipart`` on a 1 MiB upload.
Those two run only when starlette / python-multipart are installed (``nox -s bench`` installs
them for this comparison; the emulator itself uses neither).
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.emulator._http import Request, parse_multipart
from awaitops.emulator._server import _server

from ._common import API_KEY, ASSISTANT, DATA_API_VERSION, DATA_VERSION_HEADER, cli, spread

HEADERS = {"Api-Key": API_KEY, DATA_VERSION_HEADER: DATA_API_VERSION}
BACK_TO_BACK = 150
CONCURRENCY = 64


def _emulator() -> tuple[Emulator, str]:
    emu = Emulator(EmulatorConfig(api_key=API_KEY))
    emu.add_assistant(ASSISTANT)
    op_id = emu.add_operations(ASSISTANT, 1)[0]
    return emu, f"/assistant/operations/{ASSISTANT}/{op_id}"


@contextmanager
def _serving_before(emu: Emulator) -> Iterator[str]:
    """The pre-fix server: identical but for the listener's protocol number (0)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    server = _server(emu, log_config=None, access_log=False)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])))
    thread.start()
    while not server.started:
        time.sleep(0.005)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _back_to_back_ms(url: str, path: str) -> float:
    with httpx.Client(base_url=url, headers=HEADERS) as client:
        client.get(path).raise_for_status()
        times = []
        for _ in range(BACK_TO_BACK):
            start = time.perf_counter()
            client.get(path).raise_for_status()
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


async def _raw_rate(url: str, path: str, connections: int, total: int) -> float:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    head = "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items())
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{head}\r\n".encode()
    left = total

    async def one_connection() -> None:
        nonlocal left
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while left > 0:
                left -= 1
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                assert head.startswith(b"HTTP/1.1 200"), head
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                await reader.readexactly(length)
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(one_connection() for _ in range(connections)))
    return total / (time.perf_counter() - start)


def _socket(variant: str, rounds: int, sequential: int, concurrent: int) -> dict[str, Any]:
    ms, one, many = [], [], []
    for _ in range(rounds):
        emu, path = _emulator()
        serving = emu.serving() if variant == "shipped" else _serving_before(emu)
        with serving as url:
            ms.append(_back_to_back_ms(url, path))
            one.append(asyncio.run(_raw_rate(url, path, 1, sequential)))
            many.append(asyncio.run(_raw_rate(url, path, CONCURRENCY, concurrent)))
    return {"back_to_back_ms": spread(ms), "sequential": spread(one), "concurrent": spread(many)}


# -- in-process: routing and multipart --


async def _asgi_rate(app: Callable[..., Awaitable[None]], path: str, count: int) -> float:
    headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": headers}
    scope |= {"scheme": "http", "server": ("127.0.0.1", 80), "http_version": "1.1", "root_path": ""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            assert message["status"] == 200, message

    start = time.perf_counter()
    for _ in range(count):
        await app(dict(scope), receive, send)
    return count / (time.perf_counter() - start)


def _starlette_app(emu: Emulator) -> Callable[..., Awaitable[None]] | None:
    """The same handler behind Starlette routing, as the emulator would use it."""
    try:
        from starlette.requests import Request as StarletteRequest
        from starlette.responses import Response as StarletteResponse
        from starlette.routing import Route, Router
    except ImportError:
        return None
    state = emu._pinecone

    async def describe_operation(request: StarletteRequest) -> StarletteResponse:
        ours = Request.from_scope(request.scope)
        params = request.path_params
        answer = state.describe_operation(ours, params["assistant"], params["op"])
        return StarletteResponse(answer.body, answer.status, media_type="application/json")

    return Router([Route("/assistant/operations/{assistant}/{op}", describe_operation)])


def _multipart_rates(count: int) -> dict[str, float] | None:
    try:
        from python_multipart import MultipartParser
    except ImportError:
        return None
    boundary = "bench-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + b"%PDF" * (256 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    content_type = f"multipart/form-data; boundary={boundary}"

    def theirs() -> None:
        chunks: list[bytes] = []
        parser = MultipartParser(boundary, {"on_part_data": lambda d, s, e: chunks.append(d[s:e])})
        parser.write(body)
        parser.finalize()

    rates = {}
    for name, parse in (
        ("ours", lambda: parse_multipart(body, content_type)),
        ("python-multipart", theirs),
    ):
        start = time.perf_counter()
        for _ in range(count):
            parse()
        rates[name] = count / (time.perf_counter() - start)
    return rates


def _in_process(rounds: int, calls: int) -> dict[str, Any]:
    emu, path = _emulator()
    starlette = _starlette_app(emu)
    plain, routed = [], []
    for _ in range(rounds):
        plain.append(asyncio.run(_asgi_rate(emu, path, calls)))
        if starlette is not None:
            routed.append(asyncio.run(_asgi_rate(starlette, path, calls)))
    multipart = _multipart_rates(max(5, calls // 50))
    return {
        "plain": spread(plain),
        "starlette": spread(routed) if routed else None,
        "multipart": multipart,
    }


def run(quick: bool = False) -> dict[str, Any]:
    rounds, sequential, concurrent, calls = (1, 50, 200, 200) if quick else (3, 2000, 5000, 5000)
    return {
        "rounds": rounds,
        "back_to_back": BACK_TO_BACK,
        "concurrency": CONCURRENCY,
        "shipped": _socket("shipped", rounds, sequential, concurrent),
        # Before, every answer stalls ~40 ms: fewer calls keep the run short.
        "before": _socket("before", rounds, min(sequential, BACK_TO_BACK), concurrent // 2),
        "in_process": _in_process(rounds, calls),
    }


if __name__ == "__main__":
    cli(run, __doc__)
