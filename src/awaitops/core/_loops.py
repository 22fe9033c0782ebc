"""One of a thing per event loop: a client used from several loops (two ``asyncio.run``
calls, loops in several threads, a second ``trio.run``) gets its own connection pool and
its own per-host limits in each, made on first use there.

A connection pool holds sockets and locks of the loop that opened them; used from another
loop it fails with that loop's errors, or hangs. The loop is asyncio's running loop, or
trio's run token; outside any loop, the first thing made (or given) stands in.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import asyncio

T = TypeVar("T")


def running_loop() -> object | None:
    """The event loop running this code, or None outside one."""
    loop = asyncio_loop()
    if loop is not None:
        return loop
    trio = _trio()
    if trio is None:
        return None
    try:
        token: object = trio.lowlevel.current_trio_token()
    except RuntimeError:
        return None
    return token


def asyncio_loop() -> asyncio.AbstractEventLoop | None:
    """asyncio's loop running this code, or None.

    Read through ``sys.modules``: no asyncio loop runs before asyncio is imported, and
    importing it here would cost every program's cold import about 14 ms (a trio program
    never needs it)."""
    module = sys.modules.get("asyncio")
    if module is None:
        return None
    try:
        loop: asyncio.AbstractEventLoop = module.get_running_loop()
    except RuntimeError:
        return None
    return loop


def _trio() -> Any:
    return sys.modules.get("trio")


async def _until_loop_ends(end: Callable[[], Awaitable[object]]) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await end()


# Each loop's keepers, alive as long as the loop is: a keeper collected before its loop
# ends would never run, and trio warns of it.
_keepers: weakref.WeakKeyDictionary[object, list[object]] = weakref.WeakKeyDictionary()
_keepers_lock = threading.Lock()


def at_loop_end(end: Callable[[], Awaitable[object]]) -> None:
    """Have the running loop await ``end()`` as it shuts down.

    Both asyncio (``asyncio.run``) and trio close the async generators still open when a
    run ends, inside the loop: an async generator suspended here runs ``end()`` then.
    """
    loop = running_loop()
    if loop is None:
        return
    keeper = _until_loop_ends(end)
    # Started here, so the loop's async generator hooks adopt it; nothing awaits before
    # its first yield, so it is driven there at once.
    with contextlib.suppress(StopIteration):
        keeper.asend(None).send(None)
    with _keepers_lock:
        _keepers.setdefault(loop, []).append(keeper)


async def _close_if_alive(close: Callable[[T], Awaitable[object]], value: weakref.ref[T]) -> None:
    alive = value()
    if alive is not None:
        await close(alive)


class PerLoop(Generic[T]):
    """A ``T`` for each event loop, made by ``make`` on first use in it. ``first``, when
    given, goes to the first loop that asks (and stands in outside any loop). With
    ``close``, each loop's value is closed with it as the loop shuts down."""

    __slots__ = ("_close", "_each", "_first", "_first_taken", "_last", "_lock", "_make")

    def __init__(
        self,
        make: Callable[[], T],
        first: T | None = None,
        close: Callable[[T], Awaitable[object]] | None = None,
    ) -> None:
        self._make = make
        self._close = close
        self._first = first
        # Whether a loop took ``first``: once taken it is that loop's, even after it ends.
        self._first_taken = False
        self._each: weakref.WeakKeyDictionary[object, T] = weakref.WeakKeyDictionary()
        # The last loop asked and its value, as one tuple: read and replaced atomically, so
        # threads never see one loop's value under another's key.
        self._last: tuple[object | None, T | None] = (None, None)
        self._lock = threading.Lock()

    def get(self) -> T:
        loop = running_loop()
        last = self._last
        if loop is not None and last[0] is loop:
            return last[1]  # type: ignore[return-value]
        if loop is None:
            return self._first if self._first is not None else self._claim(None)
        return self._claim(loop)

    def _claim(self, loop: object | None) -> T:
        with self._lock:
            if loop is None:
                self._first = self._first if self._first is not None else self._make()
                return self._first
            value = self._each.get(loop)
            if value is None:
                if self._first is not None and not self._first_taken:
                    value, self._first_taken = self._first, True
                else:
                    value = self._make()
                self._each[loop] = value
                close = self._close
                if close is not None:
                    # Weakly: a value nobody holds any more is the garbage collector's.
                    at_loop_end(partial(_close_if_alive, close, weakref.ref(value)))
            self._last = (loop, value)
            return value

    def mine(self) -> T | None:
        """The running loop's value, if it made or took one."""
        loop = running_loop()
        with self._lock:
            if loop is None:
                return None
            return self._each.get(loop)

    def untaken(self) -> T | None:
        """``first``, if no loop ever took it."""
        with self._lock:
            return None if self._first_taken else self._first
