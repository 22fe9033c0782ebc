"""Error mapping from every documented status, non-JSON bodies, and model parsing."""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awaitops import ApiKeyAuth, parse_model
from awaitops.core import error_from_response, parse_json
from awaitops.errors import (
    AlreadyExistsError,
    ApiError,
    AuthenticationError,
    AwaitopsError,
    BadRequestError,
    FailedPreconditionError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
)

from ._support import SECRET, Script, error_body, mock_api, raw_reply

pytestmark = pytest.mark.anyio


@attrs.define
class Assistant:
    """Shaped like an openapi-python-client model: from_dict pops fields, KeyError if missing."""

    name: str
    status: str
    metadata: dict[str, Any] | None

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Assistant:
        d = dict(src_dict)
        name = d.pop("name")
        status = d.pop("status")
        if not isinstance(name, str) or not isinstance(status, str):
            raise TypeError("name and status must be strings")
        metadata = d.pop("metadata", None)
        return cls(name=name, status=status, metadata=metadata)


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (400, "INVALID_ARGUMENT", BadRequestError),
        (400, "FAILED_PRECONDITION", FailedPreconditionError),
        (400, "failed_precondition", FailedPreconditionError),
        (409, "FAILED_PRECONDITION", AlreadyExistsError),
        (401, "UNAUTHENTICATED", AuthenticationError),
        (403, "PERMISSION_DENIED", PermissionDeniedError),
        (404, "NOT_FOUND", NotFoundError),
        (409, "ALREADY_EXISTS", AlreadyExistsError),
        (429, "TOO_MANY_REQUESTS", RateLimitError),
        (429, "RESOURCE_EXHAUSTED", RateLimitError),
        (429, "ALREADY_EXISTS", AlreadyExistsError),
        (429, "already_exists", AlreadyExistsError),
        (429, "QUOTA_EXCEEDED", QuotaExceededError),
        (429, "insufficient_quota", QuotaExceededError),
        (500, "UNKNOWN", ServerError),
        (503, "UNAVAILABLE", ServerError),
        (422, "UNPROCESSABLE", ApiError),
        (418, "TEAPOT", ApiError),
    ],
)
def test_documented_error_body_maps_to_typed_error(
    status: int, code: str, expected: type[ApiError]
) -> None:
    body = error_body(code, f"message for {status}", status)
    body["error"]["details"] = {"field": "name"}
    response = httpx.Response(status, json=body, headers={"x-pinecone-request-id": "req-9"})
    # The API names its own request id header; the core knows only generic ones.
    error = error_from_response(response, "x-pinecone-request-id")
    assert type(error) is expected
    assert (error.status, error.code, error.message) == (status, code, f"message for {status}")
    assert error.request_id == "req-9"
    assert error.body == body
    assert str(error) == f"HTTP {status} {code}: message for {status} (request id req-9)"


def test_a_failed_precondition_by_grpc_number_is_one_too_and_still_a_bad_request() -> None:
    # The gRPC-gateway shape carries only the number (9 is FAILED_PRECONDITION).
    response = httpx.Response(400, json={"code": 9, "message": "not ready"})
    error = error_from_response(response)
    assert type(error) is FailedPreconditionError
    assert isinstance(error, BadRequestError)
    assert (error.code, error.message) == ("9", "not ready")


def test_rate_limit_error_carries_the_hint() -> None:
    response = httpx.Response(429, headers={"Retry-After": "7"})
    error = error_from_response(response)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 7.0


@pytest.mark.parametrize(
    ("status", "body", "content_type", "message"),
    [
        (502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", "Bad Gateway"),
        (503, b"upstream connect error\nreset", "text/plain", "upstream connect error"),
        (500, b"", "text/plain", "Internal Server Error"),
        (404, b"\xff\xfe\x00garbage", "application/json", "Not Found"),
        (400, b"[1, 2, 3]", "application/json", "Bad Request"),
        (401, b'{"error": "bad key"}', "application/json", "bad key"),
        (404, b'{"code": 5, "message": "operation not found"}', "application/json", None),
        (400, b'{"error": {"code": 3, "message": null}}', "application/json", "Bad Request"),
        (599, b"x" * 1000, "text/plain", ""),
    ],
)
def test_non_documented_bodies_fall_back_gracefully(
    status: int, body: bytes, content_type: str, message: str | None
) -> None:
    response = httpx.Response(status, content=body, headers={"Content-Type": content_type})
    error = error_from_response(response)
    assert isinstance(error, ApiError)
    assert error.status == status
    if message is None:
        assert (error.code, error.message) == ("5", "operation not found")
    elif message:
        assert error.message == message
    else:
        assert error.message == "unexpected HTTP status 599"
        assert isinstance(error, ServerError)


def test_non_json_body_is_kept_as_text() -> None:
    html = "<html>proxy error</html>"
    error = error_from_response(httpx.Response(502, text=html))
    assert error.body == html
    assert isinstance(error, ServerError)


def test_error_repr_and_str_omit_the_body() -> None:
    error = error_from_response(httpx.Response(404, json=error_body("NOT_FOUND", "gone", 404)))
    assert repr(error) == (
        "NotFoundError(status=404, code='NOT_FOUND', message='gone', request_id=None)"
    )


async def test_an_echoed_credential_is_scrubbed_from_errors() -> None:
    body = error_body("UNAUTHENTICATED", f"Invalid API key {SECRET}", 401)
    script = Script(httpx.Response(401, json=body))
    async with mock_api(script, auth=ApiKeyAuth(SECRET, header="Api-Key")) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.request("GET", "/a")
    error = caught.value
    for text in (str(error), repr(error), repr(error.body), repr(error.args)):
        assert SECRET not in text
    assert "Invalid API key" in error.message


def test_parse_model_success() -> None:
    response = httpx.Response(200, json={"name": "docs", "status": "Ready", "extra": 1})
    assert parse_model(response, Assistant.from_dict) == Assistant("docs", "Ready", None)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"status": "Ready"}', "KeyError"),
        (b'{"name": 3, "status": "Ready"}', "TypeError"),
        (b'{"name": "docs", "status": "Re', "not valid JSON"),
        (b"[]", "KeyError|ValueError|TypeError"),
        (b"null", "TypeError"),
        (b"", "not valid JSON"),
        (b"\xff\xfe\xfa", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
)
def test_parse_model_failures_become_response_validation_error(raw: bytes, reason: str) -> None:
    response = httpx.Response(200, content=raw)
    with pytest.raises(ResponseValidationError, match=reason) as caught:
        parse_model(response, Assistant.from_dict)
    assert caught.value.body == raw.decode("utf-8", errors="replace")
    assert caught.value.status == 200


def test_parse_json_keeps_raw_text() -> None:
    with pytest.raises(ResponseValidationError) as caught:
        parse_json(httpx.Response(200, text="<html>oops</html>"))
    assert caught.value.body == "<html>oops</html>"


# When decompression fails, httpx abandons its async body iterators unexhausted, and trio
# reports each one as it is garbage collected. That is httpx's, and only a warning.
HTTPX_ABANDONS_BODY_ITERATORS = pytest.mark.filterwarnings(
    "ignore::pytest.PytestUnraisableExceptionWarning"
)


GZIPPED = {"Content-Encoding": "gzip"}
GOOD_GZIP = gzip.compress(b'{"name": "a", "status": "Ready"}')


@HTTPX_ABANDONS_BODY_ITERATORS
async def test_undecodable_compressed_body_is_a_typed_error() -> None:
    script = Script(raw_reply(200, b"not gzip", GZIPPED), raw_reply(200, GOOD_GZIP, GZIPPED))
    async with mock_api(script) as client:
        with pytest.raises(ResponseValidationError):
            await client.request("GET", "/a")
        response = await client.request("GET", "/a")
    assert parse_model(response, Assistant.from_dict).name == "a"


@HTTPX_ABANDONS_BODY_ITERATORS
async def test_a_5xx_with_an_undecodable_body_is_a_retried_server_error() -> None:
    script = Script(raw_reply(500, b"corrupt gzip", GZIPPED), raw_reply(200, GOOD_GZIP, GZIPPED))
    async with mock_api(script) as client:
        response = await client.request("GET", "/a")
    assert parse_model(response, Assistant.from_dict).name == "a"
    assert len(script.requests) == 2

    script = Script(raw_reply(503, b"corrupt gzip", {**GZIPPED, "x-request-id": "r-1"}))
    async with mock_api(script) as client:
        with pytest.raises(ServerError) as caught:
            await client.request("POST", "/a")
    assert len(script.requests) == 1  # a POST that may have acted is not re-sent
    assert (caught.value.status, caught.value.request_id) == (503, "r-1")
    assert "could not be decoded" in str(caught.value)


@HTTPX_ABANDONS_BODY_ITERATORS
async def test_a_2xx_with_an_undecodable_body_keeps_its_status() -> None:
    script = Script(raw_reply(201, b"corrupt gzip", GZIPPED))
    async with mock_api(script) as client:
        with pytest.raises(ResponseValidationError, match="could not be decoded") as caught:
            await client.request("GET", "/a")
    assert caught.value.status == 201


async def test_a_huge_error_message_is_cut_in_str_and_kept_whole_in_the_body() -> None:
    message = "m" * (2 * 1024 * 1024)
    script = Script(httpx.Response(400, json=error_body("INVALID_ARGUMENT", message, 400)))
    async with mock_api(script) as client:
        with pytest.raises(BadRequestError) as caught:
            await client.request("GET", "/a")
    error = caught.value
    for text in (str(error), repr(error), error.message, *error.args):
        assert len(text) < 2200
    assert "[cut: 2097152 characters in all]" in error.message
    assert error.body["error"]["message"] == message


@pytest.mark.parametrize("code", ["9" * 5000, "C" * (2 * 1024 * 1024), "\u00b2"])
def test_a_huge_or_odd_error_code_is_cut_and_never_breaks_str(code: str) -> None:
    response = httpx.Response(
        409, json=error_body(code, "m", 409), headers={"x-request-id": "r" * 100_000}
    )
    error = error_from_response(response)
    for text in (str(error), repr(error)):
        assert len(text) < 4500
    assert error.body["error"]["code"] == code


statuses = st.sampled_from([200, 201, 202, 400, 401, 403, 404, 409, 418, 429, 500, 502, 503])
encodings = st.sampled_from([None, "gzip", "deflate", "identity"])
charsets = st.sampled_from([None, "utf-8", "latin-1", "bogus-charset", "utf-16"])


@HTTPX_ABANDONS_BODY_ITERATORS
@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=300), status=statuses, encoding=encodings, charset=charsets)
async def test_any_body_yields_a_model_or_our_typed_error(
    body: bytes, status: int, encoding: str | None, charset: str | None
) -> None:
    headers = {"Content-Type": "application/json" + (f"; charset={charset}" if charset else "")}
    if encoding:
        headers["Content-Encoding"] = encoding
    script = Script(raw_reply(status, body, headers))
    async with mock_api(script) as client:
        try:
            response = await client.request("POST", "/a", max_retries=0)
            result = parse_model(response, Assistant.from_dict)
        except AwaitopsError as exc:
            str(exc), repr(exc)
        else:
            assert isinstance(result, Assistant)


@given(body=st.binary(max_size=500), status=st.integers(300, 599))
def test_error_from_any_body_never_raises(body: bytes, status: int) -> None:
    error = error_from_response(httpx.Response(status, content=body))
    assert error.status == status
    assert isinstance(error.message, str)
    assert error.message


@pytest.mark.parametrize(
    ("code", "shown"),
    [(5, "NOT_FOUND"), (6, "ALREADY_EXISTS"), (16, "UNAUTHENTICATED"), (99, "99")],
)
def test_grpc_codes_read_as_names(code: int, shown: str) -> None:
    body = {"code": code, "message": "operation not found"}
    error = error_from_response(httpx.Response(404, json=body))
    assert error.code == str(code)  # as the server sent it
    assert str(error) == f"HTTP 404 {shown}: operation not found"


def test_core_exports_what_a_client_author_needs() -> None:
    import awaitops
    from awaitops.core import _pagination

    assert awaitops.Fetch is _pagination.Fetch
    assert awaitops.Strategy is _pagination.Strategy
    assert {"Fetch", "Strategy"} <= set(awaitops.__all__)


async def test_a_quota_429_is_not_retried_and_still_a_rate_limit_error() -> None:
    script = Script(httpx.Response(429, json=error_body("QUOTA_EXCEEDED", "quota used up", 429)))
    async with mock_api(script) as client:
        with pytest.raises(RateLimitError) as caught:
            await client.request("GET", "/things")
        assert type(caught.value) is QuotaExceededError
        assert client.stats.rate_limited == 0  # nothing to say about the host's send rate
    assert len(script.requests) == 1


async def test_an_apis_classifier_decides_first_and_is_shared_by_copies() -> None:
    def classify(status: int, code: str | None, message: str) -> type[ApiError] | None:
        return QuotaExceededError if "monthly" in message else None

    answers = [
        httpx.Response(429, json=error_body("RESOURCE_EXHAUSTED", "monthly limit", 429)),
        httpx.Response(429, json=error_body("RESOURCE_EXHAUSTED", "slow down", 429)),
        httpx.Response(200, json={}),
    ]
    script = Script(*answers)
    async with mock_api(script, classify_error=classify) as client:
        with pytest.raises(QuotaExceededError):
            await client.with_options(timeout=5).request("GET", "/things")
        await client.request("GET", "/things")  # throttled once, then retried
    assert len(script.requests) == 3


@pytest.mark.parametrize("key", ["detail", "description"])
def test_a_message_under_detail_or_description_is_read(key: str) -> None:
    error = error_from_response(httpx.Response(404, json={key: "no such thing"}))
    assert (type(error), error.message) == (NotFoundError, "no such thing")
