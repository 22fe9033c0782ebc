"""The benchmark runner works end to end on tiny workloads (no figure is checked)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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
)


def test_quick_run_writes_every_section(tmp_path: Path) -> None:
    output = tmp_path / "BENCHMARKS.md"
    kept = "## Change checks\n\nan A/B comparison made by hand\n"
    output.write_text("# Benchmarks\n\nold figures\n\n" + kept)
    subprocess.run(
        [sys.executable, "-m", "scripts.bench.run", "--quick", "--output", str(output)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=180,
    )
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
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.bench.bench_revision",
            "--quick",
            "--rev",
            "HEAD",
            "--json",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    )
    result = json.loads(done.stdout)
    assert set(result["workloads"]) == {"operations.get", "assistants.list first page"}
    for figures in result["workloads"].values():
        assert figures["this_over_rev"]["median"] > 0
