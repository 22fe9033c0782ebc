"""Following one vendor's kind of long-running operation, stated once.

A vendor knows how to fetch an operation by id and how to read a snapshot: when it is
over, whether it failed, how far along it is, what went wrong. :class:`OperationRules` holds
the reading part and turns any ``poll`` coroutine into :func:`watch`, :func:`wait` or
:func:`wait_all`; :class:`OperationHandle` gives a snapshot ``refresh``, ``watch`` and
``wait`` of its own; :class:`OperationsResource` gives a vendor's ``operations`` resource
``watch``, ``wait`` and ``wait_all`` from its ``get`` and ``list``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from functools import partial
from operator import attrgetter
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast

import attrs

from ._hooks import ClientHooks
from ._pagination import AsyncPager
from ._policies import PollPolicy
from ._validation import check_identifier
from ._watch import Batch, wait, wait_all, watch

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


@attrs.frozen
class OperationRules(Generic[S]):
    """How to read snapshots of one kind of operation (see :func:`watch` for the pacing).

    ``progress`` returns how far along a snapshot is as a percentage from 0 to 100 (None
    when unknown); an API reporting a fraction from 0 to 1 is read as ``fraction * 100``.
    ``failure_message`` returns the server's reason for a failed snapshot. Left out, the
    predicates and the message are read from an :class:`OperationHandle`: its ``done``,
    ``failed`` and ``error_message``.
    """

    is_terminal: Callable[[S], bool] = _done
    is_failed: Callable[[S], bool] = _failed
    progress: Callable[[S], float | None] | None = None
    failure_message: Callable[[S], str | None] | None = _failure

    def _reading(self) -> dict[str, Any]:
        # The four readers, under the names watch, wait and wait_all take them by.
        return attrs.asdict(self, recurse=False)

    def watch(
        self,
        poll: Callable[[], Awaitable[S]],
        policy: PollPolicy | None = None,
        hooks: ClientHooks | None = None,
    ) -> AsyncIterator[S]:
        """Each changed snapshot until the operation ends; ``hooks`` hear of each poll."""
        return watch(poll, policy=policy or PollPolicy(), hooks=hooks, **self._reading())

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
    :meth:`refresh`, :meth:`watch` and :meth:`wait` call.
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
    def error_message(self) -> str | None:
        """The server's reason for a failure (None unless a subclass reads one)."""
        return None

    async def refresh(self) -> H:
        """The operation's current state, as a new snapshot."""
        return await self.source.get(self.id)

    def watch(self, poll: PollPolicy | None = None) -> AsyncIterator[H]:
        """Each change until the operation ends."""
        return self.source.watch(self.id, poll=poll)

    async def wait(self, poll: PollPolicy | None = None) -> H:
        """The final state (at once if this snapshot is already a success);
        OperationFailedError if it failed."""
        if self.done and not self.failed:
            # H is the subclass itself, as the class statement declares.
            return cast(H, self)
        return await self.source.wait(self.id, poll=poll)


class OperationsResource(Generic[H]):
    """Base of a vendor's ``operations`` resource: it states ``get`` and ``list``, the rest
    follows from the handles' ``done``, ``failed`` and ``error_message``.

    Class facts: ``handle``, the handle class (``handle(raw, resource)``); ``progress``, the
    handle attribute holding how far along an operation is
    (0 to 100), when the API reports it; ``batch_size``, the largest list page, which
    :meth:`wait_all` reads. Instances provide ``hooks``, which hear of every poll.
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

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.progress is not None:
            cls.rules = OperationRules(progress=attrgetter(cls.progress))

    async def get(self, operation_id: str) -> H:
        raise NotImplementedError

    def list(self, *, page_size: int | None = None) -> AsyncPager[H]:
        raise NotImplementedError

    def watch(self, operation_id: str, *, poll: PollPolicy | None = None) -> AsyncIterator[H]:
        """Yield the operation each time it changes, until it ends.

        Raises OperationFailedError (after yielding the failed state) if it fails, and
        WaitTimeoutError when ``poll.timeout`` runs out.
        """
        check_identifier(operation_id, "operation_id")
        return self.rules.watch(partial(self.get, operation_id), poll, self.hooks)

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
        ids = [check_identifier(op_id, "operation_ids[]") for op_id in operation_ids]

        def batch_poll() -> AsyncIterator[Sequence[H]]:
            return (page.items async for page in self.list(page_size=self.batch_size).pages())

        return self.rules.wait_all(
            ids,
            batch_poll=batch_poll,
            get_one=self.get,
            key=lambda op: op.id,
            policy=poll,
            raise_on_failure=raise_on_failure,
            page_size=self.batch_size,
            hooks=self.hooks,
        )
