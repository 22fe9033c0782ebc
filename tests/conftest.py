"""Shared test configuration: every async test runs under asyncio and under trio."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

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


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.param
    return backend
