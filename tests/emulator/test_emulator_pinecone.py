"""Pinecone Assistant control and data planes on a manual clock."""

from __future__ import annotations

import json
from typing import Any

import pytest
from _specs import ASSISTANT_VERSION, BACKUPS_VERSION, DATA_VERSION

from awaitops.emulator import Emulator, ManualClock
from awaitops.emulator._pinecone import SIGNED_URL_SECONDS

from ._support import PINECONE, error_of, make

pytestmark = pytest.mark.anyio


async def _ready(emu: Emulator, clock: ManualClock, name: str = "docs") -> None:
    async with emu.client(headers=PINECONE) as client:
        response = await client.post("/assistant/assistants", json={"name": name})
        assert response.status_code == 200
    clock.advance(10)


async def test_assistant_lifecycle() -> None:
    emu, clock = make(
        assistant_ready_seconds=(2.0, 2.0),
        assistant_delete_seconds=(1.0, 1.0),
        assistant_terminated_seconds=(2.0, 2.0),
    )
    async with emu.client(headers=PINECONE) as client:
        created = await client.post(
            "/assistant/assistants",
            json={"name": "docs", "instructions": "be brief", "metadata": {"team": "a"}},
        )
        assert created.status_code == 200
        body = created.json()
        assert body["status"] == "Initializing"
        assert body["host"] == "http://emulator.awaitops"
        assert body["region"] == "us"
        clock.advance(1.9)
        assert (await client.get("/assistant/assistants/docs")).json()["status"] == "Initializing"
        clock.advance(0.2)
        assert (await client.get("/assistant/assistants/docs")).json()["status"] == "Ready"

        updated = await client.patch("/assistant/assistants/docs", json={"instructions": "long"})
        assert updated.json() == {
            "assistant_name": "docs",
            "instructions": "long",
            "metadata": {"team": "a"},
        }

        deleted = await client.delete("/assistant/assistants/docs")
        assert deleted.status_code == 200
        assert (await client.get("/assistant/assistants/docs")).json()["status"] == "Terminating"
        again = await client.post("/assistant/assistants", json={"name": "docs"})
        assert error_of(again) == (429, "ALREADY_EXISTS")
        clock.advance(1.0)
        assert (await client.get("/assistant/assistants/docs")).json()["status"] == "Terminated"
        clock.advance(2.0)
        assert error_of(await client.get("/assistant/assistants/docs")) == (404, "NOT_FOUND")
        recreated = await client.post("/assistant/assistants", json={"name": "docs"})
        assert recreated.status_code == 200


async def test_duplicate_assistant_is_429_already_exists() -> None:
    emu, _ = make()
    async with emu.client(headers=PINECONE) as client:
        await client.post("/assistant/assistants", json={"name": "docs"})
        response = await client.post("/assistant/assistants", json={"name": "docs"})
    assert error_of(response) == (429, "ALREADY_EXISTS")
    assert "retry-after" not in response.headers


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Pinecone-Api-Version": ASSISTANT_VERSION},
        {"Api-Key": "wrong", "X-Pinecone-Api-Version": ASSISTANT_VERSION},
    ],
)
async def test_bad_api_key_is_401(headers: dict[str, str]) -> None:
    emu, _ = make()
    async with emu.client(headers=headers) as client:
        response = await client.get("/assistant/assistants")
    assert error_of(response) == (401, "UNAUTHENTICATED")
    assert response.json()["error"]["message"] == "Invalid API key."


async def test_header_names_are_case_insensitive() -> None:
    emu, _ = make()
    headers = {"api-key": "test-key", "x-pinecone-api-version": ASSISTANT_VERSION}
    async with emu.client(headers=headers) as client:
        assert (await client.get("/assistant/assistants")).status_code == 200


@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("/assistant/assistants", None),
        ("/assistant/assistants", "2025-01"),
        ("/assistant/assistants", BACKUPS_VERSION),
        ("/assistant/files/docs", "2025-10"),
        ("/backup-schedules/sched-demo/history", ASSISTANT_VERSION),
        ("/backup-schedules/sched-demo/history", None),
    ],
)
async def test_missing_or_unsupported_version_is_400(path: str, version: str | None) -> None:
    emu, _ = make()
    emu.add_assistant("docs")
    headers = {"Api-Key": "test-key"}
    if version is not None:
        headers["X-Pinecone-Api-Version"] = version
    async with emu.client(headers=headers) as client:
        response = await client.get(path)
    assert error_of(response) == (400, "INVALID_ARGUMENT")
    if version is not None:
        # The answer names what this endpoint accepts.
        assert version in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("/assistant/assistants", ASSISTANT_VERSION),
        ("/assistant/assistants", "2026-07"),
        ("/assistant/assistants/docs", "2026-07"),
        ("/assistant/files/docs", "2026-07"),
        ("/assistant/files/docs", DATA_VERSION),
        ("/assistant/operations/docs", "2026-07"),
        ("/backup-schedules/sched-demo/history", BACKUPS_VERSION),
        ("/backup-schedules/sched-demo/history", "2026-07"),
    ],
)
async def test_every_current_version_is_accepted(path: str, version: str) -> None:
    """Our specs' versions, and 2026-07 (what the official SDK 10.x sends everywhere), are
    accepted; these reads answer the same items under each (backup history rows in each
    version's vocabulary, see test_emulator_service_facts)."""
    emu, _ = make()
    emu.add_assistant("docs")
    ours = BACKUPS_VERSION if path.startswith("/backup") else ASSISTANT_VERSION
    async with emu.client(headers={"Api-Key": "test-key"}) as client:
        answers = [
            await client.get(path, headers={"X-Pinecone-Api-Version": v}) for v in (version, ours)
        ]
    assert [a.status_code for a in answers] == [200, 200]
    if path.startswith("/backup"):
        ids = [[row["backup_id"] for row in a.json()["data"]] for a in answers]
        assert ids[0] == ids[1]
        assert answers[0].json()["pagination"] == answers[1].json()["pagination"]
    else:
        assert answers[0].json() == answers[1].json()


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Docs"},
        {"name": "-docs"},
        {"name": "docs-"},
        {"name": "a" * 64},
        {"name": ""},
        {"name": 5},
        {},
        {"name": "docs", "region": "ap"},
        {"name": "docs", "instructions": "x" * (16 * 1024 + 1)},
        {"name": "docs", "metadata": {"k": "x" * (16 * 1024)}},
        {"name": "docs", "metadata": ["not", "an", "object"]},
    ],
)
async def test_create_assistant_rejects_invalid_input(body: dict[str, Any]) -> None:
    emu, _ = make()
    async with emu.client(headers=PINECONE) as client:
        response = await client.post("/assistant/assistants", json=body)
    assert error_of(response) == (400, "INVALID_ARGUMENT")


@pytest.mark.parametrize("name", ["a", "a" * 63, "my-docs-2", "0"])
async def test_create_assistant_accepts_valid_names(name: str) -> None:
    emu, _ = make()
    instructions = "x" * (16 * 1024)
    async with emu.client(headers=PINECONE) as client:
        response = await client.post(
            "/assistant/assistants", json={"name": name, "instructions": instructions}
        )
    assert response.status_code == 200
    assert response.json()["name"] == name


async def test_unknown_assistant_is_404_everywhere() -> None:
    emu, _ = make()
    async with emu.client(headers=PINECONE) as client:
        for method, path in [
            ("GET", "/assistant/assistants/nope"),
            ("PATCH", "/assistant/assistants/nope"),
            ("DELETE", "/assistant/assistants/nope"),
            ("GET", "/assistant/files/nope"),
            ("GET", "/assistant/files/nope/f1"),
            ("GET", "/assistant/operations/nope"),
            ("GET", "/assistant/operations/nope/op-1"),
        ]:
            response = await client.request(method, path, json={} if method == "PATCH" else None)
            assert error_of(response) == (404, "NOT_FOUND"), (method, path)


async def test_upload_operation_rises_to_completed() -> None:
    emu, clock = make(op_seconds=(4.0, 4.0))
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        response = await client.post(
            "/assistant/files/docs",
            files={"file": ("report.pdf", b"%PDF-1.7 " * 1000)},
            data={"metadata": json.dumps({"team": "ops"})},
        )
        assert response.status_code == 202
        op = response.json()
        assert response.headers["location"] == f"/operations/docs/{op['id']}"
        assert op["status"] == "Processing"
        assert op["operation_type"] == "upload_file"
        assert op["percent_complete"] == 0
        assert not {"completed_on", "error_message", "ingestion_units"} & set(op)
        file_id = op["file_id"]
        assert (await client.get(f"/assistant/files/docs/{file_id}")).json()["status"] == (
            "Processing"
        )

        seen = []
        for _ in range(3):
            clock.advance(1.0)
            snapshot = (await client.get(f"/assistant/operations/docs/{op['id']}")).json()
            assert snapshot["status"] == "Processing"
            seen.append(snapshot["percent_complete"])
        assert seen == sorted(seen)
        assert 0 < seen[0] < seen[-1] < 100

        clock.advance(1.0)
        done = (await client.get(f"/assistant/operations/docs/{op['id']}")).json()
        assert done["status"] == "Completed"
        assert done["percent_complete"] == 100
        assert done["completed_on"] == "2026-11-22T00:00:14.000Z"
        assert done["ingestion_units"] > 0
        assert "error_message" not in done
        file = (await client.get(f"/assistant/files/docs/{file_id}")).json()
        assert file["status"] == "Available"
        assert file["metadata"] == {"team": "ops"}
        assert file["name"] == "report.pdf"
        assert file["size"] == 9000


@pytest.mark.parametrize(
    ("name", "content", "format_name"),
    [
        ("scan.pdf", b"\x89PNG\r\n", "PDF"),
        ("letter.docx", b"%PDF-1.7", "DOCX"),
        ("notes.txt", b"\xff\xfe\x00", "text"),
        ("data.json", b"\x80", "JSON"),
    ],
)
async def test_unreadable_bytes_fail_processing(
    name: str, content: bytes, format_name: str
) -> None:
    emu, clock = make(op_seconds=(2.0, 2.0))
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        accepted = await client.post("/assistant/files/docs", files={"file": (name, content)})
        assert accepted.status_code == 202
        op = accepted.json()
        clock.advance(2.0)
        failed = (await client.get(f"/assistant/operations/docs/{op['id']}")).json()
        assert failed["status"] == "Failed"
        assert failed["error_message"] == (
            f"File processing failed: the file could not be read as {format_name}."
        )
        assert "completed_on" in failed
        assert "ingestion_units" not in failed
        assert failed["percent_complete"] < 100
        file = (await client.get(f"/assistant/files/docs/{op['file_id']}")).json()
        assert file["status"] == "ProcessingFailed"
        # A failed file is deleted at once: 204, no operation.
        deleted = await client.delete(f"/assistant/files/docs/{op['file_id']}")
        assert deleted.status_code == 204
        assert deleted.content == b""
        gone = await client.get(f"/assistant/files/docs/{op['file_id']}")
        assert error_of(gone) == (404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", b"%PDF-1.7 x"),
        ("b.TXT", b"x"),
        ("c.md", b"# x"),
        ("d.docx", b"PK\x03\x04x"),
        ("e.json", b"{}"),
        ("f.Pdf", b"%PDF-1.4"),
    ],
)
async def test_supported_formats_complete(name: str, content: bytes) -> None:
    emu, clock = make(op_seconds=(1.0, 1.0))
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        op = (await client.post("/assistant/files/docs", files={"file": (name, content)})).json()
        clock.advance(1.0)
        done = (await client.get(f"/assistant/operations/docs/{op['id']}")).json()
    assert done["status"] == "Completed"


async def test_upsert_replaces_and_delete_goes_through_deleting() -> None:
    emu, clock = make(op_seconds=(2.0, 2.0))
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        first = await client.put("/assistant/files/docs/report_1", files={"file": ("a.md", b"1")})
        assert first.status_code == 202
        # The 2026-04 upsert answers only id and status; describing the operation tells more.
        assert set(first.json()) == {"id", "status"}
        described = await client.get(f"/assistant/operations/docs/{first.json()['id']}")
        assert described.json()["operation_type"] == "upsert_file"
        assert described.json()["file_id"] == "report_1"
        clock.advance(2.0)
        second = await client.put(
            "/assistant/files/docs/report_1", files={"file": ("b.txt", b"22")}
        )
        file = (await client.get("/assistant/files/docs/report_1")).json()
        assert (file["name"], file["size"], file["status"]) == ("b.txt", 2, "Processing")
        clock.advance(2.0)
        assert second.json()["id"] != first.json()["id"]
        listing = (await client.get("/assistant/files/docs")).json()
        assert [f["id"] for f in listing["files"]] == ["report_1"]

        deleting = await client.delete("/assistant/files/docs/report_1")
        assert deleting.status_code == 202
        assert deleting.json()["operation_type"] == "delete_file"
        assert deleting.headers["location"].startswith("/operations/docs/op-")
        status = (await client.get("/assistant/files/docs/report_1")).json()["status"]
        assert status == "Deleting"
        clock.advance(2.0)
        done = await client.get(f"/assistant/operations/docs/{deleting.json()['id']}")
        assert done.json()["status"] == "Completed"
        assert "ingestion_units" not in done.json()
        gone = await client.get("/assistant/files/docs/report_1")
        assert error_of(gone) == (404, "NOT_FOUND")
        assert (await client.get("/assistant/files/docs")).json() == {"files": []}


@pytest.mark.parametrize("file_id", ["has space", "x" * 129, "dot.ted"])
async def test_upsert_rejects_bad_file_ids(file_id: str) -> None:
    emu, clock = make()
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        response = await client.put(
            f"/assistant/files/docs/{file_id}", files={"file": ("a.md", b"1")}
        )
    assert error_of(response) == (400, "INVALID_ARGUMENT")


async def test_upload_rejections() -> None:
    emu, clock = make()
    async with emu.client(headers=PINECONE) as client:
        await client.post("/assistant/assistants", json={"name": "docs"})
        not_ready = await client.post("/assistant/files/docs", files={"file": ("a.md", b"1")})
        assert error_of(not_ready) == (400, "FAILED_PRECONDITION")
        clock.advance(10)
        cases: list[dict[str, Any]] = [
            {"data": {"metadata": "{}"}},  # no file part
            {"files": {"file": ("a.md", b"1")}, "data": {"metadata": "{broken"}},
            {"files": {"file": ("a.md", b"1")}, "data": {"metadata": "[1]"}},
            {
                "files": {"file": ("a.md", b"1")},
                "data": {"metadata": json.dumps({"k": "v" * 17000})},
            },
            {"files": {"file": ("a.md", b"1")}, "params": {"multimodal": "true"}},
            {"files": {"file": ("a.png", b"1")}},  # not a supported extension
            {"files": {"file": ("a.pdf", b"1")}, "params": {"multimodal": "maybe"}},
            {"content": b"not multipart", "headers": {"content-type": "text/plain"}},
        ]
        for case in cases:
            response = await client.post("/assistant/files/docs", **case)
            assert error_of(response) == (400, "INVALID_ARGUMENT"), case
        multimodal = await client.post(
            "/assistant/files/docs",
            files={"file": ("a.pdf", b"1")},
            params={"multimodal": "true"},
        )
        assert multimodal.status_code == 202
        file = (await client.get(f"/assistant/files/docs/{multimodal.json()['file_id']}")).json()
        assert file["multimodal"] is True


async def _pages(
    emu: Emulator, path: str, key: str, params: dict[str, Any]
) -> list[list[dict[str, Any]]]:
    pages = []
    async with emu.client(headers=PINECONE) as client:
        token = None
        while True:
            query = dict(params, **({"pagination_token": token} if token else {}))
            body = (await client.get(path, params=query)).json()
            pages.append(body[key])
            if "pagination" not in body:
                return pages
            token = body["pagination"]["next"]
            assert token


async def test_operations_pagination_visits_every_operation_once() -> None:
    emu, _ = make()
    emu.add_assistant("docs")
    ids = emu.add_operations("docs", 250)
    pages = await _pages(emu, "/assistant/operations/docs", "operations", {"limit": 100})
    assert [len(p) for p in pages] == [100, 100, 50]
    assert [op["id"] for page in pages for op in page] == ids


async def test_operation_filters_and_limit_ranges() -> None:
    emu, clock = make(op_seconds=(5.0, 5.0))
    await _ready(emu, clock)
    emu.add_operations("docs", 3, operation_type="delete_file")
    async with emu.client(headers=PINECONE) as client:
        await client.post("/assistant/files/docs", files={"file": ("a.md", b"1")})
        await client.post("/assistant/files/docs", files={"file": ("a.pdf", b"not a PDF")})
        pages = await _pages(emu, "/assistant/operations/docs", "operations", {"limit": 1})
        assert [len(p) for p in pages] == [1] * 5
        processing = await _pages(
            emu, "/assistant/operations/docs", "operations", {"status": "Processing", "limit": 1}
        )
        assert [len(p) for p in processing] == [1, 1]
        deletes = await _pages(
            emu, "/assistant/operations/docs", "operations", {"operation_type": "delete_file"}
        )
        assert len(deletes[0]) == 3
        clock.advance(5.0)
        failed = await _pages(emu, "/assistant/operations/docs", "operations", {"status": "Failed"})
        assert [op["file_id"] for op in failed[0]] == [processing[1][0]["file_id"]]
        for limit in ("0", "101", "-1", "ten"):
            response = await client.get("/assistant/operations/docs", params={"limit": limit})
            assert error_of(response) == (400, "INVALID_ARGUMENT"), limit
        bad_token = await client.get(
            "/assistant/operations/docs", params={"pagination_token": "garbage!"}
        )
        assert error_of(bad_token) == (400, "INVALID_ARGUMENT")


async def test_assistant_pagination_and_limits() -> None:
    emu, _ = make()
    names = [f"a{i:03d}" for i in range(120)]
    for name in names:
        emu.add_assistant(name)
    pages = await _pages(emu, "/assistant/assistants", "assistants", {})
    assert [len(p) for p in pages] == [50, 50, 20]
    assert [a["name"] for page in pages for a in page] == names
    async with emu.client(headers=PINECONE) as client:
        for limit in ("0", "101"):
            response = await client.get("/assistant/assistants", params={"limit": limit})
            assert error_of(response) == (400, "INVALID_ARGUMENT")
        # A token from another listing is rejected, not misread.
        first = await client.get("/assistant/assistants", params={"limit": 1})
        assistants_token = first.json()["pagination"]["next"]
        emu.add_operations("a000", 2)
        wrong = await client.get(
            "/assistant/operations/a000", params={"pagination_token": assistants_token}
        )
        assert error_of(wrong) == (400, "INVALID_ARGUMENT")


async def test_file_metadata_filter() -> None:
    emu, clock = make(op_seconds=(1.0, 1.0))
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        for index, meta in enumerate(
            [{"team": "ops", "n": 1}, {"team": "dev", "n": 5}, {"tags": ["a", "b"], "n": 9}]
        ):
            await client.post(
                "/assistant/files/docs",
                files={"file": (f"f{index}.md", b"1")},
                data={"metadata": json.dumps(meta)},
            )

        async def names(flt: Any) -> list[str]:
            response = await client.get("/assistant/files/docs", params={"filter": json.dumps(flt)})
            assert response.status_code == 200, response.text
            return [f["name"] for f in response.json()["files"]]

        assert await names({"team": "ops"}) == ["f0.md"]
        assert await names({"team": {"$ne": "ops"}}) == ["f1.md"]
        assert await names({"n": {"$gte": 5}}) == ["f1.md", "f2.md"]
        assert await names({"tags": {"$in": ["b"]}}) == ["f2.md"]
        assert await names({"team": {"$exists": False}}) == ["f2.md"]
        assert await names({"$or": [{"n": 1}, {"n": 9}]}) == ["f0.md", "f2.md"]
        assert await names({"$and": [{"n": {"$gt": 0}}, {"n": {"$lt": 5}}]}) == ["f0.md"]
        for bad in ("{not json", json.dumps({"n": {"$regex": "x"}}), json.dumps([1])):
            response = await client.get("/assistant/files/docs", params={"filter": bad})
            assert error_of(response) == (400, "INVALID_ARGUMENT")


async def test_operations_expire_after_30_days() -> None:
    emu, clock = make(op_seconds=(1.0, 1.0))
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        op = (await client.post("/assistant/files/docs", files={"file": ("a.md", b"1")})).json()
        clock.advance(29 * 86400)
        assert (await client.get(f"/assistant/operations/docs/{op['id']}")).status_code == 200
        clock.advance(2 * 86400)
        gone = await client.get(f"/assistant/operations/docs/{op['id']}")
        assert error_of(gone) == (404, "NOT_FOUND")
        assert (await client.get("/assistant/operations/docs")).json() == {"operations": []}
        # The file itself stays; only its operation record expired.
        assert (await client.get("/assistant/files/docs")).json()["files"][0]["status"] == (
            "Available"
        )


async def test_unknown_route_and_method() -> None:
    emu, _ = make()
    async with emu.client(headers=PINECONE) as client:
        assert error_of(await client.get("/assistant/nothing")) == (404, "NOT_FOUND")
        assert (await client.put("/assistant/assistants")).status_code == 405


async def test_same_seed_same_ids() -> None:
    results = []
    for _ in range(2):
        emu, clock = make(seed=7)
        await _ready(emu, clock)
        async with emu.client(headers=PINECONE) as client:
            op = await client.post("/assistant/files/docs", files={"file": ("a.md", b"1")})
        results.append(op.json())
    assert results[0] == results[1]


async def test_files_list_limit_has_no_upper_bound() -> None:
    """The published files list bounds `limit` nowhere; only the operations list has 1..100."""
    emu, clock = make(op_seconds=(0.0, 0.0))
    await _ready(emu, clock)
    async with emu.client(headers=PINECONE) as client:
        for index in range(3):
            await client.post("/assistant/files/docs", files={"file": (f"f{index}.md", b"1")})
        page = await client.get("/assistant/files/docs", params={"limit": 500})
        assert page.status_code == 200
        assert len(page.json()["files"]) == 3
        for limit in ("0", "-1", "ten"):
            response = await client.get("/assistant/files/docs", params={"limit": limit})
            assert error_of(response) == (400, "INVALID_ARGUMENT"), limit


async def test_include_url_gives_a_signed_url_serving_the_bytes_until_it_expires() -> None:
    emu, clock = make(op_seconds=(0.0, 0.0))
    await _ready(emu, clock)
    content = b"# Report\n" * 100
    async with emu.client(headers=PINECONE) as client:
        await client.put("/assistant/files/docs/report", files={"file": ("report.md", content)})
        plain = await client.get("/assistant/files/docs/report")
        assert "signed_url" not in plain.json()
        described = await client.get("/assistant/files/docs/report", params={"include_url": "true"})
        assert described.status_code == 200
        url = described.json()["signed_url"]
        # On the emulator's own root, readable without the API key.
        assert url.startswith("http://emulator.awaitops/")
        async with emu.client() as anonymous:
            download = await anonymous.get(url)
            assert download.status_code == 200
            assert download.content == content
            assert download.headers["content-type"] == "text/markdown"
            tampered = await anonymous.get(url[:-1] + ("0" if url[-1] != "0" else "1"))
            assert tampered.status_code == 403
            clock.advance(SIGNED_URL_SECONDS + 1)
            assert (await anonymous.get(url)).status_code == 400
            fresh = await client.get("/assistant/files/docs/report", params={"include_url": "true"})
            fresh_url = fresh.json()["signed_url"]
            assert (await anonymous.get(fresh_url)).status_code == 200
            deleted = await client.delete("/assistant/files/docs/report")
            assert deleted.status_code == 202
            clock.advance(1)
            assert (await anonymous.get(fresh_url)).status_code == 404
        bad = await client.get("/assistant/files/docs/report", params={"include_url": "yes"})
        assert error_of(bad) == (400, "INVALID_ARGUMENT")
