"""What other SDKs' answers need of a snapshot: unix-second times, nested objects, and a
repr that shows the declared fields."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from awaitops import Snapshot, fields

UTC = datetime.UTC


class Counts(Snapshot[Any]):
    total = fields.value(int, minimum=0)
    completed = fields.value(int, minimum=0)
    failed = fields.value(int, minimum=0)


class Batch(Snapshot[Any]):
    id = fields.text(required=True)
    status = fields.text()
    created_at = fields.timestamp(required=True, unix=True)
    completed_at = fields.timestamp(unix=True)
    expires_at = fields.timestamp(nullable=False, unix=True)
    request_counts = fields.nested(Counts)


class Strict(Snapshot[Any]):
    id = fields.text(required=True)
    counts = fields.nested(Counts, key="request_counts", required=True)


BASE: dict[str, Any] = {"id": "batch_1", "created_at": 1_767_225_600}


def test_unix_seconds_read_as_utc_times() -> None:
    batch = Batch({**BASE, "completed_at": 1_767_225_661.5, "expires_at": 1_767_312_000})
    assert batch.created_at == datetime.datetime(2026, 1, 1, tzinfo=UTC)
    assert batch.completed_at == datetime.datetime(2026, 1, 1, 0, 1, 1, 500_000, tzinfo=UTC)
    assert batch.expires_at == datetime.datetime(2026, 1, 2, tzinfo=UTC)
    # ISO 8601 still reads, in the same field.
    iso = Batch({**BASE, "created_at": "2026-01-01T00:00:00Z"})
    assert iso.created_at == batch.created_at
    assert batch.to_dict()["created_at"] == 1_767_225_600  # kept as sent


@pytest.mark.parametrize("bad", [True, 1e300, float("nan"), [1], {"s": 1}])
def test_a_time_that_must_read_refuses_what_is_no_time(bad: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        Batch({**BASE, "created_at": bad})
    with pytest.raises((TypeError, ValueError)):
        Batch({**BASE, "expires_at": bad})


def test_numbers_are_refused_where_unix_seconds_are_not_declared() -> None:
    class Iso(Snapshot[Any]):
        at = fields.timestamp(required=True)
        maybe = fields.timestamp()

    with pytest.raises(TypeError, match="ISO 8601"):
        Iso({"at": 17})
    assert Iso({"at": "2026-01-01T00:00:00Z", "maybe": 17}).maybe is None


def test_an_optional_unreadable_time_reads_as_none() -> None:
    assert Batch({**BASE, "completed_at": 1e300}).completed_at is None
    assert Batch({**BASE, "completed_at": False}).completed_at is None


def test_a_nested_object_reads_as_its_snapshot_and_is_checked_at_once() -> None:
    batch = Batch({**BASE, "request_counts": {"total": 3, "completed": 2, "failed": 1}})
    counts = batch.request_counts
    assert isinstance(counts, Counts)
    assert (counts.total, counts.completed, counts.failed) == (3, 2, 1)
    assert batch.request_counts is counts  # made once
    assert Batch(dict(BASE)).request_counts is None
    assert Batch({**BASE, "request_counts": None}).request_counts is None
    with pytest.raises(ValueError, match="completed"):
        Batch({**BASE, "request_counts": {"completed": -1}})
    with pytest.raises(TypeError, match="request_counts"):
        Batch({**BASE, "request_counts": [1, 2]})


def test_a_required_nested_object_must_be_there() -> None:
    assert Strict({"id": "b", "request_counts": {}}).counts == Counts({})
    with pytest.raises(KeyError):
        Strict({"id": "b"})
    with pytest.raises(TypeError):
        Strict({"id": "b", "request_counts": None})


def test_nested_takes_a_snapshot_class_only() -> None:
    with pytest.raises(TypeError, match="Snapshot class"):
        fields.nested(dict)  # type: ignore[type-var]


def test_the_repr_shows_the_declared_fields_by_default() -> None:
    batch = Batch({**BASE, "status": "in_progress", "request_counts": {"total": 1}})
    assert repr(batch) == (
        "Batch(id='batch_1', status='in_progress', "
        "created_at=datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), "
        "completed_at=None, expires_at=None, "
        "request_counts=Counts(total=1, completed=None, failed=None))"
    )


def test_repr_fields_choose_what_the_repr_shows_and_subclasses_keep_the_choice() -> None:
    class Short(Batch, repr_fields=("id", "status")):
        pass

    class Shorter(Short):
        note = fields.text()

    class Private(Batch):
        _repr_fields = ("id",)  # the older, private spelling still works

    raw = {**BASE, "status": "completed", "note": "n"}
    assert repr(Short(raw)) == "Short(id='batch_1', status='completed')"
    assert repr(Shorter(raw)) == "Shorter(id='batch_1', status='completed')"
    assert repr(Private(raw)) == "Private(id='batch_1')"


def test_repr_fields_must_name_attributes() -> None:
    with pytest.raises(TypeError, match="nope"):

        class Wrong(Batch, repr_fields=("id", "nope")):
            pass

    with pytest.raises(TypeError, match="not a string"):

        class Text(Batch, repr_fields="id"):
            pass
