"""The policies, credentials and stats behave as the attrs classes they were: frozen values
with equality, hash and a repr (never showing a secret), copied and pickled whole; stats
mutable and unhashable."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import attrs
import pytest

from awaitops import (
    ApiKeyAuth,
    ApiVersion,
    BearerAuth,
    ClientStats,
    ConcurrencyPolicy,
    PollPolicy,
    RateLimitPolicy,
    RetryBudget,
    RetryPolicy,
)

# One value of each, with fields away from the defaults.
VALUES: list[Any] = [
    RetryPolicy(3, 0.1, 2.0, 1.5, 30.0, [500, 503]),
    PollPolicy(0.1, 2.0, 1.2, 30.0, 10.0, None),
    RateLimitPolicy(0.5, 0.1, 10.0, 5.0, 1.0),
    ConcurrencyPolicy(8),
    RetryBudget(0.25, 5),
    ApiKeyAuth("values-key", "Api-Key"),
    BearerAuth("values-token"),
    ApiVersion("X-Api-Version", "2026-04"),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_frozen_values_compare_hash_copy_and_refuse_changes(value: Any) -> None:
    twin = copy.deepcopy(value)
    assert twin == value
    assert hash(twin) == hash(value)
    assert twin is not value
    assert copy.copy(value) == value
    assert pickle.loads(pickle.dumps(value)) == value
    assert value != object()
    assert value != type(value).__mro__[1]
    name = value.__match_args__[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, name, getattr(value, name))
    with pytest.raises(AttributeError):
        delattr(value, name)
    assert not hasattr(value, "__dict__")


def test_values_differ_field_by_field_and_match_by_position() -> None:
    policy = RetryPolicy(3, 0.1)
    assert policy != RetryPolicy(3, 0.2)
    assert policy != RetryPolicy(4, 0.1)
    assert policy.statuses == (408, 429, 500, 502, 503, 504)
    match policy:
        case RetryPolicy(3, initial_delay):
            assert initial_delay == 0.1
        case _:
            pytest.fail("no positional match")


def test_reprs_show_fields_in_order_and_never_a_secret() -> None:
    assert repr(ConcurrencyPolicy(8)) == "ConcurrencyPolicy(max_in_flight=8)"
    assert repr(RetryBudget(0.25, 5)) == "RetryBudget(ratio=0.25, reserve=5)"
    assert repr(ApiKeyAuth("values-key", "Api-Key")) == "ApiKeyAuth(header='Api-Key')"
    assert repr(BearerAuth("values-token")) == "BearerAuth()"
    assert "values-key" not in repr(pickle.loads(pickle.dumps(ApiKeyAuth("values-key", "K"))))


def test_stats_are_mutable_counters_compared_by_value() -> None:
    stats = ClientStats()
    stats.requests += 2
    stats.queued_seconds += 0.5
    assert stats == ClientStats(requests=2, queued_seconds=0.5)
    assert stats != ClientStats()
    assert repr(ClientStats(1)).startswith("ClientStats(requests=1, retries=0, rate_limited=0")
    with pytest.raises(TypeError):
        hash(stats)
    assert pickle.loads(pickle.dumps(stats)) == stats
