"""Side by side under late faults: the same state-changing calls through ours and the official SDK.

    uv run --with pinecone==10.2.0 python -m scripts.bench.bench_late_faults [--quick] [--json]

Each SDK, with its default retry settings, runs one workload against a fresh emulator (loopback
socket, its default unkind behaviours: minimal upsert answers, files typed by extension,
``Terminated`` assistants) that handles ``LATE_FAULT_RATE`` of all requests and then answers
500, 502, 503 or 504 or cuts the connection: the change is made, the caller cannot know. The
workload: create an assistant and wait until it is ready; upload files (``.txt`` and ``.md``,
each with its own name, size and metadata) and upsert files (given ids), each followed to its
end; delete some of the uploaded files; create and delete a second assistant. Then, with the
faults off, the emulator's own state is read (the files listing, the assistants) and each call
is booked: raised; lost (returned, but its file is not there); doubled (more files than the
call should have made); wrong (the file there is not the one sent, or a delete or assistant
call that returned left its change unmade). Both SDKs meet the same seed per round; the
interleaving of concurrent calls may vary. Without the official SDK installed, ours runs alone.
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any

import httpx

from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

from ._common import (
    API_KEY,
    DATA_API_VERSION,
    DATA_VERSION_HEADER,
    cli,
    machine,
    official_sdk_version,
)

SEEDS = (20261207, 20261208, 20261209)
LATE_FAULT_RATE = 0.2
UPLOADS = 40
UPSERTS = 8
DELETES = 8
CONCURRENCY = 8
WORK = "work"
SCRATCH = "scratch"
#: Bounds one SDK's whole workload: a hung call shows as a timeout, never a hung bench.
WORKLOAD_SECONDS = 120.0
#: A call's kinds, in the order the report lists them.
CALLS = ("assistants.create", "files.upload", "files.upsert", "files.delete", "assistants.delete")
COUNTS = ("calls", "raised", "lost", "doubled", "extra_files", "wrong", "made_though_raised")


def _config(seed: int) -> EmulatorConfig:
    # Operations end at once: the official SDK polls uploads and deletes every 5 s otherwise.
    return EmulatorConfig(
        api_key=API_KEY,
        seed=seed,
        late_fault_rate=LATE_FAULT_RATE,
        op_seconds=(0.0, 0.0),
        assistant_ready_seconds=(0.05, 0.1),
        assistant_delete_seconds=(0.0, 0.0),
    )


def _upload_name(index: int) -> str:
    return f"u{index:02d}.{'md' if index % 2 else 'txt'}"


def _upload_body(index: int) -> bytes:
    # A size of its own per file, so the listing tells whose content a file holds.
    return b"# upload %d\n" % index + b"x" * index


def _upsert_id(index: int) -> str:
    return f"up-{index}"


def _upsert_body(index: int) -> bytes:
    return b"# upsert %d\n" % index + b"y" * (100 + index)


class SDK:
    """One client's calls, each returning what the emulator's state is checked against."""

    name: str
    _pc: Any  # the SDK's own async client, entered and left with this one

    async def __aenter__(self) -> SDK:
        await self._pc.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._pc.__aexit__(None, None, None)

    async def create(self, name: str) -> None:
        raise NotImplementedError

    async def delete_assistant(self, name: str) -> None:
        raise NotImplementedError

    async def upload(self, index: int) -> str | None:
        """The uploaded file's id, as the call reported it."""
        raise NotImplementedError

    async def upsert(self, index: int) -> None:
        raise NotImplementedError

    async def delete_file(self, file_id: str) -> None:
        raise NotImplementedError


class Ours(SDK):
    name = "awaitops"

    def __init__(self, url: str) -> None:
        self._pc = Pinecone(api_key=API_KEY, control_url=url)

    async def create(self, name: str) -> None:
        await self._pc.assistants.create(name, wait=True)

    async def delete_assistant(self, name: str) -> None:
        await self._pc.assistants.delete(name, wait=True)

    async def upload(self, index: int) -> str | None:
        files = self._pc.assistant(WORK).files
        op = await files.upload(
            _upload_body(index), file_name=_upload_name(index), metadata={"n": index}
        )
        done = await op.wait()
        return done.file_id

    async def upsert(self, index: int) -> None:
        files = self._pc.assistant(WORK).files
        op = await files.upsert(
            _upsert_id(index), _upsert_body(index), file_name=f"{_upsert_id(index)}.md"
        )
        await op.wait()

    async def delete_file(self, file_id: str) -> None:
        op = await self._pc.assistant(WORK).files.delete(file_id)
        if op is not None:
            await op.wait()


class Official(SDK):
    name = "official"

    def __init__(self, url: str) -> None:
        from pinecone import PineconeAsyncio  # type: ignore[import-not-found, unused-ignore]

        self._pc = PineconeAsyncio(api_key=API_KEY, host=url)

    async def create(self, name: str) -> None:
        await self._pc.assistants.create(name=name)

    async def delete_assistant(self, name: str) -> None:
        await self._pc.assistants.delete(name=name)

    async def upload(self, index: int) -> str | None:
        file = await self._pc.assistants.upload_file(
            assistant_name=WORK,
            file_stream=io.BytesIO(_upload_body(index)),
            file_name=_upload_name(index),
            metadata={"n": index},
        )
        return str(file.id)

    async def upsert(self, index: int) -> None:
        await self._pc.assistants.upload_file(
            assistant_name=WORK,
            file_stream=io.BytesIO(_upsert_body(index)),
            file_name=f"{_upsert_id(index)}.md",
            file_id=_upsert_id(index),
        )

    async def delete_file(self, file_id: str) -> None:
        await self._pc.assistants.delete_file(assistant_name=WORK, file_id=file_id)


class Books:
    """What each call returned or raised, by call kind and key."""

    def __init__(self) -> None:
        self.returned: dict[tuple[str, str], Any] = {}
        self.raised: dict[tuple[str, str], str] = {}

    async def run(self, call: str, key: str, action: Callable[[], Awaitable[Any]]) -> None:
        try:
            self.returned[call, key] = await action()
        except Exception as exc:  # booked: raising is what is counted
            self.raised[call, key] = f"{type(exc).__name__}: {str(exc)[:200]}"


async def _workload(sdk: SDK, books: Books, uploads: int, upserts: int, deletes: int) -> None:
    limiter = asyncio.Semaphore(CONCURRENCY)

    async def limited(call: str, key: str, action: Callable[[], Awaitable[Any]]) -> None:
        async with limiter:
            await books.run(call, key, action)

    await books.run("assistants.create", WORK, lambda: sdk.create(WORK))
    async with asyncio.TaskGroup() as group:
        for i in range(uploads):
            group.create_task(limited("files.upload", str(i), partial(sdk.upload, i)))
        for i in range(upserts):
            group.create_task(limited("files.upsert", str(i), partial(sdk.upsert, i)))
        group.create_task(limited("assistants.create", SCRATCH, lambda: sdk.create(SCRATCH)))
    # Deleted: the first files the client saw uploaded (the client's view picks them; the
    # emulator's state judges the deletes).
    doomed = [
        (str(i), file_id)
        for i in range(uploads)
        if (file_id := books.returned.get(("files.upload", str(i))))
    ][:deletes]
    async with asyncio.TaskGroup() as group:
        for key, file_id in doomed:
            group.create_task(
                limited("files.delete", f"{key}:{file_id}", partial(sdk.delete_file, file_id))
            )
        if ("assistants.create", SCRATCH) in books.returned:
            group.create_task(
                limited("assistants.delete", SCRATCH, lambda: sdk.delete_assistant(SCRATCH))
            )


def _state(url: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The work assistant's files and every assistant's status, read with the faults off."""
    headers = {"Api-Key": API_KEY, DATA_VERSION_HEADER: DATA_API_VERSION}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        files: list[dict[str, Any]] = []
        params: dict[str, Any] = {"limit": 1000}
        while True:
            page = client.get(f"/assistant/files/{WORK}", params=params)
            if page.status_code == 404:
                break
            if page.is_error:
                raise RuntimeError(f"listing the files: {page.status_code} {page.text}")
            body = page.json()
            files += body["files"]
            token = (body.get("pagination") or {}).get("next")
            if not token:
                break
            params["pagination_token"] = token
        assistants = client.get("/assistant/assistants").raise_for_status().json()["assistants"]
    return files, {a["name"]: a["status"] for a in assistants}


def _judge(books: Books, files: list[dict[str, Any]], assistants: Mapping[str, str]) -> Any:
    counts = {call: dict.fromkeys(COUNTS, 0) for call in CALLS}
    findings: list[str] = []

    def book(call: str, key: str, what: str, detail: str = "") -> None:
        counts[call][what] += 1
        if what != "calls":
            findings.append(f"{call} {key}: {what}{f' ({detail})' if detail else ''}")

    by_name: dict[str, list[dict[str, Any]]] = {}
    for file in files:
        by_name.setdefault(file["name"], []).append(file)
    by_id = {file["id"]: file for file in files}
    deletes = [*books.returned, *books.raised]
    # A file whose delete returned must be gone; one whose delete raised may be either way.
    deleted = {key.split(":", 1)[1] for call, key in books.returned if call == "files.delete"}
    targeted = {key.split(":", 1)[1] for call, key in deletes if call == "files.delete"}
    for (call, key), why in books.raised.items():
        book(call, key, "raised", why)
    for call, key in [*books.returned, *books.raised]:
        book(call, key, "calls")

    for call, key in [k for k in [*books.returned, *books.raised] if k[0] == "files.upload"]:
        index = int(key)
        copies = by_name.get(_upload_name(index), [])
        if (call, key) in books.raised:
            if copies:
                book(call, key, "made_though_raised", f"{len(copies)} file(s)")
            continue
        returned_id = books.returned[call, key]
        least = 0 if returned_id in targeted else 1
        most = 0 if returned_id in deleted else 1
        if len(copies) < least:
            book(call, key, "lost", f"returned {returned_id}")
        if len(copies) > most:
            book(call, key, "doubled", f"{len(copies)} files, {most} expected")
            counts[call]["extra_files"] += len(copies) - most
        for file in copies:
            if (
                file["size"] != len(_upload_body(index))
                or (file.get("metadata") or {}).get("n") != index
                or file["status"] != "Available"
            ):
                book(call, key, "wrong", f"file {file['id']}: {file['status']}, {file['size']} B")
        if returned_id not in targeted and returned_id not in {f["id"] for f in copies}:
            book(call, key, "wrong", f"returned id {returned_id} is not its file")

    for call, key in [k for k in books.returned if k[0] == "files.upsert"]:
        index = int(key)
        upserted = by_id.get(_upsert_id(index))
        if upserted is None:
            book(call, key, "lost")
        elif upserted["size"] != len(_upsert_body(index)) or upserted["status"] != "Available":
            book(call, key, "wrong", f"{upserted['status']}, {upserted['size']} B")
    for call, key in [k for k in deletes if k[0] == "files.delete"]:
        file_id = key.split(":", 1)[1]
        if (call, key) in books.raised:
            if file_id not in by_id:
                book(call, key, "made_though_raised")
        elif file_id in by_id:
            book(call, key, "wrong", f"file still there: {by_id[file_id]['status']}")
    for call, key in [k for k in books.returned if k[0] == "assistants.create"]:
        if key not in assistants and ("assistants.delete", key) not in deletes:
            book(call, key, "lost")
    if ("assistants.delete", SCRATCH) in books.raised and assistants.get(SCRATCH) in (
        None,
        "Terminating",
        "Terminated",
    ):
        book("assistants.delete", SCRATCH, "made_though_raised")
    if ("assistants.delete", SCRATCH) in books.returned and assistants.get(SCRATCH) not in (
        None,
        "Terminating",
        "Terminated",
    ):
        book("assistants.delete", SCRATCH, "wrong", f"still {assistants[SCRATCH]}")
    for call, key in books.raised:
        if call == "assistants.create" and key in assistants:
            book(call, key, "made_though_raised", assistants[key])
    return counts, findings


async def _one(
    make: Callable[[str], SDK], seed: int, uploads: int, upserts: int, deletes: int
) -> dict[str, Any]:
    emulator = Emulator(_config(seed))
    books = Books()
    async with emulator.serve("127.0.0.1", 0) as url:
        start = time.perf_counter()
        async with make(url) as sdk:
            try:
                async with asyncio.timeout(WORKLOAD_SECONDS):
                    await _workload(sdk, books, uploads, upserts, deletes)
                timed_out = False
            except TimeoutError:
                timed_out = True
        seconds = time.perf_counter() - start
        answered = list(emulator.requests)  # the workload's, before the state is read
        emulator.faults.late_fault_rate = 0.0
        files, assistants = await asyncio.to_thread(_state, url)
    counts, findings = _judge(books, files, assistants)
    return {
        "seed": seed,
        "seconds": seconds,
        "timed_out": timed_out,
        "requests": len(answered),
        # Cut connections are not told apart in the record: these are the 5xx answers only.
        "answered_5xx": sum(1 for r in answered if r.status >= 500),
        "changes_sent": sum(1 for r in answered if r.method in ("POST", "PUT", "PATCH", "DELETE")),
        "counts": counts,
        "findings": findings,
    }


def run(quick: bool) -> dict[str, Any]:
    # The official SDK logs every retry at WARNING; the books say what happened.
    logging.getLogger("pinecone").setLevel(logging.ERROR)
    seeds = SEEDS[:1] if quick else SEEDS
    uploads, upserts, deletes = (8, 2, 2) if quick else (UPLOADS, UPSERTS, DELETES)
    clients: dict[str, Callable[[str], SDK]] = {"awaitops": Ours}
    if official_sdk_version() is not None:
        clients["official"] = Official
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in clients}
    for seed in seeds:
        for name, make in clients.items():
            rounds[name].append(asyncio.run(_one(make, seed, uploads, upserts, deletes)))
    totals = {
        name: {
            call: {count: sum(r["counts"][call][count] for r in results) for count in COUNTS}
            for call in CALLS
        }
        for name, results in rounds.items()
    }
    return {
        "machine": machine(),
        "official_sdk": official_sdk_version(),
        "late_fault_rate": LATE_FAULT_RATE,
        "seeds": list(seeds),
        "uploads": uploads,
        "upserts": upserts,
        "deletes": deletes,
        "concurrency": CONCURRENCY,
        "rounds": rounds,
        "totals": totals,
    }


if __name__ == "__main__":
    cli(run, __doc__)
