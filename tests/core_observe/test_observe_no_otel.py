"""Tracing costs nothing to those who do not trace: importing the SDK loads no OpenTelemetry
module, and without OpenTelemetry installed calls, waits and hooks work the same."""

from __future__ import annotations

import subprocess
import sys
import textwrap

_BLOCKER = """
import importlib.abc
import sys

class NoOtel(importlib.abc.MetaPathFinder):
    # As if the otel extra were not installed.
    def find_spec(self, name, path=None, target=None):
        if name == "opentelemetry" or name.startswith("opentelemetry."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoOtel())
"""

_LOADED = "sorted(m for m in sys.modules if m.split('.')[0] == 'opentelemetry')"


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_importing_the_sdk_loads_no_opentelemetry_module() -> None:
    out = run(
        f"""
        import sys
        import awaitops, awaitops.pinecone, awaitops.chainloop
        print({_LOADED})
        """
    )
    assert out == "[]"


def test_without_opentelemetry_calls_waits_and_hooks_work() -> None:
    out = run(
        _BLOCKER
        + f"""
import anyio
from awaitops import PollPolicy, RetryPolicy
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

async def main():
    emu = Emulator(EmulatorConfig(op_seconds=(0.05, 0.1)))
    emu.add_assistant("docs")
    emu.faults.script("GET /assistant/operations/*", [503])
    events = []
    async with emu.client() as http, Pinecone(
        "test-key", control_url="http://127.0.0.1", http_client=http,
        retry=RetryPolicy(initial_delay=0.01, max_delay=0.02),
    ) as pc:
        pc.hooks.on_retry(lambda e: events.append(e.reason))
        pc.hooks.on_wait_end(lambda e: events.append(e.outcome))
        docs = pc.assistant("docs", host="http://127.0.0.1")
        op = await docs.files.upload(b"x", file_name="a.txt")
        done = await docs.operations.wait(op.id, poll=PollPolicy(initial_interval=0.02))
        async for _ in docs.operations.wait_all([op.id]):
            pass
        await docs.files.list().collect()
    print(done.status, events, {_LOADED})

anyio.run(main)  # bounded by the subprocess timeout
try:
    import opentelemetry.trace
except ModuleNotFoundError:
    print("blocked")
"""
    )
    assert out.splitlines() == ["Completed ['503', 'completed', 'completed'] []", "blocked"]
