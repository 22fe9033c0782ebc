"""Which calls give way: a watcher's polls wait behind calls that change state.

A poll that comes a little later costs a progress display a moment; an upload that waits
behind a crowd of polls costs a user the answer. Watchers mark their polls with
:func:`polling` (a context variable, so it follows the poll into the tasks it starts);
each host's :class:`~awaitops.core._throttle.Lane` sends them only when no other caller
waits, and leaves some of its slots to the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_POLLING: ContextVar[bool] = ContextVar("awaitops_polling", default=False)


@contextmanager
def polling() -> Iterator[None]:
    """Requests sent inside give way to every other caller of their host."""
    token = _POLLING.set(True)
    try:
        yield
    finally:
        _POLLING.reset(token)


def is_polling() -> bool:
    return _POLLING.get()
