"""The emulator is as unkind as the service: each test names the fact it follows
(numbers of ``../shared/reference/official-sdk-facts.md``) and the API version it applies to."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from awaitops.emulator import Emulator, ManualClock

from ._support import BACKUPS, PINECONE, error_of, make

pytestmark = pytest.mark.anyio

# Shapes that differ by version name the version; the rest use our specs' (PINECONE).
V2026_04 = {**PINECONE, "X-Pinecone-Api-Version": "2026-04"}
V2026_07 = {**PINECONE, "X-Pinecone-Api-Version": "2026-07"}
HISTORY = "/backup-schedules/sched-demo/history"


async def _ready(emu: Emulator, clock: ManualClock, name: str = "docs") -> None:
    async with emu.client(headers=PINECONE) as client:
        response = await client.post("/assistant/assistants", json={"name": name})
        assert response.status_code == 200, response.text
    clock.advance(10)


async def _status(client: httpx.AsyncClient, name: str) -> str | int:
    """An assistant's status, or the HTTP status when it cannot be described."""
    response = await client.get(f"/assistant/assistants/{name}")
    if response.status_code != 200:
        return response.status_code
    status: str = response.json()["status"]
    return status


# -- #10: an update with nothing to change --


@pytest.mark.parametrize("headers", [V2026_04, V2026_07], ids=["2026-04", "2026-07"])
@pytest.mark.parametrize("body", [{}, {"name": "docs"}, {"region": "eu"}])
async def test_an_empty_patch_is_400_no_updates_provided(
    headers: dict[str, str], body: dict[str, Any]
) -> None:
    emu, _ = make()
    emu.add_assistant("docs", instructions="keep me")
    async with emu.client(headers=headers) as client:
        response = await client.patch("/assistant/assistants/docs", json=body)
        assert error_of(response) == (400, "INVALID_ARGUMENT")
        assert response.json()["error"]["message"] == "No updates provided"
        after = (await client.get("/assistant/assistants/docs")).json()
    assert after["instructions"] == "keep me"
    assert after["updated_at"] == after["created_at"]


# -- #11: what an update answers, per version --


async def test_update_answers_by_version() -> None:
    emu, _ = make()
    emu.add_assistant("docs", metadata={"team": "a"})
    async with emu.client(headers=V2026_04) as client:
        old = await client.patch("/assistant/assistants/docs", json={"instructions": "one"})
        new = await client.patch(
            "/assistant/assistants/docs", json={"instructions": "two"}, headers=V2026_07
        )
        described = (await client.get("/assistant/assistants/docs")).json()
    # 2026-04: UpdateAssistantResponse, as its spec documents.
    assert old.json() == {
        "assistant_name": "docs",
        "instructions": "one",
        "metadata": {"team": "a"},
    }
    # 2026-07: the whole assistant, as the official SDK (which speaks 2026-07) decodes it.
    assert new.json() == described
    assert (new.json()["name"], new.json()["status"], new.json()["instructions"]) == (
        "docs",
        "Ready",
        "two",
    )


# -- #8: a name clash per version; the assistant quota --


async def test_a_name_clash_is_429_on_2026_04_and_409_from_2026_07() -> None:
    emu, _ = make()
    emu.add_assistant("docs")
    async with emu.client(headers=V2026_04) as client:
        old = await client.post("/assistant/assistants", json={"name": "docs"})
        new = await client.post("/assistant/assistants", json={"name": "docs"}, headers=V2026_07)
    assert error_of(old) == (429, "ALREADY_EXISTS")
    assert error_of(new) == (409, "ALREADY_EXISTS")


async def test_the_assistant_quota_is_a_429_that_waiting_does_not_fix() -> None:
    emu, clock = make(
        assistant_quota=2,
        assistant_delete_seconds=(1.0, 1.0),
        assistant_terminated_seconds=(2.0, 2.0),
    )
    emu.add_assistant("one")
    async with emu.client(headers=V2026_04) as client:
        assert (await client.post("/assistant/assistants", json={"name": "two"})).status_code == 200
        full = await client.post("/assistant/assistants", json={"name": "three"})
        assert error_of(full) == (429, "RESOURCE_EXHAUSTED")
        assert "retry-after" not in full.headers
        assert "limit of 2 assistants" in full.json()["error"]["message"]
        clock.advance(3600)
        still = await client.post("/assistant/assistants", json={"name": "three"})
        assert error_of(still) == (429, "RESOURCE_EXHAUSTED")
        # A clash is told apart from the quota.
        clash = await client.post("/assistant/assistants", json={"name": "one"})
        assert error_of(clash) == (429, "ALREADY_EXISTS")
        # A deleting or Terminated assistant still counts; once gone, its slot is free.
        assert (await client.delete("/assistant/assistants/one")).status_code == 200
        terminating = await client.post("/assistant/assistants", json={"name": "three"})
        assert error_of(terminating) == (429, "RESOURCE_EXHAUSTED")
        clock.advance(1.0)
        terminated = await client.post("/assistant/assistants", json={"name": "three"})
        assert error_of(terminated) == (429, "RESOURCE_EXHAUSTED")
        clock.advance(2.0)
        freed = await client.post("/assistant/assistants", json={"name": "three"})
        assert freed.status_code == 200


# -- #5/#6/#7: assistants the service leaves behind --


async def test_a_deleted_assistant_stays_describable_as_terminated() -> None:
    emu, clock = make(assistant_delete_seconds=(1.0, 1.0), assistant_terminated_seconds=(5.0, 5.0))
    emu.add_assistant("docs")
    async with emu.client(headers=PINECONE) as client:
        assert (await client.delete("/assistant/assistants/docs")).status_code == 200
        assert await _status(client, "docs") == "Terminating"
        clock.advance(1.0)
        assert await _status(client, "docs") == "Terminated"
        listed = (await client.get("/assistant/assistants")).json()["assistants"]
        assert [(a["name"], a["status"]) for a in listed] == [("docs", "Terminated")]
        # Deleting it again changes nothing.
        assert (await client.delete("/assistant/assistants/docs")).status_code == 200
        upload = await client.post("/assistant/files/docs", files={"file": ("a.md", b"1")})
        assert error_of(upload) == (400, "FAILED_PRECONDITION")
        clock.advance(4.9)
        assert await _status(client, "docs") == "Terminated"
        clock.advance(0.1)
        assert await _status(client, "docs") == 404


async def test_terminated_for_good() -> None:
    emu, clock = make(assistant_delete_seconds=(1.0, 1.0), assistant_terminated_seconds=None)
    emu.add_assistant("docs")
    async with emu.client(headers=PINECONE) as client:
        await client.delete("/assistant/assistants/docs")
        clock.advance(365 * 86400)
        assert await _status(client, "docs") == "Terminated"


async def test_creates_that_fail_end_initialization_failed() -> None:
    emu, clock = make(assistant_ready_seconds=(2.0, 2.0), assistant_create_failure_rate=1.0)
    async with emu.client(headers=PINECONE) as client:
        created = await client.post("/assistant/assistants", json={"name": "docs"})
        assert created.json()["status"] == "Initializing"
        clock.advance(2.0)
        assert await _status(client, "docs") == "InitializationFailed"
        clock.advance(86400)
        assert await _status(client, "docs") == "InitializationFailed"
        upload = await client.post("/assistant/files/docs", files={"file": ("a.md", b"1")})
        assert error_of(upload) == (400, "FAILED_PRECONDITION")
        # Deleting a failed create works.
        await client.delete("/assistant/assistants/docs")
        clock.advance(10)
        assert await _status(client, "docs") == 404


async def test_a_deletion_that_fails_leaves_a_failed_assistant_for_good() -> None:
    emu, clock = make(assistant_delete_seconds=(1.0, 1.0), assistant_delete_failure_rate=1.0)
    emu.add_assistant("docs")
    async with emu.client(headers=PINECONE) as client:
        await client.delete("/assistant/assistants/docs")
        assert await _status(client, "docs") == "Terminating"
        clock.advance(1.0)
        assert await _status(client, "docs") == "Failed"
        clock.advance(30 * 86400)
        assert await _status(client, "docs") == "Failed"
        # It can be deleted again: a new deletion starts (and, at this rate, fails again).
        await client.delete("/assistant/assistants/docs")
        assert await _status(client, "docs") == "Terminating"
        clock.advance(1.0)
        assert await _status(client, "docs") == "Failed"


async def test_failure_rates_are_seeded_dice() -> None:
    outcomes = []
    for _ in range(2):
        emu, clock = make(
            seed=3, assistant_ready_seconds=(1.0, 1.0), assistant_create_failure_rate=0.5
        )
        async with emu.client(headers=PINECONE) as client:
            for index in range(20):
                await client.post("/assistant/assistants", json={"name": f"a{index}"})
            clock.advance(1.0)
            outcomes.append([await _status(client, f"a{index}") for index in range(20)])
    assert outcomes[0] == outcomes[1]
    assert set(outcomes[0]) == {"Ready", "InitializationFailed"}


@pytest.mark.parametrize("status", ["InitializationFailed", "Failed", "Terminated"])
async def test_seeding_an_assistant_the_service_left_behind(status: str) -> None:
    emu, clock = make()
    emu.add_assistant("docs", status=status)
    async with emu.client(headers=PINECONE) as client:
        clock.advance(86400)
        assert await _status(client, "docs") == status
    with pytest.raises(ValueError, match="Terminating"):
        emu.add_assistant("other", status="Terminating")


# -- #17: files are typed by extension, and an upload without a supported one is a 400 --


@pytest.mark.parametrize(
    "name", ["image.png", "archive.tar.gz", "noextension", "trailing.", "setup.exe", ".pdf.svg"]
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
async def test_an_upload_without_a_supported_extension_is_400(name: str, method: str) -> None:
    emu, clock = make()
    await _ready(emu, clock)
    path = "/assistant/files/docs" + ("/report" if method == "PUT" else "")
    async with emu.client(headers=PINECONE) as client:
        response = await client.request(method, path, files={"file": (name, b"%PDF-1.7")})
        assert error_of(response) == (400, "INVALID_ARGUMENT")
        message = response.json()["error"]["message"]
        assert name in message
        assert ".docx, .json, .md, .pdf, .txt" in message
        # Nothing was started.
        assert (await client.get("/assistant/files/docs")).json() == {"files": []}
        assert (await client.get("/assistant/operations/docs")).json() == {"operations": []}


# -- #23: a failed file leaves the listing once old enough --


async def test_failed_files_leave_the_listing_after_the_cutoff_but_stay_describable() -> None:
    emu, clock = make(op_seconds=(1.0, 1.0), failed_file_listing_seconds=3600.0)
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        good = await client.put("/assistant/files/docs/good", files={"file": ("a.md", b"ok")})
        bad = await client.put("/assistant/files/docs/bad", files={"file": ("b.pdf", b"no")})
        assert (good.status_code, bad.status_code) == (202, 202)
        clock.advance(3600.0)

        async def listed(**params: str) -> list[str]:
            response = await client.get("/assistant/files/docs", params=params)
            return [f["id"] for f in response.json()["files"]]

        assert await listed() == ["good", "bad"]
        clock.advance(0.5)
        assert await listed() == ["good"]
        assert await listed(filter=json.dumps({})) == ["good"]
        failed = await client.get("/assistant/files/docs/bad")
        assert failed.json()["status"] == "ProcessingFailed"
        assert (await client.delete("/assistant/files/docs/bad")).status_code == 204


async def test_failed_files_stay_listed_without_a_cutoff() -> None:
    emu, clock = make(op_seconds=(1.0, 1.0), failed_file_listing_seconds=None)
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        await client.put("/assistant/files/docs/bad", files={"file": ("b.pdf", b"no")})
        clock.advance(365 * 86400)
        files = (await client.get("/assistant/files/docs")).json()["files"]
    assert [(f["id"], f["status"]) for f in files] == [("bad", "ProcessingFailed")]


async def test_the_default_cutoff_is_a_day() -> None:
    emu, clock = make(op_seconds=(1.0, 1.0))
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        await client.put("/assistant/files/docs/bad", files={"file": ("b.pdf", b"no")})
        clock.advance(86400.0)
        assert len((await client.get("/assistant/files/docs")).json()["files"]) == 1
        clock.advance(1.0)
        assert (await client.get("/assistant/files/docs")).json() == {"files": []}


# -- #28: operation filters are checked, case-sensitively --


@pytest.mark.parametrize(
    "params",
    [
        {"status": "Queued"},
        {"status": "completed"},
        {"status": "COMPLETED"},
        {"status": ""},
        {"operation_type": "reindex"},
        {"operation_type": "Upload_file"},
        {"operation_type": ""},
        {"status": "Completed", "operation_type": "upload"},
    ],
)
async def test_an_unknown_operation_filter_value_is_400(params: dict[str, str]) -> None:
    emu, _ = make()
    emu.add_assistant("docs")
    emu.add_operations("docs", 2)
    async with emu.client(headers=PINECONE) as client:
        response = await client.get("/assistant/operations/docs", params=params)
    assert error_of(response) == (400, "INVALID_ARGUMENT")
    # Like the service's, the message does not list what would have been accepted.
    assert "Processing" not in response.json()["error"]["message"]


@pytest.mark.parametrize("status", ["Processing", "Completed", "Failed"])
@pytest.mark.parametrize(
    "operation_type", ["upload_file", "upsert_file", "update_file_metadata", "delete_file"]
)
async def test_every_known_operation_filter_value_is_served(
    status: str, operation_type: str
) -> None:
    emu, _ = make()
    emu.add_assistant("docs")
    emu.add_operations("docs", 2, operation_type="delete_file")
    async with emu.client(headers=PINECONE) as client:
        response = await client.get(
            "/assistant/operations/docs",
            params={"status": status, "operation_type": operation_type},
        )
    assert response.status_code == 200
    expected = 2 if (status, operation_type) == ("Completed", "delete_file") else 0
    assert len(response.json()["operations"]) == expected


# -- #25: the 2026-04 upsert answer --


async def test_minimal_upsert_answers_on_2026_04() -> None:
    emu, clock = make(minimal_upsert_answers=True)
    await _ready(emu, clock)
    async with emu.client(headers=V2026_04) as client:
        upsert = await client.put("/assistant/files/docs/r1", files={"file": ("a.md", b"1")})
        assert upsert.status_code == 202
        op = upsert.json()
        assert op == {"id": op["id"], "status": "Processing"}
        assert upsert.headers["location"] == f"/operations/docs/{op['id']}"
        # Only the PUT answer is small: describing the operation gives it whole, and so do
        # uploads and the 2026-07 upsert.
        described = (await client.get(f"/assistant/operations/docs/{op['id']}")).json()
        assert described["operation_type"] == "upsert_file"
        assert described["file_id"] == "r1"
        upload = await client.post("/assistant/files/docs", files={"file": ("a.md", b"1")})
        assert upload.json()["operation_type"] == "upload_file"
        newer = await client.put(
            "/assistant/files/docs/r2", files={"file": ("a.md", b"1")}, headers=V2026_07
        )
        assert newer.json()["operation_type"] == "upsert_file"


# -- #33/#32/#36: backup history --


async def _history(emu: Emulator, headers: dict[str, str], **params: Any) -> httpx.Response:
    async with emu.client(headers=headers) as client:
        return await client.get(HISTORY, params=params)


async def test_sparse_history_rows_say_tags_null_and_leave_counts_out() -> None:
    emu, _ = make(sparse_history_rows=True)
    rows = (await _history(emu, BACKUPS, limit=10)).json()["data"]
    assert all(row["tags"] is None for row in rows)
    planned = [row for row in rows if row["status"] in ("Scheduled", "Pending")]
    finished = [row for row in rows if row["status"] == "Ready"]
    assert len(planned) == 3
    assert finished
    counts = {"record_count", "namespace_count", "size_bytes"}
    assert all(not counts & set(row) for row in planned)
    assert all(counts <= set(row) for row in finished)


async def test_history_rows_in_2026_07_vocabulary() -> None:
    emu, _ = make(backup_history_size=250)
    headers = {**BACKUPS, "X-Pinecone-Api-Version": "2026-07"}
    newer = (await _history(emu, headers, limit=250)).json()["data"]
    older = (await _history(emu, BACKUPS, limit=250)).json()["data"]
    assert [row["backup_id"] for row in newer] == [row["backup_id"] for row in older]
    assert {row["status"] for row in newer} == {"Initializing", "Ready", "InitializationFailed"}
    assert all("scheduled_execution_at" not in row for row in newer)
    translated = {
        "Scheduled": "Initializing",
        "Pending": "Initializing",
        "Ready": "Ready",
        "Failed": "InitializationFailed",
    }
    assert [row["status"] for row in newer] == [translated[row["status"]] for row in older]


@pytest.mark.parametrize("schedule", ["sched-demo", "no-such-schedule"])
@pytest.mark.parametrize("version", ["unstable", "2026-07"])
async def test_without_backups_in_the_plan_history_is_403_before_404(
    schedule: str, version: str
) -> None:
    emu, _ = make(backups_in_plan=False)
    async with emu.client(headers={**BACKUPS, "X-Pinecone-Api-Version": version}) as client:
        response = await client.get(f"/backup-schedules/{schedule}/history")
        unauthenticated = await client.get(HISTORY, headers={"Api-Key": "wrong"})
    assert error_of(response) == (403, "PERMISSION_DENIED")
    assert "plan" in response.json()["error"]["message"]
    assert error_of(unauthenticated) == (401, "UNAUTHENTICATED")


async def test_by_default_the_emulator_answers_as_the_service_does() -> None:
    """Without any knob: the small upsert answer, sparse history rows, a Terminated stay."""
    emu, clock = make()
    await _ready(emu, clock)
    async with emu.client(headers=V2026_04) as client:
        upsert = await client.put("/assistant/files/docs/r1", files={"file": ("a.md", b"1")})
        assert set(upsert.json()) == {"id", "status"}
        await client.delete("/assistant/assistants/docs")
        clock.advance(2.0)  # past Terminating (1-2 s), within Terminated (1-3 s more)
        assert await _status(client, "docs") == "Terminated"
        clock.advance(3.0)
        assert await _status(client, "docs") == 404
    rows = (await _history(emu, BACKUPS, limit=3)).json()["data"]
    assert [row["tags"] for row in rows] == [None, None, None]
    assert not any("record_count" in row for row in rows)
