"""Running the ``awaitops`` command in tests: in-process through ``main`` or as a process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any

import attrs
import pytest

from awaitops.cli import main

#: Any ANSI escape sequence (colours, cursor moves): none may reach a pipe.
ANSI = re.compile(r"\x1b[\[\]()#;?]*[0-9;]*[A-Za-z]?")
KEY = "test-key"
TOKEN = "test-token"


@attrs.frozen
class Result:
    status: int
    out: str
    err: str

    def records(self) -> list[dict[str, Any]]:
        """stdout of ``--json``: one document, an array or a single object."""
        document = json.loads(self.out)
        return document if isinstance(document, list) else [document]

    def lines(self) -> list[dict[str, Any]]:
        """stdout of ``--jsonl``: one object per line."""
        return [json.loads(line) for line in self.out.splitlines()]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    """``awaitops ARGV`` in this process; stdout is captured, so not a terminal."""
    capsys.readouterr()
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse: --help and usage errors
        status = exc.code if isinstance(exc.code, int) else -1
    captured = capsys.readouterr()
    return Result(status, captured.out, captured.err)


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PINECONE_API_KEY", "CHAINLOOP_TOKEN")}
    # faulthandler: a child that hangs can be made to show where (SIGABRT dumps its stacks).
    env.update(
        PINECONE_API_KEY=KEY, CHAINLOOP_TOKEN=TOKEN, PYTHONUNBUFFERED="1", PYTHONFAULTHANDLER="1"
    )
    env.update(extra)
    return env


# ``python -m awaitops.cli``, with Ctrl-C raising KeyboardInterrupt as it does for a command
# started from a terminal. A child inherits an ignored SIGINT (a test run started as a
# background job, ``pytest &``, has one), and Python then leaves it ignored.
_AS_FROM_A_TERMINAL = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'awaitops'; runpy.run_module('awaitops.cli', run_name='__main__')"
)


def spawn(*argv: str, **extra_env: str) -> subprocess.Popen[str]:
    """``python -m awaitops.cli ARGV`` as a child process with piped (non-TTY) output."""
    return subprocess.Popen(
        [sys.executable, "-c", _AS_FROM_A_TERMINAL, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(**extra_env),
    )


def run_process(*argv: str, timeout: float = 60) -> Result:
    proc = spawn(*argv)
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return Result(proc.returncode, out, err)
