"""pc.backup_schedules.history against the emulator on a loopback socket."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest

from awaitops.emulator import Emulator
from awaitops.errors import AuthenticationError, NotFoundError
from awaitops.pinecone.models import BackupHistoryEntry, BackupScheduleHistoryEntry

from ._support import Recorder, client, requests_to


@pytest.mark.anyio
async def test_history_pages_with_camel_case_token_until_null_pagination(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            pages = [
                p async for p in pc.backup_schedules.history("sched-demo", page_size=100).pages()
            ]
    assert [len(p.items) for p in pages] == [100, 100, 50]
    assert pages[-1].next_token is None
    entries = [entry for page in pages for entry in page.items]
    assert all(isinstance(e, BackupHistoryEntry) for e in entries)
    assert all(isinstance(e.model, BackupScheduleHistoryEntry) for e in entries)
    assert len({e.backup_id for e in entries}) == 250
    assert "Scheduled" in {e.status for e in entries}
    queries = requests_to(awaitops_emulator, "GET", "/backup-schedules/sched-demo/history")
    assert len(queries) == 3
    # The token carries its page size; a limit next to it would skip or repeat entries.
    assert "limit=100" in queries[0]
    assert all("limit=" not in q for q in queries[1:])
    assert "paginationToken=" not in queries[0]
    assert all("paginationToken=" in q and "pagination_token" not in q for q in queries[1:])


@pytest.mark.anyio
async def test_history_resumes_from_a_saved_token(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            pager = pc.backup_schedules.history("sched-demo", page_size=40)
            first = await pager.first_page()
            assert pager.next_token is not None
            rest = await pc.backup_schedules.history(
                "sched-demo", page_size=100, start_token=pager.next_token
            ).collect()
    assert len(first.items) + len(rest) == 250
    assert not {e.backup_id for e in first.items} & {e.backup_id for e in rest}


@pytest.mark.anyio
async def test_history_errors(awaitops_emulator_url: str) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            with pytest.raises(NotFoundError):
                await pc.backup_schedules.history("sched-unknown").collect()
        async with client(awaitops_emulator_url, api_key="nope") as bad:
            with pytest.raises(AuthenticationError):
                await bad.backup_schedules.history("sched-demo").collect()


@pytest.mark.anyio
async def test_history_walk_sees_every_entry_once_at_any_page_size(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    """The emulator's tokens behave like the service's (a limit sent with one skips or
    repeats entries), so sending the size on every page would fail this."""
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            for size in (7, 64):
                entries = await pc.backup_schedules.history("sched-demo", page_size=size).collect()
                ids = [e.backup_id for e in entries]
                assert len(ids) == len(set(ids)) == 250
            # A saved token keeps its size, whatever page_size the resumed pager has.
            pager = pc.backup_schedules.history("sched-demo", page_size=7)
            await pager.first_page()
            resumed = pc.backup_schedules.history(
                "sched-demo", page_size=50, start_token=pager.next_token
            )
            page = await resumed.first_page()
    assert len(page.items) == 7


NULL_ENTRY: dict[str, Any] = {
    "backup_id": "16098c2f-f9ff-4db3-b8b2-4b02d119cd53",
    "source_index_id": "d40265e4-a492-402b-9cf1-973b4908b7a0",
    "source_index_name": "my-index",
    "tags": {},
    "name": None,
    "description": None,
    "status": "Scheduled",
    "scheduled_execution_at": "2026-04-24T06:00:00.244035Z",
    "cloud": "aws",
    "region": "us-east-1",
    "dimension": 2,
    "schema": None,
    "record_count": None,
    "namespace_count": None,
    "size_bytes": None,
    "created_at": "2026-04-23T16:36:51.511526Z",
}


@pytest.mark.anyio
async def test_history_entries_with_null_name_and_counts_decode_to_none() -> None:
    recorder = Recorder(
        lambda _: httpx.Response(200, json={"data": [NULL_ENTRY], "pagination": None})
    )
    with anyio.fail_after(10):
        async with recorder.http_client() as http:
            pc = client("https://api.example.test", http_client=http)
            (entry,) = await pc.backup_schedules.history("sched-1").collect()
    assert entry.name is None
    assert entry.record_count is entry.namespace_count is entry.size_bytes is None
    assert entry.to_dict()["name"] is None
