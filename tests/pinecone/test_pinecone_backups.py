"""pc.backup_schedules.history against the emulator on a loopback socket."""

from __future__ import annotations

import anyio
import pytest

from awaitops.emulator import Emulator
from awaitops.errors import AuthenticationError, NotFoundError
from awaitops.pinecone.models import BackupScheduleHistoryEntry

from ._support import client, requests_to


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
    assert all(isinstance(e, BackupScheduleHistoryEntry) for e in entries)
    assert len({e.backup_id for e in entries}) == 250
    assert "Scheduled" in {e.status for e in entries}
    queries = requests_to(awaitops_emulator, "GET", "/backup-schedules/sched-demo/history")
    assert len(queries) == 3
    assert all("limit=100" in q for q in queries)
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
