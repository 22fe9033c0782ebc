"""Following several operations at once, each bar moving with its own progress."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TypeVar

from ._output import Output, Snapshot, Tracker
from ._runner import EXIT_FAILED, EXIT_OK

__all__ = ["follow_each", "watch_command"]

T = TypeVar("T")


async def follow_each(
    ids: Sequence[str],
    watch: Callable[[str], AsyncIterator[T]],
    snapshot: Callable[[str, T], Snapshot],
    tracker: Tracker,
) -> list[str]:
    """Watch every operation concurrently, showing each change; returns the failure
    messages, one per operation that failed."""
    import anyio

    from awaitops.errors import OperationFailedError

    failures: list[str] = []

    async def one(op_id: str) -> None:
        try:
            async for op in watch(op_id):
                tracker.show(snapshot(op_id, op))
        except OperationFailedError as exc:
            if exc.snapshot is not None:
                tracker.show(snapshot(op_id, exc.snapshot))
            failures.append(exc.message)

    async with anyio.create_task_group() as tasks:
        for op_id in ids:
            tasks.start_soon(one, op_id)
    return failures


async def watch_command(
    out: Output,
    ids: Sequence[str],
    follow: Callable[[Sequence[str], Tracker], Awaitable[list[str]]],
) -> int:
    """A ``watch`` command: one bar per operation, labelled with its id; fails if any did."""
    unique = list(dict.fromkeys(ids))
    with out.tracker() as tracker:
        for op_id in unique:
            tracker.add(op_id, op_id)
        failures = await follow(unique, tracker)
    return EXIT_FAILED if failures else EXIT_OK
