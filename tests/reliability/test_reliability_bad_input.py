"""Every client-side check, as a table: each bad argument raises ValueError (TypeError for a
value of the wrong type, as Python does) and not a single request leaves the client."""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from awaitops import PollPolicy, RetryPolicy
from awaitops.chainloop import Chainloop
from awaitops.core import AsyncApiClient
from awaitops.pinecone import Pinecone

KEY = "pcsk_input_key"
TOKEN = "cl_input_token"
URL = "https://api.example.test"
HOST = "https://data.example.test"

Call = Callable[[Pinecone, Chainloop], Any]


def _data(pc: Pinecone) -> Any:
    return pc.assistant("good-name", host=HOST)


class _Nameless(io.BytesIO):
    name = ""


BIG = "x" * (16 * 1024 + 1)

CASES: dict[str, Call] = {
    # -- constructors and handles
    "assistant handle: bad name": lambda pc, cl: pc.assistant("Bad_Name"),
    "assistant handle: plain http data host": lambda pc, cl: pc.assistant(
        "good-name", host="http://data.example.test"
    ).files.get("f1"),
    # -- assistants
    "assistants.list page_size 0": lambda pc, cl: pc.assistants.list(page_size=0),
    "assistants.list page_size 101": lambda pc, cl: pc.assistants.list(page_size=101),
    "assistants.list page_size bool": lambda pc, cl: pc.assistants.list(page_size=True),
    "assistants.list max_items 0": lambda pc, cl: pc.assistants.list(max_items=0),
    "assistants.list prefetch -1": lambda pc, cl: pc.assistants.list(prefetch=-1),
    "assistants.get empty name": lambda pc, cl: pc.assistants.get(""),
    "assistants.get upper case": lambda pc, cl: pc.assistants.get("Docs"),
    "assistants.get path traversal": lambda pc, cl: pc.assistants.get("../admin"),
    "assistants.get 64 chars": lambda pc, cl: pc.assistants.get("a" * 64),
    "assistants.get trailing dash": lambda pc, cl: pc.assistants.get("docs-"),
    "assistants.get not a str": lambda pc, cl: pc.assistants.get(7),  # type: ignore[arg-type]
    "assistants.create bad name": lambda pc, cl: pc.assistants.create("no spaces"),
    "assistants.create bad region": lambda pc, cl: pc.assistants.create("ok", region="mars"),
    "assistants.create instructions too big": lambda pc, cl: pc.assistants.create(
        "ok", instructions=BIG
    ),
    "assistants.create instructions not str": lambda pc, cl: pc.assistants.create(
        "ok",
        instructions=5,  # type: ignore[arg-type]
    ),
    "assistants.create metadata not dict": lambda pc, cl: pc.assistants.create(
        "ok",
        metadata=["a"],  # type: ignore[arg-type]
    ),
    "assistants.create metadata too big": lambda pc, cl: pc.assistants.create(
        "ok", metadata={"k": BIG}
    ),
    "assistants.create metadata not JSON": lambda pc, cl: pc.assistants.create(
        "ok", metadata={"k": object()}
    ),
    "assistants.update bad name": lambda pc, cl: pc.assistants.update("A", instructions="x"),
    "assistants.update instructions too big": lambda pc, cl: pc.assistants.update(
        "ok", instructions=BIG
    ),
    "assistants.update metadata too big": lambda pc, cl: pc.assistants.update(
        "ok", metadata={"k": BIG}
    ),
    "assistants.delete bad name": lambda pc, cl: pc.assistants.delete("."),
    "assistants.wait_until_ready bad name": lambda pc, cl: pc.assistants.wait_until_ready(".."),
    # -- files
    "files.upload missing path": lambda pc, cl: _data(pc).files.upload("/nonexistent/x.pdf"),
    "files.upload bytes without name": lambda pc, cl: _data(pc).files.upload(b"abc"),
    "files.upload nameless file object": lambda pc, cl: _data(pc).files.upload(_Nameless(b"x")),
    "files.upload not a source": lambda pc, cl: _data(pc).files.upload(42),
    "files.upload metadata too big": lambda pc, cl: _data(pc).files.upload(
        b"x", file_name="a.txt", metadata={"k": BIG}
    ),
    "files.upload metadata not dict": lambda pc, cl: _data(pc).files.upload(
        b"x",
        file_name="a.txt",
        metadata="k=v",
    ),
    "files.upsert bad file id": lambda pc, cl: _data(pc).files.upsert(
        "has space", b"x", file_name="a.txt"
    ),
    "files.upsert file id too long": lambda pc, cl: _data(pc).files.upsert(
        "f" * 129, b"x", file_name="a.txt"
    ),
    "files.upsert empty file id": lambda pc, cl: _data(pc).files.upsert(
        "", b"x", file_name="a.txt"
    ),
    "files.delete dot-dot": lambda pc, cl: _data(pc).files.delete(".."),
    "files.delete empty": lambda pc, cl: _data(pc).files.delete(""),
    "files.get dot": lambda pc, cl: _data(pc).files.get("."),
    "files.list page_size 0": lambda pc, cl: _data(pc).files.list(page_size=0),
    "files.list page_size 101": lambda pc, cl: _data(pc).files.list(page_size=101),
    "files.list filter not a mapping": lambda pc, cl: _data(pc).files.list(filter="genre=drama"),
    # -- operations
    "operations.list empty status": lambda pc, cl: _data(pc).operations.list(status=""),
    "operations.list empty type": lambda pc, cl: _data(pc).operations.list(operation_type=""),
    "operations.list page_size 0": lambda pc, cl: _data(pc).operations.list(page_size=0),
    "operations.list page_size 500": lambda pc, cl: _data(pc).operations.list(page_size=500),
    "operations.get empty id": lambda pc, cl: _data(pc).operations.get(""),
    "operations.get not a str": lambda pc, cl: _data(pc).operations.get(7),
    "operations.get dot-dot": lambda pc, cl: _data(pc).operations.get(".."),
    "operations.watch empty id": lambda pc, cl: _data(pc).operations.watch(""),
    "operations.wait dot": lambda pc, cl: _data(pc).operations.wait("."),
    "operations.wait_all one bad id": lambda pc, cl: _data(pc).operations.wait_all(["op1", ""]),
    # -- backup schedules
    "backup_schedules.history empty id": lambda pc, cl: pc.backup_schedules.history(""),
    "backup_schedules.history page_size 0": lambda pc, cl: pc.backup_schedules.history(
        "s1", page_size=0
    ),
    "backup_schedules.history page_size 101": lambda pc, cl: pc.backup_schedules.history(
        "s1", page_size=101
    ),
    # -- chainloop
    "chainloop.list empty status": lambda pc, cl: cl.operations.list(status=""),
    "chainloop.list empty kind": lambda pc, cl: cl.operations.list(kind=""),
    "chainloop.list resource not a pair": lambda pc, cl: cl.operations.list(
        resource=("only-type",)  # type: ignore[arg-type]
    ),
    "chainloop.list resource empty id": lambda pc, cl: cl.operations.list(resource=("t", "")),
    "chainloop.list page_size 0": lambda pc, cl: cl.operations.list(page_size=0),
    "chainloop.list page_size 101": lambda pc, cl: cl.operations.list(page_size=101),
    "chainloop.get empty id": lambda pc, cl: cl.operations.get(""),
    "chainloop.get dot-dot": lambda pc, cl: cl.operations.get(".."),
    "chainloop.watch empty id": lambda pc, cl: cl.operations.watch(""),
    "chainloop.wait dot": lambda pc, cl: cl.operations.wait("."),
}

# Values of the wrong type are a TypeError, as everywhere in Python; everything else is a
# ValueError.
TYPE_ERRORS = {"operations.get not a str"}


async def _drive(result: Any) -> None:
    """Run whatever a call returned to the end: await it, or iterate it."""
    if inspect.isawaitable(result):
        await result
    elif hasattr(result, "__aiter__"):
        async for _ in result:
            pass


@pytest.fixture
def sent() -> list[httpx.Request]:
    return []


@pytest.mark.anyio
@pytest.mark.parametrize("case", sorted(CASES))
async def test_bad_argument_is_refused_before_any_request(
    case: str, sent: list[httpx.Request]
) -> None:
    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    async with httpx.AsyncClient(transport=httpx.MockTransport(record)) as http:
        pc = Pinecone(KEY, control_url=URL, http_client=http)
        cl = Chainloop(TOKEN, base_url=URL, http_client=http)
        expected = TypeError if case in TYPE_ERRORS else ValueError
        with pytest.raises(expected):
            await _drive(CASES[case](pc, cl))
    assert sent == []


CONSTRUCTORS: dict[str, Callable[[], Any]] = {
    "Pinecone empty key": lambda: Pinecone(""),
    "Pinecone key with newline": lambda: Pinecone("abc\ndef"),
    "Pinecone relative url": lambda: Pinecone(KEY, control_url="api.pinecone.io"),
    "Pinecone ftp url": lambda: Pinecone(KEY, control_url="ftp://api.pinecone.io"),
    "Pinecone url with credentials": lambda: Pinecone(KEY, control_url="https://u:p@h.test"),
    "Pinecone url with query": lambda: Pinecone(KEY, control_url="https://h.test?x=1"),
    "Pinecone plain http remote": lambda: Pinecone(KEY, control_url="http://api.pinecone.io"),
    "Pinecone negative deadline": lambda: Pinecone(KEY, deadline=-1),
    "Chainloop empty token": lambda: Chainloop(""),
    "Chainloop plain http remote": lambda: Chainloop(TOKEN, base_url="http://10.1.2.3"),
    "Chainloop token with spaces": lambda: Chainloop(" padded "),
    "RetryPolicy zero attempts": lambda: RetryPolicy(max_attempts=0),
    "RetryPolicy negative delay": lambda: RetryPolicy(initial_delay=-1),
    "RetryPolicy multiplier below 1": lambda: RetryPolicy(multiplier=0.5),
    "RetryPolicy zero retry-after cap": lambda: RetryPolicy(retry_after_cap=0),
    "PollPolicy zero interval": lambda: PollPolicy(initial_interval=0),
    "PollPolicy negative timeout": lambda: PollPolicy(timeout=-5),
    "PollPolicy zero max interval": lambda: PollPolicy(max_interval=0),
}


@pytest.mark.parametrize("case", sorted(CONSTRUCTORS))
def test_bad_configuration_is_refused(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PINECONE_API_KEY", raising=False)
    monkeypatch.delenv("CHAINLOOP_TOKEN", raising=False)
    with pytest.raises(ValueError, match=r".") as caught:
        CONSTRUCTORS[case]()
    # A refused credential is never quoted back.
    assert KEY not in str(caught.value)
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize("factory", [Pinecone, Chainloop])
def test_missing_credential_is_refused(
    factory: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PINECONE_API_KEY", raising=False)
    monkeypatch.delenv("CHAINLOOP_TOKEN", raising=False)
    with pytest.raises(ValueError, match="required"):
        factory()


@pytest.mark.anyio
async def test_unknown_pinecone_filter_values_are_refused_unsent(sent: list[httpx.Request]) -> None:
    """The service answers 400 to an operation filter value it does not know (it checks
    them case-sensitively, and its 400 does not say which are accepted)."""

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"operations": [], "pagination": None})

    async with httpx.AsyncClient(transport=httpx.MockTransport(record)) as http:
        pc = Pinecone(KEY, control_url=URL, http_client=http)
        with pytest.raises(ValueError, match="Processing, Completed, Failed"):
            pc.assistant("good-name", host=HOST).operations.list(status="Paused")
    assert sent == []


# A keyword no method takes, passed through **options to the core.
_BOGUS: dict[str, Any] = {"colour": "red"}

UNKNOWN_KEYWORDS: dict[str, tuple[Call, str]] = {
    "assistants.list": (lambda pc, cl: pc.assistants.list(**_BOGUS), "Assistants.list"),
    "assistants.get": (lambda pc, cl: pc.assistants.get("docs", **_BOGUS), "Assistants.get"),
    "assistants.create": (
        lambda pc, cl: pc.assistants.create("docs", **_BOGUS),
        "Assistants.create",
    ),
    "assistants.update": (
        lambda pc, cl: pc.assistants.update("docs", instructions="x", **_BOGUS),
        "Assistants.update",
    ),
    "assistants.delete": (
        lambda pc, cl: pc.assistants.delete("docs", **_BOGUS),
        "Assistants.delete",
    ),
    "assistants.wait_until_ready": (
        lambda pc, cl: pc.assistants.wait_until_ready("docs", **_BOGUS),
        "Assistants.wait_until_ready",
    ),
    "files.get": (lambda pc, cl: _data(pc).files.get("f1", **_BOGUS), "Files.get"),
    "files.get, host looked up": (
        lambda pc, cl: pc.assistant("docs").files.get("f1", **_BOGUS),
        "Files.get",
    ),
    "files.list": (lambda pc, cl: _data(pc).files.list(**_BOGUS), "Files.list"),
    "files.upload": (
        lambda pc, cl: _data(pc).files.upload(b"x", file_name="a.txt", **_BOGUS),
        "Files.upload",
    ),
    "files.upsert": (
        lambda pc, cl: _data(pc).files.upsert("f1", b"x", file_name="a.txt", **_BOGUS),
        "Files.upsert",
    ),
    "files.delete": (lambda pc, cl: _data(pc).files.delete("f1", **_BOGUS), "Files.delete"),
    "operations.get": (
        lambda pc, cl: _data(pc).operations.get("op1", **_BOGUS),
        "Operations.get",
    ),
    "operations.list": (lambda pc, cl: _data(pc).operations.list(**_BOGUS), "Operations.list"),
    "backup_schedules.history": (
        lambda pc, cl: pc.backup_schedules.history("s1", **_BOGUS),
        "BackupSchedules.history",
    ),
    "chainloop.get": (lambda pc, cl: cl.operations.get("op1", **_BOGUS), "Operations.get"),
    "chainloop.list": (lambda pc, cl: cl.operations.list(**_BOGUS), "Operations.list"),
}


@pytest.mark.anyio
@pytest.mark.parametrize("case", sorted(UNKNOWN_KEYWORDS))
async def test_an_unknown_keyword_names_the_method_called_and_sends_nothing(
    case: str, sent: list[httpx.Request]
) -> None:
    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    call, method = UNKNOWN_KEYWORDS[case]
    async with httpx.AsyncClient(transport=httpx.MockTransport(record)) as http:
        pc = Pinecone(KEY, control_url=URL, http_client=http)
        cl = Chainloop(TOKEN, base_url=URL, http_client=http)
        with pytest.raises(TypeError) as caught:
            await _drive(call(pc, cl))
    assert str(caught.value) == f"{method}() got an unexpected keyword argument 'colour'"
    assert sent == []


class Widgets:
    """Another SDK's resource: its methods pass **options to the core."""

    def __init__(self, client: AsyncApiClient) -> None:
        self._client = client

    async def get(self, widget_id: str, **options: Any) -> httpx.Response:
        return await self._client.request("GET", f"/widgets/{widget_id}", **options)


@pytest.mark.anyio
async def test_an_unknown_keyword_names_a_foreign_facades_method() -> None:
    async with AsyncApiClient(base_url=URL) as client:
        with pytest.raises(TypeError, match=r"^Widgets\.get\(\) got an unexpected keyword"):
            await Widgets(client).get("w1", colour="red")
        with pytest.raises(TypeError, match=r"^AsyncApiClient\.request\(\) got an unexpected"):
            await client.request("GET", "/w", **_BOGUS)
