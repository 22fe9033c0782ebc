"""Vendor facts are stated once, in the vendor package; the core assumes none of them.

Each API's paging and operation facts live in one light module (``_facts``) next to its
client; list methods and operations resources are built from them by the core; the CLI
reads its constants from there without loading any generated package.
"""

from __future__ import annotations

import ast
import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

import awaitops.chainloop._facts as chainloop_facts
import awaitops.pinecone._facts as pinecone_facts
from awaitops import (
    ApiKeyAuth,
    AsyncPager,
    Listing,
    OperationsResource,
    PageNumberPagination,
    TokenPagination,
    error_from_response,
)
from awaitops.chainloop import Chainloop
from awaitops.errors import NotFoundError
from awaitops.pinecone import Pinecone

GENERATED = ("chainloop_platform", "pinecone_assistant", "pinecone_backup", "awaitops_generated")


def test_the_core_pages_by_no_vendor_names() -> None:
    # Every name is the API's own: a strategy without them is refused, not defaulted.
    with pytest.raises(TypeError):
        TokenPagination()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        PageNumberPagination()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ApiKeyAuth("key")  # type: ignore[call-arg]  # which header is the API's to say


def test_the_core_reads_a_vendor_request_id_only_when_told() -> None:
    response = httpx.Response(404, headers={pinecone_facts.REQUEST_ID_HEADER: "req-1"})
    assert error_from_response(response).request_id is None
    assert error_from_response(response, pinecone_facts.REQUEST_ID_HEADER).request_id == "req-1"
    generic = httpx.Response(404, headers={"x-request-id": "req-2"})
    assert error_from_response(generic, pinecone_facts.REQUEST_ID_HEADER).request_id == "req-2"


@pytest.mark.anyio
async def test_pinecone_errors_carry_its_request_id() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, headers={"x-pinecone-request-id": "pc-7"}, json={})

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http,
        Pinecone(api_key="k", control_url="https://api.example.test", http_client=http) as pc,
    ):
        with pytest.raises(NotFoundError) as caught:
            await pc.assistants.get("docs")
    assert caught.value.request_id == "pc-7"


@pytest.mark.anyio
async def test_list_methods_page_as_their_api_declares() -> None:
    async with (
        Pinecone(api_key="k", control_url="https://api.example.test") as pc,
        Chainloop("t", base_url="https://api.example.test") as cl,
    ):
        docs = pc.assistant("docs", host="https://data.example.test")
        declared: dict[Listing, AsyncPager[Any]] = {
            pinecone_facts.ASSISTANTS: pc.assistants.list(),
            pinecone_facts.FILES: docs.files.list(),
            pinecone_facts.OPERATIONS: docs.operations.list(),
            pinecone_facts.BACKUP_HISTORY: pc.backup_schedules.history("s"),
            chainloop_facts.OPERATIONS: cl.operations.list(),
        }
        for listing, pager in declared.items():
            assert pager._strategy is listing.strategy
        # The largest page is a declared fact too, checked before any request.
        with pytest.raises(ValueError, match="page_size"):
            cl.operations.list(page_size=chainloop_facts.OPERATIONS.max_page_size + 1)


@pytest.mark.anyio
async def test_operations_resources_state_get_and_list_only() -> None:
    async with (
        Pinecone(api_key="k", control_url="https://api.example.test") as pc,
        Chainloop("t", base_url="https://api.example.test") as cl,
    ):
        resources: list[OperationsResource[Any]] = [
            pc.assistant("docs", host="https://data.example.test").operations,
            cl.operations,
        ]
    for resource in resources:
        assert isinstance(resource, OperationsResource)
        own = set(vars(type(resource)))
        # Waiting is the core's: the vendor states how to get and list, nothing more.
        assert not own & {"watch", "wait", "wait_all", "_is_terminal", "_is_failed"}
        assert {"get", "list"} <= own
    assert resources[0].rules.progress is not None  # Pinecone reports percent_complete


def test_the_cli_reads_the_facades_constants_without_their_generated_code() -> None:
    from awaitops.cli import _chainloop, _pinecone

    for cli, facts in ((_pinecone, pinecone_facts), (_chainloop, chainloop_facts)):
        stated = {value for value in vars(facts).values() if isinstance(value, str)}
        source = ast.parse(Path(inspect.getfile(cli)).read_text(encoding="utf-8"))
        literals = {
            node.value
            for node in ast.walk(source)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert not literals & stated, f"{cli.__name__} copies facts of {facts.__name__}"
    probe = "import sys, json, awaitops.cli._pinecone, awaitops.cli._chainloop; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    )
    assert "awaitops.pinecone._facts" in loaded
    assert "awaitops.chainloop._facts" in loaded
    assert not [name for name in loaded if name.startswith(GENERATED)]
