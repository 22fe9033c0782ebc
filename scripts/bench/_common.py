"""What every workload shares: canned bodies, figures over rounds, JSON hand-off to the runner.

Each workload module runs in a fresh interpreter (``python -m scripts.bench.bench_x``), so one
workload's imports, garbage and memory high-water mark never colour another's figures. With
``--json`` it prints one JSON object on its last line, which :mod:`scripts.bench.run` reads.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

API_KEY = "bench-key"
ASSISTANT = "docs"
OPERATION_ID = "op-0001"
# Credentials go only to https or loopback hosts; a MockTransport never resolves this one.
MOCK_URL = "https://bench.awaitops.invalid"
DATA_VERSION_HEADER = "X-Pinecone-Api-Version"
DATA_API_VERSION = "2026-04"

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
