"""Snapshots against the specs: lazy reads equal the generated models' eager parse, a malformed
answer fails at the call (raw body kept), unknown fields are kept, and nothing of the generated
``Unset`` reaches a caller, for every kind of result (files and backup history included)."""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awaitops import Snapshot, fields
from awaitops.chainloop import Chainloop
from awaitops.chainloop import Operation as ChainloopOperation
from awaitops.errors import ResponseValidationError
from awaitops.pinecone import Pinecone
from awaitops.pinecone.models import (
    Assistant,
    AssistantFile,
    AssistantUpdate,
    BackupHistoryEntry,
    Operation,
)

from ._schemas import JSON, broken, response_schema, valid

KEY = "pcsk_snapshot_key_0001"
URL = "https://api.example.test"

# Each snapshot class, the generated package whose spec describes what it reads, the spec
# schema, and how to build one from a body.
CASES: dict[str, tuple[type[Snapshot[Any]], str, str, Callable[[Any], Snapshot[Any]]]] = {
    "assistant": (Assistant, "pinecone_assistant_control", "Assistant", Assistant),
    "update": (
        AssistantUpdate,
        "pinecone_assistant_control",
        "UpdateAssistantResponse",
        AssistantUpdate,
    ),
    "operation": (
        Operation,
        "pinecone_assistant_data",
        "OperationModel",
        lambda raw: Operation(raw, None),  # type: ignore[arg-type]
    ),
    "file": (
        AssistantFile,
        "pinecone_assistant_data",
        "AssistantFileModel",
        AssistantFile,
    ),
    "backup": (
        BackupHistoryEntry,
        "pinecone_backup_schedules",
        "BackupScheduleHistoryEntry",
        BackupHistoryEntry,
    ),
    "chainloop": (
        ChainloopOperation,
        "chainloop_platform",
        "AsyncOperation",
        lambda raw: ChainloopOperation(raw, None),  # type: ignore[arg-type]
    ),
}
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _field_names(cls: type[Snapshot[Any]]) -> list[str]:
    names = [name for name in dir(cls) if isinstance(getattr(cls, name, None), fields.Field)]
    return [*names, "host"] if cls is Assistant else names


def _eager(cls: type[Snapshot[Any]], model: Any, name: str) -> Any:
    """What the old wrappers read from the eagerly built model: ``Unset`` as None, nested
    models as dicts, Chainloop's zero values as "no value"."""
    unset = sys.modules[type(model).__module__].Unset
    found: Any = getattr(model, name)
    found = None if isinstance(found, unset) else found
    if hasattr(found, "to_dict"):
        found = found.to_dict()
    if cls is ChainloopOperation:
        if name.endswith("_at"):
            return found if isinstance(found, datetime.datetime) else None
        default = {"id": "", "status": "ASYNC_OPERATION_STATUS_UNSPECIFIED"}.get(name)
        return found if isinstance(found, str) and found else default
    if name == "host":
        return found or None
    return found


def _with_unknown_fields(body: Any, extra: dict[str, Any]) -> Any:
    return {**{f"future_{key}": value for key, value in extra.items()}, **body}


@pytest.mark.parametrize("case", sorted(CASES))
@PROPERTY
@given(data=st.data())
def test_lazy_reads_equal_the_eager_parse(case: str, data: st.DataObject) -> None:
    cls, package, schema_name, build = CASES[case]
    spec, schema = response_schema(package, schema_name)
    extra = data.draw(st.dictionaries(st.text(max_size=4), JSON, max_size=2))
    body = _with_unknown_fields(data.draw(valid(spec, schema)), extra)
    snapshot = build(json.loads(json.dumps(body)))
    eager = cls._model_type.from_dict(json.loads(json.dumps(body)))
    for name in _field_names(cls):
        assert getattr(snapshot, name) == _eager(cls, eager, name), name
    assert snapshot.model == eager
    assert snapshot.to_dict() == body
    assert all(snapshot.model.additional_properties[f"future_{key}"] == extra[key] for key in extra)


@pytest.mark.parametrize("case", sorted(CASES))
@PROPERTY
@given(data=st.data())
def test_a_body_the_eager_parse_refuses_is_refused_at_once(case: str, data: st.DataObject) -> None:
    """Whatever the generated model would refuse, the snapshot refuses when built; whatever
    it accepts reads without error, field by field, ``model`` included."""
    cls, package, schema_name, build = CASES[case]
    spec, schema = response_schema(package, schema_name)
    body = data.draw(broken(spec, schema) | JSON)
    try:
        cls._model_type.from_dict(json.loads(json.dumps(body)))
        eager_refused = False
    except Exception:
        eager_refused = True
    try:
        snapshot = build(body)
    except (KeyError, TypeError, ValueError):
        return
    assert not eager_refused, body
    for name in _field_names(cls):
        getattr(snapshot, name)
    assert snapshot.model is not None
    repr(snapshot)


def _client(body: bytes) -> tuple[httpx.AsyncClient, Pinecone, Chainloop]:
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    http = httpx.AsyncClient(transport=httpx.MockTransport(reply))
    return (
        http,
        Pinecone(KEY, control_url=URL, http_client=http),
        Chainloop(KEY, base_url=URL, http_client=http),
    )


FILE = {"name": "a.txt", "id": "f1"}
ENTRY = {
    "backup_id": "b1",
    "source_index_id": "i1",
    "source_index_name": "index",
    "status": "Scheduled",
    "cloud": "aws",
    "region": "us-east-1",
}
OPERATION = {
    "id": "op1",
    "operation_type": "upload_file",
    "status": "Processing",
    "created_on": "2026-04-01T00:00:00Z",
}

Call = Callable[[Pinecone, Chainloop], Any]
CALLS: dict[str, tuple[Call, Callable[[Any], Any]]] = {
    "files.get": (lambda pc, cl: pc.assistant("a1", host=URL).files.get("f1"), lambda b: b),
    "files.list": (
        lambda pc, cl: pc.assistant("a1", host=URL).files.list().collect(),
        lambda b: {"files": [b]},
    ),
    "backup_schedules.history": (
        lambda pc, cl: pc.backup_schedules.history("s1").collect(),
        lambda b: {"data": [b], "pagination": None},
    ),
    "operations.get": (
        lambda pc, cl: pc.assistant("a1", host=URL).operations.get("op1"),
        lambda b: b,
    ),
    "operations.list": (
        lambda pc, cl: pc.assistant("a1", host=URL).operations.list().collect(),
        lambda b: {"operations": [b]},
    ),
    "assistants.get": (lambda pc, cl: pc.assistants.get("a1"), lambda b: b),
    "assistants.update": (
        lambda pc, cl: pc.assistants.update("a1", instructions="x"),
        lambda b: b,
    ),
    "chainloop.get": (lambda pc, cl: cl.operations.get("op1"), lambda b: {"operation": b}),
}
VALID: dict[str, dict[str, Any]] = {
    "files.get": FILE,
    "files.list": FILE,
    "backup_schedules.history": ENTRY,
    "operations.get": OPERATION,
    "operations.list": OPERATION,
    "assistants.get": {"name": "a1", "status": "Ready"},
    "assistants.update": {"assistant_name": "a1"},
    "chainloop.get": {"id": "op1"},
}
# One field each call's snapshot must refuse: a time that is no time, or not an object.
MALFORMED: dict[str, dict[str, Any]] = {
    "files.get": {"created_on": "last tuesday"},
    "files.list": {"metadata": ["not", "an", "object"]},
    "backup_schedules.history": {"created_at": "soon"},
    "operations.get": {"created_on": "2026-13-45T00:00:00Z"},
    "operations.list": {"percent_complete": 250},
    "assistants.get": {"updated_at": 17},
    "assistants.update": {"metadata": None},
    "chainloop.get": {"created_at": "never"},
}


async def _call(name: str, item: dict[str, Any]) -> Any:
    call, wrap = CALLS[name]
    http, pc, cl = _client(json.dumps(wrap(item)).encode())
    async with http:
        with anyio.fail_after(10):
            return await call(pc, cl)


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(CALLS))
async def test_every_result_is_a_snapshot_without_unset(name: str) -> None:
    result = await _call(name, {**VALID[name], "future_field": {"x": 1}})
    for snapshot in result if isinstance(result, list) else [result]:
        assert isinstance(snapshot, Snapshot)
        for field in _field_names(type(snapshot)):
            assert type(getattr(snapshot, field)).__name__ != "Unset", field
        assert "Unset" not in repr(snapshot)
        assert snapshot.to_dict()["future_field"] == {"x": 1}
        assert snapshot.model.additional_properties["future_field"] == {"x": 1}


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(CALLS))
async def test_a_malformed_answer_fails_at_the_call_with_its_raw_body(name: str) -> None:
    item = {**VALID[name], **MALFORMED[name]}
    with pytest.raises(ResponseValidationError) as caught:
        await _call(name, item)
    assert json.loads(caught.value.body) == CALLS[name][1](item)


@pytest.mark.anyio
async def test_files_and_backup_entries_read_left_out_fields_as_none() -> None:
    file = await _call("files.get", FILE)
    assert isinstance(file, AssistantFile)
    assert (file.size, file.metadata, file.created_on, file.status, file.signed_url) == (None,) * 5
    (entry,) = await _call("backup_schedules.history", ENTRY)
    assert isinstance(entry, BackupHistoryEntry)
    assert (entry.record_count, entry.tags, entry.scheduled_execution_at, entry.name) == (None,) * 4
    assert not any(entry.to_dict().get(key) for key in ("record_count", "tags"))


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(CALLS))
async def test_no_generated_model_is_built_until_asked_for(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    for cls, *_ in CASES.values():
        model_type = cls._model_type
        original = model_type.from_dict.__func__

        def counting(klass: type, src: Any, original: Any = original) -> Any:
            built.append(klass.__name__)
            return original(klass, src)

        monkeypatch.setattr(model_type, "from_dict", classmethod(counting))
    result = await _call(name, VALID[name])
    snapshots = result if isinstance(result, list) else [result]
    for snapshot in snapshots:
        for field in _field_names(type(snapshot)):
            getattr(snapshot, field)
    assert built == []
    assert all(snapshot.model is snapshot.model for snapshot in snapshots)
    assert len(built) == len(snapshots)
