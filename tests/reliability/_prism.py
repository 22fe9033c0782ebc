"""Running Stoplight Prism (installed by ``scripts/install_prism.sh``) as a referee.

Prism matches request paths against a spec's ``paths`` and ignores the path part of its
``servers`` URL, while our clients send that base path (``/assistant/...``). So each spec is
given to Prism with its base path folded into every path: the same operations and schemas,
addressed the way a client really addresses them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

import yaml
from _specs import spec_of

ROOT = Path(__file__).resolve().parents[2]
PRISM_ENV = "AWAITOPS_PRISM"
DEFAULT_PRISM = ROOT / ".tools" / "prism" / "node_modules" / ".bin" / "prism"
START_TIMEOUT = 60.0
# The generated package of each API; its spec is whichever file in specs/ generates it.
SPECS = {
    "control": "pinecone_assistant_control",
    "data": "pinecone_assistant_data",
    "backups": "pinecone_backup_schedules",
    "chainloop": "chainloop_platform",
}


def find_prism() -> tuple[Path | None, str]:
    """The Prism binary, or None and why it is missing."""
    configured = os.environ.get(PRISM_ENV)
    candidate = Path(configured) if configured else DEFAULT_PRISM
    if candidate.is_file() and os.access(candidate, os.X_OK):
        if shutil.which("node") is None:
            return None, "node is not on PATH, and Prism runs on node"
        return candidate, ""
    where = f"${PRISM_ENV}={configured}" if configured else str(DEFAULT_PRISM)
    return None, f"Prism is not installed at {where}; run scripts/install_prism.sh"


def fold_base_path(package: str, target: Path) -> Path:
    """Write the spec of ``package`` (as generated: its kept operations) to ``target`` with
    the package's BASE_PATH, the one our clients send, prefixed to every path."""
    found = spec_of(package)
    spec, base = found.load(), found.base_path
    spec["paths"] = {base + path: item for path, item in spec["paths"].items()}
    spec.pop("servers", None)
    target.write_text(yaml.safe_dump(spec, sort_keys=False))
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Prism:
    """One running Prism process; ``output()`` is what it has logged so far."""

    def __init__(self, process: subprocess.Popen[bytes], log: Path, url: str) -> None:
        self.process = process
        self.log = log
        self.url = url

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def violations_since(self, offset: int) -> list[str]:
        return [line for line in self.output()[offset:].splitlines() if "Violation" in line]


@contextmanager
def run_prism(binary: Path, args: list[str], log_dir: Path, name: str) -> Iterator[Prism]:
    """Start ``prism ARGS -h 127.0.0.1 -p PORT --errors``; stop it (by pid) afterwards."""
    port = free_port()
    log = log_dir / f"{name}.log"
    with ExitStack() as stack:
        sink: IO[bytes] = stack.enter_context(log.open("wb"))
        process = subprocess.Popen(
            [str(binary), *args, "-h", "127.0.0.1", "-p", str(port), "--errors"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        prism = Prism(process, log, f"http://127.0.0.1:{port}")
        try:
            yield prism
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def wait_until_listening(prisms: list[Prism]) -> str | None:
    """Wait (bounded) for every Prism to listen; returns why one did not, or None."""
    deadline = time.monotonic() + START_TIMEOUT
    pending = list(prisms)
    while pending:
        for prism in list(pending):
            if "Prism is listening" in prism.output():
                pending.remove(prism)
            elif prism.process.poll() is not None:
                return f"Prism exited with {prism.process.returncode}:\n{prism.output()[-2000:]}"
        if time.monotonic() > deadline:
            return f"Prism did not start within {START_TIMEOUT}s:\n{pending[0].output()[-2000:]}"
        time.sleep(0.1)
    return None
