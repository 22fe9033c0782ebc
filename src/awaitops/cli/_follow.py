"""Following several operations at once, each bar moving with its own progress."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from typing import TypeVar

from ._output import Snapshot, Tracker

__all__ = ["follow_each"]

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
