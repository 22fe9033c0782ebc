"""Cold import in a fresh interpreter: ours vs the httpx+attrs+anyio floor vs the official SDK,
and how long the first calls of a freshly built client stall the event loop.

    uv run python -m scripts.bench.bench_import [--json] [--quick]

Ours is measured as users get it: the wheel is built (``uv build``) and installed alone, with
its three runtime dependencies, in a throwaway venv (``uv venv``, offline from uv's cache), so
nothing the dev environment adds (click, and through it rich) is in the floor. The official
SDK is measured in this environment, over this environment's floor.

Each sample starts a new interpreter that times the floor's import (``import httpx, attrs,
anyio``) and then the statement's on top of it (importing a facade, or importing it and building
a client without sending anything; a bare ``httpx.AsyncClient()`` for reference, as each client
builds one pool) in CPU time (``time.process_time``: on a machine shared with other work, time
spent descheduled does not count; interpreter start-up excluded), so "over the floor" is
measured in the same process, and lists which heavy modules got loaded. The statements take
turns, sample by sample, so that machine drift hits them alike.

The stall probe builds a Pinecone and a Chainloop client on an ``httpx.MockTransport``, then
makes the first call of every resource (assistants, backup history, an assistant's operations
and files, Chainloop operations), one after the other, while a heartbeat task yields to the
loop: the longest gap between two heartbeats is the longest the loop was blocked. A
MockTransport never yields, so each call counts whole (on a socket it would yield for I/O).

Bytecode caches are warm, as on any machine after the first run: the probes write them to a
private ``PYTHONPYCACHEPREFIX`` during an untimed first sample, whatever
``PYTHONDONTWRITEBYTECODE`` says, and without touching the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from ._common import cli, official_sdk_version, run_checked, spread

SAMPLES = 15
ROOT = Path(__file__).resolve().parents[2]
# Run in the venv holding only the base wheel.
_PINECONE = 'Pinecone(api_key="bench-key", control_url="http://127.0.0.1:1")'
_CHAINLOOP = 'Chainloop(token="bench-token", base_url="http://127.0.0.1:1")'
STATEMENTS = {
    "ours": "import awaitops.pinecone",
    "ours_both": "import awaitops.pinecone, awaitops.chainloop",
    # What a user pays before the first call: the import, then building a client (no
    # request). Most of it is httpx's own pool, hence the reference row below.
    "ours_built": f"from awaitops.pinecone import Pinecone\n{_PINECONE}",
    "ours_both_built": (
        "from awaitops.pinecone import Pinecone\nfrom awaitops.chainloop import Chainloop\n"
        f"{_PINECONE}\n{_CHAINLOOP}"
    ),
    "httpx_client": "httpx.AsyncClient()",
    "floor": "pass",
}
# Run in this environment.
OFFICIAL = {"official": "from pinecone import PineconeAsyncio"}
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
start = time.process_time()
{floor}
floor = time.process_time() - start
start = time.process_time()
{statement}
rest = time.process_time() - start
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"floor": floor, "rest": rest, "heavy": heavy, "modules": len(sys.modules)}}))
"""


_STALL = """
import json, time, anyio, httpx
from awaitops.chainloop import Chainloop
from awaitops.pinecone import Pinecone

ASSISTANT = {"name": "a", "status": "Ready", "host": "https://data.invalid"}
OPERATION = {"id": "op", "status": "Processing", "operation_type": "upload_file", "created_on": "2026-11-22T10:00:00Z"}
FILE = {"id": "f", "name": "f.txt", "status": "Available"}
ANSWERS = {
    "/assistant/assistants/a": ASSISTANT,
    "/backup-schedules/s/history": {"data": []},
    "/assistant/operations/a/op": OPERATION,
    "/assistant/files/a/f": FILE,
    "/v1/operations/op": {"operation": {"id": "op", "status": "STATUS_PENDING"}},
}

def answer(request):
    return httpx.Response(200, json=ANSWERS[request.url.path])

async def main():
    http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    pc = Pinecone(api_key="bench-key", control_url="https://api.invalid", http_client=http)
    cl = Chainloop(token="bench-token", base_url="https://chainloop.invalid", http_client=http)
    data = pc.assistant("a", host="https://data.invalid")
    gaps = []
    running = True

    async def heartbeat():
        last = time.perf_counter()
        while running:
            await anyio.sleep(0)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    async with anyio.create_task_group() as tg:
        tg.start_soon(heartbeat)
        await anyio.sleep(0)
        # A MockTransport never yields: a call is one stretch, so the calls are kept apart.
        for call in (
            lambda: pc.assistants.get("a"),
            lambda: pc.backup_schedules.history("s").collect(),
            lambda: data.operations.get("op"),
            lambda: data.files.get("f"),
            lambda: cl.operations.get("op"),
        ):
            await call()
            await anyio.sleep(0.001)
        running = False
    await http.aclose()
    print(json.dumps({"stall": max(gaps)}))

anyio.run(main)
"""


def _sample(statement: str, env: dict[str, str], python: str = sys.executable) -> dict[str, Any]:
    """One fresh interpreter: the floor's import time, then the statement's on top of it."""
    probe = _PROBE.format(floor=FLOOR, statement=statement, heavy=HEAVY)
    out = run_checked([python, "-c", probe], timeout=60, env=env)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _stall(python: str, env: dict[str, str]) -> float:
    out = run_checked([python, "-c", _STALL], timeout=60, env=env)
    stall: float = json.loads(out.strip().splitlines()[-1])["stall"]
    return stall


def _base_wheel_python(tmp: Path) -> str:
    """A venv holding only our wheel and its runtime dependencies."""
    uv = os.environ.get("UV") or shutil.which("uv")
    if uv is None:
        raise RuntimeError("uv is needed to build the wheel and its venv")

    def call(*args: str) -> None:
        run_checked([uv, *args], timeout=300, cwd=ROOT)

    call("build", "--wheel", "--offline", "--quiet", "-o", str(tmp / "dist"))
    (wheel,) = (tmp / "dist").glob("*.whl")
    call("venv", "--offline", "--quiet", "--python", sys.executable, str(tmp / "venv"))
    python = str(tmp / "venv" / "bin" / "python")
    # The runtime dependencies at the lock file's versions (those the cache holds), not the
    # newest an offline resolver has heard of.
    pins = tmp / "requirements.txt"
    call("export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes", "-o", str(pins))
    call("pip", "install", "--offline", "--quiet", "--python", python, "-r", str(pins))
    call("pip", "install", "--offline", "--quiet", "--no-deps", "--python", python, str(wheel))
    return python


def run(quick: bool = False) -> dict[str, Any]:
    samples = 1 if quick else SAMPLES
    sdk_version = official_sdk_version()
    official = OFFICIAL if sdk_version is not None else {}
    statements = {**STATEMENTS, **official}
    seen: dict[str, list[dict[str, Any]]] = {name: [] for name in statements}
    stalls: list[float] = []
    names = list(statements)
    with tempfile.TemporaryDirectory(prefix="awaitops-bench-import-") as tmp:
        base = _base_wheel_python(Path(tmp))
        pythons = dict.fromkeys(STATEMENTS, base) | dict.fromkeys(official, sys.executable)
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "VIRTUAL_ENV")
        }
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for name, statement in statements.items():
            _sample(statement, env, pythons[name])  # writes the bytecode caches
        _stall(base, env)
        for index in range(samples):
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                seen[name].append(_sample(statements[name], env, pythons[name]))
            stalls.append(_stall(base, env))
    floor_heavy = {m for s in seen["floor"] for m in s["heavy"]}
    return {
        "samples": samples,
        "official_sdk": sdk_version,
        "statements": {**statements, "floor": FLOOR},
        "first_call_stall_ms": spread([s * 1e3 for s in stalls]),
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
