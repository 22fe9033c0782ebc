"""Per-call cost of this tree against another git revision, both loaded in one process.

    uv run python -m scripts.bench.bench_revision [--rev main] [--json] [--quick]

Tells whether a change slowed the per-call path by a few percent, which separate runs on a
shared machine cannot (their speed drifts by more than that). The revision's
``src/awaitops`` is exported with ``git archive`` into a temporary folder as the package
``awaitops_rev`` (its absolute imports renamed to match), with the revision's own generated
packages (``awaitops_generated`` renamed ``awaitops_generated_rev``). The two clients then make the calls of ``bench_per_call`` on the same
MockTransport, taking turns call by call within each round, and the figure is this tree's
time over the revision's, per round. Time is this thread's CPU time, not wall time: on a
machine shared with other work, time spent descheduled would drown a difference of 1 %.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from awaitops.pinecone import Pinecone

from ._common import API_KEY, ASSISTANT, MOCK_URL, OPERATION_ID, spread
from .bench_per_call import CALLS, LIST_PAGE_SIZE, ROUNDS, Call, _round, mock_transport

ROOT = Path(__file__).resolve().parents[2]
_IMPORT = re.compile(r"^(\s*(?:from|import)\s+)awaitops\b", re.MULTILINE)
_GENERATED = "awaitops_generated"


def load_revision(rev: str, into: Path) -> Any:
    """The ``Pinecone`` class of ``rev``, from its sources exported under ``into``."""
    archive = subprocess.run(
        ["git", "archive", rev, "src/awaitops", "generated"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = into / "awaitops_rev"
    (into / "src" / "awaitops").rename(package)
    generated = into / "generated"
    if (generated / _GENERATED).is_dir():
        (generated / _GENERATED).rename(generated / f"{_GENERATED}_rev")
    for source in [*package.rglob("*.py"), *generated.rglob("*.py")]:
        text = _IMPORT.sub(r"\1awaitops_rev", source.read_text())
        source.write_text(text.replace(_GENERATED, f"{_GENERATED}_rev"))
    # The revision's generated code: under its own name, or top-level names (before they
    # moved under one namespace) that this tree no longer uses.
    sys.path[:0] = [str(into), str(generated)]
    return importlib.import_module("awaitops_rev.pinecone").Pinecone


def _get(pc: Any) -> Call:
    docs = pc.assistant(ASSISTANT, host=MOCK_URL)
    return lambda: docs.operations.get(OPERATION_ID)


def _first_page(pc: Any) -> Call:
    return lambda: pc.assistants.list(page_size=LIST_PAGE_SIZE).first_page()


async def _half_round(
    classes: dict[str, Any], make: Callable[[Any], Call], calls: int
) -> dict[str, float]:
    """CPU seconds per call of fresh clients, made in the order of ``classes``."""
    transport = mock_transport()
    pools = [httpx.AsyncClient(transport=transport) for _ in classes]
    clients = {
        name: make(cls(api_key=API_KEY, control_url=MOCK_URL, http_client=pool))
        for (name, cls), pool in zip(classes.items(), pools, strict=True)
    }
    await _round(clients, max(10, calls // 10), time.thread_time)  # warm-up
    seconds = await _round(clients, calls, time.thread_time)
    for pool in pools:
        await pool.aclose()
    return seconds


async def measure(rev_pinecone: Any, calls: int, rounds: int) -> dict[str, Any]:
    # Which client is made first shifts the figures by a few percent either way (seen
    # comparing a revision with itself), so each round is two halves, one in each order.
    orders = ({"this": Pinecone, "rev": rev_pinecone}, {"rev": rev_pinecone, "this": Pinecone})
    results: dict[str, Any] = {}
    for workload, make in (("operations.get", _get), ("assistants.list first page", _first_page)):
        seen = []
        for _ in range(rounds):
            halves = [await _half_round(order, make, calls // 2) for order in orders]
            seen.append({name: sum(half[name] for half in halves) / 2 for name in orders[0]})
        results[workload] = {
            "us_per_call": {n: spread([r[n] * 1e6 for r in seen]) for n in orders[0]},
            "this_over_rev": spread([r["this"] / r["rev"] for r in seen]),
        }
    return {"calls_per_round": calls, "rounds": rounds, "workloads": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rev", default="main", help="git revision to compare with")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--quick", action="store_true", help="a tiny workload (smoke run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rev_pinecone = load_revision(args.rev, Path(folder))
        calls, rounds = (20, 2) if args.quick else (CALLS, ROUNDS)
        result = {"rev": args.rev, **asyncio.run(measure(rev_pinecone, calls, rounds))}
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
