"""What every workload shares: canned bodies, figures over rounds, JSON hand-off to the runner.

Each workload module runs in a fresh interpreter (``python -m scripts.bench.bench_x``), so one
workload's imports, garbage and memory high-water mark never colour another's figures. With
``--json`` it prints one JSON object on its last line, which :mod:`scripts.bench.run` reads.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

from awaitops_generated import pinecone_assistant_data

API_KEY = "bench-key"
ASSISTANT = "docs"
OPERATION_ID = "op-0001"
# Credentials go only to https or loopback hosts; a MockTransport never resolves this one.
MOCK_URL = "https://bench.awaitops.invalid"
DATA_VERSION_HEADER = "X-Pinecone-Api-Version"
# What our data plane client sends and where: from the generated package, so a version bump
# moves the raw-httpx comparison clients along with ours.
DATA_API_VERSION: str = pinecone_assistant_data.API_VERSION
DATA_BASE_PATH: str = pinecone_assistant_data.BASE_PATH

OPERATION: dict[str, Any] = {
    "id": OPERATION_ID,
    "operation_type": "upload_file",
    "file_id": "file-0001",
    "status": "Processing",
    "percent_complete": 42,
    "created_on": "2026-11-22T10:00:00.000Z",
}


def assistant_body(name: str, host: str) -> dict[str, Any]:
    return {
        "name": name,
        "instructions": "Answer from the uploaded reports.",
        "metadata": {"team": "bench"},
        "status": "Ready",
        "host": host,
        "created_at": "2026-11-22T09:00:00.000Z",
        "updated_at": "2026-11-22T09:00:01.000Z",
    }


def assistants_page(host: str, size: int) -> dict[str, Any]:
    return {"assistants": [assistant_body(f"assistant-{i}", host) for i in range(size)]}


def encode(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()


def spread(values: Sequence[float]) -> dict[str, float]:
    """min / median / max, the shape every figure is reported in."""
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }


def run_checked(args: Sequence[str], *, timeout: float, **options: Any) -> str:
    """Run ``args`` and return what it printed; a failure or a timeout raises RuntimeError
    quoting the end of what it printed, so that the reason reaches whoever runs the bench."""
    try:
        done = subprocess.run(
            list(args), capture_output=True, text=True, timeout=timeout, check=False, **options
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(
            f"{' '.join(args)} did not finish within {timeout:g}s\n{_tails(exc.stdout, exc.stderr)}"
        ) from None
    if done.returncode:
        raise RuntimeError(
            f"{' '.join(args)} exited with {done.returncode}\n{_tails(done.stdout, done.stderr)}"
        )
    return done.stdout


def _tails(stdout: str | bytes | None, stderr: str | bytes | None) -> str:
    def tail(text: str | bytes | None) -> str:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        return (text or "")[-8000:]

    return f"--- stdout ---\n{tail(stdout)}\n--- stderr ---\n{tail(stderr)}"


def official_sdk_version() -> str | None:
    """The installed official ``pinecone`` SDK's version, or None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pinecone")
    except PackageNotFoundError:
        return None


def cli(run: Callable[[bool], Mapping[str, Any]], doc: str | None) -> None:
    """``--json``: the result as one JSON line (for the runner); ``--quick``: a tiny workload."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--quick", action="store_true", help="a tiny workload (smoke run)")
    args = parser.parse_args()
    result = run(args.quick)
    if args.json:
        print(json.dumps(result))
    else:
        json.dump(result, sys.stdout, indent=2)
        print()


Walker = Callable[[], AsyncIterator[int]]
"""A walk through a list, yielding how many items each step handed out."""


async def walk_in_turns(walkers: Mapping[str, Walker], expected: int) -> dict[str, float]:
    """Seconds of one whole walk per walker, the walkers taking turns step by step (order
    rotated each turn) so that machine drift hits them alike; each must hand out
    ``expected`` items."""
    iterators = {name: walk() for name, walk in walkers.items()}
    seconds = dict.fromkeys(walkers, 0.0)
    counts = dict.fromkeys(walkers, 0)
    names = list(walkers)
    gc.collect()
    turn = 0
    while names:
        shift = turn % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            try:
                counts[name] += await anext(iterators[name])
            except StopAsyncIteration:
                names.remove(name)
            seconds[name] += time.perf_counter() - start
        turn += 1
    if any(count != expected for count in counts.values()):
        raise RuntimeError(f"walked {counts}, expected {expected} each")
    return seconds
