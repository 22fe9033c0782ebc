"""The emulator on a real loopback socket, and the ``awaitops emulator serve`` command."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from typing import Any

import anyio
import httpx
import pytest
from _specs import ASSISTANT_VERSION

from awaitops.cli import main
from awaitops.emulator import Emulator
from awaitops.emulator._server import ServerThread

from ._support import PINECONE, make


@pytest.mark.anyio
async def test_serve_starts_answers_and_stops() -> None:
    emu, _ = make()
    with anyio.fail_after(20):
        async with emu.serve() as url:
            assert url.startswith("http://127.0.0.1:")
            async with httpx.AsyncClient(base_url=url, headers=PINECONE) as client:
                created = await client.post("/assistant/assistants", json={"name": "docs"})
                assert created.status_code == 200
                # Assistants report the root URL the client used.
                assert created.json()["host"] == url
        async with httpx.AsyncClient() as client:
            with pytest.raises(httpx.ConnectError):
                await client.get(url + "/assistant/assistants")


@pytest.mark.anyio
async def test_socket_drop_cuts_the_connection() -> None:
    emu, _ = make()
    emu.faults.next("GET", "/assistant/assistants", "drop")
    with anyio.fail_after(20):
        async with emu.serve() as url, httpx.AsyncClient(base_url=url, headers=PINECONE) as client:
            with pytest.raises(httpx.RemoteProtocolError):
                await client.get("/assistant/assistants")
            assert (await client.get("/assistant/assistants")).status_code == 200


def test_serving_in_a_thread_with_sync_client() -> None:
    emu, _ = make(rate_limit=2)
    with emu.serving() as url, httpx.Client(base_url=url, headers=PINECONE, timeout=10) as client:
        statuses = [client.get("/assistant/assistants").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_rate_limit_is_per_key_across_connections_and_processes() -> None:
    # The service limits a project, not a connection: clients in several processes that
    # share a key share one bucket (a manual clock: nothing refills it here).
    emu, _ = make(rate_limit=3)
    fetch = (
        "import sys, httpx; print(httpx.get(sys.argv[1] + '/assistant/assistants', "
        "headers=dict(a.split('=', 1) for a in sys.argv[2:]), timeout=10).status_code)"
    )
    headers = [f"{name}={value}" for name, value in PINECONE.items()]
    with emu.serving() as url:
        with httpx.Client(base_url=url, headers=PINECONE, timeout=10) as one:
            first = one.get("/assistant/assistants").status_code
        other = subprocess.run(
            [sys.executable, "-c", fetch, url, *headers],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert other.returncode == 0, other.stderr
        with httpx.Client(base_url=url, headers=PINECONE, timeout=10) as two:
            statuses = [two.get("/assistant/assistants").status_code for _ in range(2)]
    assert [first, int(other.stdout), *statuses] == [200, 200, 200, 429]


def test_serving_reports_a_busy_port() -> None:
    emu, _ = make()
    with emu.serving() as url:
        port = int(url.rsplit(":", 1)[1])
        with pytest.raises(OSError, match="in use"), emu.serving(port=port):
            pass


def test_cli_serve_prints_root_url_and_serves() -> None:
    code = (
        "from awaitops.cli import main; raise SystemExit(main(['emulator', 'serve', "
        "'--port', '0', '--api-key', 'cli-key', '--op-seconds', '1-2', '--seed', '5']))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        headers = {"Api-Key": "cli-key", "X-Pinecone-Api-Version": ASSISTANT_VERSION}
        with httpx.Client(base_url=url, timeout=10) as client:
            assert client.get("/assistant/assistants", headers=headers).status_code == 200
            assert client.get("/assistant/assistants", headers=PINECONE).status_code == 401
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["emulator", "serve", "--op-seconds", "8-2"],
        ["emulator", "serve", "--fault-rate", "1.5"],
        ["emulator", "serve", "--late-fault-rate", "-0.1"],
        ["emulator", "serve", "--latency", "x"],
        ["emulator", "serve", "--chainloop-page-base", "2"],
    ],
)
def test_cli_rejects_bad_options(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc_info:
        main(argv)
    assert exc_info.value.code == 2


def test_cli_serve_passes_the_late_fault_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Emulator] = []
    monkeypatch.setattr(Emulator, "run", lambda self, *args, **kwargs: seen.append(self))
    assert main(["emulator", "serve", "--late-fault-rate", "0.25", "--seed", "3"]) == 0
    assert [(e.config.late_fault_rate, e.faults.late_fault_rate) for e in seen] == [(0.25, 0.25)]


def test_cli_rejects_bad_rate_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulator", "serve", "--rate-limit", "0"]) == 2
    assert "rate_limit" in capsys.readouterr().err


def test_cli_group_without_command_shows_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulator"]) == 2
    assert "serve" in capsys.readouterr().out
    assert main([]) == 2
    assert "emulator" in capsys.readouterr().out


def test_accepted_connections_set_tcp_nodelay() -> None:
    """Without TCP_NODELAY, Nagle and delayed ACK stall every answer on a socket by ~40 ms."""
    emu, _ = make()
    server = ServerThread(emu, "127.0.0.1", 0)
    server.start()
    try:
        with httpx.Client(base_url=server.url, headers=PINECONE, timeout=10) as client:
            assert client.get("/assistant/assistants").status_code == 200
            # The server side of each open connection, as uvicorn's transports hold it.
            state: Any = server._server.server_state
            sockets = [c.transport.get_extra_info("socket") for c in state.connections]
            assert sockets
            for sock in sockets:
                assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        server.stop()


_SERVE = "from awaitops.cli import main; raise SystemExit(main(['emulator', 'serve', {}]))"


def _start_cli(*args: str) -> tuple[subprocess.Popen[bytes], str]:
    """``awaitops emulator serve`` with both output pipes left unread after the URL line."""
    code = _SERVE.format(", ".join(repr(a) for a in ("--port", "0", *args)))
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    first = process.stdout.readline().decode()
    found = re.search(r"http://127\.0\.0\.1:\d+", first)
    if found is None:
        process.kill()
        process.wait(10)
        pytest.fail(f"no URL on the first line: {first!r}")
    return process, found[0]


def _stop(process: subprocess.Popen[bytes], sig: int) -> tuple[int, str]:
    """Send ``sig``; the exit status and everything written to stderr."""
    process.send_signal(sig)
    try:
        _, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"the emulator ignored signal {sig}")
    return process.returncode, err.decode()


def _pipelined_gets(url: str, path: str, count: int, batch: int = 100) -> list[bytes]:
    """Send ``count`` keep-alive GETs in pipelined batches over one raw socket; the status
    line of each answer. Raw, so the client costs next to nothing per request."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        + "".join(f"{name}: {value}\r\n" for name, value in PINECONE.items())
        + "\r\n"
    ).encode()
    statuses: list[bytes] = []
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        buffer = b""
        while len(statuses) < count:
            wanted = min(batch, count - len(statuses))
            sock.sendall(request * wanted)
            while wanted:
                head_end = buffer.find(b"\r\n\r\n")
                if head_end < 0:
                    chunk = sock.recv(65536)
                    assert chunk, "the server closed the connection"
                    buffer += chunk
                    continue
                head = buffer[:head_end]
                length = int(re.search(rb"(?i)content-length: *(\d+)", head)[1])  # type: ignore[index]
                end = head_end + 4 + length
                if len(buffer) < end:
                    chunk = sock.recv(65536)
                    assert chunk, "the server closed the connection"
                    buffer += chunk
                    continue
                statuses.append(head.split(b"\r\n", 1)[0])
                buffer = buffer[end:]
                wanted -= 1
    return statuses


def test_cli_serve_keeps_answering_when_nobody_reads_its_output() -> None:
    """Like ``awaitops emulator serve | head -1``: the parent reads the URL, then stops reading;
    the old access log on stdout filled the pipe after ~900 requests and hung the server."""
    process, url = _start_cli()
    try:
        statuses = _pipelined_gets(url, "/assistant/operations/none", 5000)
    finally:
        status, err = _stop(process, signal.SIGTERM)
    assert statuses == [b"HTTP/1.1 404 Not Found"] * 5000
    assert status == 0
    assert "Traceback" not in err


def test_cli_serve_exits_cleanly_on_ctrl_c_and_logs_access_on_stderr_when_asked() -> None:
    process, url = _start_cli("--access-log")
    try:
        with httpx.Client(base_url=url, headers=PINECONE, timeout=10) as client:
            assert client.get("/assistant/assistants").status_code == 200
    finally:
        status, err = _stop(process, signal.SIGINT)
    assert status == 0
    assert "Traceback" not in err
    assert "KeyboardInterrupt" not in err
    assert "GET /assistant/assistants" in err
