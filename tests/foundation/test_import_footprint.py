"""What importing awaitops and building a client load (module sets, not timings: the
timings are in BENCHMARKS.md, section 3).

Importing a facade loads no generated code; building a client loads what its calls need,
so the first calls import nothing of ours; and no generated module goes unused (error
bodies are the core's business, so no generated error model is ever loaded).
"""

from __future__ import annotations

import json
import subprocess
import sys

_PROBE = """
import json, sys
import anyio, httpx

def ours():
    return {m for m in sys.modules if m.split(".")[0] in ("awaitops", "awaitops_generated")}

import awaitops.pinecone, awaitops.chainloop
on_import = ours()

ANSWERS = {
    "/assistant/assistants/a": {"name": "a", "status": "Ready", "host": "https://data.test"},
    "/backup-schedules/s/history": {"data": []},
    "/assistant/operations/a/op": {
        "id": "op", "status": "Processing", "operation_type": "upload_file",
        "created_on": "2026-11-22T10:00:00Z",
    },
    "/assistant/files/a/f": {"id": "f", "name": "f.txt", "status": "Available"},
    "/v1/operations/op": {"operation": {"id": "op", "status": "STATUS_PENDING"}},
}

async def main():
    http = httpx.AsyncClient(transport=httpx.MockTransport(
        lambda request: httpx.Response(200, json=ANSWERS[request.url.path])
    ))
    pc = awaitops.pinecone.Pinecone(api_key="probe-key", control_url="https://api.test", http_client=http)
    cl = awaitops.chainloop.Chainloop(token="probe-token", base_url="https://cl.test", http_client=http)
    data = pc.assistant("a", host="https://data.test")
    built = ours()
    await pc.assistants.get("a")
    await pc.backup_schedules.history("s").collect()
    await data.operations.get("op")
    await data.files.get("f")
    await cl.operations.get("op")
    await http.aclose()
    return built

built = anyio.run(main)
print(json.dumps({"on_import": sorted(on_import), "built": sorted(built), "called": sorted(ours())}))
"""


def _footprint() -> dict[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return {name: set(modules) for name, modules in result.items()}


def test_importing_the_facades_loads_no_generated_code_and_building_loads_what_calls_need() -> None:
    seen = _footprint()
    assert not {m for m in seen["on_import"] if m.startswith("awaitops_generated")}
    # The pager, watcher and endpoint glue of the core come with the resources, at build.
    assert "awaitops.core._pagination" not in seen["on_import"]
    # Everything of ours a first call needs was loaded when the client was built; what a
    # first call may still load is a nested generated model its parent imports on use.
    late = seen["called"] - seen["built"]
    assert {m for m in late if not m.startswith("awaitops_generated.")} == set()
    assert {m for m in late if ".models." not in m} == set()
    # No generated module goes unused: error bodies are parsed by the core, not the models.
    generated = {m for m in seen["called"] if m.startswith("awaitops_generated.")}
    assert not {m for m in generated if "error" in m.rsplit(".", 1)[-1]}


_OBSERVING = {"awaitops.core._events", "awaitops.core._observe", "awaitops.core._tracing"}


def test_nothing_observing_loads_while_no_hook_listens() -> None:
    # The facades, building both clients, and a call, a get and a list on each resource.
    seen = _footprint()
    assert not _OBSERVING & (seen["on_import"] | seen["built"] | seen["called"])
    # Importing a facade loads what its classes need: the HTTP client comes with the client.
    assert "awaitops.core._client" not in seen["on_import"]


_WAITS = """
import json, sys
import anyio, httpx
from awaitops import PollPolicy
from awaitops.chainloop import Chainloop

OPERATION = {"id": "op", "status": "ASYNC_OPERATION_STATUS_COMPLETED"}

def answer(request):
    if request.url.path == "/v1/operations":
        return httpx.Response(200, json={"operations": [OPERATION], "pagination": {"page": 1, "total_pages": 1}})
    return httpx.Response(200, json={"operation": OPERATION})

def observing():
    return sorted(m for m in sys.modules if m.rsplit(".", 1)[-1] in ("_events", "_observe", "_tracing"))

async def main():
    http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    cl = Chainloop(token="probe-token", base_url="https://cl.test", http_client=http)
    poll = PollPolicy(initial_interval=0.01, max_interval=0.01, timeout=10)
    await cl.operations.wait("op", poll=poll)
    async for _ in cl.operations.watch("op", poll=poll):
        pass
    async for _ in cl.operations.wait_all(["op"], poll=poll):
        pass
    unwatched = observing()
    ended = []
    cl.hooks.on_wait_end(lambda event: ended.append(event.outcome))
    await cl.operations.wait("op", poll=poll)
    await http.aclose()
    return {"unwatched": unwatched, "watched": observing(), "ended": ended}

print(json.dumps(anyio.run(main)))
"""


def test_waits_load_the_events_only_once_a_hook_listens() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WAITS], capture_output=True, text=True, timeout=60, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["unwatched"] == []
    # The first hook loads them, and it hears the next wait end.
    assert set(seen["watched"]) == _OBSERVING
    assert seen["ended"] == ["completed"]


_FLOOR = """
import json, sys
import anyio, attrs, httpx
floor = set(sys.modules)
import awaitops, awaitops.pinecone, awaitops.chainloop
print(json.dumps(sorted(m for m in set(sys.modules) - floor if not m.startswith("awaitops"))))
"""


def test_importing_the_facades_loads_nothing_beyond_the_floor_but_awaitops() -> None:
    # Section 3's cold-import figure is over httpx + attrs + anyio: anything else pulled in
    # at import lands on every program's start. asyncio alone costs about 14 ms (a trio
    # program never needs it), and a module-level ``import asyncio`` once slipped in.
    done = subprocess.run(
        [sys.executable, "-c", _FLOOR], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
