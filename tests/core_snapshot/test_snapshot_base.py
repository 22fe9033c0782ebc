"""The core snapshot base: checks at construction, conversions on first read, read-only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from awaitops import Snapshot, fields


class JobModel:
    """A stand-in for a generated model: ``from_dict`` / ``to_dict``, counting builds."""

    built = 0

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @classmethod
    def from_dict(cls, src: dict[str, Any]) -> JobModel:
        cls.built += 1
        return cls(dict(src))

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


class Job(Snapshot[JobModel], model=JobModel):
    __slots__ = ()
    _repr_fields = ("id", "state")

    id = fields.text(required=True)
    state = fields.text(default="UNKNOWN", empty_is_none=True)
    note = fields.text()
    started_at = fields.timestamp(required=True)
    updated_at = fields.timestamp(nullable=False)
    ended_at = fields.timestamp()
    progress = fields.value(float, minimum=0, maximum=1)
    count = fields.value(int)
    labels = fields.mapping()
    tags = fields.mapping(nullable=False)


BASE = {"id": "j1", "started_at": "2026-01-02T03:04:05Z"}


def test_absent_fields_read_as_none_or_their_default() -> None:
    job = Job(dict(BASE))
    assert (job.note, job.updated_at, job.ended_at, job.progress, job.count) == (None,) * 5
    assert (job.labels, job.tags) == (None, None)
    assert job.state == "UNKNOWN"
    assert job.started_at == datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert repr(job) == "Job(id='j1', state='UNKNOWN')"


def test_empty_text_means_no_value_only_where_declared() -> None:
    job = Job({**BASE, "state": "", "note": ""})
    assert job.state == "UNKNOWN"
    assert job.note == ""


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"id": None}, TypeError),
        ({"id": 5}, TypeError),
        ({"started_at": "yesterday"}, ValueError),
        ({"started_at": None}, TypeError),
        ({"updated_at": None}, TypeError),
        ({"updated_at": "soon"}, ValueError),
        ({"progress": 1.5}, ValueError),
        ({"progress": True}, TypeError),
        ({"progress": "half"}, TypeError),
        ({"labels": [1]}, TypeError),
        ({"tags": None}, TypeError),
        ({"tags": "x"}, TypeError),
    ],
)
def test_what_could_not_be_read_is_refused_when_built(
    change: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        Job({**BASE, **change})


@pytest.mark.parametrize("key", ["id", "started_at"])
def test_a_missing_required_field_is_refused_when_built(key: str) -> None:
    with pytest.raises(KeyError):
        Job({k: v for k, v in BASE.items() if k != key})


def test_not_a_json_object_is_refused() -> None:
    with pytest.raises(TypeError):
        Job(["id", "j1"])  # type: ignore[arg-type]


def test_an_unreadable_nullable_time_reads_as_none_and_is_kept() -> None:
    job = Job({**BASE, "ended_at": "not a time", "labels": None})
    assert job.ended_at is None
    assert job.labels is None
    assert job.to_dict()["ended_at"] == "not a time"


def test_times_are_parsed_on_first_read_and_cached() -> None:
    job = Job({**BASE, "ended_at": "2026-01-02T05:00:00+00:00"})
    assert job._cache is None  # nothing converted yet
    first = job.ended_at
    assert first == datetime.datetime(2026, 1, 2, 5, tzinfo=datetime.UTC)
    assert job.ended_at is first
    assert job.started_at is job.started_at


def test_model_is_built_on_first_access_only() -> None:
    before = JobModel.built
    job = Job({**BASE, "future": 1})
    assert JobModel.built == before
    model = job.model
    assert job.model is model
    assert JobModel.built == before + 1
    assert model.data["future"] == 1


def test_built_from_a_model_keeps_that_model() -> None:
    model = JobModel(dict(BASE))
    job = Job(model)
    assert job.model is model
    assert job.id == "j1"


def test_unknown_fields_are_kept_and_to_dict_is_a_copy() -> None:
    raw = {**BASE, "future": {"nested": [1]}, "labels": {"a": 1}}
    job = Job(raw)
    copied = job.to_dict()
    assert copied == raw
    copied["future"]["nested"].append(2)
    assert job.to_dict()["future"] == {"nested": [1]}


def test_read_only() -> None:
    job = Job({**BASE, "labels": {"a": 1}})
    with pytest.raises(AttributeError):
        job.id = "other"  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        job.anything = 1  # type: ignore[attr-defined]
    labels = job.labels
    assert labels is not None
    labels["b"] = 2
    assert job.labels == {"a": 1}


def test_equal_when_the_server_said_the_same_and_unhashable() -> None:
    assert Job(dict(BASE)) == Job(dict(BASE))
    assert Job(dict(BASE)) != Job({**BASE, "id": "j2"})
    with pytest.raises(TypeError):
        hash(Job(dict(BASE)))


def test_field_descriptors_read_on_the_class() -> None:
    assert isinstance(Job.id, fields.Field)
    assert Job.id.key == "id"


class Stamped(Snapshot[JobModel], model=JobModel):
    __slots__ = ()

    seen_at = fields.timestamp(checked=True)


@pytest.mark.parametrize("value", [None, "2026-01-02T03:04:05Z"])
def test_a_checked_time_may_be_null_or_absent(value: str | None) -> None:
    assert Stamped({}).seen_at is None
    assert Stamped({"seen_at": value}).seen_at == (value and datetime.datetime.fromisoformat(value))


@pytest.mark.parametrize(("value", "error"), [("soon", ValueError), (17, TypeError)])
def test_a_checked_time_that_is_no_time_is_refused_when_built(
    value: object, error: type[Exception]
) -> None:
    with pytest.raises(error):
        Stamped({"seen_at": value})
