"""Following one vendor's kind of long-running operation, stated once.

A vendor knows how to fetch an operation by id and how to read a snapshot: when it is
over, whether it failed, how far along it is, what went wrong. :class:`OperationRules` holds
the reading part and turns any ``poll`` coroutine into :func:`watch`, :func:`wait` or
:func:`wait_all`; :class:`OperationHandle` gives a snapshot ``refresh``, ``watch`` and
``wait`` of its own; :class:`OperationsResource` gives a vendor's ``operations`` resource
``watch``, ``wait``, ``wait_all`` and ``watch_all`` from its ``get`` and ``list``.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable, Sequence
from functools import partial
from operator import attrgetter
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast

import attrs

from ._hooks import ClientHooks
from ._pagination import AsyncPager
from ._policies import PollPolicy
from ._validation import check_identifier
from ._watch import Batch, wait, wait_all, watch, watch_all

S = TypeVar("S")
H = TypeVar("H", bound="OperationHandle[Any]")
H_co = TypeVar("H_co", bound="OperationHandle[Any]", covariant=True)


# The defaults read an OperationHandle; typed Any so that they fit rules of any snapshot type.
def _done(handle: Any) -> bool:
    return bool(handle.done)


def _failed(handle: Any) -> bool:
    return bool(handle.failed)


def _failure(handle: Any) -> str:
    return handle.error_message or f"operation {handle.id} failed"


# Read with getattr: rules whose other readers are given may watch snapshots that are no
# OperationHandle, and such a snapshot is never cancelled or expired unless told so.
def _cancelled(handle: Any) -> bool:
    return bool(getattr(handle, "cancelled", False))


def _expired(handle: Any) -> bool:
    return bool(getattr(handle, "expired", False))


def _reader(progress: Callable[[S], float | None] | str | None) -> Any:
    return attrgetter(progress) if isinstance(progress, str) else progress


@attrs.frozen
class OperationRules(Generic[S]):
    """How to read snapshots of one kind of operation (see :func:`watch` for the pacing):
    the one place a vendor states progress and how an operation ends, as an
    :class:`OperationsResource`'s ``rules``.

    ``progress`` returns how far along a snapshot is as a percentage from 0 to 100 (None
    when unknown), or names the snapshot attribute holding it (``progress="percent"``); an
    API reporting a fraction from 0 to 1 is read as ``lambda s: s.fraction * 100``. Each
    poll's :class:`PollEvent` carries the reading, and the watchers use it to predict the
    end. ``failure_message`` returns the server's reason for a failed snapshot.

    A snapshot is over when ``is_terminal``; it ended unsuccessfully when ``is_failed``,
    ``is_cancelled`` or ``is_expired``, and a wait then raises
    :class:`~awaitops.errors.OperationCancelledError`,
    :class:`~awaitops.errors.OperationExpiredError` or (any other failure)
    :class:`~awaitops.errors.OperationFailedError`, their base. Left out, every reader is
    read from an :class:`OperationHandle`: its ``done``, ``failed``, ``cancelled``,
    ``expired`` and ``error_message``.
    """

    is_terminal: Callable[[S], bool] = _done
    is_failed: Callable[[S], bool] = _failed
    progress: Callable[[S], float | None] | None = attrs.field(default=None, converter=_reader)
    failure_message: Callable[[S], str | None] | None = _failure
    is_cancelled: Callable[[S], bool] | None = _cancelled
    is_expired: Callable[[S], bool] | None = _expired

    def _reading(self) -> dict[str, Any]:
        # The readers, under the names watch, wait and wait_all take them by.
        return attrs.asdict(self, recurse=False)

    def watch(
        self,
        poll: Callable[[], Awaitable[S]],
        policy: PollPolicy | None = None,
        hooks: ClientHooks | None = None,
        since: S | None = None,
    ) -> AsyncIterator[S]:
        """Each changed snapshot until the operation ends (changes from ``since``, when the
        caller holds one); ``hooks`` hear of each poll."""
        return watch(
            poll, policy=policy or PollPolicy(), hooks=hooks, since=since, **self._reading()
        )

    async def wait(
        self,
        poll: Callable[[], Awaitable[S]],
        policy: PollPolicy | None = None,
        hooks: ClientHooks | None = None,
    ) -> S:
        """The final snapshot; OperationFailedError or WaitTimeoutError otherwise."""
        final: S = await wait(poll, policy=policy or PollPolicy(), hooks=hooks, **self._reading())
        return final

    def wait_all(
        self,
        ids: Iterable[str],
        *,
        batch_poll: Callable[[], Batch[S]],
        get_one: Callable[[str], Awaitable[S]],
        key: Callable[[S], str],
        policy: PollPolicy | None = None,
        raise_on_failure: bool = False,
        page_size: int | None = None,
        hooks: ClientHooks | None = None,
    ) -> AsyncIterator[S]:
        """Each operation's final snapshot as it ends, polled in batches (list pages of
        ``page_size``)."""
        return wait_all(
            ids,
            batch_poll=batch_poll,
            get_one=get_one,
            key=key,
            page_size=page_size,
            policy=policy or PollPolicy(),
            raise_on_failure=raise_on_failure,
            hooks=hooks,
            **self._reading(),
        )

    def watch_all(
        self,
        ids: Iterable[str],
        *,
        batch_poll: Callable[[], Batch[S]],
        get_one: Callable[[str], Awaitable[S]],
        key: Callable[[S], str],
        policy: PollPolicy | None = None,
        page_size: int | None = None,
        hooks: ClientHooks | None = None,
    ) -> AsyncIterator[S]:
        """Every change of each operation until all are over, polled in batches like
        :meth:`wait_all`; failures are yielded, not raised."""
        return watch_all(
            ids,
            batch_poll=batch_poll,
            get_one=get_one,
            key=key,
            page_size=page_size,
            policy=policy or PollPolicy(),
            hooks=hooks,
            **self._reading(),
        )


class OperationSource(Protocol[H_co]):
    """Where handles come from: a vendor's ``operations`` resource."""

    async def get(self, operation_id: str) -> H_co: ...

    def watch(
        self, operation_id: str, *, poll: PollPolicy | None = None
    ) -> AsyncIterator[H_co]: ...

    async def wait(self, operation_id: str, *, poll: PollPolicy | None = None) -> H_co: ...


class OperationHandle(Generic[H]):
    """Base of a vendor's operation snapshot, ``class Operation(OperationHandle["Operation"])``.

    Subclasses provide four public members: ``id``, ``done``, ``failed`` and ``source``,
    the :class:`OperationSource` the snapshot came from (an attribute or a property), which
    :meth:`refresh`, :meth:`watch` and :meth:`wait` call. They may also provide
    ``cancelled``, ``expired`` and ``error_message``: the facts that tell unsuccessful ends
    apart (see :class:`OperationRules`).
    """

    __slots__ = ()

    @property
    def source(self) -> OperationSource[H]:
        """Where this snapshot came from: the vendor's ``operations`` resource."""
        raise NotImplementedError

    @property
    def id(self) -> str:
        raise NotImplementedError

    @property
    def done(self) -> bool:
        """The operation is over, successfully or not."""
        raise NotImplementedError

    @property
    def failed(self) -> bool:
        raise NotImplementedError

    @property
    def cancelled(self) -> bool:
        """The operation ended cancelled (False unless a subclass reads it); a wait then
        raises :class:`~awaitops.errors.OperationCancelledError`."""
        return False

    @property
    def expired(self) -> bool:
        """The operation expired on the server (False unless a subclass reads it); a wait
        then raises :class:`~awaitops.errors.OperationExpiredError`."""
        return False

    @property
    def error_message(self) -> str | None:
        """The server's reason for a failure (None unless a subclass reads one)."""
        return None

    async def refresh(self) -> H:
        """The operation's current state, as a new snapshot."""
        return await self.source.get(self.id)

    def watch(self, poll: PollPolicy | None = None) -> AsyncIterator[H]:
        """Each change from this snapshot until the operation ends: this state is not
        yielded again (nothing is, if the operation is over). A failure raises
        OperationFailedError after its state is yielded."""
        # Any source will do (it need not take ``since``): the held state is dropped here.
        return _changes_from(self, self.source.watch(self.id, poll=poll))

    async def wait(self, poll: PollPolicy | None = None) -> H:
        """The final state (at once if this snapshot is already a success);
        OperationFailedError if it failed."""
        if self.done and not (self.failed or self.cancelled or self.expired):
            # H is the subclass itself, as the class statement declares.
            return cast(H, self)
        return await self.source.wait(self.id, poll=poll)


async def _changes_from(held: Any, snapshots: AsyncIterator[H]) -> AsyncGenerator[H, None]:
    """``snapshots`` without a first one equal to ``held``; closed when this is."""
    first = True
    try:
        async for snapshot in snapshots:
            if not (first and snapshot == held):
                yield snapshot
            first = False
    finally:
        close = getattr(snapshots, "aclose", None)
        if close is not None:
            await close()


class OperationsResource(Generic[H]):
    """Base of a vendor's ``operations`` resource: it states ``get`` and ``list``, the rest
    follows from the handles' ``done``, ``failed`` and ``error_message``.

    Class facts: ``handle``, the handle class (``handle(raw, resource)``); ``rules``, an
    :class:`OperationRules` stating progress and how operations end (by default read off
    the handles); ``batch_size``, the largest list page, which :meth:`wait_all` reads.
    Instances provide ``hooks``, which hear of every poll.

    ``progress = "attribute"`` as a class fact is deprecated (it warns once, as the class
    is made): write ``rules = OperationRules(progress="attribute")``.
    """

    progress: ClassVar[str | None] = None
    batch_size: ClassVar[int | None] = None
    rules: ClassVar[OperationRules[Any]] = OperationRules()
    #: The handle class, built from one answer's JSON and this resource.
    handle: ClassVar[type[Any]]
    hooks: ClientHooks

    def _wrap(self, raw: Any) -> H:
        wrapped: H = self.handle(raw, self)
        return wrapped

    def _wrap_page(self, raw_items: list[Any]) -> list[H]:
        """:meth:`_wrap` of each item of a list page, by the handle's page reader when it
        has one (a snapshot class's) and ``_wrap`` is this one."""
        read = getattr(self.handle, "_read_page", None)
        overridden = type(self)._wrap is not OperationsResource._wrap
        if read is None or overridden or len(getattr(self.handle, "_init_extra", ())) != 1:
            return [self._wrap(raw) for raw in raw_items]
        wrapped: list[H] = read(raw_items, self)
        return wrapped

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        progress = vars(cls).get("progress")
        if progress is not None:
            warnings.warn(
                f"{cls.__name__}.progress is deprecated: state it as "
                f"rules = OperationRules(progress={progress!r})",
                DeprecationWarning,
                stacklevel=2,
            )
            cls.rules = attrs.evolve(cls.rules, progress=progress)

    async def get(self, operation_id: str) -> H:
        raise NotImplementedError

    def list(self, *, page_size: int | None = None) -> AsyncPager[H]:
        raise NotImplementedError

    def watch(
        self, operation_id: str, *, poll: PollPolicy | None = None, since: H | None = None
    ) -> AsyncIterator[H]:
        """Yield the operation each time it changes, until it ends.

        The first yield is its current state, unless that equals ``since`` (a snapshot you
        hold, such as the one ``upload`` returned): then only changes from it are yielded.
        Raises OperationFailedError after yielding the failed state if it fails, and
        WaitTimeoutError when ``poll.timeout`` runs out.
        """
        check_identifier(operation_id, "operation_id")
        return self.rules.watch(partial(self.get, operation_id), poll, self.hooks, since)

    async def wait(self, operation_id: str, *, poll: PollPolicy | None = None) -> H:
        """The operation's final state; OperationFailedError (server message kept) if it
        failed."""
        check_identifier(operation_id, "operation_id")
        final: H = await self.rules.wait(partial(self.get, operation_id), poll, self.hooks)
        return final

    def wait_all(
        self,
        operation_ids: Iterable[str],
        *,
        poll: PollPolicy | None = None,
        raise_on_failure: bool = False,
    ) -> AsyncIterator[H]:
        """Yield each operation as it ends, failed ones included (check ``.failed``).

        Each round reads the list endpoint (at most one page per ``batch_size`` ids) instead
        of getting every operation; ids the list does not show are fetched one by one, each
        no more often than its own ``wait`` would. An unknown id raises NotFoundError once
        every operation already seen finished has been yielded.
        """
        if isinstance(operation_ids, str | bytes):
            # Iterated, a string would be waited for character by character.
            raise TypeError(
                "operation_ids must be an iterable of operation ids, not a single "
                f"{type(operation_ids).__name__}: wrap one id in a list"
            )
        ids = [check_identifier(op_id, "operation_ids[]") for op_id in operation_ids]
        return self.rules.wait_all(
            ids,
            batch_poll=self._pages,
            get_one=self.get,
            key=lambda op: op.id,
            policy=poll,
            raise_on_failure=raise_on_failure,
            page_size=self.batch_size,
            hooks=self.hooks,
        )

    def watch_all(
        self, operation_ids: Iterable[str], *, poll: PollPolicy | None = None
    ) -> AsyncIterator[H]:
        """Yield every change of these operations until all are over: each one's state as
        first seen, its progress, then its final state (its last yield).

        Batched like :meth:`wait_all` (one list read serves every operation it shows), so
        a progress display for many operations costs about what waiting for them does,
        not one ``watch`` each. A failed operation is yielded like any other change (check
        ``.failed``) and the stream goes on; it ends when every operation is over. An
        unknown id raises NotFoundError once every change already seen has been yielded;
        ``poll.timeout`` raises WaitTimeoutError the same way.
        """
        ids = [check_identifier(op_id, "operation_ids[]") for op_id in operation_ids]
        return self.rules.watch_all(
            ids,
            batch_poll=self._pages,
            get_one=self.get,
            key=lambda op: op.id,
            policy=poll,
            page_size=self.batch_size,
            hooks=self.hooks,
        )

    def _pages(self) -> AsyncIterator[Sequence[H]]:
        """One list read, page by page, for a round of :meth:`wait_all` or :meth:`watch_all`."""
        return (page.items async for page in self.list(page_size=self.batch_size).pages())
