"""Shared helpers for the emulator tests."""

from __future__ import annotations

from typing import Any

import httpx
from _specs import ASSISTANT_VERSION, BACKUPS_VERSION

from awaitops.emulator import Emulator, EmulatorConfig, ManualClock

PINECONE = {"Api-Key": "test-key", "X-Pinecone-Api-Version": ASSISTANT_VERSION}
BACKUPS = {"Api-Key": "test-key", "X-Pinecone-Api-Version": BACKUPS_VERSION}
CHAINLOOP = {"Authorization": "Bearer test-token"}


def make(**overrides: Any) -> tuple[Emulator, ManualClock]:
    clock = ManualClock()
    return Emulator(EmulatorConfig(**overrides), clock=clock), clock


def error_of(response: httpx.Response) -> tuple[int, str]:
    """(status, code) of a Pinecone error answer, checking the whole body shape."""
    body = response.json()
    assert set(body) == {"error", "status"}
    assert body["status"] == response.status_code
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    code: str = body["error"]["code"]
    return response.status_code, code
