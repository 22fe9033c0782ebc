"""Shared test configuration: every async test runs under asyncio and under trio."""

from __future__ import annotations

import os

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
