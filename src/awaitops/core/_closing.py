"""A client's close, heard at once by the waits that poll through it.

A wait spends most of its time asleep between polls; without this it would learn that its
client was closed only at its next poll, seconds later. Each step of a wait runs inside a
cancel scope registered here; closing the client cancels the scopes of its own thread
(another thread's event loop cannot be reached safely: its waits learn at their next
poll) and the step raises :class:`~awaitops.errors.ClientClosedError`.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncGenerator, Iterator
from contextlib import aclosing, contextmanager
from typing import TypeVar

import anyio

from awaitops.errors import ClientClosedError

S = TypeVar("S")

CLOSED_MESSAGE = "the client is closed: make a new one (or use it inside `async with`)"


class Closing:
    """Whether a client (and its copies) is closed, and the wait steps to end when it is."""

    __slots__ = ("_steps", "closed")

    def __init__(self) -> None:
        self.closed = False
        self._steps: dict[anyio.CancelScope, int] = {}

    @contextmanager
    def step(self) -> Iterator[None]:
        """Run one step of a wait; ClientClosedError if the client is or gets closed."""
        if self.closed:
            raise ClientClosedError(CLOSED_MESSAGE)
        scope = anyio.CancelScope()
        self._steps[scope] = threading.get_ident()
        try:
            with scope:
                yield
        finally:
            del self._steps[scope]
        if scope.cancelled_caught:
            raise ClientClosedError("the client was closed during this wait")

    def close(self) -> None:
        self.closed = True
        here = threading.get_ident()
        for scope, thread in list(self._steps.items()):
            if thread == here:
                scope.cancel()


def until_closed(
    closing: Closing | None, steps: AsyncGenerator[S, None]
) -> AsyncGenerator[S, None]:
    """``steps``, each run until the client closes (never across a yield: the caller's own
    code runs outside). Without a client (``closing`` None), ``steps`` as they are."""
    return steps if closing is None else _until_closed(closing, steps)


async def _until_closed(
    closing: Closing, steps: AsyncGenerator[S, None]
) -> AsyncGenerator[S, None]:
    async with aclosing(steps):
        while True:
            with closing.step():
                try:
                    item = await anext(steps)
                except StopAsyncIteration:
                    return
            yield item
