"""The benchmark runner works end to end on tiny workloads (no figure is checked).

The runs are bounded generously: a quick run takes about a minute alone and several on a
loaded 2-core machine; a failure shows what the run printed (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 900


def _run(*args: str) -> str:
    """Run a bench module, returning its stdout; a failure or a timeout fails the test with
    everything the run printed (on timeout its whole process group is stopped first)."""
    command = [sys.executable, "-m", *args]
    with subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as child:
        try:
            out, err = child.communicate(timeout=RUN_TIMEOUT)
            why = f"exited with {child.returncode}"
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            out, err = child.communicate()
            why = f"did not finish within {RUN_TIMEOUT}s"
    if why != "exited with 0":
        pytest.fail(
            f"{' '.join(args)} {why}\n--- stdout ---\n{out[-20_000:]}\n"
            f"--- stderr ---\n{err[-20_000:]}",
            pytrace=False,
        )
    return out


SECTIONS = (
    "## 1. Client cost per call",
    "## 2. Loopback throughput",
    "## 3. Cold import",
    "## 4. Pagination",
    "## 5. Scale",
    "## Watchers",
    "## 7. The emulator",
    "## 8. Many callers, one limit",
    "## 9. Uploads beside watched operations",
    "## 10. A fleet, one limit",
    "## 11. Side by side under late faults",
)


def test_quick_run_writes_every_section(tmp_path: Path) -> None:
    output = tmp_path / "BENCHMARKS.md"
    kept = "## Change checks\n\nan A/B comparison made by hand\n"
    output.write_text("# Benchmarks\n\nold figures\n\n" + kept)
    _run("scripts.bench.run", "--quick", "--output", str(output))
    text = output.read_text()
    positions = [text.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)
    assert "| benchmark | target | figure | result |" in text
    # One summary row per target (1-4 and 6-9), each saying met or missed.
    rows = [line for line in text.splitlines() if re.match(r"\| \d\. ", line)]
    assert {row[2] for row in rows} == {"1", "2", "3", "4", "6", "7", "8", "9"}
    assert all(row.rstrip(" |").endswith(("met", "**missed**")) for row in rows)
    assert "old figures" not in text
    assert text.endswith("\n" + kept)


def test_revision_comparison_runs() -> None:
    out = _run("scripts.bench.bench_revision", "--quick", "--rev", "HEAD", "--json")
    result = json.loads(out)
    assert set(result["workloads"]) == {"operations.get", "assistants.list first page"}
    for figures in result["workloads"].values():
        assert figures["this_over_rev"]["median"] > 0
