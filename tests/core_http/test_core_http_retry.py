"""Retry rules: what is re-sent, how long to wait, the cap, the deadline, cancellation."""

from __future__ import annotations

import logging
import random
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import anyio
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from awaitops import AsyncApiClient, RetryPolicy
from awaitops.core._error_mapping import retry_after_seconds
from awaitops.core._retry import next_delay
from awaitops.errors import (
    AlreadyExistsError,
    ApiConnectionError,
    ApiTimeoutError,
    BadRequestError,
    RateLimitError,
    ServerError,
)

from ._support import Script, error_body, mock_api

pytestmark = pytest.mark.anyio

OK = httpx.Response(200, json={"ok": True})
UNAVAILABLE = httpx.Response(503, json=error_body("UNAVAILABLE", "try later", 503))
SLOW_DOWN = httpx.Response(429, json=error_body("TOO_MANY_REQUESTS", "slow down", 429))


def retry_delays(caplog: pytest.LogCaptureFixture) -> list[float]:
    return [vars(r)["delay"] for r in caplog.records if "delay" in vars(r)]


async def test_get_retried_on_5xx_with_attempt_numbers_in_a_header() -> None:
    script = Script(UNAVAILABLE, httpx.Response(502, text="<html>bad gateway</html>"), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            response = await client.request("GET", "/a")
    assert response.json() == {"ok": True}
    assert script.retry_counts == ["0", "1", "2"]
    assert (client.stats.requests, client.stats.retries) == (3, 2)


async def test_attempts_are_bounded_by_the_policy_and_the_last_error_is_raised() -> None:
    script = Script(UNAVAILABLE)
    with anyio.fail_after(5):
        async with mock_api(script, retry=RetryPolicy(max_attempts=3, initial_delay=0.001)) as c:
            with pytest.raises(ServerError) as caught:
                await c.request("GET", "/a")
    assert caught.value.status == 503
    assert len(script.requests) == 3


async def test_max_retries_per_call() -> None:
    script = Script(UNAVAILABLE)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            with pytest.raises(ServerError):
                await client.request("GET", "/a", max_retries=0)
            assert len(script.requests) == 1
            with pytest.raises(ServerError):
                await client.request("DELETE", "/a", max_retries=1)
    assert len(script.requests) == 3


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_post_not_resent_after_5xx_unless_marked_safe(status: int) -> None:
    script = Script(httpx.Response(status), httpx.Response(status), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            with pytest.raises(ServerError):
                await client.request("POST", "/assistants", json={"name": "docs"})
            assert len(script.requests) == 1
            response = await client.request("POST", "/query", json={}, idempotent=True)
    assert response.status_code == 200
    assert len(script.requests) == 3


async def test_a_streamed_body_is_sent_once() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"part"

    script = Script(UNAVAILABLE, OK)
    async with mock_api(script) as client:
        with pytest.raises(ServerError):
            await client.request("PUT", "/a", content=chunks())
    assert len(script.requests) == 1


async def test_idempotent_false_stops_get_retries() -> None:
    script = Script(UNAVAILABLE, OK)
    async with mock_api(script) as client:
        with pytest.raises(ServerError):
            await client.request("GET", "/a", idempotent=False)
    assert len(script.requests) == 1


@pytest.mark.parametrize("method", ["POST", "PATCH", "GET"])
async def test_rate_limit_and_408_are_retried_for_any_method(method: str) -> None:
    script = Script(SLOW_DOWN, httpx.Response(408), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            response = await client.request(method, "/a")
    assert response.status_code == 200
    assert len(script.requests) == 3
    assert client.stats.rate_limited == 1


async def test_already_exists_429_is_never_retried() -> None:
    body = error_body("ALREADY_EXISTS", "assistant docs already exists", 429)
    script = Script(httpx.Response(429, json=body, headers={"Retry-After": "0"}), OK)
    async with mock_api(script) as client:
        with pytest.raises(AlreadyExistsError) as caught:
            await client.request("POST", "/assistants", json={"name": "docs"})
    assert caught.value.status == 429
    assert caught.value.code == "ALREADY_EXISTS"
    assert len(script.requests) == 1
    assert client.stats.rate_limited == 0


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
async def test_client_errors_are_not_retried(status: int) -> None:
    script = Script(httpx.Response(status), OK)
    async with mock_api(script) as client:
        with pytest.raises(Exception, match=str(status)):
            await client.request("GET", "/a")
    assert len(script.requests) == 1


async def test_status_list_comes_from_the_policy() -> None:
    script = Script(httpx.Response(400), OK)
    policy = RetryPolicy(initial_delay=0.001, statuses=(400,))
    async with mock_api(script, retry=policy) as client:
        assert (await client.request("GET", "/a")).status_code == 200
    script = Script(UNAVAILABLE, OK)
    async with mock_api(script, retry=policy) as client:
        with pytest.raises(ServerError):
            await client.request("GET", "/a")


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_connection_errors_are_retried_for_any_method(method: str) -> None:
    script = Script(httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            assert (await client.request(method, "/a")).status_code == 200
    assert len(script.requests) == 3


async def test_read_timeout_resent_for_get_only() -> None:
    script = Script(httpx.ReadTimeout("read"), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            assert (await client.request("GET", "/a")).status_code == 200
            script.requests.clear()
            with pytest.raises(ApiTimeoutError, match="ReadTimeout") as caught:
                await client.request("POST", "/a")
    assert len(script.requests) == 1
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


@pytest.mark.parametrize(
    "exc", [httpx.RemoteProtocolError("dropped"), httpx.ReadError("reset")], ids=repr
)
async def test_dropped_connection_after_sending_resent_only_when_idempotent(
    exc: Exception,
) -> None:
    script = Script(exc)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            with pytest.raises(ApiConnectionError):
                await client.request("POST", "/a")
            assert len(script.requests) == 1
            with pytest.raises(ApiConnectionError):
                await client.request("PUT", "/a")
    assert len(script.requests) == 1 + 4


async def test_retries_exhausted_on_connection_errors_raise_api_connection_error() -> None:
    script = Script(httpx.ConnectError("refused"))
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            with pytest.raises(ApiConnectionError, match="refused") as caught:
                await client.request("GET", "/a")
    assert not isinstance(caught.value, ApiTimeoutError)
    assert len(script.requests) == 4


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "0.05"}, 0.05),
        ({"retry-after-ms": "30"}, 0.03),
        ({"retry-after-ms": "20", "Retry-After": "50"}, 0.02),
    ],
)
async def test_retry_after_hint_replaces_the_computed_delay(
    caplog: pytest.LogCaptureFixture, headers: dict[str, str], expected: float
) -> None:
    caplog.set_level(logging.DEBUG, logger="awaitops")
    script = Script(httpx.Response(429, headers=headers), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            await client.request("GET", "/a")
    assert retry_delays(caplog) == [pytest.approx(expected)]


async def test_retry_after_http_date_in_the_past_means_retry_now(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="awaitops")
    past = format_datetime(datetime.now(UTC) - timedelta(minutes=5), usegmt=True)
    script = Script(httpx.Response(503, headers={"Retry-After": past}), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            await client.request("GET", "/a")
    assert retry_delays(caplog) == [0.0]


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "120"},
        {"retry-after-ms": "90000"},
        {"Retry-After": format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)},
    ],
)
async def test_a_hint_beyond_the_cap_raises_rate_limit_error_instead_of_sleeping(
    headers: dict[str, str],
) -> None:
    script = Script(httpx.Response(429, headers=headers), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            with pytest.raises(RateLimitError) as caught:
                await client.request("GET", "/a")
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 60
    assert len(script.requests) == 1
    assert client.stats.retries == 0


async def test_cap_is_configurable(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="awaitops")
    script = Script(httpx.Response(429, headers={"Retry-After": "0.2"}), OK)
    policy = RetryPolicy(initial_delay=0.001, retry_after_cap=0.1)
    async with mock_api(script, retry=policy) as client:
        with pytest.raises(RateLimitError) as caught:
            await client.request("GET", "/a")
    assert caught.value.retry_after == pytest.approx(0.2)
    assert retry_delays(caplog) == []


async def test_computed_delays_stay_within_policy_bounds(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="awaitops")
    policy = RetryPolicy(max_attempts=6, initial_delay=0.002, max_delay=0.006, multiplier=2.0)
    script = Script(UNAVAILABLE)
    with anyio.fail_after(5):
        async with mock_api(script, retry=policy) as client:
            with pytest.raises(ServerError):
                await client.request("GET", "/a")
    delays = retry_delays(caplog)
    assert len(delays) == 5
    for delay, ceiling in zip(delays, [0.002, 0.004, 0.006, 0.006, 0.006], strict=True):
        assert 0.0 <= delay <= ceiling


async def test_deadline_stops_retrying_before_it_would_be_overrun() -> None:
    # Two short waits fit in the 10 s deadline; the third answer's 20 s would overrun it.
    script = Script(
        httpx.Response(503, headers={"Retry-After": "0.01"}),
        httpx.Response(503, headers={"Retry-After": "0.01"}),
        httpx.Response(503, headers={"Retry-After": "20"}),
    )
    policy = RetryPolicy(max_attempts=50, initial_delay=0.001)
    # Sleeping the 20 s, or even the 10 s to the deadline, would trip this bound: no
    # wall-clock assertion that a busy machine could break.
    with anyio.fail_after(8):
        async with mock_api(script, retry=policy, deadline=10) as client:
            with pytest.raises(ServerError):
                await client.request("GET", "/a")
    assert len(script.requests) == 3


async def test_deadline_bounds_an_attempt_in_flight() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await anyio.sleep(30)
        return httpx.Response(200)

    script = Script(hang)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            with pytest.raises(ApiTimeoutError, match="deadline"):
                await client.request("GET", "/a", deadline=0.1)
    assert len(script.requests) == 1


async def test_per_call_deadline_overrides_the_clients() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await anyio.sleep(0.3)
        return httpx.Response(200)

    with anyio.fail_after(5):
        async with mock_api(Script(hang), deadline=0.05) as client:
            assert (await client.request("GET", "/a", deadline=None)).status_code == 200


async def test_cancellation_during_backoff_stops_at_once() -> None:
    script = Script(httpx.Response(503, headers={"Retry-After": "30"}), OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            with anyio.move_on_after(0.2) as scope:
                await client.request("GET", "/a")
    assert scope.cancelled_caught
    assert len(script.requests) == 1
    assert client.stats.retries == 1


async def test_cancellation_from_a_task_group_during_backoff() -> None:
    answered = anyio.Event()

    async def rate_limited(request: httpx.Request) -> httpx.Response:
        answered.set()
        return httpx.Response(429, headers={"Retry-After": "30"})

    script = Script(rate_limited, OK)
    with anyio.fail_after(5):
        async with mock_api(script) as client, anyio.create_task_group() as tg:
            tg.start_soon(client.request, "POST", "/a")
            await answered.wait()
            await anyio.sleep(0.05)  # let the request reach its backoff sleep
            tg.cancel_scope.cancel()
    assert len(script.requests) == 1
    assert client.stats.retries == 1


async def test_non_retryable_errors_keep_their_type() -> None:
    script = Script(httpx.Response(400, json=error_body("INVALID_ARGUMENT", "bad name", 400)))
    async with mock_api(script) as client:
        with pytest.raises(BadRequestError, match="bad name"):
            await client.request("POST", "/assistants", json={})


policies = st.builds(
    RetryPolicy,
    initial_delay=st.floats(0.001, 10),
    max_delay=st.floats(0.001, 100),
    multiplier=st.floats(1, 5),
    retry_after_cap=st.floats(0.001, 600),
)


@given(policies, st.integers(0, 2**32))
def test_jittered_delays_are_within_policy_bounds(policy: RetryPolicy, seed: int) -> None:
    ceiling = min(policy.initial_delay, policy.max_delay)
    delays = policy.delays(random.Random(seed))
    for _ in range(12):
        delay = next(delays)
        assert 0.0 <= delay <= ceiling
        ceiling = min(ceiling * policy.multiplier, policy.max_delay)


@given(policies, st.floats(0, 100), st.one_of(st.none(), st.floats(0, 10_000)))
def test_the_wait_never_exceeds_the_cap(
    policy: RetryPolicy, computed: float, hint: float | None
) -> None:
    delay = next_delay(computed, hint, policy)
    if hint is None:
        assert delay == computed
    elif hint > policy.retry_after_cap:
        assert delay is None
    else:
        assert delay == hint
        assert delay <= policy.retry_after_cap


@given(st.text(), st.text())
def test_any_retry_after_text_parses_to_none_or_a_finite_wait(seconds: str, millis: str) -> None:
    for headers in ({"Retry-After": seconds}, {"retry-after-ms": millis}):
        try:
            parsed_headers = httpx.Headers(headers)
        except UnicodeEncodeError:
            continue
        value = retry_after_seconds(parsed_headers)
        assert value is None or 0.0 <= value < float("inf")


def test_retry_after_forms() -> None:
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC).timestamp()
    date = "Sun, 22 Nov 2026 12:00:07 GMT"
    assert retry_after_seconds(httpx.Headers({"Retry-After": date}), now=now) == 7.0
    assert retry_after_seconds(httpx.Headers({"Retry-After": " 3 "})) == 3.0
    assert retry_after_seconds(httpx.Headers({"Retry-After": "-3"})) == 0.0
    assert retry_after_seconds(httpx.Headers({"retry-after-ms": "1500"})) == 1.5
    assert retry_after_seconds(httpx.Headers({"Retry-After": "soon"})) is None
    assert retry_after_seconds(httpx.Headers({"Retry-After": "nan"})) is None
    assert retry_after_seconds(httpx.Headers({"retry-after-ms": "x", "Retry-After": "2"})) == 2.0
    assert retry_after_seconds(httpx.Headers()) is None


@pytest.mark.every_pool
async def test_connection_errors_name_the_host_not_the_path() -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with AsyncApiClient(base_url=f"http://127.0.0.1:{port}/v1") as client:
        with anyio.fail_after(10), pytest.raises(ApiConnectionError) as caught:
            await client.request("GET", "/secret-ish/path", max_retries=0)
    assert str(caught.value).startswith(f"request to http://127.0.0.1:{port} failed")
    assert "secret-ish" not in str(caught.value)
