"""``awaitops pinecone ...``: assistants, file uploads, operations and backup history."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from awaitops.pinecone._facts import (
    API_KEY_ENV,
    CONTROL_URL_ENV,
    DEFAULT_CONTROL_URL,
    OPERATION_STATUSES,
    OPERATION_TYPES,
)

from ._args import (
    Subparsers,
    any_case,
    command,
    group,
    json_object,
    paged,
    paging,
    positive,
    url_option,
)
from ._follow import follow_each, watch_command
from ._output import Output, Snapshot, Tracker
from ._runner import EXIT_FAILED, EXIT_OK, env_secret, runs

if TYPE_CHECKING:
    from awaitops import PollPolicy
    from awaitops.pinecone import AssistantClient, Operation, Pinecone
    from awaitops.pinecone.models import Assistant, BackupHistoryEntry

__all__ = [
    "ASSISTANT_COLUMNS",
    "BACKUP_COLUMNS",
    "OPERATION_COLUMNS",
    "assistant_row",
    "backup_row",
    "follow",
    "operation_row",
    "operation_snapshot",
    "register",
]

ASSISTANT_COLUMNS = ("name", "status", "region", "host")
OPERATION_COLUMNS = ("id", "type", "status", "progress", "file", "error")
BACKUP_COLUMNS = ("backup", "status", "index", "runs at", "records")


def assistant_row(assistant: Assistant) -> list[Any]:
    return [assistant.name, assistant.status, assistant.region, assistant.host]


def operation_row(op: Operation) -> list[Any]:
    progress = None if op.percent_complete is None else f"{op.percent_complete}%"
    return [op.id, op.operation_type, op.status, progress, op.file_id, op.error_message]


def backup_row(entry: BackupHistoryEntry) -> list[Any]:
    runs_at = entry.scheduled_execution_at or entry.created_at
    return [
        entry.backup_id,
        entry.status,
        entry.source_index_name,
        None if runs_at is None else runs_at.isoformat(timespec="seconds"),
        entry.record_count,
    ]


def operation_snapshot(op: Operation) -> Snapshot:
    return Snapshot(
        key=op.id,
        status=op.status,
        percent=op.percent_complete,
        done=op.done,
        failed=op.failed,
        message=op.error_message,
        record=op.to_dict(),
    )


async def follow(
    assistant: AssistantClient, ids: Sequence[str], tracker: Tracker, poll: PollPolicy
) -> list[str]:
    """Show each operation's progress until it ends; returns the failure messages."""
    return await follow_each(
        ids,
        lambda op_id: assistant.operations.watch(op_id, poll=poll),
        lambda _, op: operation_snapshot(op),
        tracker,
    )


@asynccontextmanager
async def _client(args: argparse.Namespace) -> AsyncIterator[Pinecone]:
    from awaitops.pinecone import Pinecone

    async with Pinecone(api_key=env_secret(API_KEY_ENV), control_url=args.control_url) as pc:
        yield pc


def _poll(args: argparse.Namespace) -> PollPolicy:
    from awaitops import PollPolicy

    return PollPolicy(timeout=args.timeout)


def _command(actions: Subparsers, name: str, help: str) -> argparse.ArgumentParser:
    parser = command(actions, name, help)
    url_option(
        parser,
        "--control-url",
        "--base-url",
        env=CONTROL_URL_ENV,
        default=DEFAULT_CONTROL_URL,
        what="Pinecone control plane root",
    )
    return parser


def _waiting(parser: argparse.ArgumentParser, *, flag: bool) -> None:
    if flag:
        parser.add_argument("--wait", action="store_true", help="follow until it is done")
    parser.add_argument(
        "--timeout", type=positive, metavar="SECONDS", help="give up waiting after this long"
    )


def register(commands: Subparsers) -> None:
    pinecone = group(commands, "pinecone", f"Pinecone Assistant (key from ${API_KEY_ENV})")

    assistants = group(pinecone, "assistants", "list, create, get and delete assistants")
    parser = _command(assistants, "list", "list assistants")
    paging(parser)
    parser.set_defaults(handler=runs(_assistants_list))
    parser = _command(assistants, "create", "create an assistant")
    parser.add_argument("name")
    parser.add_argument("--instructions", help="instructions for the assistant")
    parser.add_argument("--metadata", type=json_object, metavar="JSON", help="a JSON object")
    parser.add_argument("--region", default="us", help="us or eu (default: %(default)s)")
    _waiting(parser, flag=True)
    parser.set_defaults(handler=runs(_assistants_create))
    parser = _command(assistants, "get", "show an assistant")
    parser.add_argument("name")
    parser.set_defaults(handler=runs(_assistants_get))
    parser = _command(assistants, "delete", "delete an assistant")
    parser.add_argument("name")
    _waiting(parser, flag=True)
    parser.set_defaults(handler=runs(_assistants_delete))

    files = group(pinecone, "files", "upload files to an assistant")
    parser = _command(files, "upload", "upload files; each starts an operation")
    parser.add_argument("assistant")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--metadata", type=json_object, metavar="JSON", help="a JSON object")
    _waiting(parser, flag=True)
    parser.set_defaults(handler=runs(_files_upload))
    parser = _command(files, "download", "download a file's bytes (from its signed URL)")
    parser.add_argument("assistant")
    parser.add_argument("file_id", metavar="FILE_ID")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="where to write it (default: the file's own name, in the current directory, "
        "which must not exist yet)",
    )
    parser.set_defaults(handler=runs(_files_download))

    operations = group(pinecone, "operations", "the operations file changes start")
    parser = _command(operations, "list", "list an assistant's operations")
    parser.add_argument("assistant")
    parser.add_argument(
        "--status",
        type=any_case(OPERATION_STATUSES),
        metavar="STATUS",
        help=f"{', '.join(OPERATION_STATUSES)} (any case)",
    )
    parser.add_argument(
        "--type",
        dest="operation_type",
        type=any_case(OPERATION_TYPES),
        metavar="TYPE",
        help=", ".join(OPERATION_TYPES),
    )
    paging(parser)
    parser.set_defaults(handler=runs(_operations_list))
    parser = _command(operations, "get", "show operations")
    parser.add_argument("assistant")
    parser.add_argument("ids", nargs="+", metavar="OP_ID")
    parser.set_defaults(handler=runs(_operations_get))
    parser = _command(operations, "watch", "follow operations until they end")
    parser.add_argument("assistant")
    parser.add_argument("ids", nargs="+", metavar="OP_ID")
    _waiting(parser, flag=False)
    parser.set_defaults(handler=runs(_operations_watch))

    backups = group(pinecone, "backups", "backup schedules")
    parser = _command(backups, "history", "a backup schedule's history")
    parser.add_argument("schedule_id", metavar="SCHEDULE_ID")
    paging(parser)
    parser.set_defaults(handler=runs(_backups_history))


async def _assistants_list(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        pager = pc.assistants.list(**paged(args))
        await out.listing(pager, ASSISTANT_COLUMNS, assistant_row, lambda a: a.to_dict())
    return EXIT_OK


async def _assistants_create(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        assistant = await pc.assistants.create(
            args.name,
            instructions=args.instructions,
            metadata=args.metadata,
            region=args.region,
            wait=args.wait,
            poll=_poll(args),
        )
    out.table(ASSISTANT_COLUMNS, [assistant_row(assistant)], [assistant.to_dict()], single=True)
    return EXIT_OK


async def _assistants_get(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        assistant = await pc.assistants.get(args.name)
    out.table(ASSISTANT_COLUMNS, [assistant_row(assistant)], [assistant.to_dict()], single=True)
    return EXIT_OK


async def _assistants_delete(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        await pc.assistants.delete(args.name, wait=args.wait, poll=_poll(args))
    if out.json:
        out.emit({"name": args.name, "deleted": True, "gone": args.wait}, single=True)
    else:
        out.note(f"{args.name}: {'deleted' if args.wait else 'deleting'}")
    return EXIT_OK


async def _files_upload(args: argparse.Namespace, out: Output) -> int:
    paths: list[Path] = args.paths
    for path in paths:
        if not path.is_file():
            raise ValueError(f"not a readable file: {path}")
    async with _client(args) as pc:
        assistant = pc.assistant(args.assistant)
        started = [await assistant.files.upload(path, metadata=args.metadata) for path in paths]
        if not args.wait:
            out.table(
                OPERATION_COLUMNS,
                map(operation_row, started),
                [op.to_dict() for op in started],
            )
            return EXIT_OK
        ids = [op.id for op in started]
        # The ids first: an interrupted wait can be picked up again with them.
        for path, op_id in zip(paths, ids, strict=True):
            out.note(f"{path.name}: operation {op_id}")
        out.note(
            f"to follow again: awaitops pinecone operations watch {args.assistant} {' '.join(ids)}"
        )
        with out.tracker() as tracker:
            for path, op_id in zip(paths, ids, strict=True):
                tracker.add(op_id, path.name)
            failed = await follow(assistant, ids, tracker, _poll(args))
    return EXIT_FAILED if failed else EXIT_OK


async def _files_download(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        files = pc.assistant(args.assistant).files
        target: Path | None = args.output
        if target is None:
            # The server's name, never a path it may carry: the file lands here.
            name = Path((await files.get(args.file_id)).name).name or args.file_id
            target = Path(name)
            if target.exists():
                raise ValueError(f"{target} exists already; choose another with --output")
        if out.json:
            path = await files.download(args.file_id, target)
        else:
            with out.tracker() as tracker:
                tracker.add(args.file_id, target.name)
                path = await files.download(
                    args.file_id, target, progress=partial(_show_download, tracker, args.file_id)
                )
    size = path.stat().st_size
    if out.json:
        out.emit({"file_id": args.file_id, "path": str(path), "bytes": size}, single=True)
    else:
        out.note(f"{args.file_id}: {size} bytes written to {path}")
    return EXIT_OK


def _show_download(tracker: Tracker, file_id: str, received: int, total: int | None) -> None:
    # In tenths: a plain (piped) output gets a line per step, not one per chunk.
    percent = None if not total else min(100, received * 10 // total * 10)
    done = total is not None and received >= total
    record = {"file_id": file_id, "received": received, "total": total}
    status = "downloaded" if done else "downloading"
    tracker.show(Snapshot(file_id, status, percent, done, False, None, record))


async def _operations_list(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        pager = pc.assistant(args.assistant).operations.list(
            status=args.status,
            operation_type=args.operation_type,
            **paged(args),
        )
        await out.listing(pager, OPERATION_COLUMNS, operation_row, lambda op: op.to_dict())
    return EXIT_OK


async def _operations_get(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        operations = pc.assistant(args.assistant).operations
        found = [await operations.get(op_id) for op_id in args.ids]
    out.models(found, OPERATION_COLUMNS, operation_row)
    return EXIT_OK


async def _operations_watch(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        assistant = pc.assistant(args.assistant)
        return await watch_command(out, args.ids, partial(follow, assistant, poll=_poll(args)))


async def _backups_history(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as pc:
        pager = pc.backup_schedules.history(args.schedule_id, **paged(args))
        await out.listing(pager, BACKUP_COLUMNS, backup_row, lambda entry: entry.to_dict())
    return EXIT_OK
