"""Pytest fixtures for testing code against the awaitops emulator.

Installed with awaitops (entry point ``pytest11``), so any project's tests can use:

- ``awaitops_emulator_config``: the :class:`~awaitops.emulator.EmulatorConfig`: key
  ``test-key``, Chainloop token ``test-token``, seed 0, and timings of a fraction of a
  second so waits stay short. Override this fixture in a ``conftest.py`` to change keys,
  timings or fault knobs.
- ``awaitops_emulator_clock``: the emulator's clock: the real one. Override it to return a
  :class:`~awaitops.emulator.ManualClock` and move time yourself.
- ``awaitops_emulator``: a fresh in-process :class:`~awaitops.emulator.Emulator` per test.
  ``.client()`` is an ``httpx.AsyncClient`` on it: pass it as ``http_client=`` to an
  awaitops client whose URL is :data:`~awaitops.emulator.IN_PROCESS_URL` (the client
  fixtures below do just that).
- ``awaitops_emulator_url``: the root URL (``http://127.0.0.1:PORT``) of that same emulator
  served on a loopback socket for the duration of the test; scripted faults and helpers
  apply to it too.
- ``awaitops_pinecone``: a ready :class:`~awaitops.pinecone.Pinecone` client on that
  emulator, in-process, with its key; closed after the test.
- ``awaitops_chainloop``: a ready :class:`~awaitops.chainloop.Chainloop` client on it, with
  its token; closed after the test.

The two client fixtures are async: use them from tests marked ``@pytest.mark.anyio`` (the
``anyio`` plugin that comes with anyio runs them), under asyncio or trio alike.

This module imports nothing heavy at load time, since pytest loads it in every run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, TypeVar

import pytest

C = TypeVar("C", bound=AbstractAsyncContextManager[object])

if TYPE_CHECKING:
    from awaitops.chainloop import Chainloop
    from awaitops.emulator import Clock, Emulator, EmulatorConfig
    from awaitops.pinecone import Pinecone

__all__ = [
    "awaitops_chainloop",
    "awaitops_emulator",
    "awaitops_emulator_clock",
    "awaitops_emulator_config",
    "awaitops_emulator_url",
    "awaitops_pinecone",
]


@pytest.fixture
def awaitops_emulator_config() -> EmulatorConfig:
    """Emulator settings with sub-second timings; override to change them."""
    from awaitops.emulator import EmulatorConfig

    return EmulatorConfig(
        op_seconds=(0.05, 0.2),
        assistant_ready_seconds=(0.05, 0.1),
        assistant_delete_seconds=(0.05, 0.1),
        assistant_terminated_seconds=(0.05, 0.1),
        chainloop_pending_seconds=(0.02, 0.05),
        chainloop_running_seconds=(0.05, 0.2),
    )


@pytest.fixture
def awaitops_emulator_clock() -> Clock:
    """The emulator's clock (real time); override with a ManualClock to drive time."""
    from awaitops.emulator import SystemClock

    return SystemClock()


@pytest.fixture
def awaitops_emulator(
    awaitops_emulator_config: EmulatorConfig, awaitops_emulator_clock: Clock
) -> Emulator:
    """A fresh in-process emulator; ``.client()`` gives an httpx.AsyncClient on it."""
    from awaitops.emulator import Emulator

    return Emulator(awaitops_emulator_config, clock=awaitops_emulator_clock)


@pytest.fixture
def awaitops_emulator_url(awaitops_emulator: Emulator) -> Iterator[str]:
    """Root URL of ``awaitops_emulator`` served on a loopback socket during the test."""
    with awaitops_emulator.serving("127.0.0.1", 0) as url:
        yield url


@asynccontextmanager
async def _bound(emulator: Emulator, make: Callable[..., C], url_option: str) -> AsyncIterator[C]:
    """A client made by ``make`` on the emulator's in-process transport (its root URL passed
    as ``url_option``), closed after use."""
    from awaitops.emulator import IN_PROCESS_URL

    async with emulator.client() as http:
        client = make(http_client=http, **{url_option: IN_PROCESS_URL})
        async with client:
            yield client


@pytest.fixture
async def awaitops_pinecone(awaitops_emulator: Emulator) -> AsyncIterator[Pinecone]:
    """A Pinecone client on ``awaitops_emulator`` (in-process), closed after the test."""
    from awaitops.pinecone import Pinecone

    key = awaitops_emulator.config.api_key
    async with _bound(awaitops_emulator, partial(Pinecone, api_key=key), "control_url") as pc:
        yield pc


@pytest.fixture
async def awaitops_chainloop(awaitops_emulator: Emulator) -> AsyncIterator[Chainloop]:
    """A Chainloop client on ``awaitops_emulator`` (in-process), closed after the test."""
    from awaitops.chainloop import Chainloop

    token = awaitops_emulator.config.chainloop_token
    async with _bound(awaitops_emulator, partial(Chainloop, token=token), "base_url") as cl:
        yield cl
