"""A list page's snapshots built in one loop (``_read_page``): the same snapshots, or the
same error, as building them item by item; and the pager using it."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awaitops import AsyncPager, Snapshot, fields
from awaitops.core import OperationSnapshot, OperationsResource, TokenPagination
from awaitops.errors import ResponseValidationError


class Job(Snapshot[Any]):
    __slots__ = ()

    id = fields.text(required=True)
    state = fields.text(default="UNKNOWN", empty_is_none=True)
    started_at = fields.timestamp(required=True)
    updated_at = fields.timestamp(nullable=False)
    seen_at = fields.timestamp(checked=True)
    ended_at = fields.timestamp()
    progress = fields.value(float, minimum=0, maximum=1)
    percent = fields.value(int, maximum=100)
    floor = fields.value(int, minimum=-5)
    labels = fields.mapping()
    tags = fields.mapping(nullable=False)


class Counts(Snapshot[Any]):
    __slots__ = ()

    done = fields.value(int, minimum=0)


class Batch(Snapshot[Any]):
    __slots__ = ()

    id = fields.text(required=True)
    counts = fields.nested(Counts)


class Op(OperationSnapshot[Any, "Op"]):
    __slots__ = ()

    id = fields.text(required=True)
    status = fields.text(required=True)
    percent = fields.value(int, minimum=0, maximum=100)

    @property
    def done(self) -> bool:
        return self.status == "DONE"

    @property
    def failed(self) -> bool:
        return False


class Ops(OperationsResource[Op]):
    handle = Op

    async def get(self, operation_id: str) -> Op:
        raise NotImplementedError


def _outcome(build: Any) -> Any:
    """What building gives: the snapshots, or the error's type and text."""
    try:
        return ("built", build())
    except Exception as exc:
        return ("refused", type(exc), str(exc))


# Values that each check accepts, refuses, or sends to its slow path (floats in range,
# big integers, booleans, nulls, a time with a lower-case "t").
_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10, max_value=110),
    st.integers(min_value=2**63, max_value=2**70),
    st.floats(allow_nan=True),
    st.sampled_from(
        [
            "",
            "x",
            "2026-01-02T03:04:05Z",
            "2026-01-02t03:04:05z",
            "2026-01-02 03:04:05.123456+01:00",
            "2026-02-30T00:00:00Z",
            "2026-01-02",
        ]
    ),
    st.just({}),
    st.just({"done": 3}),
    st.just({"done": -1}),
    st.just([1]),
)
_keys = st.sampled_from(
    [
        *("id", "state", "started_at", "updated_at", "seen_at", "ended_at", "progress"),
        *("percent", "floor", "labels", "tags", "counts", "status", "other"),
    ]
)
_valid_job = st.fixed_dictionaries(
    {"id": st.just("j"), "started_at": st.just("2026-01-02T03:04:05Z")},
    optional={"percent": st.integers(0, 100), "labels": st.just({"a": "b"})},
)
_items = st.lists(
    st.one_of(
        _valid_job,
        st.dictionaries(_keys, _values, max_size=8),
        st.builds(
            lambda base, extra: {**base, **extra}, _valid_job, st.dictionaries(_keys, _values)
        ),
        st.sampled_from([None, [], "item", 3]),
    ),
    max_size=6,
)


@settings(max_examples=400, deadline=None)
@given(_items)
def test_a_page_reads_as_its_items_one_by_one(items: list[Any]) -> None:
    for kind in (Job, Batch):
        assert kind._read_page is not None
        assert _outcome(lambda: kind._read_page(items)) == _outcome(  # noqa: B023
            lambda: [kind(item) for item in items]  # noqa: B023
        )


@settings(max_examples=200, deadline=None)
@given(_items)
def test_an_operation_page_reads_as_its_items_one_by_one(items: list[Any]) -> None:
    ops = Ops()
    one_by_one = _outcome(lambda: [ops._wrap(item) for item in items])
    assert _outcome(lambda: ops._wrap_page(items)) == one_by_one
    if one_by_one[0] == "built":
        assert all(op.source is ops and op._cache is None for op in ops._wrap_page(items))


def test_read_page_keeps_each_item_as_sent() -> None:
    items = [{"id": "a", "started_at": "2026-01-02T03:04:05Z", "more": [1]}]
    assert Job._read_page is not None
    (job,) = Job._read_page(items)
    assert job._raw is items[0]
    assert job.to_dict() == items[0]


def test_a_class_with_its_own_init_is_read_one_by_one() -> None:
    built: list[Any] = []

    class Custom(Job):
        __slots__ = ()

        def __init__(self, data: Any) -> None:
            built.append(data)
            super().__init__(data)

    assert Custom._read_page is None
    assert Job._read_page is not None
    assert OperationSnapshot._read_page is None


def _token_pages(*pages: list[Any]) -> Any:
    answers = [
        {"items": page, "next": f"t{index + 1}" if index + 1 < len(pages) else None}
        for index, page in enumerate(pages)
    ]

    async def fetch(params: dict[str, Any]) -> Any:
        await anyio.lowlevel.checkpoint()
        return answers.pop(0)

    return fetch


STRATEGY = TokenPagination(
    token_param="token", size_param="limit", items_path=("items",), next_path=("next",)
)
GOOD = {"id": "a", "status": "RUNNING", "percent": 5}


@pytest.mark.anyio
async def test_the_pager_reads_operation_pages_at_once_with_the_same_errors() -> None:
    ops = Ops()
    fetch = _token_pages([GOOD, {**GOOD, "id": "b"}], [{**GOOD, "id": "c", "percent": 50.5}])
    with anyio.fail_after(5):
        got = await AsyncPager(fetch, STRATEGY, ops._wrap).collect()
    assert [op.id for op in got] == ["a", "b", "c"]
    assert all(op.source is ops for op in got)
    assert got[2].percent == 50.5  # a float in range: refused by the fast check, not by __init__

    fetch = _token_pages([GOOD, {**GOOD, "percent": 101}])
    with anyio.fail_after(5), pytest.raises(ResponseValidationError) as caught:
        await AsyncPager(fetch, STRATEGY, ops._wrap).collect()
    assert "an item did not parse: percent must be from 0 to 100, got 101" in str(caught.value)
    assert '"percent": 101' in (caught.value.body or "")


@pytest.mark.anyio
async def test_the_pager_reads_snapshot_pages_and_overridden_wraps() -> None:
    wrapped: list[Any] = []

    class Counted(Ops):
        def _wrap(self, raw: Any) -> Op:
            wrapped.append(raw)
            return super()._wrap(raw)

    fetch = _token_pages([GOOD], [{**GOOD, "id": "b"}])
    with anyio.fail_after(5):
        got = await AsyncPager(fetch, STRATEGY, Counted()._wrap).collect()
    assert [op.id for op in got] == ["a", "b"]
    assert len(wrapped) == 2  # an overridden _wrap is called for every item

    item = {"id": "j", "started_at": "2026-01-02T03:04:05Z"}
    fetch = _token_pages([item, {**item, "started_at": "later"}])
    with anyio.fail_after(5), pytest.raises(ResponseValidationError, match="an item did not"):
        await AsyncPager(fetch, STRATEGY, Job).collect()
    fetch = _token_pages([item], [{**item, "id": "k"}])
    with anyio.fail_after(5):
        assert [job.id for job in await AsyncPager(fetch, STRATEGY, Job).collect()] == ["j", "k"]
