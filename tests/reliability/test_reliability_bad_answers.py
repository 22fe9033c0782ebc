"""Hostile servers: every facade call, against every kind of bad answer, ends in our typed error
or a correct tolerant result, within a bound. Hypothesis then feeds every response model
bodies built from (and broken away from) our specs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import anyio
import attrs
import httpx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from awaitops import PollPolicy, RetryPolicy
from awaitops.chainloop import Chainloop
from awaitops.errors import (
    ApiConnectionError,
    ApiTimeoutError,
    AwaitopsError,
    PaginationLoopError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    WaitTimeoutError,
)
from awaitops.pinecone import Pinecone

from ._endpoints import ENDPOINTS, Endpoint, items_key, valid_body
from ._hostile import Answer, Seen, chunk, chunked_head, http, serve_hostile
from ._schemas import JSON, broken, response_schema, valid

KEY = "pcsk_hostile_key_0001"
TOKEN = "cl_hostile_token_0001"
RETRY = RetryPolicy(max_attempts=2, initial_delay=0.001, max_delay=0.01, retry_after_cap=5.0)
POLL = PollPolicy(initial_interval=0.01, max_interval=0.05, timeout=0.5)
# Per-request timeouts small enough that stalls end fast; the deadline bounds endless bodies,
# which keep every single read short and so never trip a read timeout.
TIMEOUT = httpx.Timeout(0.3)
DEADLINE = 1.5
CALL_BOUND = 8.0
# Answers that do not stall get bounds a loaded machine cannot miss: those cases test what the
# client makes of the answer, not how fast it reads it. Likewise a wait that must end with an
# error, not at its own timeout.
RELAXED_POLL = PollPolicy(initial_interval=0.01, max_interval=0.05, timeout=30.0)
RELAXED_TIMEOUT = httpx.Timeout(20.0)
RELAXED_DEADLINE = 40.0
RELAXED_CALL_BOUND = 60.0


def _json_answer(seen: Seen, url: str, status: int = 200) -> bytes:
    body = valid_body(seen.method, seen.target, url)
    return http(status, b"" if body is None else json.dumps(body))


def _mutate_items(seen: Seen, url: str, change: Callable[[Any], Any]) -> bytes:
    """The valid answer with ``change`` applied to the object (or to each listed item)."""
    body = valid_body(seen.method, seen.target, url)
    key = items_key(seen.target) if seen.method == "GET" else None
    if body is None:
        body = change({})
    elif key is not None:
        body[key] = [change(item) for item in body[key]]
    elif "operation" in body:
        body["operation"] = change(body["operation"])
    else:
        body = change(body)
    return http(200, json.dumps(body))


def _retype(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _retype(item) for key, item in value.items()}
    if isinstance(value, str):
        return [value]
    if isinstance(value, bool | int | float):
        return {"n": value}
    return 7


def _status_retyped(value: Any) -> Any:
    return {**value, "status": [value.get("status")]} if isinstance(value, dict) else value


def _progress_as_text(value: Any) -> Any:
    if not isinstance(value, dict) or "percent_complete" not in value:
        return value
    return {**value, "status": "Processing", "percent_complete": "fifty"}


def _unknown_enum(value: Any) -> Any:
    return {**value, "status": "Exploding"} if isinstance(value, dict) else value


def _repeating_token(seen: Seen, url: str) -> bytes:
    body = valid_body(seen.method, seen.target, url)
    key = items_key(seen.target) if seen.method == "GET" else None
    if key is None:
        return http(200, b"" if body is None else json.dumps(body))
    if seen.target.startswith("/v1/"):
        body["pagination"] = {"page": 1, "page_size": 1, "total_pages": 5, "total_count": 50}
    else:
        body["pagination"] = {"next": "same-token"}
    return http(200, json.dumps(body))


@attrs.frozen
class Kind:
    """A kind of bad answer and what a correct client does with it.

    ``errors``: the typed errors allowed; ``tolerant``: whether a normal return is allowed
    (True), required (``"required"``, for answers that are odd but correct), or forbidden.
    ``lists_raise``: a pager must raise this instead. ``stalls``: the answer never completes,
    so only the client's timeouts end the call.
    """

    name: str
    answer: Callable[[Seen, str], Answer]
    errors: tuple[type[AwaitopsError], ...]
    tolerant: bool | str = False
    lists_raise: type[AwaitopsError] | None = None
    stalls: bool = False


def _bytes(make: Callable[[Seen, str], bytes]) -> Callable[[Seen, str], Answer]:
    return lambda seen, url: Answer(make(seen, url))


HUGE_PADDING = "x" * (4 * 1024 * 1024)

KINDS: tuple[Kind, ...] = (
    Kind(
        "truncated_json",
        _bytes(lambda s, u: _json_answer(s, u)[: -max(1, len(_json_answer(s, u)) // 8)]),
        (ApiConnectionError, ResponseValidationError),
    ),
    Kind(
        "truncated_json_honest_length",
        _bytes(lambda s, u: http(200, json.dumps(valid_body(s.method, s.target, u))[:20])),
        (ResponseValidationError,),
    ),
    Kind(
        "html_200",
        _bytes(lambda s, u: http(200, "<html><body>Hello</body></html>", content_type="text/html")),
        (ResponseValidationError,),
    ),
    Kind(
        "html_502",
        _bytes(
            lambda s, u: http(502, "<html><h1>Bad Gateway</h1></html>", content_type="text/html")
        ),
        (ServerError,),
    ),
    Kind(
        "wrong_types",
        _bytes(lambda s, u: _mutate_items(s, u, _retype)),
        (ResponseValidationError,),
        True,
    ),
    Kind(
        "status_wrong_type",
        _bytes(lambda s, u: _mutate_items(s, u, _status_retyped)),
        (ResponseValidationError,),
        True,
    ),
    Kind(
        "progress_wrong_type",
        _bytes(lambda s, u: _mutate_items(s, u, _progress_as_text)),
        (ResponseValidationError,),
        True,
    ),
    Kind(
        "missing_required_fields",
        _bytes(lambda s, u: _mutate_items(s, u, lambda item: {})),
        (ResponseValidationError,),
        True,
    ),
    Kind("null_body", _bytes(lambda s, u: http(200, "null")), (ResponseValidationError,)),
    Kind(
        "null_items",
        _bytes(lambda s, u: _mutate_items(s, u, lambda item: None)),
        (ResponseValidationError,),
    ),
    Kind(
        "unknown_enum_values",
        _bytes(lambda s, u: _mutate_items(s, u, _unknown_enum)),
        (),
        "required",
    ),
    Kind(
        "huge_body",
        _bytes(
            lambda s, u: _mutate_items(s, u, lambda item: {**(item or {}), "padding": HUGE_PADDING})
        ),
        (),
        "required",
    ),
    Kind(
        "wrong_content_type",
        _bytes(lambda s, u: _json_answer(s, u).replace(b"application/json", b"text/plain", 1)),
        (),
        "required",
    ),
    Kind("repeating_token", _bytes(_repeating_token), (), "required", PaginationLoopError),
    Kind(
        "retry_after_past",
        _bytes(
            lambda s, u: http(429, "{}", headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
        ),
        (RateLimitError,),
    ),
    Kind(
        "retry_after_far_future",
        _bytes(lambda s, u: http(429, "{}", headers={"Retry-After": "999999999"})),
        (RateLimitError,),
    ),
    Kind(
        "retry_after_garbage",
        _bytes(lambda s, u: http(429, "{}", headers={"Retry-After": "whenever, mate"})),
        (RateLimitError,),
    ),
    Kind(
        "stall_mid_body",
        lambda s, u: Answer(http(200, '{"na', declared_length=500), stall=True),
        (ApiTimeoutError,),
        stalls=True,
    ),
    Kind(
        "stall_before_answer",
        lambda s, u: Answer(b"", stall=True),
        (ApiTimeoutError,),
        stalls=True,
    ),
    Kind(
        "endless_body",
        lambda s, u: Answer(chunked_head() + chunk(b'{"x": "'), endless=b"y" * 16384),
        (ApiTimeoutError,),
        stalls=True,
    ),
    Kind("garbage_status_line", _bytes(lambda s, u: b"HELLO THERE\r\n\r\n"), (ApiConnectionError,)),
    Kind(
        "binary_noise",
        _bytes(lambda s, u: http(200, bytes(range(256)) * 8)),
        (ResponseValidationError,),
    ),
    Kind("deep_nesting", _bytes(lambda s, u: http(200, "[" * 200_000)), (ResponseValidationError,)),
)

# Survivable failures make a wait poll on until its own timeout.
_SURVIVED = (ServerError, RateLimitError, ApiConnectionError)


def _allowed(kind: Kind, endpoint: Endpoint) -> tuple[tuple[type[BaseException], ...], bool]:
    """(errors allowed, whether a normal return is allowed) for this pair."""
    errors: tuple[type[BaseException], ...] = kind.errors
    tolerant = bool(kind.tolerant) or not endpoint.parses
    if endpoint.lists and kind.lists_raise is not None:
        return (kind.lists_raise,), False
    if endpoint.waits:
        # A wait outlives transient failures and treats unknown states as still running;
        # either way it ends at its timeout.
        if any(issubclass(error, _SURVIVED) for error in errors) or kind.tolerant:
            errors = (*errors, WaitTimeoutError)
        tolerant = tolerant or kind.name == "repeating_token"
    if not endpoint.parses and errors == (ResponseValidationError,):
        errors = ()
    return errors, tolerant


def _poll_for(kind: Kind, endpoint: Endpoint) -> PollPolicy:
    errors, _ = _allowed(kind, endpoint)
    ends_at_timeout = any(issubclass(error, WaitTimeoutError) for error in errors)
    return POLL if ends_at_timeout or kind.stalls else RELAXED_POLL


@contextmanager
def _clients(url: str, *, relaxed: bool = False) -> Iterator[tuple[Pinecone, Chainloop]]:
    options: dict[str, Any] = {
        "retry": RETRY,
        "timeout": RELAXED_TIMEOUT if relaxed else TIMEOUT,
        "deadline": RELAXED_DEADLINE if relaxed else DEADLINE,
    }
    yield Pinecone(KEY, control_url=url, **options), Chainloop(TOKEN, base_url=url, **options)


@pytest.mark.anyio
@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
@pytest.mark.every_pool
async def test_every_call_survives_every_bad_answer(kind: Kind) -> None:
    outcomes: dict[str, BaseException | str] = {}

    def handler(seen: Seen) -> Answer:
        return kind.answer(seen, server.url)

    relaxed = not kind.stalls
    async with serve_hostile(handler) as server:
        with _clients(server.url, relaxed=relaxed) as (pc, cl):
            async with pc, cl:

                async def run(endpoint: Endpoint) -> None:
                    try:
                        with anyio.fail_after(RELAXED_CALL_BOUND if relaxed else CALL_BOUND):
                            await endpoint.call(pc, cl, server.url, _poll_for(kind, endpoint))
                    except Exception as exc:
                        outcomes[endpoint.name] = exc
                    else:
                        outcomes[endpoint.name] = "returned"

                async with anyio.create_task_group() as group:
                    for endpoint in ENDPOINTS:
                        group.start_soon(run, endpoint)

    wrong = []
    for endpoint in ENDPOINTS:
        errors, tolerant = _allowed(kind, endpoint)
        outcome = outcomes[endpoint.name]
        if outcome == "returned":
            ok = tolerant or kind.tolerant == "required"
        else:
            ok = isinstance(outcome, errors)
        if (
            kind.tolerant == "required"
            and not endpoint.waits
            and not (endpoint.lists and kind.lists_raise)
        ):
            ok = outcome == "returned"
        if not ok:
            wrong.append(f"{endpoint.name}: {outcome!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("retry_after", "requests", "hint"),
    [("999999999", 1, 999999999.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 3, 0.0), ("soon", 3, None)],
)
@pytest.mark.every_pool
async def test_retry_after_is_honoured_capped_or_ignored(
    retry_after: str, requests: int, hint: float | None
) -> None:
    """A far-future hint is not slept through (no re-send); past and garbage hints are."""
    answer = Answer(http(429, "{}", headers={"Retry-After": retry_after}))
    async with serve_hostile(lambda seen: answer) as server:
        retry = RetryPolicy(max_attempts=3, initial_delay=0.001, max_delay=0.01, retry_after_cap=5)
        async with Pinecone(KEY, control_url=server.url, retry=retry) as pc:
            with anyio.fail_after(5), pytest.raises(RateLimitError) as caught:
                await pc.assistants.get("a1")
    assert len(server.seen) == requests
    assert caught.value.retry_after == hint


@pytest.mark.anyio
@pytest.mark.every_pool
async def test_a_page_sequence_that_never_ends_is_cut_by_max_items() -> None:
    """A server minting fresh tokens forever: ``max_items`` bounds the walk, request-exactly."""

    def endless_pages(seen: Seen) -> Answer:
        number = len(server.seen)
        items = [
            {"id": f"f{number}-{index}", "name": "a.txt", "status": "Available"}
            for index in range(10)
        ]
        body = {"files": items, "pagination": {"next": f"token-{number}"}}
        return Answer(http(200, json.dumps(body)))

    async with (
        serve_hostile(endless_pages) as server,
        Pinecone(KEY, control_url=server.url, retry=RETRY) as pc,
    ):
        files = pc.assistant("a1", host=server.url).files
        with anyio.fail_after(5):
            found = await files.list(page_size=10, max_items=95).collect()
    assert len(found) == 95
    assert len(server.seen) == 10
    assert len({f.id for f in found}) == 95


# -- Hypothesis: bodies for every response model ---------------------------------------------


@attrs.frozen
class Model:
    """A response model and a call that reads it. ``needs`` is a key the schema leaves
    optional but without which the answer says nothing (the items of a list, the operation of
    a get); bodies lacking it are covered by their own tests below."""

    package: str  # the generated package whose spec (in specs/) describes the answer
    schema: str
    call: Callable[[Pinecone, Chainloop, str], Any]
    needs: str | None = None
    lists: bool = False


MODELS: tuple[Model, ...] = (
    Model(
        "pinecone_assistant_control",
        "ListAssistantsResponse",
        lambda pc, cl, h: pc.assistants.list().collect(),
        needs="assistants",
        lists=True,
    ),
    Model(
        "pinecone_assistant_control",
        "Assistant",
        lambda pc, cl, h: pc.assistants.get("a1"),
    ),
    Model(
        "pinecone_assistant_control",
        "UpdateAssistantResponse",
        lambda pc, cl, h: pc.assistants.update("a1", instructions="x"),
    ),
    Model(
        "pinecone_assistant_data",
        "ListFilesResponse",
        lambda pc, cl, h: pc.assistant("a1", host=h).files.list().collect(),
        needs="files",
        lists=True,
    ),
    Model(
        "pinecone_assistant_data",
        "AssistantFileModel",
        lambda pc, cl, h: pc.assistant("a1", host=h).files.get("f1"),
    ),
    Model(
        "pinecone_assistant_data",
        "OperationModel",
        lambda pc, cl, h: pc.assistant("a1", host=h).operations.get("op1"),
    ),
    Model(
        "pinecone_assistant_data",
        "OperationModel",
        lambda pc, cl, h: pc.assistant("a1", host=h).files.upload(b"x", file_name="a.txt"),
    ),
    Model(
        "pinecone_assistant_data",
        "OperationList",
        lambda pc, cl, h: pc.assistant("a1", host=h).operations.list().collect(),
        needs="operations",
        lists=True,
    ),
    Model(
        "pinecone_backup_schedules",
        "BackupScheduleHistory",
        lambda pc, cl, h: pc.backup_schedules.history("s1").collect(),
        needs="data",
        lists=True,
    ),
    Model(
        "chainloop_platform",
        "ListOperationsResponse",
        lambda pc, cl, h: cl.operations.list().collect(),
        needs="operations",
        lists=True,
    ),
    Model(
        "chainloop_platform",
        "GetOperationResponse",
        lambda pc, cl, h: cl.operations.get("op1"),
        needs="operation",
    ),
)

MOCK_URL = "https://api.example.test"


async def _outcome(model: Model, body: Any) -> BaseException | None:
    content = json.dumps(body).encode()

    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=content, headers={"Content-Type": "application/json"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(reply)) as http_client:
        pc = Pinecone(KEY, control_url=MOCK_URL, http_client=http_client, retry=RETRY)
        cl = Chainloop(TOKEN, base_url=MOCK_URL, http_client=http_client, retry=RETRY)
        try:
            with anyio.fail_after(5):
                await model.call(pc, cl, MOCK_URL)
        except Exception as exc:
            return exc
    return None


MODEL_IDS = [f"{m.schema}-{m.call.__code__.co_firstlineno}" for m in MODELS]
HYPOTHESIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@pytest.mark.parametrize("model", MODELS, ids=MODEL_IDS)
@HYPOTHESIS
@given(data=st.data())
def test_documented_bodies_parse(backend: str, model: Model, data: st.DataObject) -> None:
    spec, schema = response_schema(model.package, model.schema)
    body = data.draw(valid(spec, schema))
    assume(model.needs is None or model.needs in body)
    outcome = anyio.run(_outcome, model, body, backend=backend)
    # A list answer repeated for every page repeats its token too: that must be caught.
    allowed = (PaginationLoopError,) if model.lists else ()
    assert outcome is None or isinstance(outcome, allowed), repr(outcome)


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@pytest.mark.parametrize("model", MODELS, ids=MODEL_IDS)
@HYPOTHESIS
@given(data=st.data())
def test_undocumented_bodies_give_typed_errors(
    backend: str, model: Model, data: st.DataObject
) -> None:
    spec, schema = response_schema(model.package, model.schema)
    body = data.draw(broken(spec, schema) | JSON)
    outcome = anyio.run(_outcome, model, body, backend=backend)
    assert outcome is None or isinstance(outcome, ResponseValidationError | PaginationLoopError), (
        repr(outcome)
    )


LIST_CALLS = {
    "assistants": lambda pc, cl, h: pc.assistants.list().collect(),
    "files": lambda pc, cl, h: pc.assistant("a1", host=h).files.list().collect(),
    "operations": lambda pc, cl, h: pc.assistant("a1", host=h).operations.list().collect(),
    "chainloop": lambda pc, cl, h: cl.operations.list().collect(),
}


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(LIST_CALLS))
async def test_a_list_answer_without_its_items_is_an_empty_list(name: str) -> None:
    """Our specs make the items list optional (protobuf JSON drops empty lists), so an answer
    without it is a valid, empty page, not a malformed one."""
    model = Model("", "", LIST_CALLS[name])
    assert await _outcome(model, {}) is None
