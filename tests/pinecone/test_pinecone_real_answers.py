"""The facade against the answers the real service sends (official-sdk-facts.md), from a
scripted server on 127.0.0.1: minimal operation bodies, null timestamps and tags, assistants
that stay Terminated or fail while deleted, empty delete answers, other error shapes."""

from __future__ import annotations

import re
from typing import Any

import anyio
import pytest

from awaitops.errors import (
    LinkExpiredError,
    NotFoundError,
    NotInPlanError,
    OperationFailedError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
)
from awaitops.pinecone import Operation

from ._scripted import Reply, Seen, scripted
from ._support import FAST, client

pytestmark = pytest.mark.anyio

OPS = "/assistant/operations/docs/"
ASSISTANT = "/assistant/assistants/docs"


def _minimal_upsert(statuses: list[dict[str, Any]]) -> Any:
    """PUT answers only ``{id, status}``; each describe of the operation pops a state."""

    def script(seen: Seen) -> Reply:
        if seen.method == "PUT":
            return Reply(202, {"id": "op-1", "status": "Processing"})
        if seen.path == OPS + "op-1":
            return Reply(200, {"id": "op-1", **(statuses.pop(0) if statuses else {})})
        return Reply(404, {"error": {"code": "NOT_FOUND", "message": seen.path}})

    return script


async def test_an_upsert_answered_with_only_id_and_status_is_read_and_followed() -> None:
    states: list[dict[str, Any]] = [
        {"status": "Processing"},
        {"status": "Completed", "created_on": None},
    ]
    with anyio.fail_after(10):
        async with scripted(_minimal_upsert(states)) as server, client(server.url) as pc:
            files = pc.assistant("docs", host=server.url).files
            op = await files.upsert("f1", b"hello", file_name="a.txt")
            assert isinstance(op, Operation)
            assert (op.id, op.status, op.operation_type, op.created_on) == (
                "op-1",
                "Processing",
                None,
                None,
            )
            assert op.model.id == "op-1"
            done = await op.wait(poll=FAST)
    assert (done.status, done.created_on, done.file_id) == ("Completed", None, None)
    assert server.paths("PUT") == ["/assistant/files/docs/f1"]


async def test_the_newest_operation_is_found_without_created_on() -> None:
    """An upsert whose answer was lost is looked up among the file's operations."""
    listed = [
        {"id": "op-old", "status": "Completed", "file_id": "f1", "operation_type": "upsert_file"},
        {"id": "op-new", "status": "Processing", "file_id": "f1", "operation_type": "upsert_file"},
    ]
    markers: list[str] = []

    def script(seen: Seen) -> Reply:
        if seen.method == "PUT":
            found = re.search(rb'"awaitops_upload_id": ?"(\w+)"', seen.body)
            assert found is not None
            markers.append(found[1].decode())
            return Reply(500, {"error": {"code": "INTERNAL", "message": "lost"}})
        if seen.path == "/assistant/files/docs/f1":
            metadata = {"awaitops_upload_id": markers[-1]}
            return Reply(200, {"id": "f1", "name": "a.txt", "metadata": metadata})
        if seen.path == "/assistant/operations/docs":
            return Reply(200, {"operations": listed})
        return Reply(404, {})

    with anyio.fail_after(10):
        async with scripted(script) as server, client(server.url) as pc:
            files = pc.assistant("docs", host=server.url).files
            op = await files.upsert("f1", b"hello", file_name="a.txt", max_retries=0)
    assert op.id == "op-new"


async def test_null_timestamps_and_null_tags_read_as_none() -> None:
    def script(seen: Seen) -> Reply:
        if seen.path == ASSISTANT:
            body = {"name": "docs", "status": "Ready", "host": server.url}
            return Reply(200, {**body, "created_at": None, "updated_at": None})
        if seen.path == "/assistant/files/docs/f1":
            return Reply(200, {"id": "f1", "name": "a.txt", "created_on": None, "updated_on": None})
        entry = {
            "backup_id": "b1",
            "source_index_id": "i1",
            "source_index_name": "idx",
            "status": "Ready",
            "cloud": "aws",
            "region": "us-east-1",
            "tags": None,
            "created_at": None,
        }
        return Reply(200, {"data": [entry], "pagination": None})

    with anyio.fail_after(10):
        async with scripted(script) as server, client(server.url) as pc:
            assistant = await pc.assistants.get("docs")
            file = await pc.assistant("docs").files.get("f1")
            (entry,) = await pc.backup_schedules.history("s1").collect()
    assert (assistant.created_at, assistant.updated_at) == (None, None)
    assert (file.created_on, file.updated_on) == (None, None)
    assert (entry.tags, entry.created_at) == (None, None)
    assert (assistant.model.name, file.model.id, entry.model.backup_id) == ("docs", "f1", "b1")


def _deleting(states: list[str], delete_status: int = 202) -> Any:
    """DELETE is answered ``delete_status``; each describe after it pops a status (404 once
    they run out)."""

    def script(seen: Seen) -> Reply:
        if seen.method == "DELETE":
            return Reply(delete_status, b"")
        if not states:
            return Reply(404, {"error": {"code": "NOT_FOUND", "message": "gone"}})
        return Reply(200, {"name": "docs", "status": states.pop(0)})

    return script


async def test_delete_wait_ends_on_terminated() -> None:
    states = ["Terminating", "Terminated", "Terminated"]
    with anyio.fail_after(10):
        async with scripted(_deleting(states)) as server, client(server.url) as pc:
            await pc.assistants.delete("docs", wait=True, poll=FAST)
    assert server.paths("DELETE") == [ASSISTANT]
    assert states == ["Terminated"]  # stopped at the first Terminated


@pytest.mark.parametrize("failed", ["Failed", "InitializationFailed"])
async def test_delete_wait_on_an_assistant_that_failed_raises_at_once(failed: str) -> None:
    states = ["Terminating", failed, failed, failed]
    with anyio.fail_after(10):
        async with scripted(_deleting(states)) as server, client(server.url) as pc:
            with pytest.raises(OperationFailedError, match="may not have been carried out") as e:
                await pc.assistants.delete("docs", wait=True)  # no deadline: must still end
    assert e.value.snapshot.status == failed
    assert server.paths("DELETE") == [ASSISTANT]


async def test_a_lost_delete_answer_then_terminated_is_not_sent_again() -> None:
    states = ["Terminated"]
    with anyio.fail_after(10):
        async with (
            scripted(_deleting(states, delete_status=503)) as server,
            client(server.url) as pc,
        ):
            await pc.assistants.delete("docs")
    assert server.paths("DELETE") == [ASSISTANT]


@pytest.mark.parametrize("status", ["Terminating", "Terminated"])
async def test_wait_until_ready_stops_on_an_assistant_being_deleted(status: str) -> None:
    states = ["Initializing", status, status, status]
    with anyio.fail_after(10):
        async with scripted(_deleting(states)) as server, client(server.url) as pc:
            with pytest.raises(OperationFailedError, match="being deleted") as caught:
                await pc.assistants.wait_until_ready("docs")
    assert caught.value.snapshot.status == status
    assert len(server.seen) == 2


@pytest.mark.parametrize("status", [200, 202])
async def test_a_file_delete_answered_with_an_empty_body_is_done(status: int) -> None:
    with anyio.fail_after(10):
        async with scripted(lambda seen: Reply(status, b"")) as server, client(server.url) as pc:
            assert await pc.assistant("docs", host=server.url).files.delete("f1") is None
    assert server.paths() == ["/assistant/files/docs/f1"]


@pytest.mark.parametrize("key", ["detail", "description"])
async def test_an_error_message_under_detail_or_description_is_read(key: str) -> None:
    answer = Reply(404, {key: "no assistant named docs"})
    with anyio.fail_after(10):
        async with scripted(lambda seen: answer) as server, client(server.url) as pc:
            with pytest.raises(NotFoundError) as caught:
                await pc.assistants.get("docs")
    assert caught.value.message == "no assistant named docs"


@pytest.mark.parametrize("status", ["Processing", "Completed"])
async def test_a_stale_error_message_is_not_shown_unless_failed(status: str) -> None:
    stale = {"id": "op-1", "status": status, "error_message": "attempt 1 failed"}
    with anyio.fail_after(10):
        async with scripted(lambda seen: Reply(200, stale)) as server, client(server.url) as pc:
            op = await pc.assistant("docs", host=server.url).operations.get("op-1")
    assert op.error_message is None
    assert "attempt 1 failed" not in repr(op)
    assert op.to_dict()["error_message"] == "attempt 1 failed"  # the raw value stays
    failed = Operation({**stale, "status": "Failed"}, op.source)
    assert failed.error_message == "attempt 1 failed"
    assert "attempt 1 failed" in repr(failed)


async def test_an_empty_update_is_refused_before_sending() -> None:
    with anyio.fail_after(10):
        async with scripted(lambda seen: Reply(200, {})) as server, client(server.url) as pc:
            with pytest.raises(ValueError, match="instructions= or metadata="):
                await pc.assistants.update("docs")
    assert server.seen == []


@pytest.mark.parametrize(
    ("fields", "sent"),
    [
        ({"instructions": None, "metadata": None}, {"instructions": "", "metadata": {}}),
        ({"instructions": ""}, {"instructions": ""}),
        ({"metadata": {}}, {"metadata": {}}),
        ({"metadata": {"team": "b"}}, {"metadata": {"team": "b"}}),
    ],
)
async def test_a_field_is_cleared_with_an_empty_value_never_null(
    fields: dict[str, Any], sent: dict[str, Any]
) -> None:
    answer = Reply(200, {"assistant_name": "docs", "metadata": {}})
    with anyio.fail_after(10):
        async with scripted(lambda seen: answer) as server, client(server.url) as pc:
            await pc.assistants.update("docs", **fields)
    (patch,) = server.seen
    assert (patch.method, patch.json()) == ("PATCH", sent)


QUOTA = {
    "error": {
        "code": "RESOURCE_EXHAUSTED",
        "message": "Project has reached the maximum number of assistants (quota: 5).",
    }
}
THROTTLED = {"error": {"code": "RESOURCE_EXHAUSTED", "message": "Too many requests."}}


async def test_the_assistant_quota_429_is_not_retried_as_throttling() -> None:
    with anyio.fail_after(10):
        async with scripted(lambda seen: Reply(429, QUOTA)) as server, client(server.url) as pc:
            with pytest.raises(RateLimitError) as caught:  # what handlers catch today
                await pc.assistants.create("docs")
    assert type(caught.value) is QuotaExceededError
    assert server.paths("POST") == ["/assistant/assistants"]


async def test_a_throttling_429_on_create_is_still_retried() -> None:
    answers = [Reply(429, THROTTLED), Reply(200, {"name": "docs", "status": "Initializing"})]
    with anyio.fail_after(10):
        async with scripted(lambda seen: answers.pop(0)) as server, client(server.url) as pc:
            created = await pc.assistants.create("docs")
    assert created.status == "Initializing"
    assert len(server.paths("POST")) == 2


async def test_backup_history_without_the_plan_is_a_typed_error() -> None:
    gate = {"error": {"code": "FORBIDDEN", "message": "Backups are not available on your plan."}}
    with anyio.fail_after(10):
        async with scripted(lambda seen: Reply(403, gate)) as server, client(server.url) as pc:
            with pytest.raises(PermissionDeniedError) as caught:
                await pc.backup_schedules.history("s1").collect()
    assert type(caught.value) is NotInPlanError
    assert "plan" in str(caught.value)
    assert len(server.seen) == 1


EXPIRED = b"<Error><Code>ExpiredToken</Code><Message>Invalid argument.</Message></Error>"


def _signed(downloads: list[Reply]) -> Any:
    """Describing f1 with include_url gives a link to /storage/f1 on the same loopback
    server (standing in for the storage host); each read of it pops an answer."""

    def script(seen: Seen) -> Reply:
        if seen.path == "/assistant/files/docs/f1":
            link = f"{server_url[0]}/storage/f1?X-Goog-Expires=900&X-Goog-Signature=abc%2Fdef"
            signed = link if seen.query.get("include_url") == "true" else None
            return Reply(200, {"id": "f1", "name": "a.txt", "signed_url": signed})
        return downloads.pop(0)

    server_url: list[str] = []
    return script, server_url


async def test_files_get_asks_for_the_signed_url() -> None:
    script, url = _signed([])
    with anyio.fail_after(10):
        async with scripted(script) as server, client(server.url) as pc:
            url.append(server.url)
            files = pc.assistant("docs", host=server.url).files
            plain = await files.get("f1")
            signed = await files.get("f1", include_url=True)
    assert plain.signed_url is None
    assert signed.signed_url is not None
    assert signed.signed_url.startswith(server.url + "/storage/f1?")
    assert "abc" not in repr(signed)  # the link reads the file: never in a repr
    assert [s.query for s in server.seen] == [{}, {"include_url": "true"}]


async def test_download_reads_the_bytes_without_our_credentials(tmp_path: Any) -> None:
    script, url = _signed([Reply(200, b"hello bytes"), Reply(200, b"hello bytes")])
    seen_progress: list[tuple[int, int | None]] = []
    with anyio.fail_after(10):
        async with scripted(script) as server, client(server.url) as pc:
            url.append(server.url)
            files = pc.assistant("docs", host=server.url).files
            assert await files.download("f1") == b"hello bytes"
            written = await files.download(
                "f1",
                tmp_path / "a.txt",
                progress=lambda got, total: seen_progress.append((got, total)),
            )
    assert written == tmp_path / "a.txt"
    assert written.read_bytes() == b"hello bytes"
    assert seen_progress[-1] == (11, 11)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no part file left
    storage = [s for s in server.seen if s.path == "/storage/f1"]
    assert len(storage) == 2
    for request in storage:
        assert request.query == {"X-Goog-Expires": "900", "X-Goog-Signature": "abc/def"}
        assert "api-key" not in request.headers
        assert "x-pinecone-api-version" not in request.headers
    describes = [s for s in server.seen if s.path == "/assistant/files/docs/f1"]
    assert all(s.headers["api-key"] == "test-key" for s in describes)


async def test_an_expired_link_is_asked_for_again_once(tmp_path: Any) -> None:
    script, url = _signed([Reply(400, EXPIRED), Reply(200, b"fresh")])
    with anyio.fail_after(10):
        async with scripted(script) as server, client(server.url) as pc:
            url.append(server.url)
            files = pc.assistant("docs", host=server.url).files
            assert await files.download("f1") == b"fresh"
    assert server.paths().count("/assistant/files/docs/f1") == 2


async def test_a_link_expired_twice_is_a_typed_error(tmp_path: Any) -> None:
    script, url = _signed([Reply(400, EXPIRED), Reply(400, EXPIRED)])
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with anyio.fail_after(10):
        async with scripted(script) as server, client(server.url) as pc:
            url.append(server.url)
            files = pc.assistant("docs", host=server.url).files
            with pytest.raises(LinkExpiredError) as caught:
                await files.download("f1", target)
    assert caught.value.status == 400
    assert "abc" not in str(caught.value)
    assert target.read_bytes() == b"old"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
