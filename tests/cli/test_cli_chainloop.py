"""``awaitops chainloop operations ...`` against the emulator, through ``main``."""

from __future__ import annotations

import pytest

from awaitops.emulator import Emulator

from ._cli_support import ANSI, TOKEN, Result, run

Capsys = pytest.CaptureFixture[str]


@pytest.fixture(autouse=True)
def _credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINLOOP_TOKEN", TOKEN)


def chainloop(capsys: Capsys, url: str, *argv: str) -> Result:
    return run(capsys, "chainloop", "operations", *argv, "--base-url", url)


def test_list_filters_and_pages(capsys: Capsys, awaitops_emulator_url: str) -> None:
    url = awaitops_emulator_url
    everything = chainloop(capsys, url, "list", "--page-size", "7", "--json")
    assert everything.status == 0
    ids = [r["id"] for r in everything.records()]
    assert len(ids) == 40 == len(set(ids))

    limited = chainloop(capsys, url, "list", "--page-size", "3", "--limit", "5", "--json")
    assert [r["id"] for r in limited.records()] == ids[:5]

    # Lower-case short status names are accepted.
    completed = chainloop(capsys, url, "list", "--status", "completed", "--json")
    assert completed.records()
    assert {r["status"] for r in completed.records()} == {"ASYNC_OPERATION_STATUS_COMPLETED"}

    plain = chainloop(capsys, url, "list", "--limit", "3")
    assert plain.out.splitlines()[0].split() == ["id", "kind", "status", "resource", "error"]
    assert len(plain.out.splitlines()) == 4
    assert not ANSI.search(plain.out)


def test_get_and_watch(
    capsys: Capsys, awaitops_emulator_url: str, awaitops_emulator: Emulator
) -> None:
    url = awaitops_emulator_url
    good = awaitops_emulator.add_chainloop_operation(fail=False, resource=("workflow_run", "w1"))
    bad = awaitops_emulator.add_chainloop_operation(fail=True)

    got = chainloop(capsys, url, "get", good, "--json")
    assert got.status == 0
    [record] = got.records()
    assert (record["id"], record["resource_id"]) == (good, "w1")

    ok = chainloop(capsys, url, "watch", good, "--timeout", "20", "--json")
    assert ok.status == 0
    assert ok.records()[-1]["status"] == "ASYNC_OPERATION_STATUS_COMPLETED"

    both = chainloop(capsys, url, "watch", good, bad, "--timeout", "20")
    assert both.status == 1
    last = {line.split()[0]: line for line in both.out.splitlines()}
    assert "COMPLETED" in last[good]
    assert "FAILED" in last[bad]
    assert not ANSI.search(both.out)


def test_errors(
    capsys: Capsys, awaitops_emulator_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = awaitops_emulator_url
    missing = chainloop(capsys, url, "get", "00000000-0000-4000-8000-000000000000")
    assert missing.status == 1
    assert missing.err.startswith("awaitops: error: HTTP 404")
    malformed = chainloop(capsys, url, "get", "not-a-uuid")
    assert malformed.status == 2
    assert malformed.err.startswith("awaitops: error: HTTP 400")

    assert chainloop(capsys, url, "list", "--status", "sleeping").status == 2
    assert chainloop(capsys, url, "watch").status == 2

    monkeypatch.setenv("CHAINLOOP_TOKEN", "wrong")
    refused = chainloop(capsys, url, "list")
    assert refused.status == 2
    assert "wrong" not in refused.err
