"""Chainloop async operations and Pinecone backup schedule history."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from awaitops.emulator import Emulator

from ._support import BACKUPS, CHAINLOOP, error_of, make

pytestmark = pytest.mark.anyio

_S = "ASYNC_OPERATION_STATUS_"


async def test_chainloop_operation_state_machine() -> None:
    emu, clock = make(chainloop_operations=0)
    ok = emu.add_chainloop_operation(pending_seconds=1.0, running_seconds=2.0, fail=False)
    bad = emu.add_chainloop_operation(
        kind="policy_evaluation", pending_seconds=1.0, running_seconds=2.0, fail=True
    )
    async with emu.client(headers=CHAINLOOP) as client:

        async def get(op_id: str) -> dict[str, Any]:
            response = await client.get(f"/v1/operations/{op_id}")
            assert response.status_code == 200
            op: dict[str, Any] = response.json()["operation"]
            return op

        pending = await get(ok)
        assert pending["status"] == _S + "PENDING"
        assert not {"started_at", "finished_at", "output", "error_message"} & set(pending)
        clock.advance(1.0)
        running = await get(ok)
        assert running["status"] == _S + "RUNNING"
        assert "started_at" in running
        assert "finished_at" not in running
        clock.advance(2.0)
        completed, failed = await get(ok), await get(bad)
        assert completed["status"] == _S + "COMPLETED"
        assert completed["output"]
        assert "error_message" not in completed
        assert completed["finished_at"] == "2026-11-22T00:00:03.000Z"
        assert failed["status"] == _S + "FAILED"
        assert failed["error_message"]
        assert failed["kind"] == "policy_evaluation"


async def _chainloop_pages(emu: Emulator, first: int, **params: Any) -> list[dict[str, Any]]:
    bodies = []
    async with emu.client(headers=CHAINLOOP) as client:
        page = first
        while True:
            query = {"pagination.page": page, **params}
            response = await client.get("/v1/operations", params=query)
            assert response.status_code == 200, response.text
            body = response.json()
            bodies.append(body)
            if page - first + 1 >= body["pagination"]["total_pages"]:
                return bodies
            page += 1


@pytest.mark.parametrize("base", [0, 1])
async def test_chainloop_page_pagination(base: int) -> None:
    emu, _ = make(chainloop_operations=95, chainloop_page_base=base)
    bodies = await _chainloop_pages(emu, base, **{"pagination.page_size": 20})
    assert [len(b["operations"]) for b in bodies] == [20, 20, 20, 20, 15]
    assert [b["pagination"]["page"] for b in bodies] == list(range(base, base + 5))
    assert {b["pagination"]["total_count"] for b in bodies} == {95}
    assert {b["pagination"]["total_pages"] for b in bodies} == {5}
    ids = [op["id"] for b in bodies for op in b["operations"]]
    assert len(set(ids)) == 95
    created = [op["created_at"] for b in bodies for op in b["operations"]]
    assert created == sorted(created, reverse=True)


async def test_chainloop_page_defaults_and_clamps() -> None:
    emu, _ = make(chainloop_operations=150)
    async with emu.client(headers=CHAINLOOP) as client:
        default = (await client.get("/v1/operations")).json()["pagination"]
        assert (default["page"], default["page_size"]) == (1, 10)
        zero = (await client.get("/v1/operations", params={"pagination.page": 0})).json()
        one = (await client.get("/v1/operations", params={"pagination.page": 1})).json()
        assert zero == one
        clamped = await client.get("/v1/operations", params={"pagination.page_size": 500})
        assert clamped.json()["pagination"]["page_size"] == 100
        assert len(clamped.json()["operations"]) == 100
        beyond = await client.get("/v1/operations", params={"pagination.page": 99})
        assert beyond.json()["operations"] == []
        for params in (
            {"pagination.page": -1},
            {"pagination.page_size": -5},
            {"pagination.page": "x"},
            {"status": "ASYNC_OPERATION_STATUS_BOGUS"},
            {"resource_id": "r1"},
            {"resource_type": "workflow_run"},
        ):
            response = await client.get("/v1/operations", params=params)
            assert response.status_code == 400, params
            assert response.json()["code"] == 3


async def test_chainloop_filters() -> None:
    emu, clock = make(chainloop_operations=30)
    target = emu.add_chainloop_operation(
        kind="special", resource=("workflow_run", "wr-1"), pending_seconds=0.0, running_seconds=5
    )
    async with emu.client(headers=CHAINLOOP) as client:

        async def ids(**params: Any) -> list[str]:
            query = {"pagination.page_size": 100, **params}
            body = (await client.get("/v1/operations", params=query)).json()
            assert body["pagination"]["total_count"] == len(body["operations"])
            return [op["id"] for op in body["operations"]]

        assert await ids(kind="special") == [target]
        assert await ids(resource_type="workflow_run", resource_id="wr-1") == [target]
        assert await ids(resource_type="project_version", resource_id="wr-1") == []
        running = await ids(status=_S + "RUNNING")
        assert target in running
        clock.advance(3600)
        assert await ids(status=_S + "RUNNING") == []
        assert await ids(status=_S + "PENDING") == []
        finished = await ids(status=_S + "COMPLETED") + await ids(status=_S + "FAILED")
        assert len(finished) == 31
        assert len(await ids(status=_S + "UNSPECIFIED")) == 31


async def test_chainloop_auth_and_not_found() -> None:
    emu, _ = make()
    async with emu.client() as client:
        for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic x"}):
            response = await client.get("/v1/operations", headers=headers)
            assert response.status_code == 401
            assert response.json()["code"] == 16
            assert response.json()["message"]
        missing = await client.get(
            "/v1/operations/7d3c8e38-0d4e-4c8f-9d0e-000000000000", headers=CHAINLOOP
        )
        assert (missing.status_code, missing.json()["code"]) == (404, 5)
        malformed = await client.get("/v1/operations/not-a-uuid", headers=CHAINLOOP)
        assert (malformed.status_code, malformed.json()["code"]) == (400, 3)


async def test_chainloop_operations_expire() -> None:
    emu, clock = make(chainloop_operations=10)
    op_id = emu.add_chainloop_operation(pending_seconds=1, running_seconds=1)
    clock.advance(31 * 86400)
    async with emu.client(headers=CHAINLOOP) as client:
        assert (await client.get(f"/v1/operations/{op_id}")).status_code == 404
        body = (await client.get("/v1/operations")).json()
    assert body["pagination"]["total_count"] == 0


async def test_backup_history_pages_to_null() -> None:
    emu, _ = make(backup_history_size=250)
    entries: list[dict[str, Any]] = []
    pages = 0
    async with emu.client(headers=BACKUPS) as client:
        token = None
        while True:
            params: dict[str, Any] = {"limit": 100}
            if token is not None:
                params["paginationToken"] = token
            response = await client.get("/backup-schedules/sched-demo/history", params=params)
            assert response.status_code == 200
            body = response.json()
            pages += 1
            entries.extend(body["data"])
            if body["pagination"] is None:
                break
            token = body["pagination"]["next"]
    assert pages == 3
    assert len({e["backup_id"] for e in entries}) == 250
    statuses = [e["status"] for e in entries]
    assert statuses[:3] == ["Scheduled", "Scheduled", "Pending"]
    assert set(statuses[3:]) == {"Ready", "Failed"}
    scheduled = entries[0]
    assert scheduled["scheduled_execution_at"] is not None
    # Counts a run does not have yet are left out (sparse_history_rows, on by default).
    assert "size_bytes" not in scheduled
    assert all(e["tags"] is None for e in entries)
    assert all(e["scheduled_execution_at"] is None for e in entries[2:])
    assert all(e["size_bytes"] > 0 for e in entries if e["status"] == "Ready")
    created = [e["created_at"] for e in entries]
    assert created == sorted(created, reverse=True)


async def test_backup_history_tokens_carry_their_page_size() -> None:
    """Like the service: a token pages at the size it was minted with; a limit sent with it
    counts the token's page number in the new size, so entries are repeated or skipped."""
    emu, _ = make(backup_history_size=250)
    path = "/backup-schedules/sched-demo/history"

    def ids(response: httpx.Response) -> list[str]:
        assert response.status_code == 200, response.text
        return [e["backup_id"] for e in response.json()["data"]]

    async with emu.client(headers=BACKUPS) as client:
        everything = ids(await client.get(path, params={"limit": 100}))
        first = await client.get(path, params={"limit": 10})
        token = first.json()["pagination"]["next"]
        # The token alone: the next 10.
        assert ids(await client.get(path, params={"paginationToken": token})) == everything[10:20]
        # Page 1 counted in 5s repeats entries 5..9; counted in 20s skips 10..19.
        assert (
            ids(await client.get(path, params={"paginationToken": token, "limit": 5}))
            == everything[5:10]
        )
        assert (
            ids(await client.get(path, params={"paginationToken": token, "limit": 20}))
            == everything[20:40]
        )
        # The default page size of a first request is 10.
        assert ids(await client.get(path)) == everything[:10]


async def test_backup_history_limit_has_no_upper_bound() -> None:
    """The published history endpoint bounds `limit` nowhere (unlike the operations list)."""
    emu, _ = make()
    async with emu.client(headers=BACKUPS) as client:
        everything = await client.get("/backup-schedules/sched-demo/history", params={"limit": 500})
    assert everything.status_code == 200
    assert len(everything.json()["data"]) == 250
    assert everything.json()["pagination"] is None


async def test_backup_history_errors() -> None:
    emu, _ = make()
    async with emu.client(headers=BACKUPS) as client:
        missing = await client.get("/backup-schedules/other/history")
        assert error_of(missing) == (404, "NOT_FOUND")
        for params in ({"limit": 0}, {"limit": "ten"}, {"paginationToken": "zz"}):
            response = await client.get("/backup-schedules/sched-demo/history", params=params)
            assert error_of(response) == (400, "INVALID_ARGUMENT"), params
        # The assistant APIs' snake_case name is not this endpoint's parameter: ignored.
        ignored = await client.get(
            "/backup-schedules/sched-demo/history", params={"pagination_token": "zz"}
        )
        assert ignored.status_code == 200
        unauthorized = await client.get(
            "/backup-schedules/sched-demo/history", headers={"Api-Key": "bad"}
        )
        assert error_of(unauthorized) == (401, "UNAUTHENTICATED")
