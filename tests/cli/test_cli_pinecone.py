"""``awaitops pinecone ...`` against the emulator on a loopback socket, through ``main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from awaitops.emulator import Emulator

from ._cli_support import ANSI, KEY, TOKEN, Result, run

Capsys = pytest.CaptureFixture[str]


@pytest.fixture(autouse=True)
def _credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINECONE_API_KEY", KEY)
    monkeypatch.setenv("CHAINLOOP_TOKEN", TOKEN)


@pytest.fixture
def url(awaitops_emulator_url: str) -> str:
    return awaitops_emulator_url


def pinecone(capsys: Capsys, url: str, *argv: str) -> Result:
    return run(capsys, "pinecone", *argv, "--control-url", url)


@pytest.fixture
def samples(tmp_path: Path) -> list[Path]:
    good = tmp_path / "notes.txt"
    good.write_text("some notes\n")
    bad = tmp_path / "scan.pdf"  # a PNG under a PDF's name: processing fails
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    return [good, bad]


def test_assistant_lifecycle_as_json(capsys: Capsys, url: str) -> None:
    created = pinecone(
        capsys, url, "assistants", "create", "docs", "--metadata", '{"team": "a"}', "--wait",
        "--timeout", "20", "--json",
    )  # fmt: skip
    assert created.status == 0, created.err
    [assistant] = created.records()
    assert (assistant["name"], assistant["status"]) == ("docs", "Ready")
    assert assistant["metadata"] == {"team": "a"}

    got = pinecone(capsys, url, "assistants", "get", "docs", "--json")
    assert got.status == 0
    assert got.records()[0]["host"] == url

    listed = pinecone(capsys, url, "assistants", "list", "--page-size", "1", "--json")
    assert [a["name"] for a in listed.records()] == ["docs"]

    deleted = pinecone(capsys, url, "assistants", "delete", "docs", "--wait", "--timeout", "20")
    assert deleted.status == 0
    assert "docs" in deleted.out

    gone = pinecone(capsys, url, "assistants", "get", "docs")
    assert gone.status == 1
    assert gone.err.startswith("awaitops: error: HTTP 404")
    assert gone.err.count("\n") == 1
    assert "Traceback" not in gone.err


def test_plain_output_is_a_table_without_control_codes(
    capsys: Capsys, url: str, awaitops_emulator: Emulator
) -> None:
    awaitops_emulator.add_assistant("docs")
    result = pinecone(capsys, url, "assistants", "list")
    assert result.status == 0
    header, row = result.out.splitlines()
    assert header.split() == ["name", "status", "region", "host"]
    assert row.split() == ["docs", "Ready", "us", url]
    assert not ANSI.search(result.out + result.err)


def test_upload_wait_reports_each_outcome_and_fails_if_one_failed(
    capsys: Capsys, url: str, awaitops_emulator: Emulator, samples: list[Path]
) -> None:
    awaitops_emulator.add_assistant("docs")
    paths = [str(p) for p in samples]
    result = pinecone(
        capsys, url, "files", "upload", "docs", *paths, "--wait", "--timeout", "20", "--json"
    )
    assert result.status == 1
    final = {r["id"]: r for r in result.records()}
    outcomes = sorted((r["status"], r.get("error_message")) for r in final.values())
    assert outcomes == [
        ("Completed", None),
        ("Failed", "File processing failed: the file could not be read as PDF."),
    ]

    plain = pinecone(capsys, url, "files", "upload", "docs", paths[0], "--wait", "--timeout", "20")
    assert plain.status == 0
    assert plain.out.splitlines()[-1].split()[-1] == "Completed"
    assert not ANSI.search(plain.out)


def test_operations_list_get_and_watch(
    capsys: Capsys, url: str, awaitops_emulator: Emulator, samples: list[Path]
) -> None:
    awaitops_emulator.add_assistant("docs")
    started = pinecone(capsys, url, "files", "upload", "docs", *map(str, samples), "--json")
    assert started.status == 0
    ids = [r["id"] for r in started.records()]
    assert [r["status"] for r in started.records()] == ["Processing", "Processing"]

    # Several ids: the batched wait; each is reported once it ends.
    watched = pinecone(
        capsys, url, "operations", "watch", "docs", *ids, "--timeout", "20", "--json"
    )
    assert watched.status == 1  # the SVG failed
    assert {r["id"] for r in watched.records()} == set(ids)
    assert {r["status"] for r in watched.records()} == {"Completed", "Failed"}

    good = pinecone(capsys, url, "operations", "watch", "docs", ids[0], "--timeout", "20")
    assert good.status == 0
    assert "Completed" in good.out.splitlines()[-1]

    listed = pinecone(capsys, url, "operations", "list", "docs", "--page-size", "1", "--json")
    assert sorted(r["id"] for r in listed.records()) == sorted(ids)
    failed = pinecone(capsys, url, "operations", "list", "docs", "--status", "Failed", "--json")
    assert [r["id"] for r in failed.records()] == [ids[1]]

    got = pinecone(capsys, url, "operations", "get", "docs", *ids, "--json")
    assert [r["id"] for r in got.records()] == ids
    assert got.records()[0]["percent_complete"] == 100


def test_backup_history_pages(capsys: Capsys, url: str) -> None:
    result = pinecone(
        capsys, url, "backups", "history", "sched-demo", "--page-size", "3", "--limit", "7",
        "--json",
    )  # fmt: skip
    assert result.status == 0
    records = result.records()
    assert len(records) == 7
    assert len({r["backup_id"] for r in records}) == 7

    missing = pinecone(capsys, url, "backups", "history", "sched-nope")
    assert (missing.status, missing.out) == (1, "")


def test_usage_and_credential_errors_exit_2(
    capsys: Capsys, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pinecone(capsys, url, "assistants", "frobnicate").status == 2
    assert run(capsys, "pinecone").status == 2  # a group alone prints its help
    assert pinecone(capsys, url, "assistants", "list", "--page-size", "0").status == 2
    assert pinecone(capsys, url, "assistants", "get", "Not A Name!").status == 2

    monkeypatch.setenv("PINECONE_API_KEY", "wrong")
    refused = pinecone(capsys, url, "assistants", "list")
    assert refused.status == 2
    assert "401" in refused.err
    assert "wrong" not in refused.err

    monkeypatch.delenv("PINECONE_API_KEY")
    missing = pinecone(capsys, url, "assistants", "list")
    assert missing.status == 2
    assert missing.err == "awaitops: error: set PINECONE_API_KEY in the environment\n"


def test_debug_shows_the_traceback(capsys: Capsys, url: str) -> None:
    result = pinecone(capsys, url, "assistants", "get", "absent", "--debug")
    assert result.status == 1
    assert "Traceback" in result.err
    assert "NotFoundError" in result.err


def test_help_exits_0(capsys: Capsys) -> None:
    result = run(capsys, "--help")
    assert result.status == 0
    for command in ("demo", "pinecone", "chainloop", "emulator"):
        assert command in result.out


def test_files_download_writes_the_bytes(
    capsys: Capsys,
    url: str,
    awaitops_emulator: Emulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    awaitops_emulator.add_assistant("docs")
    source = tmp_path / "notes.txt"
    source.write_bytes(b"some notes\n" * 1000)
    uploaded = pinecone(capsys, url, "files", "upload", "docs", str(source), "--wait", "--json")
    assert uploaded.status == 0, uploaded.err
    [op] = uploaded.records()
    file_id = op["file_id"]

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    plain = pinecone(capsys, url, "files", "download", "docs", file_id)
    assert plain.status == 0, plain.err
    assert (out / "notes.txt").read_bytes() == source.read_bytes()
    assert "11000 bytes written to notes.txt" in plain.out
    assert not ANSI.search(plain.out)

    again = pinecone(capsys, url, "files", "download", "docs", file_id)
    assert again.status != 0
    assert "exists already" in again.err

    chosen = pinecone(capsys, url, "files", "download", "docs", file_id, "-o", "copy.txt", "--json")
    assert chosen.status == 0, chosen.err
    assert chosen.records() == [{"file_id": file_id, "path": "copy.txt", "bytes": 11000}]
    assert (out / "copy.txt").read_bytes() == source.read_bytes()


def test_a_stale_error_is_not_shown_for_a_completed_operation() -> None:
    from awaitops.cli._pinecone import operation_row, operation_snapshot
    from awaitops.pinecone import Operation

    stale = {"id": "op-1", "status": "Completed", "error_message": "attempt 1 failed"}
    op = Operation(stale, None)  # type: ignore[arg-type]
    assert operation_row(op)[-1] is None
    assert operation_snapshot(op).message is None
    assert operation_snapshot(op).record["error_message"] == "attempt 1 failed"
