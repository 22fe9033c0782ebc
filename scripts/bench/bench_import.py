"""Cold import in a fresh interpreter: ours vs the httpx+attrs+anyio floor vs the official SDK.

    uv run python -m scripts.bench.bench_import [--json] [--quick]

Each sample starts a new interpreter that times the floor's import (``import httpx, attrs,
anyio``) and then the statement's on top of it with ``time.perf_counter`` (interpreter start-up
excluded), so "over the floor" is measured in the same process, and lists which heavy modules
got loaded. The statements take turns, sample by sample, so that machine drift hits them alike.

Bytecode caches are warm, as on any machine after the first run: the probes write them to a
private ``PYTHONPYCACHEPREFIX`` during an untimed first sample, whatever
``PYTHONDONTWRITEBYTECODE`` says, and without touching the source tree.

httpx imports its command-line module, and with it rich, click and pygments, whenever click
is installed (it is here, through uvicorn), so the floor itself loads rich in this
environment; what counts is what ours loads beyond the floor.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from typing import Any

from ._common import cli, official_sdk_version, spread

SAMPLES = 15
STATEMENTS = {
    "ours": "import awaitops.pinecone",
    "floor": "pass",
    "official": "from pinecone import PineconeAsyncio",
}
# Loaded only by whoever needs them: the code generator, the CLI's rendering, the emulator
# and its server stack, the test-only libraries.
HEAVY = (
    "openapi_python_client",
    "rich",
    "awaitops.emulator",
    "awaitops.cli",
    "starlette",
    "uvicorn",
    "trio",
    "yaml",
    "openapi_core",
    "pytest",
    "hypothesis",
)

FLOOR = "import httpx, attrs, anyio"

_PROBE = """
import sys, time, json
start = time.perf_counter()
{floor}
floor = time.perf_counter() - start
start = time.perf_counter()
{statement}
rest = time.perf_counter() - start
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"floor": floor, "rest": rest, "heavy": heavy, "modules": len(sys.modules)}}))
"""


def _sample(statement: str, env: dict[str, str]) -> dict[str, Any]:
    """One fresh interpreter: the floor's import time, then the statement's on top of it."""
    probe = _PROBE.format(floor=FLOOR, statement=statement, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(quick: bool = False) -> dict[str, Any]:
    samples = 1 if quick else SAMPLES
    statements = dict(STATEMENTS)
    sdk_version = official_sdk_version()
    if sdk_version is None:
        del statements["official"]
    seen: dict[str, list[dict[str, Any]]] = {name: [] for name in statements}
    names = list(statements)
    with tempfile.TemporaryDirectory(prefix="awaitops-bench-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for statement in statements.values():
            _sample(statement, env)  # writes the bytecode caches
        for index in range(samples):
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                seen[name].append(_sample(statements[name], env))
    floor_heavy = {m for s in seen["floor"] for m in s["heavy"]}
    return {
        "samples": samples,
        "official_sdk": sdk_version,
        "statements": {**statements, "floor": FLOOR},
        "imports": {
            name: {
                "ms": spread([(s["floor"] + s["rest"]) * 1e3 for s in values]),
                "ms_over_floor": spread([s["rest"] * 1e3 for s in values]),
                "modules": values[-1]["modules"],
                "heavy": sorted({m for s in values for m in s["heavy"]}),
                "heavy_beyond_floor": sorted({m for s in values for m in s["heavy"]} - floor_heavy),
            }
            for name, values in seen.items()
        },
    }


if __name__ == "__main__":
    cli(run, __doc__)
