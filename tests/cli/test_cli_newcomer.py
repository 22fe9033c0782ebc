"""A newcomer's first hour with the command: every friction found trying it, one test each."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from awaitops import __version__
from awaitops.cli import build_parser, main
from awaitops.cli._output import Output
from awaitops.emulator import Emulator, EmulatorConfig, ManualClock

from ._cli_support import ANSI, KEY, TOKEN, Result, cli_env, run

Capsys = pytest.CaptureFixture[str]


@pytest.fixture(autouse=True)
def _credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINECONE_API_KEY", KEY)
    monkeypatch.setenv("CHAINLOOP_TOKEN", TOKEN)
    for name in ("PINECONE_CONTROL_URL", "CHAINLOOP_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def _command_paths(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _command_paths(sub, (*path, name))


# -- 1. help for every command renders ---------------------------------------------------


def test_help_renders_for_every_command(capsys: Capsys) -> None:
    paths = list(_command_paths(build_parser()))
    assert ("demo",) in paths
    assert ("pinecone", "files", "upload") in paths
    assert len(paths) > 15
    for path in paths:
        result = run(capsys, *path, "--help")
        assert (result.status, result.err) == (0, ""), path
        assert result.out.startswith("usage: awaitops"), path
    assert "15% of requests" in run(capsys, "demo", "--help").out


# -- 3. the emulator's credentials are easy to find --------------------------------------


def test_serve_help_names_the_credentials(capsys: Capsys) -> None:
    shown = run(capsys, "emulator", "serve", "--help").out
    assert "test-key" in shown
    assert "test-token" in shown


def test_serve_prints_url_credentials_and_environment(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run_forever(self: Emulator, host: str, port: int, on_ready: Any, **options: Any) -> None:
        on_ready("http://127.0.0.1:8765")

    monkeypatch.setattr(Emulator, "run", run_forever)
    result = run(capsys, "emulator", "serve", "--api-key", "k1", "--chainloop-token", "t1")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0] == "http://127.0.0.1:8765"
    assert "export PINECONE_CONTROL_URL=http://127.0.0.1:8765 PINECONE_API_KEY=k1" in result.out
    assert "export CHAINLOOP_BASE_URL=http://127.0.0.1:8765 CHAINLOOP_TOKEN=t1" in result.out


def test_serve_switches_on_the_quota_and_the_plan_gate(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[EmulatorConfig] = []

    def run_forever(self: Emulator, host: str, port: int, on_ready: Any, **options: Any) -> None:
        served.append(self.config)

    monkeypatch.setattr(Emulator, "run", run_forever)
    assert run(capsys, "emulator", "serve").status == 0
    assert (
        run(capsys, "emulator", "serve", "--assistant-quota", "3", "--no-backups-in-plan").status
        == 0
    )
    assert [(c.assistant_quota, c.backups_in_plan) for c in served] == [(None, True), (3, False)]


# -- 4. missing extras: one line naming the extra ----------------------------------------


def test_missing_uvicorn_is_one_line(capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "awaitops.emulator._server", raising=False)
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # what `import uvicorn` sees uninstalled
    expected = "this command needs uvicorn, which is not installed: pip install 'awaitops[cli]'"
    for argv in (["emulator", "serve", "--port", "0"], ["demo"]):
        result = run(capsys, *argv)
        assert (result.status, result.err) == (2, f"awaitops: error: {expected}\n"), argv
    as_json = run(capsys, "demo", "--json")
    assert as_json.status == 2
    assert json.loads(as_json.err)["error"]["message"] == expected


def test_missing_rich_is_one_line(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, awaitops_emulator_url: str
) -> None:
    for name in [m for m in sys.modules if m == "rich" or m.startswith("rich.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "rich", None)
    monkeypatch.setattr(Output, "__init__", _terminal_output(Output.__init__))
    result = run(capsys, "pinecone", "assistants", "list", "--control-url", awaitops_emulator_url)
    assert result.status == 2
    assert result.err == (
        "awaitops: error: this command needs rich, which is not installed: "
        "pip install 'awaitops[cli]'\n"
    )


def _terminal_output(init: Any) -> Any:
    def as_terminal(self: Output, **options: Any) -> None:
        init(self, **{**options, "terminal": True})

    return as_terminal


# -- 5. Ctrl-C on the emulator server ----------------------------------------------------


def test_ctrl_c_on_serve_exits_without_traceback(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: Emulator, host: str, port: int, on_ready: Any, **options: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Emulator, "run", interrupted)
    result = run(capsys, "emulator", "serve")
    assert (result.status, result.err) == (130, "awaitops: interrupted\n")


# -- 6. --json is one document, --jsonl one object per line, errors are JSON -------------


def test_json_list_is_one_array_and_jsonl_is_lines(
    capsys: Capsys, awaitops_emulator_url: str
) -> None:
    url = awaitops_emulator_url
    document = run(
        capsys, "chainloop", "operations", "list", "--limit", "5", "--json", "--base-url", url
    )
    assert document.status == 0
    parsed = json.loads(document.out)
    assert isinstance(parsed, list)
    assert len(parsed) == 5
    lines = run(
        capsys, "chainloop", "operations", "list", "--limit", "5", "--jsonl", "--base-url", url
    )
    # The same operations, one per line; their states may have moved on between the reads.
    assert [item["id"] for item in lines.lines()] == [item["id"] for item in parsed]
    empty = run(capsys, "pinecone", "assistants", "list", "--json", "--control-url", url)
    assert json.loads(empty.out) == []


@pytest.mark.parametrize("flag", ["--json", "--jsonl"])
def test_errors_are_json_on_stderr_with_the_same_status(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, awaitops_emulator_url: str, flag: str
) -> None:
    url = awaitops_emulator_url
    missing = run(capsys, "pinecone", "assistants", "get", "nope", flag, "--control-url", url)
    usage = run(capsys, "pinecone", "assistants", "get", flag)
    monkeypatch.delenv("PINECONE_API_KEY")
    no_key = run(capsys, "pinecone", "assistants", "list", flag, "--control-url", url)
    for result, status in ((missing, 1), (usage, 2), (no_key, 2)):
        assert result.status == status
        assert result.out == ""
        [line] = result.err.splitlines()
        error = json.loads(line)["error"]
        assert error["exit_status"] == status
        assert error["message"]
    assert "404" in json.loads(missing.err)["error"]["message"]


# -- 8. rich tables never wrap ids -------------------------------------------------------


@pytest.mark.parametrize("width", [60, 100, 200])
def test_rich_tables_keep_ids_whole(width: int) -> None:
    from rich.console import Console

    buffer = io.StringIO()
    out = Output(stdout=buffer, terminal=True)
    out._console = Console(file=buffer, width=width, color_system=None)
    op_id = "0f5d8c2e-6a0b-4c57-9e55-b3a0c0d1e2f3"
    out.table(
        ("id", "type", "status", "progress", "file", "error"),
        [[op_id, "upload_file", "Failed", "40%", "file-7c4b2a9e-d1f0", "unsupported format " * 4]],
    )
    shown = buffer.getvalue()
    assert ("┃" in shown) == (width > 100)  # a box table when it fits
    assert op_id in shown
    assert "file-7c4b2a9e-d1f0" in shown
    if width <= 100:  # else one line per column: only prose may run past the edge
        assert f"id        {op_id}\n" in shown
        lines = [line for line in shown.splitlines() if not line.startswith("error")]
        assert all(len(line) <= width for line in lines)


# -- 9. URL mistakes and connection errors say what the user typed ----------------------


def test_bad_url_is_reported_as_typed(capsys: Capsys) -> None:
    result = run(capsys, "pinecone", "assistants", "list", "--control-url", "localhost:1234")
    assert result.status == 2
    assert "--control-url" in result.err
    assert "'localhost:1234'" in result.err
    assert "base_url" not in result.err
    assert "/assistant" not in result.err


def test_connection_error_names_the_host(capsys: Capsys, unused_port: int) -> None:
    url = f"http://127.0.0.1:{unused_port}"
    result = run(capsys, "chainloop", "operations", "get", "op-1", "--base-url", url)
    assert result.status == 1
    assert f"request to {url} failed" in result.err


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# -- 10. URLs from the environment; statuses in any case ---------------------------------


def test_urls_come_from_the_environment(
    capsys: Capsys,
    monkeypatch: pytest.MonkeyPatch,
    awaitops_emulator: Emulator,
    awaitops_emulator_url: str,
) -> None:
    awaitops_emulator.add_assistant("docs")
    monkeypatch.setenv("PINECONE_CONTROL_URL", awaitops_emulator_url)
    monkeypatch.setenv("CHAINLOOP_BASE_URL", awaitops_emulator_url)
    pinecone = run(capsys, "pinecone", "assistants", "list", "--json")
    assert [a["name"] for a in pinecone.records()] == ["docs"]
    chainloop = run(capsys, "chainloop", "operations", "list", "--limit", "1", "--json")
    assert chainloop.status == 0
    assert len(chainloop.records()) == 1


def test_statuses_are_accepted_in_any_case(
    capsys: Capsys, awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    awaitops_emulator.add_assistant("docs")
    for status in ("failed", "FAILED", "Failed"):
        result = run(
            capsys, "pinecone", "operations", "list", "docs", "--status", status,
            "--type", "UPLOAD_FILE", "--json", "--control-url", awaitops_emulator_url,
        )  # fmt: skip
        assert (result.status, result.err) == (0, ""), status
    bad = run(capsys, "pinecone", "operations", "list", "docs", "--status", "done")
    assert bad.status == 2
    assert "Processing, Completed, Failed" in bad.err


# -- 11. upload --wait prints the operation ids and shows progress -----------------------


def test_upload_wait_prints_ids_and_progress(capsys: Capsys, tmp_path: Path) -> None:
    clock = ManualClock()
    emulator = Emulator(EmulatorConfig(op_seconds=(10.0, 10.0)), clock=clock)
    emulator.add_assistant("docs")
    paths = []
    for name in ("a.txt", "b.md"):
        (tmp_path / name).write_text("some text\n")
        paths.append(str(tmp_path / name))
    capsys.readouterr()
    statuses: list[int] = []
    with emulator.serving("127.0.0.1", 0) as url:
        argv = ["pinecone", "files", "upload", "docs", *paths, "--wait", "--control-url", url]
        waiter = threading.Thread(target=lambda: statuses.append(main(argv)))
        waiter.start()
        _until(lambda: _operation_gets(emulator) >= 2)
        clock.advance(4.0)  # part way
        before = _operation_gets(emulator)
        _until(lambda: _operation_gets(emulator) >= before + 2)
        clock.advance(10.0)  # done
        waiter.join(60)
    assert statuses == [0]
    out = capsys.readouterr().out
    ids = [line.split()[-1] for line in out.splitlines() if ": operation " in line]
    assert [line.split(":")[0] for line in out.splitlines() if ": operation " in line] == [
        "a.txt",
        "b.md",
    ]
    polled = {r.path.rsplit("/", 1)[-1] for r in emulator.requests if "/operations/" in r.path}
    assert polled == set(ids)
    assert f"awaitops pinecone operations watch docs {' '.join(ids)}" in out
    for name in ("a.txt", "b.md"):  # a reading part way, between the first and the last
        assert re.search(rf"^{re.escape(name)} +Processing [1-9][0-9]?%$", out, re.MULTILINE)
    assert out.count("Completed") == 2


def _operation_gets(emulator: Emulator) -> int:
    return sum(1 for r in emulator.requests if r.method == "GET" and "/operations/" in r.path)


def _until(condition: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


# -- 12. --version, python -m awaitops, gRPC names, timeout message ----------------------


def test_version(capsys: Capsys) -> None:
    result = run(capsys, "--version")
    assert (result.status, result.out) == (0, f"awaitops {__version__}\n")


def test_python_dash_m_awaitops() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "awaitops", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env=cli_env(),
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"awaitops {__version__}\n")


def test_chainloop_errors_name_the_grpc_code(capsys: Capsys, awaitops_emulator_url: str) -> None:
    result = run(
        capsys, "chainloop", "operations", "get", "0f5d8c2e-6a0b-4c57-9e55-b3a0c0d1e2f3",
        "--base-url", awaitops_emulator_url,
    )  # fmt: skip
    assert result.status == 1
    assert result.err.startswith("awaitops: error: HTTP 404 NOT_FOUND: ")


def test_wait_timeout_message_names_no_sdk_class(capsys: Capsys, tmp_path: Path) -> None:
    emulator = Emulator(EmulatorConfig(op_seconds=(60.0, 60.0)))
    emulator.add_assistant("docs")
    (tmp_path / "a.txt").write_text("text\n")
    with emulator.serving("127.0.0.1", 0) as url:
        result: Result = run(
            capsys, "pinecone", "files", "upload", "docs", str(tmp_path / "a.txt"), "--wait",
            "--timeout", "0.3", "--control-url", url,
        )  # fmt: skip
    assert result.status == 1
    assert "(timeout 0.3s)" in result.err
    assert "PollPolicy" not in result.err
    assert not ANSI.search(result.out + result.err)
