"""Shared test configuration: every async test runs under asyncio and under trio."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Generator
from typing import Any

import pytest
from hypothesis import settings

from awaitops.core import _client

#: pytester runs the docs' example test files in pytest sessions of their own.
pytest_plugins = ["pytester"]

# CI runs derandomized so a failure reproduces from the log; locally hypothesis explores.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# The official SDK's conformance tests need `pinecone`, which only `nox -s conformance`
# installs (and says so through this variable).
if not os.environ.get("AWAITOPS_CONFORMANCE"):
    collect_ignore = ["conformance"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "every_pool: run also under asyncio with aiohttp's pool (transport='aiohttp') in "
        "every client that makes its own pool",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # As a mark, read by the hooks after this one: aiohttp does not run under trio, so trio
    # keeps httpx's pool.
    if "anyio_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "every_pool"
    ):
        metafunc.definition.add_marker(
            pytest.mark.parametrize(
                "anyio_backend", ["asyncio", "asyncio+aiohttp", "trio"], indirect=True
            )
        )


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    backend: str = request.param
    if backend == "asyncio+aiohttp":
        monkeypatch.setitem(_client._POOLS, "httpx", _client._aiohttp_pool)
        return "asyncio"
    return backend


def _subprocess_failure(
    error: BaseException | None,
) -> subprocess.CalledProcessError | subprocess.TimeoutExpired | None:
    """The failed or timed-out subprocess behind ``error`` (itself or a cause), if any."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, subprocess.CalledProcessError | subprocess.TimeoutExpired):
            return error
        error, seen = error.__cause__ or error.__context__, seen + 1
    return None


def _text(output: str | bytes | None) -> str:
    if isinstance(output, bytes):
        return output.decode("utf-8", "replace")
    return output or ""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    # A subprocess run with check=True or a timeout raises without its output: a test that
    # fails so shows what the process printed (CI on a loaded machine must say why).
    outcome: Any = yield
    report: pytest.TestReport = outcome.get_result()
    failure = _subprocess_failure(call.excinfo.value if call.excinfo else None)
    if report.failed and failure is not None:
        command = failure.cmd if isinstance(failure.cmd, str) else " ".join(map(str, failure.cmd))
        report.sections.append(("subprocess", f"{type(failure).__name__}: {command}"))
        for name in ("stdout", "stderr"):
            text = _text(getattr(failure, name, None))
            report.sections.append((f"subprocess {name}", text[-20_000:] or "(none captured)"))
