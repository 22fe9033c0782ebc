"""The official ``pinecone`` SDK, as shipped, against the emulator on a loopback socket.

Collected only by ``nox -s conformance``, which installs ``pinecone==10.2.0`` into its own
environment (see ``tests/conftest.py``). Its async client is asyncio-only, so these async
tests run under asyncio alone.
"""

from __future__ import annotations

import pytest

from awaitops.emulator import EmulatorConfig


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def awaitops_emulator_config() -> EmulatorConfig:
    # Operations finish at once: the SDK polls uploads every 5 s and would sleep otherwise.
    return EmulatorConfig(
        op_seconds=(0.0, 0.0),
        assistant_ready_seconds=(0.05, 0.1),
        assistant_delete_seconds=(0.0, 0.0),
    )
