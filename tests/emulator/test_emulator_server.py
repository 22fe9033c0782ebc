"""The emulator on a real loopback socket, and the ``awaitops emulator serve`` command."""

from __future__ import annotations

import subprocess
import sys

import anyio
import httpx
import pytest

from awaitops.cli import main
from awaitops.emulator import Emulator

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
        headers = {"Api-Key": "cli-key", "X-Pinecone-Api-Version": "2026-04"}
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
