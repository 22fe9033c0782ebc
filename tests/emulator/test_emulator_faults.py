"""Fault knobs, measured at their rates over bounded runs with fixed seeds."""

from __future__ import annotations

import json
import time
from collections import Counter

import anyio
import httpx
import pytest

from awaitops.emulator import Emulator

from ._support import CHAINLOOP, PINECONE, error_of, make

pytestmark = pytest.mark.anyio


async def _statuses(emu: Emulator, count: int, path: str = "/assistant/assistants") -> list[int]:
    async with emu.client(headers=PINECONE) as client:
        return [(await client.get(path)).status_code for _ in range(count)]


async def test_fault_rate_hits_its_rate_and_is_reproducible() -> None:
    emu, _ = make(fault_rate=0.2, seed=3)
    statuses = await _statuses(emu, 1000)
    counts = Counter(statuses)
    assert set(counts) == {200, 500, 503}
    # Binomial(1000, 0.2): mean 200, sd ~12.6; the bounds are about 5 sd wide.
    assert 140 <= counts[500] + counts[503] <= 260
    assert 60 <= counts[500] <= 140
    again, _ = make(fault_rate=0.2, seed=3)
    assert await _statuses(again, 1000) == statuses
    other, _ = make(fault_rate=0.2, seed=4)
    assert await _statuses(other, 1000) != statuses


async def test_random_fault_bodies() -> None:
    emu, _ = make(fault_rate=1.0)
    async with emu.client(headers=PINECONE) as client:
        seen = {}
        for _ in range(40):
            response = await client.get("/assistant/assistants")
            seen[response.status_code] = error_of(response)[1]
        chainloop = await client.get("/v1/operations", headers=CHAINLOOP)
    assert seen == {500: "UNKNOWN", 503: "UNAVAILABLE"}
    assert chainloop.json()["code"] in (13, 14, 2)


async def test_rate_limit_per_second_with_retry_after() -> None:
    emu, clock = make(rate_limit=5)
    statuses = await _statuses(emu, 20)
    assert statuses == [200] * 5 + [429] * 15
    async with emu.client(headers=PINECONE) as client:
        limited = await client.get("/assistant/assistants")
        assert error_of(limited) == (429, "TOO_MANY_REQUESTS")
        assert limited.headers["retry-after"] == "1"
        clock.advance(1.0)
        assert [(await client.get("/assistant/assistants")).status_code for _ in range(6)] == [
            200
        ] * 5 + [429]
        chainloop = await client.get("/v1/operations", headers=CHAINLOOP)
        assert chainloop.status_code == 200  # a separate credential, a separate bucket
    slow, _ = make(rate_limit=0.25)
    async with slow.client(headers=PINECONE) as client:
        assert (await client.get("/assistant/assistants")).status_code == 200
        second = await client.get("/assistant/assistants")
        assert second.status_code == 429
        assert second.headers["retry-after"] == "4"


async def test_rate_limit_chainloop_shape() -> None:
    emu, _ = make(rate_limit=1)
    async with emu.client(headers=CHAINLOOP) as client:
        await client.get("/v1/operations")
        limited = await client.get("/v1/operations")
    assert limited.status_code == 429
    assert limited.json()["code"] == 8
    assert "retry-after" in limited.headers


async def test_latency_delays_each_answer() -> None:
    emu, _ = make(latency=(0.05, 0.06))
    started = time.monotonic()
    with anyio.fail_after(10):
        assert await _statuses(emu, 4) == [200] * 4
    assert time.monotonic() - started >= 0.2
    draws = [emu.faults.delay() for _ in range(50)]
    assert all(0.05 <= d <= 0.06 for d in draws)
    twin, _ = make(latency=(0.05, 0.06))
    await _statuses(twin, 4)
    assert [twin.faults.delay() for _ in range(50)] == draws


async def test_drop_rate_in_process() -> None:
    emu, _ = make(drop_rate=0.3, seed=1)
    outcomes = []
    async with emu.client(headers=PINECONE) as client:
        for _ in range(300):
            try:
                await client.get("/assistant/assistants")
                outcomes.append("ok")
            except httpx.RemoteProtocolError:
                outcomes.append("dropped")
    # Binomial(300, 0.3): mean 90, sd ~7.9.
    assert 50 <= outcomes.count("dropped") <= 130


async def test_malformed_rate_truncates_successful_json_only() -> None:
    emu, _ = make(malformed_rate=0.25, seed=2)
    broken = 0
    async with emu.client(headers=PINECONE) as client:
        for _ in range(400):
            response = await client.get("/assistant/assistants")
            assert response.status_code == 200
            try:
                json.loads(response.content)
            except ValueError:
                broken += 1
        for _ in range(50):
            error = await client.get("/assistant/assistants", headers={"Api-Key": "bad"})
            assert error_of(error) == (401, "UNAUTHENTICATED")
    # Binomial(400, 0.25): mean 100, sd ~8.7.
    assert 55 <= broken <= 145


async def test_scripted_sequence() -> None:
    emu, _ = make()
    emu.add_assistant("docs")
    emu.faults.next("GET", "/assistant/operations/*", 503, count=2)
    assert emu.faults.pending == 2
    async with emu.client(headers=PINECONE) as client:
        assert (await client.get("/assistant/assistants")).status_code == 200
        first = await client.get("/assistant/operations/docs")
        second = await client.get("/assistant/operations/docs")
        third = await client.get("/assistant/operations/docs")
    assert error_of(first) == (503, "UNAVAILABLE")
    assert error_of(second) == (503, "UNAVAILABLE")
    assert third.status_code == 200
    assert emu.faults.pending == 0
    assert [r.status for r in emu.requests] == [200, 503, 503, 200]


async def test_scripted_actions_in_order_and_before_auth() -> None:
    emu, _ = make()
    emu.faults.script("/v1/operations", [429, 500, "malformed"])
    emu.faults.script("POST /assistant/assistants", ["drop"])
    async with emu.client() as client:
        limited = await client.get("/v1/operations")  # no token: the script still wins
        assert (limited.status_code, limited.json()["code"]) == (429, 8)
        assert limited.headers["retry-after"] == "1"
        assert (await client.get("/v1/operations")).status_code == 500
        truncated = await client.get("/v1/operations", headers=CHAINLOOP)
        assert truncated.status_code == 200
        with pytest.raises(ValueError, match=r"Expecting|Unterminated|delimiter"):
            json.loads(truncated.content)
        with pytest.raises(httpx.RemoteProtocolError):
            await client.post("/assistant/assistants", json={"name": "docs"}, headers=PINECONE)
        # The drop happened after the request was handled: the assistant exists.
        exists = await client.get("/assistant/assistants/docs", headers=PINECONE)
        assert exists.status_code == 200
        assert (await client.get("/v1/operations", headers=CHAINLOOP)).status_code == 200


async def test_script_clear_and_validation() -> None:
    emu, _ = make()
    emu.faults.next("*", "*", 500, count=3)
    emu.faults.clear()
    assert emu.faults.pending == 0
    assert await _statuses(emu, 2) == [200, 200]
    for bad in (200, 600, "boom", True):
        with pytest.raises(ValueError, match="scripted fault"):
            emu.faults.script("GET /x", [bad])  # type: ignore[list-item]


async def test_knobs_can_change_while_running() -> None:
    emu, _ = make()
    assert await _statuses(emu, 3) == [200] * 3
    emu.faults.fault_rate = 1.0
    assert all(s in (500, 503) for s in await _statuses(emu, 3))
    emu.faults.fault_rate = 0.0
    assert await _statuses(emu, 3) == [200] * 3


async def test_late_faults_act_then_fail_at_their_rate_reproducibly() -> None:
    async def run(seed: int) -> tuple[list[str], int]:
        emu, _ = make(late_fault_rate=0.3, seed=seed)
        outcomes = []
        async with emu.client(headers=PINECONE) as client:
            for index in range(200):
                try:
                    response = await client.post(
                        "/assistant/assistants", json={"name": f"a{index}"}
                    )
                    outcomes.append(str(response.status_code))
                except httpx.RemoteProtocolError:
                    outcomes.append("drop")
            emu.faults.late_fault_rate = 0.0  # a run-time knob: listing sees no faults
            first = (await client.get("/assistant/assistants?limit=100")).json()
            token = first["pagination"]["next"]
            rest = await client.get(f"/assistant/assistants?limit=100&pagination_token={token}")
            made = len(first["assistants"]) + len(rest.json()["assistants"])
        return outcomes, made

    outcomes, made = await run(5)
    counts = Counter(outcomes)
    # Every request was handled, whatever the caller heard.
    assert made == 200
    assert set(counts) == {"200", "500", "502", "503", "504", "drop"}
    # Binomial(200, 0.3): mean 60, sd ~6.5.
    assert 30 <= 200 - counts["200"] <= 90
    assert (await run(5))[0] == outcomes


async def test_scripted_late_faults_and_cut_bodiless_answers() -> None:
    emu, _ = make()
    emu.add_assistant("docs")
    emu.faults.next("PATCH", "/assistant/assistants/docs", "late-504")
    emu.faults.next("DELETE", "/assistant/assistants/docs", "drop")
    async with emu.client(headers=PINECONE) as client:
        late = await client.patch("/assistant/assistants/docs", json={"instructions": "new"})
        assert error_of(late) == (504, "UNAVAILABLE")
        got = await client.get("/assistant/assistants/docs")
        assert got.json()["instructions"] == "new"
        # A DELETE answers with no body; cut, the caller still hears nothing.
        with pytest.raises(httpx.RemoteProtocolError):
            await client.delete("/assistant/assistants/docs")
        assert (await client.get("/assistant/assistants/docs")).json()["status"] == "Terminating"


async def test_late_faults_on_a_socket() -> None:
    emu, _ = make(late_fault_rate=1.0, seed=1)
    emu.add_assistant("docs")
    seen: Counter[str] = Counter()
    async with emu.serve() as url, httpx.AsyncClient(base_url=url, headers=PINECONE) as client:
        for _ in range(40):
            try:
                seen[str((await client.get("/assistant/assistants/docs")).status_code)] += 1
            except httpx.RemoteProtocolError:
                seen["drop"] += 1
    assert set(seen) == {"500", "502", "503", "504", "drop"}
