"""Logging: one line per request and per retry, no credential anywhere in it."""

from __future__ import annotations

import logging
import subprocess
import sys

import anyio
import httpx
import pytest

from awaitops import ApiKeyAuth, BearerAuth
from awaitops.core._logging import loggable_path

from ._support import SECRET, Script, error_body, mock_api

pytestmark = pytest.mark.anyio


QUERY_TOKEN = "qtok_0123456789abcdef"


def everything_logged(caplog: pytest.LogCaptureFixture, name: str = "") -> str:
    parts = []
    for record in caplog.records:
        if record.name.startswith(name):
            parts.append(record.getMessage())
            parts.append(repr(vars(record)))
    return "\n".join(parts)


@pytest.mark.parametrize(
    "auth", [ApiKeyAuth(SECRET, header="Api-Key"), BearerAuth(SECRET)], ids=repr
)
async def test_debug_logs_never_contain_the_credential(
    caplog: pytest.LogCaptureFixture, auth: ApiKeyAuth | BearerAuth
) -> None:
    caplog.set_level(logging.DEBUG)  # root too: httpx/httpcore lines are captured as well
    body = error_body("UNAUTHENTICATED", f"bad key {SECRET}", 401)
    script = Script(
        httpx.Response(503),
        httpx.ConnectError("refused"),
        httpx.Response(200, json={}),
        httpx.Response(401, json=body),
    )
    with anyio.fail_after(5):
        async with mock_api(script, auth=auth) as client:
            await client.request("GET", "/files/docs", params={"api_key": QUERY_TOKEN})
            with pytest.raises(Exception, match="bad key"):
                await client.request("POST", "/x", params={"token": QUERY_TOKEN})
    logged = everything_logged(caplog)
    assert "/files/docs" in logged
    assert SECRET not in logged
    # httpx logs full URLs itself; our own lines redact credential-like query values.
    ours = everything_logged(caplog, "awaitops")
    assert "api_key=[redacted]" in ours
    assert QUERY_TOKEN not in ours


async def test_one_line_per_request_and_per_retry(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="awaitops")
    script = Script(httpx.Response(503), httpx.Response(200, json={}))
    with anyio.fail_after(5):
        async with mock_api(script) as client:
            await client.request("GET", "/ops/a", params={"pagination_token": "abc", "limit": 2})
    records = [r for r in caplog.records if r.name == "awaitops"]
    messages = [r.getMessage() for r in records]
    assert len(messages) == 3
    assert messages[0].startswith("HTTP GET /ops/a?pagination_token=[redacted]&limit=2 -> 503")
    assert messages[1].startswith("retrying GET /ops/a?")
    assert messages[2].endswith("-> 200 (attempt 1)")
    first, retry = vars(records[0]), vars(records[1])
    assert (first["http_method"], first["http_status"], first["attempt"]) == ("GET", 503, 0)
    assert (retry["attempt"], retry["delay"] >= 0) == (1, True)


async def test_no_log_records_when_debug_is_off(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="awaitops")
    async with mock_api(Script()) as client:
        await client.request("GET", "/a")
    assert [r for r in caplog.records if r.name == "awaitops"] == []


def test_loggable_path_redacts_credential_like_query_values() -> None:
    url = httpx.URL("https://h/p?api_key=k1&accessToken=t&q=x&X-Signature=s&password=p")
    path = loggable_path(url)
    assert path.startswith("/p?")
    for secret in ("k1", "=t", "=s", "=p"):
        assert secret not in path
    assert "q=x" in path
    assert loggable_path(httpx.URL("https://h/a/b")) == "/a/b"


def test_nothing_reaches_stderr_unless_the_application_configures_logging() -> None:
    # The logging HOWTO for libraries: a NullHandler on the library's logger, so that
    # Python's last-resort handler does not print our warnings on an unconfigured app.
    probe = (
        "import logging, awaitops\n"
        "logging.getLogger('awaitops.core').warning('a warning of ours')\n"
        "logging.basicConfig(format='%(levelname)s %(name)s %(message)s')\n"
        "logging.getLogger('awaitops.core').warning('now configured')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stderr == "WARNING awaitops.core now configured\n", done.stderr
