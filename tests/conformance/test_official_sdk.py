"""The referee: every assistant, file, operation and backup-history call of the official SDK
(`pinecone` 10.2.0, which sends ``X-Pinecone-Api-Version: 2026-07``), sync and asyncio, as
shipped, against the emulator on a loopback socket.

Each call must work, and so must the SDK's handling of what the real service does that no
spec says (the facts of ``official-sdk-facts.md``, numbered): a call may switch on an
emulator scenario (``EmulatorConfig`` fields) and may have to raise the SDK's own error.
What the SDK checks before sending (an empty update, an unknown operations filter value, a
stream without an extension) never reaches the emulator, and the 2026-04 minimal upsert
answer cannot be seen at 2026-07: those are covered by ``tests/emulator`` alone.
"""

from __future__ import annotations

import importlib
import inspect
import io
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs
import httpx
import pytest

from awaitops.emulator import Emulator, EmulatorConfig

# Looked up at run time: to mypy (and to pytest's default import mode) `pinecone` is our own
# tests/pinecone package; the session runs pytest with --import-mode=importlib.
_sdk = importlib.import_module("pinecone")
Pinecone: Any = _sdk.Pinecone
PineconeAsyncio: Any = _sdk.PineconeAsyncio
_errors = importlib.import_module("pinecone.errors")
PineconeError: Any = _errors.PineconeError
Paginator: Any = _sdk.Paginator
RetryConfig: Any = _sdk.RetryConfig

KEY = "test-key"
CONTENT = b"# Quarterly report\n" * 64
HEADERS = {"Api-Key": KEY, "X-Pinecone-Api-Version": "2026-04"}
#: What 2026-07 calls a backup run's status (fact 32).
HISTORY_STATUSES = {"Initializing", "Ready", "InitializationFailed"}


class Seeded(NamedTuple):
    url: str
    upload_op: str
    emulator: Emulator


class Call(NamedTuple):
    """One SDK call: how to make it on a client, and what its result (or, with ``raises``,
    the SDK error it raised) must show."""

    name: str
    run: Callable[[Any, Seeded], Any]
    check: Callable[[Any, Seeded], bool]
    #: EmulatorConfig fields this call's scenario sets.
    scenario: dict[str, Any] | None = None
    raises: bool = False


@pytest.fixture
def awaitops_emulator_config(
    awaitops_emulator_config: EmulatorConfig, call: Call
) -> EmulatorConfig:
    return attrs.evolve(awaitops_emulator_config, **(call.scenario or {}))


@pytest.fixture
def seeded(awaitops_emulator: Emulator, awaitops_emulator_url: str) -> Seeded:
    """A Ready assistant ``docs`` holding the finished upload ``report`` (report.md)."""
    awaitops_emulator.add_assistant("docs")
    with httpx.Client(base_url=awaitops_emulator_url, headers=HEADERS, timeout=10) as client:
        accepted = client.put(
            "/assistant/files/docs/report",
            files={"file": ("report.md", CONTENT)},
            data={"metadata": '{"team": "finance"}'},
        )
    assert accepted.status_code == 202
    return Seeded(awaitops_emulator_url, accepted.json()["id"], awaitops_emulator)


def _names(items: list[Any]) -> list[str]:
    return [item.name for item in items]


def _signed_url_serves_the_file(file: Any, seeded: Seeded) -> bool:
    url: str = file.signed_url
    return url.startswith(seeded.url + "/") and httpx.get(url, timeout=10).content == CONTENT


def _status_of(seeded: Seeded, name: str) -> str | int:
    """An assistant's status as the emulator describes it, or the HTTP status."""
    with httpx.Client(base_url=seeded.url, headers=HEADERS, timeout=10) as client:
        response = client.get(f"/assistant/assistants/{name}")
    return response.json()["status"] if response.status_code == 200 else response.status_code


def _docs_with_unreadable_file(seeded: Seeded) -> str:
    """Adds the file ``broken`` to ``docs`` (a PNG named scan.pdf: it ends ProcessingFailed);
    returns ``"docs"``."""
    with httpx.Client(base_url=seeded.url, headers=HEADERS, timeout=10) as client:
        accepted = client.put(
            "/assistant/files/docs/broken", files={"file": ("scan.pdf", b"\x89PNG\r\n")}
        )
    assert accepted.status_code == 202, accepted.text
    return "docs"


def _seed(seeded: Seeded, name: str, status: str) -> str:
    seeded.emulator.add_assistant(name, status=status)
    return name


def _failed_with(status_code: int, *fragments: str) -> Callable[[Any, Seeded], bool]:
    def check(error: Any, _: Seeded) -> bool:
        return error.status_code == status_code and all(f in str(error) for f in fragments)

    return check


def _describe_left_behind(status: str) -> Call:
    return Call(
        f"assistants.describe ({status})",
        lambda pc, s: pc.assistants.describe(name=_seed(s, "left", status)),
        lambda a, s: (a.name, a.status) == ("left", status),
    )


CALLS = [
    # -- assistants (control plane) --
    Call(
        "assistants.create",
        lambda pc, s: pc.assistants.create(
            name="fresh", instructions="be brief", metadata={"team": "a"}, timeout=30
        ),
        lambda a, s: (a.name, a.status, a.host) == ("fresh", "Ready", s.url),
    ),
    Call(
        "assistants.describe",
        lambda pc, s: pc.assistants.describe(name="docs"),
        lambda a, s: (a.name, a.status) == ("docs", "Ready"),
    ),
    Call(
        "assistants.list",
        lambda pc, s: pc.assistants.list(),
        lambda items, s: _names(items) == ["docs"],
    ),
    Call(
        "assistants.list_page",
        lambda pc, s: pc.assistants.list_page(page_size=1),
        lambda page, s: _names(page.assistants) == ["docs"],
    ),
    Call(
        # Fact 11: from 2026-07 on the update answers the whole assistant.
        "assistants.update",
        lambda pc, s: pc.assistants.update(name="docs", instructions="be thorough"),
        lambda a, s: (a.name, a.status, a.instructions) == ("docs", "Ready", "be thorough"),
    ),
    Call(
        # Fact 8: from 2026-07 on a name clash is a 409.
        "assistants.create (name taken)",
        lambda pc, s: pc.assistants.create(name="docs", timeout=30),
        _failed_with(409, "already exists"),
        raises=True,
    ),
    Call(
        # Fact 8: the quota's 429, which the SDK's retries cannot fix.
        "assistants.create (quota reached)",
        lambda pc, s: pc.assistants.create(name="fresh", timeout=30),
        _failed_with(429, "limit of 1 assistants"),
        scenario={"assistant_quota": 1},
        raises=True,
    ),
    Call(
        # Facts 5, 6: a create that fails ends the SDK's wait.
        "assistants.create (InitializationFailed)",
        lambda pc, s: pc.assistants.create(name="doomed", timeout=30),
        lambda e, s: (
            "InitializationFailed" in str(e) and _status_of(s, "doomed") == "InitializationFailed"
        ),
        scenario={"assistant_create_failure_rate": 1.0},
        raises=True,
    ),
    # Facts 5, 7: what the service leaves behind describes (and the SDK reads) as such.
    *(_describe_left_behind(status) for status in ("Terminated", "Failed", "InitializationFailed")),
    Call(
        # Fact 7: a delete is done at the 404 ...
        "assistants.delete",
        lambda pc, s: pc.assistants.delete(name="docs", timeout=30),
        lambda result, s: result is None and _status_of(s, "docs") == 404,
        scenario={"assistant_terminated_seconds": (0.0, 0.0)},
    ),
    Call(
        # ... or once the assistant is Terminated (kept so for good here, so the check after
        # the call sees it whatever the machine's load).
        "assistants.delete (stays Terminated)",
        lambda pc, s: pc.assistants.delete(name="docs", timeout=30),
        lambda result, s: result is None and _status_of(s, "docs") == "Terminated",
        scenario={"assistant_terminated_seconds": None},
    ),
    Call(
        # Fact 7: one that ends Failed never disappears: the SDK raises instead of waiting.
        "assistants.delete (ends Failed)",
        lambda pc, s: pc.assistants.delete(name="docs", timeout=30),
        lambda e, s: "'Failed'" in str(e) and _status_of(s, "docs") == "Failed",
        scenario={"assistant_delete_failure_rate": 1.0},
        raises=True,
    ),
    # -- files (data plane) --
    Call(
        "files.upload_file",
        lambda pc, s: pc.assistants.upload_file(
            assistant_name="docs",
            file_stream=io.BytesIO(b"notes"),
            file_name="notes.txt",
            metadata={"team": "ops"},
            timeout=30,
        ),
        lambda f, s: (
            (f.name, f.status, f.size, f.metadata) == ("notes.txt", "Available", 5, {"team": "ops"})
        ),
    ),
    Call(
        "files.upload_file(file_id) (upsert)",
        lambda pc, s: pc.assistants.upload_file(
            assistant_name="docs",
            file_stream=io.BytesIO(b"v2"),
            file_name="report.txt",
            file_id="report",
            timeout=30,
        ),
        lambda f, s: (f.id, f.name, f.size) == ("report", "report.txt", 2),
    ),
    Call(
        # Fact 17: typed by extension, a file named without a supported one is a 400.
        "files.upload_file (unsupported extension)",
        lambda pc, s: pc.assistants.upload_file(
            assistant_name="docs", file_stream=io.BytesIO(b"<svg/>"), file_name="logo.svg"
        ),
        _failed_with(400, "Unsupported file type", ".pdf"),
        raises=True,
    ),
    Call(
        # Fact 30: a file that cannot be read fails its operation; the SDK quotes the message.
        "files.upload_file (unreadable)",
        lambda pc, s: pc.assistants.upload_file(
            assistant_name="docs",
            file_stream=io.BytesIO(b"\x89PNG\r\n"),
            file_name="scan.pdf",
            timeout=30,
        ),
        lambda e, s: "File processing failed: the file could not be read as PDF." in str(e),
        raises=True,
    ),
    Call(
        "files.describe_file",
        lambda pc, s: pc.assistants.describe_file(assistant_name="docs", file_id="report"),
        lambda f, s: (f.id, f.status, f.signed_url) == ("report", "Available", None),
    ),
    Call(
        "files.describe_file(include_url=True)",
        lambda pc, s: pc.assistants.describe_file(
            assistant_name="docs", file_id="report", include_url=True
        ),
        _signed_url_serves_the_file,
    ),
    Call(
        "files.list_files",
        lambda pc, s: pc.assistants.list_files(assistant_name="docs"),
        lambda files, s: [f.id for f in files] == ["report"],
    ),
    Call(
        # Fact 23: a failed file drops out of the listing once old enough...
        "files.list_files (failed file aged out)",
        lambda pc, s: pc.assistants.list_files(assistant_name=_docs_with_unreadable_file(s)),
        lambda files, s: [f.id for f in files] == ["report"],
        scenario={"failed_file_listing_seconds": 0.0},
    ),
    Call(
        # ... and is still described by id.
        "files.describe_file (failed file aged out)",
        lambda pc, s: pc.assistants.describe_file(
            assistant_name=_docs_with_unreadable_file(s), file_id="broken"
        ),
        lambda f, s: (f.id, f.status) == ("broken", "ProcessingFailed"),
        scenario={"failed_file_listing_seconds": 0.0},
    ),
    Call(
        "files.list_files(filter)",
        lambda pc, s: pc.assistants.list_files(assistant_name="docs", filter={"team": "ops"}),
        lambda files, s: files == [],
    ),
    Call(
        "files.list_files_page(page_size=500)",
        lambda pc, s: pc.assistants.list_files_page(assistant_name="docs", page_size=500),
        lambda page, s: ([f.id for f in page.files], page.pagination) == (["report"], None),
    ),
    Call(
        "files.delete_file",
        lambda pc, s: pc.assistants.delete_file(assistant_name="docs", file_id="report"),
        lambda result, s: result is None,
    ),
    # -- file operations (data plane) --
    Call(
        "operations.describe_operation",
        lambda pc, s: pc.assistants.describe_operation(
            assistant_name="docs", operation_id=s.upload_op
        ),
        lambda op, s: (
            (op.operation_id, op.status, op.percent_complete) == (s.upload_op, "Completed", 100)
        ),
    ),
    Call(
        "operations.list_operations",
        lambda pc, s: pc.assistants.list_operations(assistant_name="docs"),
        lambda ops, s: [op.operation_id for op in ops] == [s.upload_op],
    ),
    Call(
        "operations.list_operations_page(filters)",
        lambda pc, s: pc.assistants.list_operations_page(
            assistant_name="docs", operation_type="upsert_file", status="Completed", page_size=1
        ),
        lambda page, s: [op.operation_type for op in page.operations] == ["upsert_file"],
    ),
    # -- backup schedule history --
    Call(
        # Fact 32: the 2026-07 vocabulary.
        "backup_schedules.history",
        lambda pc, s: pc.backup_schedules.history(schedule_id="sched-demo", limit=5),
        lambda page, s: (
            len(page.data) == 5
            and page.pagination is not None
            and {row.status for row in page.data} <= HISTORY_STATUSES
            and page.data[0].status == "Initializing"
        ),
    ),
    Call(
        # Fact 33: `tags: null`, counts left out.
        "backup_schedules.history (sparse rows)",
        lambda pc, s: pc.backup_schedules.history(schedule_id="sched-demo", limit=5),
        lambda page, s: (
            all(row.tags is None for row in page.data)
            and page.data[0].record_count is None
            and page.data[-1].record_count is not None
        ),
        scenario={"sparse_history_rows": True},
    ),
    Call(
        # Fact 36: the plan gate, before the 404 of an unknown schedule.
        "backup_schedules.history (not in the plan)",
        lambda pc, s: pc.backup_schedules.history(schedule_id="no-such-schedule"),
        _failed_with(403, "plan"),
        scenario={"backups_in_plan": False},
        raises=True,
    ),
    Call(
        "backup_schedules.iter_history",
        lambda pc, s: pc.backup_schedules.iter_history(schedule_id="sched-demo"),
        lambda items, s: len(items) == 250,
    ),
    Call(
        "backup_schedules.iter_history(limit=150)",
        # The SDK sends its total cap as the page size; the published endpoint bounds neither.
        lambda pc, s: pc.backup_schedules.iter_history(schedule_id="sched-demo", limit=150),
        lambda items, s: len(items) == 150,
    ),
]


def _params() -> list[Any]:
    return [pytest.param(c, id=c.name) for c in CALLS]


def _complete(result: Any) -> Any:
    """A paginator's items, or the result itself."""
    return list(result) if isinstance(result, Paginator) else result


async def _acomplete(result: Any) -> Any:
    if inspect.isawaitable(result):
        result = await result
    if hasattr(result, "__aiter__"):
        return [item async for item in result]
    return result


# Retried, the quota's 429 would only sleep the SDK's backoff away before the same answer.
_NO_RETRIES = {"retry_config": RetryConfig(max_retries=0)}


@pytest.mark.parametrize("call", _params())
def test_sync(call: Call, seeded: Seeded) -> None:
    with Pinecone(api_key=KEY, host=seeded.url, **_NO_RETRIES) as pc:
        if call.raises:
            with pytest.raises(PineconeError) as caught:
                _complete(call.run(pc, seeded))
            result: Any = caught.value
        else:
            result = _complete(call.run(pc, seeded))
    assert call.check(result, seeded), result


@pytest.mark.anyio
@pytest.mark.parametrize("call", _params())
async def test_asyncio(call: Call, seeded: Seeded) -> None:
    async with PineconeAsyncio(api_key=KEY, host=seeded.url, **_NO_RETRIES) as pc:
        if call.raises:
            with pytest.raises(PineconeError) as caught:
                await _acomplete(call.run(pc, seeded))
            result: Any = caught.value
        else:
            result = await _acomplete(call.run(pc, seeded))
    assert call.check(result, seeded), result
