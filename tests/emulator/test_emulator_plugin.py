"""The pytest plugin's fixtures, as a user's test suite would use them."""

from __future__ import annotations

import httpx
import pytest
from _specs import ASSISTANT_VERSION

from awaitops.emulator import Clock, Emulator, EmulatorConfig, ManualClock

_HEADERS = {"Api-Key": "plugin-key", "X-Pinecone-Api-Version": ASSISTANT_VERSION}


@pytest.fixture
def awaitops_emulator_config() -> EmulatorConfig:
    return EmulatorConfig(api_key="plugin-key", assistant_ready_seconds=(1.0, 1.0))


@pytest.fixture
def awaitops_emulator_clock() -> Clock:
    return ManualClock()


@pytest.mark.anyio
async def test_in_process_fixture_uses_overrides(awaitops_emulator: Emulator) -> None:
    clock = awaitops_emulator.clock
    assert isinstance(clock, ManualClock)
    async with awaitops_emulator.client(headers=_HEADERS) as client:
        created = await client.post("/assistant/assistants", json={"name": "docs"})
        assert created.json()["status"] == "Initializing"
        clock.advance(1.0)
        assert (await client.get("/assistant/assistants/docs")).json()["status"] == "Ready"


def test_url_fixture_serves_the_same_emulator(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    awaitops_emulator.add_assistant("docs")
    with httpx.Client(base_url=awaitops_emulator_url, headers=_HEADERS, timeout=10) as client:
        response = client.get("/assistant/assistants/docs")
    assert response.status_code == 200
    assert response.json()["host"] == awaitops_emulator_url


def test_default_config_is_fast(pytestconfig: pytest.Config) -> None:
    plugin = pytestconfig.pluginmanager.get_plugin("awaitops")
    assert plugin is not None
    config = plugin.awaitops_emulator_config.__wrapped__()
    assert config.op_seconds[1] < 1.0
