"""pc.assistants against the emulator on a loopback socket, plus construction rules."""

from __future__ import annotations

import anyio
import httpx
import pytest

from awaitops.emulator import Emulator
from awaitops.errors import (
    AlreadyExistsError,
    AuthenticationError,
    NotFoundError,
    OperationFailedError,
)
from awaitops.pinecone import Pinecone
from awaitops.pinecone.models import Assistant, AssistantUpdate, UpdateAssistantResponse

from ._support import (
    FAST,
    KEY,
    Recorder,
    assert_gone,
    assistant_json,
    client,
    json_response,
    requests_to,
)


def test_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINECONE_API_KEY", "env-secret-key")
    pc = Pinecone()
    assert "env-secret-key" not in repr(pc)
    assert "env-secret-key" not in repr(pc._client)


def test_missing_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PINECONE_API_KEY", raising=False)
    with pytest.raises(ValueError, match="PINECONE_API_KEY"):
        Pinecone()
    with pytest.raises(ValueError, match="api_key"):
        Pinecone(api_key="")


@pytest.mark.anyio
async def test_create_wait_get_update_delete(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            created = await pc.assistants.create(
                "docs",
                instructions="be brief",
                metadata={"team": "a"},
                region="eu",
                wait=True,
                poll=FAST,
            )
            assert isinstance(created, Assistant)
            assert (created.name, created.status, created.region) == ("docs", "Ready", "eu")
            assert created.host == awaitops_emulator_url

            got = await pc.assistants.get("docs")
            assert got.instructions == "be brief"

            # Only the fields given change.
            updated = await pc.assistants.update("docs", instructions="be thorough")
            assert isinstance(updated, AssistantUpdate)
            assert isinstance(updated.model, UpdateAssistantResponse)
            after = await pc.assistants.get("docs")
            assert after.instructions == "be thorough"
            assert after.metadata == {"team": "a"}
            patches = [r for r in awaitops_emulator.requests if r.method == "PATCH"]
            assert len(patches) == 1

            await pc.assistants.update("docs", metadata=None)  # sent as {}: cleared
            cleared = await pc.assistants.get("docs")
            assert not cleared.metadata
            assert cleared.instructions == "be thorough"

            await pc.assistants.delete("docs", wait=True, poll=FAST)
            await assert_gone(pc, "docs")


@pytest.mark.anyio
async def test_create_without_wait_returns_initializing_then_wait_until_ready(
    awaitops_emulator_url: str,
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            created = await pc.assistants.create("fresh")
            assert created.status == "Initializing"
            ready = await pc.assistants.wait_until_ready("fresh", poll=FAST)
            assert ready.status == "Ready"
            await pc.assistants.delete("fresh", wait=True, poll=FAST)
            await assert_gone(pc, "fresh")


@pytest.mark.anyio
async def test_list_pages_with_the_page_size(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    names = [f"a-{i}" for i in range(5)]
    for name in names:
        awaitops_emulator.add_assistant(name)
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            pages = [page async for page in pc.assistants.list(page_size=2).pages()]
            assert [len(p.items) for p in pages] == [2, 2, 1]
            assert [a.name for p in pages for a in p.items] == names
            listed = requests_to(awaitops_emulator, "GET", "/assistant/assistants")
            assert all("limit=2" in path for path in listed)
            assert len(listed) == 3
            capped = await pc.assistants.list(page_size=2, max_items=3).collect()
            assert [a.name for a in capped] == names[:3]


@pytest.mark.anyio
async def test_create_is_idempotent_when_the_answer_is_lost(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    # The first create is handled, then its connection is cut: the assistant is looked up
    # (not re-sent) and create returns the one its first attempt made.
    awaitops_emulator.faults.next("POST", "/assistant/assistants", "drop")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            made = await pc.assistants.create("docs", instructions="hi", metadata={"k": 1})
            assert made.name == "docs"
            assert made.instructions == "hi"
            everyone = await pc.assistants.list().collect()
            assert pc.stats.reconciles == 1
    assert [a.name for a in everyone] == ["docs"]
    posts = [r.status for r in awaitops_emulator.requests if r.method == "POST"]
    assert posts == [200]


@pytest.mark.anyio
async def test_create_marked_idempotent_is_re_sent_and_its_already_exists_reconciled(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    # idempotent=True: the core re-sends blindly; the re-send meets ALREADY_EXISTS, which
    # is looked up and found to be this call's own assistant.
    awaitops_emulator.faults.next("POST", "/assistant/assistants", "late-503")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            made = await pc.assistants.create("docs", instructions="hi", idempotent=True)
    assert made.instructions == "hi"
    posts = [r.status for r in awaitops_emulator.requests if r.method == "POST"]
    assert posts == [503, 429]


@pytest.mark.anyio
async def test_create_after_lost_answer_still_detects_a_different_assistant(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    awaitops_emulator.add_assistant("docs", instructions="someone else's")
    awaitops_emulator.faults.next("POST", "/assistant/assistants", "drop")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            with pytest.raises(AlreadyExistsError):
                await pc.assistants.create("docs", instructions="mine")


@pytest.mark.anyio
async def test_a_genuine_name_conflict_raises_without_retrying(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    awaitops_emulator.add_assistant("docs")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            with pytest.raises(AlreadyExistsError) as caught:
                await pc.assistants.create("docs")
    assert caught.value.status == 429
    assert caught.value.code == "ALREADY_EXISTS"
    assert not caught.value.retried
    assert len(requests_to(awaitops_emulator, "POST", "/assistant/assistants")) == 1
    assert requests_to(awaitops_emulator, "GET", "/assistant/assistants/docs") == []


@pytest.mark.anyio
async def test_not_found_and_wrong_key(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            with pytest.raises(NotFoundError) as missing:
                await pc.assistants.get("nobody")
            assert missing.value.code == "NOT_FOUND"
            with pytest.raises(NotFoundError):
                await pc.assistants.delete("nobody")
        async with client(awaitops_emulator_url, api_key="wrong-secret") as bad:
            with pytest.raises(AuthenticationError) as denied:
                await bad.assistants.list().collect()
    assert "wrong-secret" not in str(denied.value) + repr(denied.value)


@pytest.mark.anyio
@pytest.mark.parametrize("final", ["InitializationFailed", "Failed"])
async def test_wait_until_ready_raises_when_initialization_fails(final: str) -> None:
    states = iter(["Initializing", final])

    def route(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return json_response(200, assistant_json("docs", "", "Initializing"))
        return json_response(200, assistant_json("docs", "", next(states)))

    recorder = Recorder(route)
    async with recorder.http_client() as http:
        pc = Pinecone(KEY, http_client=http)
        with anyio.fail_after(10):
            with pytest.raises(OperationFailedError, match=final) as caught:
                await pc.assistants.create("docs", wait=True, poll=FAST)
    assert isinstance(caught.value.snapshot, Assistant)
    assert caught.value.snapshot.status == final


def test_assistant_snapshot_reads_left_out_fields_as_none() -> None:
    from awaitops_generated.pinecone_assistant_control.models import Assistant as AssistantModel

    bare = Assistant(AssistantModel.from_dict({"name": "docs", "status": "Initializing"}))
    assert (bare.host, bare.region, bare.instructions, bare.metadata) == (None, None, None, None)
    assert (bare.created_at, bare.updated_at) == (None, None)
    assert not bare.ready
    assert "Unset" not in repr(bare)

    full = Assistant(
        AssistantModel.from_dict(
            {
                "name": "docs",
                "status": "Ready",
                "host": "https://data.example",
                "metadata": {"team": "a"},
                "future_field": 1,
            }
        )
    )
    assert full.ready
    assert full.metadata == {"team": "a"}
    assert full.to_dict()["future_field"] == 1
    assert full != bare


@pytest.mark.anyio
async def test_five_clients_creating_one_assistant_with_exist_ok_all_get_it_ready(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    # Five workers of one service, each ensuring its assistant at start-up.
    got: list[Assistant] = []

    async def worker() -> None:
        async with client(awaitops_emulator_url) as pc:
            got.append(
                await pc.assistants.create(
                    "shared", instructions="be brief", exist_ok=True, wait=True, poll=FAST
                )
            )

    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:
            for _ in range(5):
                tg.start_soon(worker)
        async with client(awaitops_emulator_url) as pc:
            names = [a.name async for a in pc.assistants.list()]
    assert [(a.name, a.status) for a in got] == [("shared", "Ready")] * 5
    assert names == ["shared"]
    assert len(requests_to(awaitops_emulator, "POST", "/assistant/assistants")) == 5


@pytest.mark.anyio
async def test_exist_ok_returns_an_existing_assistant_as_it_is_and_false_still_raises(
    awaitops_emulator: Emulator, awaitops_emulator_url: str
) -> None:
    awaitops_emulator.add_assistant("docs")
    with anyio.fail_after(20):
        async with client(awaitops_emulator_url) as pc:
            found = await pc.assistants.create("docs", instructions="other", exist_ok=True)
            assert (found.name, found.instructions) == ("docs", None)
            with pytest.raises(AlreadyExistsError):
                await pc.assistants.create("docs", exist_ok=False)
