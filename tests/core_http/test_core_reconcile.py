"""The core's reconcile loop and file bodies, without a server."""

from __future__ import annotations

import io
import logging
from typing import BinaryIO

import anyio
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from awaitops import (
    NOT_APPLIED,
    ClientStats,
    FileBody,
    NotApplied,
    RetryBudget,
    RetryPolicy,
    reconcile,
)
from awaitops.core._bodies import files_replayable
from awaitops.errors import (
    AlreadyExistsError,
    ApiConnectionError,
    AwaitopsError,
    BadRequestError,
    NotFoundError,
    ResponseValidationError,
    ServerError,
)

from ._support import Script as SteppedScript
from ._support import mock_api

FAST = RetryPolicy(max_attempts=3, initial_delay=0.001, max_delay=0.002)


class Script:
    """A send and a lookup that answer from lists, counting their calls."""

    def __init__(
        self,
        sends: list[str | AwaitopsError],
        lookups: list[str | NotApplied | AwaitopsError],
    ) -> None:
        self.sends = sends
        self.lookups = lookups
        self.sent = 0
        self.looked = 0
        self.seen: list[AwaitopsError] = []

    async def send(self) -> str:
        outcome = self.sends[self.sent]
        self.sent += 1
        if isinstance(outcome, AwaitopsError):
            raise outcome
        return outcome

    async def lookup(self, error: AwaitopsError) -> str | NotApplied:
        self.seen.append(error)
        outcome = self.lookups[self.looked]
        self.looked += 1
        if isinstance(outcome, AwaitopsError):
            raise outcome
        return outcome


def _server_error() -> ServerError:
    return ServerError("boom", status=503)


@pytest.mark.anyio
async def test_a_clean_call_is_not_looked_up() -> None:
    script = Script(["made"], [])
    assert await reconcile(script.send, script.lookup, retry=FAST) == "made"
    assert (script.sent, script.looked) == (1, 0)


@pytest.mark.anyio
async def test_an_error_that_says_nothing_happened_is_raised_at_once() -> None:
    script = Script([BadRequestError("no", status=400)], [])
    with pytest.raises(BadRequestError):
        await reconcile(script.send, script.lookup, retry=FAST)
    assert script.looked == 0


@pytest.mark.anyio
@pytest.mark.parametrize(
    "lost",
    [
        _server_error(),
        ApiConnectionError("cut"),
        ResponseValidationError("half a body", body="{"),
    ],
)
async def test_a_lost_answer_is_looked_up_and_the_change_returned(lost: AwaitopsError) -> None:
    stats = ClientStats()
    script = Script([lost], ["found"])
    result = await reconcile(script.send, script.lookup, retry=FAST, stats=stats)
    assert result == "found"
    assert (script.sent, script.looked, stats.reconciles, stats.retries) == (1, 1, 1, 0)
    assert script.seen == [lost]


@pytest.mark.anyio
async def test_re_sent_only_once_known_not_applied(caplog: pytest.LogCaptureFixture) -> None:
    stats = ClientStats()
    script = Script([_server_error(), "made"], [NOT_APPLIED])
    with caplog.at_level(logging.INFO, logger="awaitops"):
        result = await reconcile(script.send, script.lookup, retry=FAST, stats=stats, name="x.y")
    assert result == "made"
    assert (script.sent, script.looked, stats.reconciles, stats.retries) == (2, 1, 1, 1)
    assert [getattr(r, "reconcile_call", None) for r in caplog.records] == ["x.y", "x.y"]
    assert "ServerError 503" in caplog.records[0].getMessage()


@pytest.mark.anyio
async def test_a_body_that_cannot_be_re_sent_is_only_looked_up() -> None:
    script = Script([_server_error()], [NOT_APPLIED])
    with pytest.raises(ServerError) as caught:
        await reconcile(script.send, script.lookup, retry=FAST, max_retries=0, name="up")
    assert script.sent == 1
    assert "up was looked up and had not taken effect" in " ".join(caught.value.__notes__)


@pytest.mark.anyio
async def test_re_sends_are_bounded() -> None:
    script = Script([_server_error()] * 3, [NOT_APPLIED] * 3)
    with pytest.raises(ServerError):
        await reconcile(script.send, script.lookup, retry=FAST)
    assert (script.sent, script.looked) == (3, 3)


@pytest.mark.anyio
async def test_a_re_send_the_budget_refuses_is_not_made() -> None:
    script = Script([_server_error()] * 3, [NOT_APPLIED] * 3)
    with pytest.raises(ServerError) as caught:
        await reconcile(script.send, script.lookup, retry=FAST, budget=lambda: False, name="up")
    assert (script.sent, script.looked) == (1, 1)
    assert "retry budget is spent" in " ".join(caught.value.__notes__)


@pytest.mark.anyio
async def test_reconciled_re_sends_spend_the_hosts_retry_budget() -> None:
    """In an outage whose lookups answered "not there", every reconciled call re-sent up to
    its retry limit, outside the host's retry budget: the load the budget exists to cap."""
    script = SteppedScript(httpx.Response(503, json={}))
    many = RetryPolicy(max_attempts=10, initial_delay=0.001, max_delay=0.002)
    budget = RetryBudget(ratio=0.5, reserve=2)
    async with mock_api(script, retry=many, retry_budget=budget) as client:

        async def lookup(error: AwaitopsError) -> NotApplied:
            return NOT_APPLIED

        with pytest.raises(ServerError) as caught:
            await reconcile(
                lambda: client.request("POST", "/things", idempotent=False),
                lookup,
                retry=many,
                budget=client.spend_retry,
            )
    assert len(script.requests) == 1 + budget.reserve
    assert client.stats.retries_refused == 1
    assert "retry budget is spent" in " ".join(caught.value.__notes__)


@pytest.mark.anyio
async def test_a_failing_lookup_raises_the_original_error_marked_unknown() -> None:
    original = _server_error()
    failure = ApiConnectionError("lookup cut")
    script = Script([original], [failure] * FAST.max_attempts)
    with pytest.raises(ServerError) as caught:
        await reconcile(script.send, script.lookup, retry=FAST, name="c")
    assert caught.value is original
    assert caught.value.__cause__ is failure
    assert "whether c took effect is unknown" in " ".join(caught.value.__notes__)
    assert script.looked == FAST.max_attempts


@pytest.mark.anyio
async def test_a_lookup_may_raise_what_a_clean_call_would_have() -> None:
    script = Script([_server_error()], [NotFoundError("gone", status=404)])
    with pytest.raises(NotFoundError):
        await reconcile(script.send, script.lookup, retry=FAST)


@pytest.mark.anyio
async def test_conflicts_are_looked_up_only_when_the_call_may_have_been_sent() -> None:
    fresh = NotFoundError("no", status=404)
    script = Script([fresh], [])
    with pytest.raises(NotFoundError):
        await reconcile(script.send, script.lookup, retry=FAST, conflicts=(NotFoundError,))
    assert script.looked == 0

    retried = NotFoundError("no", status=404)
    retried.attempt = 1
    retried.acted_before = True
    script = Script([retried], ["deleted"])
    result = await reconcile(script.send, script.lookup, retry=FAST, conflicts=(NotFoundError,))
    assert result == "deleted"

    # A re-send after a lookup meets ALREADY_EXISTS: looked up again, found.
    exists = AlreadyExistsError("exists", status=409)
    script = Script([_server_error(), exists], [NOT_APPLIED, "ours"])
    result = await reconcile(
        script.send, script.lookup, retry=FAST, conflicts=(AlreadyExistsError,)
    )
    assert (result, script.sent, script.looked) == ("ours", 2, 2)


@pytest.mark.anyio
async def test_no_re_send_past_the_deadline() -> None:
    slow = RetryPolicy(max_attempts=5, initial_delay=0.05, max_delay=0.05)
    script = Script([_server_error()] * 5, [NOT_APPLIED] * 5)
    with anyio.fail_after(10):
        with pytest.raises(ServerError):
            await reconcile(script.send, script.lookup, retry=slow, deadline=0.001)
        assert script.sent == 1


# -- FileBody -----------------------------------------------------------------------------


class Forward(io.RawIOBase):
    def __init__(self, data: bytes, chunk: int = 7) -> None:
        self._data = io.BytesIO(data)
        self._chunk = chunk

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        piece = self._data.read(min(len(buffer), self._chunk))
        buffer[: len(piece)] = piece
        return len(piece)


def _drain(stream: BinaryIO, size: int) -> bytes:
    out = b""
    while chunk := stream.read(size):
        out += chunk
    return out


def test_bytes_and_seekable_files_give_the_whole_body_every_time() -> None:
    assert _drain(FileBody(b"abc").stream(), 2) == b"abc"
    source = io.BytesIO(b"header|body")
    source.seek(7)
    body = FileBody(source)
    assert body.resendable
    for _ in range(2):
        stream = body.stream()
        assert stream.seek(0, 2) == len(b"body")  # how httpx measures it
        stream.seek(0)
        assert _drain(stream, 3) == b"body"


def test_a_short_unrewindable_stream_is_buffered() -> None:
    body = FileBody(Forward(b"pipe data"))  # type: ignore[arg-type]
    assert body.resendable
    assert _drain(body.stream(), 4) == _drain(body.stream(), 100) == b"pipe data"


@given(st.binary(min_size=11, max_size=200), st.integers(1, 50), st.integers(1, 30))
def test_a_long_unrewindable_stream_is_streamed_once_whole(
    data: bytes, read_size: int, source_chunk: int
) -> None:
    body = FileBody(Forward(data, source_chunk), buffer_limit=10)  # type: ignore[arg-type]
    assert not body.resendable
    stream = body.stream()
    assert not files_replayable([("file", ("f.txt", stream, "text/plain"))])
    assert _drain(stream, read_size) == data
    with pytest.raises(ValueError, match="cannot be rewound"):
        body.stream()


def test_text_streams_are_refused() -> None:
    with pytest.raises(ValueError, match="binary mode"):
        FileBody(io.StringIO("text"))  # type: ignore[arg-type]


def test_replayable_files() -> None:
    assert files_replayable(None)
    assert files_replayable({"file": ("a", io.BytesIO(b"x"), "text/plain")})
    assert files_replayable([("meta", (None, b"{}", "application/json"))])
    assert not files_replayable([("file", io.BufferedReader(Forward(b"x")))])


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("first", "acted"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.Response(429, headers={"Retry-After": "0"}), False),
        (httpx.Response(503), True),
        (httpx.ReadError("cut"), True),
    ],
)
async def test_a_retry_answer_says_whether_an_earlier_attempt_may_have_acted(
    first: httpx.Response | Exception, acted: bool
) -> None:
    # A 404 answering the retry of a DELETE means "already gone" only when the first
    # attempt may have reached the server; after a refused connect or a 429 it is genuine.
    script = SteppedScript(first, httpx.Response(404, json={}))
    async with mock_api(script) as client:
        with pytest.raises(NotFoundError) as caught:
            await client.request("DELETE", "/things/x")
    assert caught.value.retried
    assert caught.value.acted_before is acted
