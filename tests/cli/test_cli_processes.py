"""The command as a separate process: the demo end to end, Ctrl-C, and piped output."""

from __future__ import annotations

import selectors
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from awaitops.emulator import Emulator, EmulatorConfig

from ._cli_support import ANSI, KEY, Result, run, run_process, spawn

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def slow() -> Iterator[tuple[Emulator, str]]:
    """An emulator whose file operations take a minute, served on loopback."""
    emulator = Emulator(EmulatorConfig(op_seconds=(60.0, 60.0)))
    emulator.add_assistant("docs")
    with emulator.serving("127.0.0.1", 0) as url:
        yield emulator, url


def _start_upload(capsys: Capsys, url: str, monkeypatch: pytest.MonkeyPatch, folder: Path) -> str:
    monkeypatch.setenv("PINECONE_API_KEY", KEY)
    notes = folder / "notes.txt"
    notes.write_text("some notes\n")
    started = run(
        capsys, "pinecone", "files", "upload", "docs", str(notes), "--json", "--control-url", url
    )
    assert started.status == 0, started.err
    op_id: str = started.records()[0]["id"]
    return op_id


def _wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float) -> list[str]:
    """stdout lines up to and including the first containing ``needle``."""
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                break
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if needle in line:
                return lines
    proc.kill()
    raise AssertionError(f"no line with {needle!r} within {timeout}s: {lines!r}")


def _interrupt(proc: subprocess.Popen[str]) -> Result:
    """Ctrl-C, and the process's exit. One that has not exited within 30 s is made to dump
    every thread's stack (faulthandler, on by ``spawn``) before the test fails with it."""
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        try:
            out, err = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        raise AssertionError(
            f"still running 30 s after Ctrl-C; its stacks and output:\n{err}\n{out[-2000:]}"
        ) from None
    return Result(proc.returncode, out, err)


def test_ctrl_c_during_watch_exits_130(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, slow: tuple[Emulator, str], tmp_path: Path
) -> None:
    emulator, url = slow
    op_id = _start_upload(capsys, url, monkeypatch, tmp_path)
    proc = spawn("pinecone", "operations", "watch", "docs", op_id, "--control-url", url)
    _wait_for_line(proc, "Processing", timeout=30)
    result = _interrupt(proc)
    assert result.status == 130
    assert result.err == "awaitops: interrupted\n"
    # The process is gone, so nothing is still polling.
    seen = len(emulator.requests)
    time.sleep(0.3)
    assert len(emulator.requests) == seen


def test_ctrl_c_during_the_demo_exits_130() -> None:
    proc = spawn("demo", "--op-seconds", "60")
    lines = _wait_for_line(proc, "Processing", timeout=40)
    assert lines[0].startswith("Emulator listening on http://127.0.0.1:")
    result = _interrupt(proc)
    assert result.status == 130
    assert "Traceback" not in result.err


def test_watch_times_out_with_status_1(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, slow: tuple[Emulator, str], tmp_path: Path
) -> None:
    _, url = slow
    op_id = _start_upload(capsys, url, monkeypatch, tmp_path)
    result = run(
        capsys, "pinecone", "operations", "watch", "docs", op_id, "--timeout", "0.5",
        "--control-url", url,
    )  # fmt: skip
    assert result.status == 1
    assert result.err.startswith("awaitops: error: ")
    assert result.out.splitlines()[-1].split()[-2:] == ["Processing", "0%"]


def test_the_demo_runs_to_the_end_with_plain_output() -> None:
    result = run_process("demo", "--op-seconds", "0.3-1")
    assert result.status == 0, result.err
    assert not ANSI.search(result.out + result.err)
    lines = result.out.splitlines()
    assert lines[0].startswith("Emulator listening on http://127.0.0.1:")
    assert "== Summary" in lines
    summary = dict(line.split(None, 2)[1:] for line in lines if line.startswith("operations "))
    assert summary == {
        "completed": "4",
        "failed": "1 (File processing failed: the file could not be read as PDF.)",
    }
    assert (
        "scan.pdf     Failed: File processing failed: the file could not be read as PDF." in lines
    )


def test_the_demo_with_faults_absorbs_them_as_json() -> None:
    result = run_process("demo", "--faults", "--op-seconds", "0.3-1", "--json")
    assert result.status == 0, result.err
    records = result.records()
    events = {r["event"] for r in records}
    assert events == {
        "assistant", "operation", "listed_operation", "backup", "chainloop_operation", "summary"
    }  # fmt: skip
    final = {r["data"]["id"]: r["data"] for r in records if r["event"] == "operation"}
    assert sorted(op["status"] for op in final.values()) == ["Completed"] * 4 + ["Failed"]
    assert all(
        op["percent_complete"] == 100 for op in final.values() if op["status"] == "Completed"
    )
    summary = records[-1]
    assert summary["event"] == "summary"
    data = summary["data"]
    assert (data["operations_completed"], data["operations_failed"]) == (4, 1)
    # Seeded faults: the same requests fail on every run, and each was retried.
    assert data["retries"] > 0
    assert data["requests"] > data["retries"]
    assert len([r for r in records if r["event"] == "listed_operation"]) == 5
