"""``awaitops chainloop operations list|get|watch``."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any

from awaitops.chainloop._facts import (
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    STATUS_PREFIX,
    STATUSES,
    TOKEN_ENV,
    UNSPECIFIED,
)

from ._args import Subparsers, command, group, paged, paging, positive, url_option
from ._follow import follow_each, watch_command
from ._output import Output, Snapshot, Tracker
from ._runner import EXIT_OK, env_secret, runs

if TYPE_CHECKING:
    from awaitops import PollPolicy
    from awaitops.chainloop import Chainloop, Operation

__all__ = ["OPERATION_COLUMNS", "follow", "operation_row", "register"]

# What a caller filters by, short: UNSPECIFIED is no state to list operations in.
_STATUSES = tuple(s.removeprefix(STATUS_PREFIX) for s in STATUSES if s != UNSPECIFIED)

OPERATION_COLUMNS = ("id", "kind", "status", "resource", "error")


def _status(op: Operation) -> str:
    return op.status.removeprefix(STATUS_PREFIX)


def operation_row(op: Operation) -> list[Any]:
    kind, rid = op.resource_type, op.resource_id
    resource = f"{kind}/{rid}" if kind and rid else None
    return [op.id, op.kind, _status(op), resource, op.error_message]


def _snapshot(op_id: str, op: Operation) -> Snapshot:
    return Snapshot(
        key=op_id,
        status=_status(op),
        percent=None,
        done=op.done,
        failed=op.failed,
        message=op.error_message,
        record=op.to_dict(),
    )


def _status_choice(text: str) -> str:
    """``running`` or ``ASYNC_OPERATION_STATUS_RUNNING`` -> the API's spelling."""
    upper = text.upper()
    return upper if upper.startswith(STATUS_PREFIX) else STATUS_PREFIX + upper


def register(commands: Subparsers) -> None:
    chainloop = group(commands, "chainloop", f"Chainloop (token from ${TOKEN_ENV})")
    operations = group(chainloop, "operations", "Chainloop async operations")

    parser = _command(operations, "list", "list operations")
    parser.add_argument(
        "--status",
        type=_status_choice,
        choices=[STATUS_PREFIX + name for name in _STATUSES],
        metavar="STATUS",
        help=f"{', '.join(_STATUSES)} (any case, with or without {STATUS_PREFIX})",
    )
    parser.add_argument("--kind", help="e.g. evidence_evaluation")
    parser.add_argument(
        "--resource", nargs=2, metavar=("TYPE", "ID"), help="only operations on this resource"
    )
    paging(parser)
    parser.set_defaults(handler=runs(_list))

    parser = _command(operations, "get", "show operations")
    parser.add_argument("ids", nargs="+", metavar="OP_ID")
    parser.set_defaults(handler=runs(_get))

    parser = _command(operations, "watch", "follow operations until they end")
    parser.add_argument("ids", nargs="+", metavar="OP_ID")
    parser.add_argument(
        "--timeout", type=positive, metavar="SECONDS", help="give up waiting after this long"
    )
    parser.set_defaults(handler=runs(_watch))


def _command(actions: Subparsers, name: str, help: str) -> argparse.ArgumentParser:
    parser = command(actions, name, help)
    url_option(
        parser, "--base-url", env=BASE_URL_ENV, default=DEFAULT_BASE_URL, what="Chainloop API root"
    )
    return parser


@asynccontextmanager
async def _client(args: argparse.Namespace) -> AsyncIterator[Chainloop]:
    from awaitops.chainloop import Chainloop

    async with Chainloop(token=env_secret(TOKEN_ENV), base_url=args.base_url) as cl:
        yield cl


async def _list(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as cl:
        pager = cl.operations.list(
            status=args.status,
            kind=args.kind,
            resource=tuple(args.resource) if args.resource else None,
            **paged(args),
        )
        await out.listing(pager, OPERATION_COLUMNS, operation_row, lambda op: op.to_dict())
    return EXIT_OK


async def _get(args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as cl:
        found = [await cl.operations.get(op_id) for op_id in args.ids]
    out.models(found, OPERATION_COLUMNS, operation_row)
    return EXIT_OK


async def follow(
    cl: Chainloop, ids: Sequence[str], tracker: Tracker, poll: PollPolicy
) -> list[str]:
    """Watch each operation concurrently until it ends; returns the failure messages."""
    return await follow_each(
        ids, lambda op_id: cl.operations.watch(op_id, poll=poll), _snapshot, tracker
    )


async def _watch(args: argparse.Namespace, out: Output) -> int:
    from awaitops import PollPolicy

    poll = PollPolicy(timeout=args.timeout)
    async with _client(args) as cl:
        return await watch_command(out, args.ids, partial(follow, cl, poll=poll))
