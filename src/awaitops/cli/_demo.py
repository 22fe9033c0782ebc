"""``awaitops demo``: a tour of the SDK against the emulator, with no account.

Everything after starting the emulator goes through the public clients, pointed at the
emulator's loopback URL with its default credentials, exactly as user code would.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._args import Subparsers, command, seconds_range
from ._output import Output, Tracker
from ._runner import EXIT_OK, runs

if TYPE_CHECKING:
    from awaitops import ClientStats, PollPolicy
    from awaitops.chainloop import Chainloop
    from awaitops.pinecone import AssistantClient, Operation, Pinecone

__all__ = ["register", "write_samples"]

ASSISTANT = "demo-tour"
#: Faults ``--faults`` turns on: this share of requests answers 500/503 before being handled,
#: this share is handled and then answered 5xx or cut (so the SDK must reconcile), and each
#: API key may send this many requests per second before hearing 429.
FAULT_RATE = 0.15
LATE_FAULT_RATE = 0.1
RATE_LIMIT = 6.0


def register(commands: Subparsers) -> None:
    parser = command(commands, "demo", "tour the SDK on a local emulator (no account needed)")
    parser.add_argument(
        "--faults",
        action="store_true",
        help=f"make {FAULT_RATE:.0%}% of requests fail, {LATE_FAULT_RATE:.0%}% fail after the "
        f"server acted, and rate-limit to {RATE_LIMIT:g}/s, to show retries and "
        "reconciliation at work",  # '%%': argparse formats help text with %
    )
    parser.add_argument(
        "--op-seconds",
        type=seconds_range,
        default=(2.0, 6.0),
        metavar="A-B",
        help="how long each file operation runs, in seconds (default: 2-6)",
    )
    parser.add_argument("--seed", type=int, default=0, help="the emulator's seed (default: 0)")
    parser.set_defaults(handler=runs(_demo))


def _pdf(text: str) -> bytes:
    """A one-page PDF showing ``text``, with a correct cross-reference table."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_samples(folder: Path) -> list[Path]:
    """The demo's files, written into ``folder``: four the service reads, and one PNG image
    named ``scan.pdf``: typed as a PDF by its name, it cannot be read as one, so one
    operation ends Failed."""
    contents: dict[str, bytes] = {
        "notes.txt": b"awaitops starts remote work, follows it to the end and pages results.\n",
        "guide.md": b"# Guide\n\nUpload a file, then wait on the operation it starts.\n",
        "faq.json": json.dumps(
            {"q": "Does it run under trio?", "a": "Yes, and under asyncio."}
        ).encode(),
        "summary.pdf": _pdf("awaitops demo summary"),
        "scan.pdf": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    }
    paths = []
    for name, data in contents.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


@attrs.define
class _Tally:
    completed: int = 0
    failed: int = 0
    failures: list[str] = attrs.Factory(list)


async def _demo(args: argparse.Namespace, out: Output) -> int:
    from awaitops import PollPolicy, RetryPolicy
    from awaitops.chainloop import Chainloop
    from awaitops.emulator import Emulator, EmulatorConfig
    from awaitops.pinecone import Pinecone

    config = EmulatorConfig(
        seed=args.seed,
        op_seconds=args.op_seconds,
        assistant_ready_seconds=(0.5, 1.5),
        fault_rate=FAULT_RATE if args.faults else 0.0,
        late_fault_rate=LATE_FAULT_RATE if args.faults else 0.0,
        rate_limit=RATE_LIMIT if args.faults else None,
    )
    # Short delays: the faults are frequent, and a tour should not sit still.
    retry = RetryPolicy(max_attempts=8, initial_delay=0.1, max_delay=1.0)
    poll = PollPolicy(initial_interval=0.25, max_interval=1.0, timeout=120)
    started = time.monotonic()
    tally = _Tally()
    with tempfile.TemporaryDirectory(prefix="awaitops-demo-") as folder:
        samples = write_samples(Path(folder))
        async with Emulator(config).serve("127.0.0.1", 0) as url:
            faults = (
                f" with faults ({FAULT_RATE:.0%} errors, {LATE_FAULT_RATE:.0%} after acting, "
                f"{RATE_LIMIT:g} requests/s)"
            )
            out.note(f"Emulator listening on {url}{faults if args.faults else ''}")
            async with (
                Pinecone(api_key=config.api_key, control_url=url, retry=retry) as pc,
                Chainloop(token=config.chainloop_token, base_url=url, retry=retry) as cl,
            ):
                await _tour(pc, cl, samples, poll, out, tally, config.backup_schedule_id)
                _summary(out, tally, [pc.stats, cl.stats], time.monotonic() - started)
    return EXIT_OK


async def _tour(
    pc: Pinecone,
    cl: Chainloop,
    samples: list[Path],
    poll: PollPolicy,
    out: Output,
    tally: _Tally,
    schedule_id: str,
) -> None:
    from ._chainloop import OPERATION_COLUMNS as CHAINLOOP_COLUMNS
    from ._chainloop import operation_row as chainloop_row
    from ._pinecone import (
        ASSISTANT_COLUMNS,
        BACKUP_COLUMNS,
        OPERATION_COLUMNS,
        assistant_row,
        backup_row,
        operation_row,
    )

    out.heading("1. Create an assistant and wait until it is Ready")
    since = time.monotonic()
    assistant = await pc.assistants.create(
        ASSISTANT, instructions="Answer from the sample files.", wait=True, poll=poll
    )
    out.table(
        ASSISTANT_COLUMNS, [assistant_row(assistant)], [assistant.to_dict()], event="assistant"
    )
    out.note(f"Ready after {time.monotonic() - since:.1f}s")

    out.heading(f"2. Upload {len(samples)} files and follow each operation")
    out.note("Each upload is an upsert under a chosen file id: a PUT, so it is safe to re-send.")
    data = pc.assistant(ASSISTANT)
    with out.tracker(event="operation") as tracker:
        ids = []
        for path in samples:
            op = await data.files.upsert(path.stem, path)
            tracker.add(op.id, path.name)
            ids.append(op.id)
        await _follow_each(data, ids, poll, tracker, tally)

    out.heading("3. Page through the assistant's operations, two per request")
    pager = data.operations.list(page_size=2)
    listed: list[Operation] = []
    pages = 0
    async for page in pager.pages():
        pages += 1
        listed.extend(page.items)
    out.table(
        OPERATION_COLUMNS,
        map(operation_row, listed),
        [op.to_dict() for op in listed],
        title=f"{len(listed)} operations in {pages} pages",
        event="listed_operation",
    )

    out.heading(f"4. Backup schedule history of {schedule_id} (first page)")
    history = await pc.backup_schedules.history(schedule_id, page_size=5).first_page()
    more = "more pages follow" if history.next_token else "no more pages"
    out.table(
        BACKUP_COLUMNS,
        map(backup_row, history.items),
        [entry.to_dict() for entry in history.items],
        title=f"{len(history.items)} entries, {more}",
        event="backup",
    )

    out.heading("5. Chainloop async operations (first page)")
    chainloop = await cl.operations.list(page_size=8).first_page()
    total = f" of {chainloop.total_count}" if chainloop.total_count is not None else ""
    out.table(
        CHAINLOOP_COLUMNS,
        map(chainloop_row, chainloop.items),
        [op.to_dict() for op in chainloop.items],
        title=f"{len(chainloop.items)}{total} operations",
        event="chainloop_operation",
    )


async def _follow_each(
    data: AssistantClient, ids: list[str], poll: PollPolicy, tracker: Tracker, tally: _Tally
) -> None:
    """Watch every operation at once, so each bar moves with its own ``percent_complete``."""
    from ._pinecone import follow

    failures = await follow(data, ids, tracker, poll)
    tally.failed += len(failures)
    tally.failures.extend(failures)
    tally.completed += len(ids) - len(failures)


def _summary(out: Output, tally: _Tally, stats: list[ClientStats], elapsed: float) -> None:
    totals: dict[str, Any] = {
        "operations_completed": tally.completed,
        "operations_failed": tally.failed,
        "requests": sum(s.requests for s in stats),
        "retries": sum(s.retries for s in stats),
        "rate_limited": sum(s.rate_limited for s in stats),
        "reconciled": sum(s.reconciles for s in stats),
        "seconds": round(elapsed, 1),
    }
    if out.json:
        out.emit(totals, event="summary")
        return
    out.heading("Summary")
    failed = f" ({'; '.join(tally.failures)})" if tally.failures else ""
    lines = [
        ("operations completed", totals["operations_completed"]),
        ("operations failed", f"{totals['operations_failed']}{failed}"),
        ("requests sent", totals["requests"]),
        ("retries absorbed", totals["retries"]),
        ("429s absorbed", totals["rate_limited"]),
        ("lost answers settled", totals["reconciled"]),
        ("time", f"{totals['seconds']}s"),
    ]
    for label, value in lines:
        out.note(f"{label:<22}{value}")
