"""Every answer of a scripted tour of all endpoints validates against our ``specs/``."""

from __future__ import annotations

import functools
import json
from typing import Any

import httpx
import openapi_schema_validator
import pytest
from _specs import served, spec_of
from openapi_core import OpenAPI
from openapi_core.templating.paths.exceptions import OperationNotFound
from openapi_core.templating.responses.exceptions import ResponseNotFound
from openapi_core.testing import MockRequest, MockResponse

from awaitops.emulator import Emulator

from ._support import BACKUPS, CHAINLOOP, PINECONE, make

pytestmark = pytest.mark.anyio

# The generated package of each API (its spec is found in specs/), the host to validate
# against (the spec is served at host + its BASE_PATH), and the schema of its error bodies.
_APIS = {
    "control": ("pinecone_assistant_control", "https://api.pinecone.io"),
    "data": ("pinecone_assistant_data", "https://prod-1-data.ke.pinecone.io"),
    "backups": ("pinecone_backup_schedules", "https://api.pinecone.io"),
    "chainloop": ("chainloop_platform", "https://api.app.chainloop.dev"),
}
_ERROR_SCHEMA = {"chainloop": "RpcStatus"}
_HTTP_METHODS = {"get", "put", "post", "delete", "patch"}

# Answers our specs do not list for that operation (their bodies are still checked against
# the spec's error schema). Statuses any endpoint can give: a bad version header (400), a
# rate limit (429), an unavailable service (503); plus 400 for an out-of-range `limit` and
# a bad page token on listings, and the emulator's 405 for a method no spec defines.
_UNDOCUMENTED = {
    ("control", "GET /assistant/assistants", 400),
    ("control", "GET /assistant/assistants", 429),
    ("control", "GET /assistant/assistants", 503),
    ("control", "PUT /assistant/assistants", 405),
    ("data", "GET /assistant/operations/{assistant_name}", 400),
    ("data", "GET /assistant/files/{assistant_name}", 400),
    ("data", "GET /assistant/operations/{assistant_name}/{operation_id}", 503),
}


@functools.cache
def _spec(api: str) -> dict[str, Any]:
    return served(*_APIS[api])


def _prefix(api: str) -> str:
    return spec_of(_APIS[api][0]).base_path


@functools.cache
def _openapi(api: str) -> OpenAPI:
    return OpenAPI.from_dict(_spec(api))


def _family(path: str) -> str:
    if path.startswith("/v1/"):
        return "chainloop"
    if path.startswith("/backup-schedules/"):
        return "backups"
    return "control" if path.startswith("/assistant/assistants") else "data"


def _template(api: str, method: str, path: str) -> str:
    """The spec's path template for a concrete path, for the undocumented-answer report."""
    prefix = _prefix(api)
    parts = path[len(prefix) :].strip("/").split("/")
    for template in _spec(api)["paths"]:
        pieces = template.strip("/").split("/")
        if len(pieces) == len(parts) and all(
            p.startswith("{") or p == q for p, q in zip(pieces, parts, strict=True)
        ):
            return f"{method} {prefix}{template}"
    return f"{method} {path}"


def _check(response: httpx.Response, undocumented: set[tuple[str, str, int]]) -> None:
    request = response.request
    api = _family(request.url.path)
    content_type = response.headers.get("content-type")
    try:
        request_body: bytes | None = request.content
    except httpx.RequestNotRead:  # streamed multipart; only the answer is validated
        request_body = None
    mock_request = MockRequest(
        _APIS[api][1],
        request.method.lower(),
        request.url.path,
        args=dict(request.url.params),
        headers=dict(request.headers),
        data=request_body,
        content_type=request.headers.get("content-type", "application/json"),
    )
    mock_response = MockResponse(
        response.content,
        status_code=response.status_code,
        headers=dict(response.headers),
        content_type=content_type or "",
    )
    try:
        _openapi(api).validate_response(mock_request, mock_response)
    except (ResponseNotFound, OperationNotFound):
        undocumented.add(
            (api, _template(api, request.method, request.url.path), response.status_code)
        )
        schema = dict(_spec(api))
        schema["$ref"] = f"#/components/schemas/{_ERROR_SCHEMA.get(api, 'ErrorResponse')}"
        openapi_schema_validator.validate(
            response.json(), schema, cls=openapi_schema_validator.OAS30Validator
        )


async def _tour(emu: Emulator, clock: Any) -> list[httpx.Response]:
    answers: list[httpx.Response] = []
    async with emu.client(headers=PINECONE) as client:

        async def call(method: str, path: str, status: int, **kwargs: Any) -> httpx.Response:
            response = await client.request(method, path, **kwargs)
            assert response.status_code == status, (method, path, response.text)
            answers.append(response)
            return response

        no_key = {"Api-Key": "wrong"}
        # Control plane.
        await call("GET", "/assistant/assistants", 200)
        await call("GET", "/assistant/assistants", 401, headers=no_key)
        await call("GET", "/assistant/assistants", 400, headers={"X-Pinecone-Api-Version": "1"})
        await call("GET", "/assistant/assistants", 400, params={"limit": 0})
        await call("PUT", "/assistant/assistants", 405)
        meta = {"team": "docs"}
        body = {"name": "docs", "instructions": "be brief", "metadata": meta, "region": "eu"}
        await call("POST", "/assistant/assistants", 200, json=body)
        await call("POST", "/assistant/assistants", 200, json={"name": "bare"})
        await call("POST", "/assistant/assistants", 429, json={"name": "docs"})
        await call("POST", "/assistant/assistants", 400, json={"name": "Bad Name"})
        await call("POST", "/assistant/assistants", 401, json={"name": "x"}, headers=no_key)
        await call("GET", "/assistant/assistants/docs", 200)
        await call("GET", "/assistant/assistants/nope", 404)
        await call("GET", "/assistant/assistants/docs", 401, headers=no_key)
        await call("PATCH", "/assistant/assistants/docs", 200, json={"instructions": "new"})
        await call("PATCH", "/assistant/assistants/docs", 200, json={"metadata": None})
        await call("PATCH", "/assistant/assistants/docs", 400, json={"metadata": [1]})
        await call("PATCH", "/assistant/assistants/docs", 400, json={})
        await call("PATCH", "/assistant/assistants/nope", 404, json={})
        await call("PATCH", "/assistant/assistants/docs", 401, json={}, headers=no_key)
        page = await call("GET", "/assistant/assistants", 200, params={"limit": 1})
        token = page.json()["pagination"]["next"]
        await call("GET", "/assistant/assistants", 200, params={"pagination_token": token})
        await call("DELETE", "/assistant/assistants/bare", 200)
        await call("DELETE", "/assistant/assistants/nope", 404)
        await call("DELETE", "/assistant/assistants/bare", 401, headers=no_key)
        await call("GET", "/assistant/assistants/bare", 200)  # Terminating
        clock.advance(10)

        # Data plane: files.
        upload = {"file": ("report.pdf", b"%PDF " * 100)}
        metadata = {"metadata": json.dumps({"team": "ops", "year": 2026})}
        await call("POST", "/assistant/files/docs", 202, files=upload, data=metadata)
        await call("POST", "/assistant/files/docs", 202, files={"file": ("x.pdf", b"x")})
        await call("POST", "/assistant/files/docs", 400, files={"file": ("x.png", b"x")})
        await call(
            "POST", "/assistant/files/docs", 202, files=upload, params={"multimodal": "true"}
        )
        await call("POST", "/assistant/files/docs", 400, data={"metadata": "{}"})
        await call("POST", "/assistant/files/nope", 404, files=upload)
        await call("POST", "/assistant/files/docs", 401, files=upload, headers=no_key)
        await call("PUT", "/assistant/files/docs/report-1", 202, files=upload)
        await call("PUT", "/assistant/files/docs/bad%20id", 400, files=upload)
        await call("PUT", "/assistant/files/nope/report-1", 404, files=upload)
        await call("PUT", "/assistant/files/docs/report-1", 401, files=upload, headers=no_key)
        await call("GET", "/assistant/files/docs", 200)
        await call("GET", "/assistant/files/docs/report-1", 200)  # Processing
        await call("GET", "/assistant/files/docs", 200, params={"filter": '{"team": "ops"}'})
        await call("GET", "/assistant/files/docs", 400, params={"filter": "{"})
        await call("GET", "/assistant/files/nope", 404)
        await call("GET", "/assistant/files/docs", 401, headers=no_key)
        operations = await call("GET", "/assistant/operations/docs", 200, params={"limit": 2})
        token = operations.json()["pagination"]["next"]
        await call("GET", "/assistant/operations/docs", 200, params={"pagination_token": token})
        await call("GET", "/assistant/operations/docs", 200, params={"status": "Processing"})
        await call("GET", "/assistant/operations/docs", 400, params={"limit": 101})
        await call("GET", "/assistant/operations/docs", 400, params={"status": "completed"})
        await call("GET", "/assistant/operations/nope", 404)
        await call("GET", "/assistant/operations/docs", 401, headers=no_key)
        op_id = operations.json()["operations"][0]["id"]
        await call("GET", f"/assistant/operations/docs/{op_id}", 200)  # Processing
        clock.advance(20)
        await call("GET", f"/assistant/operations/docs/{op_id}", 200)  # Completed
        all_ops = await call("GET", "/assistant/operations/docs", 200)  # Completed + Failed
        assert {o["status"] for o in all_ops.json()["operations"]} == {"Completed", "Failed"}
        await call("GET", "/assistant/operations/docs/op-nope", 404)
        await call("GET", f"/assistant/operations/docs/{op_id}", 401, headers=no_key)
        files = (await call("GET", "/assistant/files/docs", 200)).json()["files"]
        failed = next(f["id"] for f in files if f["status"] == "ProcessingFailed")
        await call("GET", f"/assistant/files/docs/{failed}", 200)
        await call("DELETE", f"/assistant/files/docs/{failed}", 204)
        await call("DELETE", "/assistant/files/docs/report-1", 202)
        await call("GET", "/assistant/files/docs/report-1", 200)  # Deleting
        await call("DELETE", "/assistant/files/docs/missing", 404)
        await call("DELETE", "/assistant/files/docs/report-1", 401, headers=no_key)
        clock.advance(20)
        await call("GET", "/assistant/files/docs/report-1", 404)
        await call("GET", "/assistant/files/docs/report-1", 401, headers=no_key)

        # Backup schedules.
        history = "/backup-schedules/sched-demo/history"
        first = await call("GET", history, 200, headers=BACKUPS, params={"limit": 100})
        token = first.json()["pagination"]["next"]
        params = {"limit": 100, "paginationToken": token}
        await call("GET", history, 200, headers=BACKUPS, params=params)
        params["paginationToken"] = (
            await client.get(history, headers=BACKUPS, params=params)
        ).json()["pagination"]["next"]
        last = await call("GET", history, 200, headers=BACKUPS, params=params)
        assert last.json()["pagination"] is None
        await call("GET", history, 400, headers=BACKUPS, params={"limit": 0})
        await call("GET", history, 400, headers=PINECONE)
        await call("GET", history, 401, headers={**BACKUPS, "Api-Key": "wrong"})
        await call("GET", "/backup-schedules/other/history", 404, headers=BACKUPS)

        # Chainloop.
        op = emu.add_chainloop_operation(pending_seconds=1, running_seconds=1, fail=True)
        await call("GET", f"/v1/operations/{op}", 200, headers=CHAINLOOP)  # PENDING
        clock.advance(1.5)
        await call("GET", f"/v1/operations/{op}", 200, headers=CHAINLOOP)  # RUNNING
        clock.advance(1.0)
        await call("GET", f"/v1/operations/{op}", 200, headers=CHAINLOOP)  # FAILED
        await call("GET", "/v1/operations", 200, headers=CHAINLOOP)
        chainloop_filters = {
            "pagination.page": 2,
            "pagination.page_size": 5,
            "status": "ASYNC_OPERATION_STATUS_COMPLETED",
            "kind": "evidence_evaluation",
        }
        await call("GET", "/v1/operations", 200, headers=CHAINLOOP, params=chainloop_filters)
        await call("GET", "/v1/operations", 400, headers=CHAINLOOP, params={"resource_id": "r"})
        await call("GET", "/v1/operations", 401)
        await call("GET", "/v1/operations/not-a-uuid", 400, headers=CHAINLOOP)
        missing = "/v1/operations/00000000-0000-4000-8000-000000000000"
        await call("GET", missing, 404, headers=CHAINLOOP)

        # Faults.
        emu.faults.next("GET", "/assistant/operations/docs/*", 503)
        await call("GET", f"/assistant/operations/docs/{op_id}", 503)
        emu.faults.next("GET", "/v1/operations", 500)
        await call("GET", "/v1/operations", 500, headers=CHAINLOOP)
        emu.faults.rate_limit = 1
        await call("GET", "/assistant/assistants", 200)
        await call("GET", "/assistant/assistants", 429)
        await call("GET", history, 429, headers=BACKUPS)
        emu.faults.fault_rate = 1.0
        emu.faults.rate_limit = None
        for _ in range(4):
            answers.append(await client.get("/assistant/assistants"))
    return answers


async def test_every_answer_of_the_tour_matches_the_specs() -> None:
    emu, clock = make(op_seconds=(5.0, 10.0), chainloop_operations=30, backup_history_size=250)
    answers = await _tour(emu, clock)
    undocumented: set[tuple[str, str, int]] = set()
    for response in answers:
        _check(response, undocumented)
    assert undocumented <= _UNDOCUMENTED, undocumented - _UNDOCUMENTED
    covered = {
        (
            r.request.method,
            _template(_family(r.request.url.path), r.request.method, r.request.url.path),
        )
        for r in answers
    }
    # Every operation of every spec was visited.
    for api in _APIS:
        prefix = _prefix(api)
        for path, methods in _spec(api)["paths"].items():
            for method in methods.keys() & _HTTP_METHODS:
                key = (method.upper(), f"{method.upper()} {prefix}{path}")
                assert key in covered, key


async def test_the_validator_catches_a_bad_answer() -> None:
    emu, _ = make()
    async with emu.client(headers=PINECONE) as client:
        good = await client.get("/assistant/assistants")
    broken = httpx.Response(200, json={"assistants": [{"name": 5}]}, request=good.request)
    with pytest.raises(Exception, match="not valid"):
        _check(broken, set())
