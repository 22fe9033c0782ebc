"""Operations started by file uploads, upserts and deletes: list, get, watch, wait."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from functools import partial
from typing import Any, Unpack

import httpx
from awaitops_generated.pinecone_assistant_data.api.manage_assistants import (
    describe_operation,
    list_operations,
)
from awaitops_generated.pinecone_assistant_data.models import OperationModel
from awaitops_generated.pinecone_assistant_data.types import UNSET

from awaitops.core import (
    AsyncPager,
    OperationRules,
    PollPolicy,
    RequestOptions,
    TokenPagination,
    check_identifier,
    check_known,
    check_range,
    page_fetcher,
    parse_model,
)

from ._checks import MAX_PAGE_SIZE, OPERATION_STATUSES, OPERATION_TYPES, require_text
from ._data import DataPlane
from ._operation import TERMINAL_STATUSES, Operation

# The spec makes the items list optional: an answer without it is an empty page.
_PAGINATION = TokenPagination(items_path=("operations",), allow_missing_items=True)


def _operation_model(raw: Any) -> OperationModel:
    model = describe_operation.parse(raw)
    # A quick exact-type test first: this runs for every listed operation.
    if not (type(model.id) is type(model.status) is type(model.operation_type) is str):
        require_text(model, "id", "operation_type", "status")
    percent = model.percent_complete
    if not (type(percent) is int and 0 <= percent <= 100) and percent not in (UNSET, None):
        _check_percent(percent)
    return model


def _check_percent(value: Any) -> None:
    # The generated model takes the value as it comes; the progress pacing reads it.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"percent_complete must be a number, got {type(value).__name__}")
    if not 0 <= value <= 100:  # NaN fails this too
        raise ValueError(f"percent_complete must be from 0 to 100, got {value!r}")


def _is_terminal(op: Operation) -> bool:
    return op.status in TERMINAL_STATUSES


def _is_failed(op: Operation) -> bool:
    return op.status == "Failed"


def _progress(op: Operation) -> float | None:
    return op.percent_complete


def _failure_message(op: Operation) -> str:
    return op.error_message or f"operation {op.id} failed"


_RULES = OperationRules(
    is_terminal=_is_terminal,
    is_failed=_is_failed,
    progress=_progress,
    failure_message=_failure_message,
)


class Operations:
    """``pc.assistant(name).operations``."""

    def __init__(self, data: DataPlane) -> None:
        self._data = data

    def _wrap(self, raw: Any) -> Operation:
        return Operation(_operation_model(raw), operations=self)

    def _from_response(self, response: httpx.Response) -> Operation:
        return Operation(parse_model(response, _operation_model), operations=self)

    def list(
        self,
        *,
        status: str | None = None,
        operation_type: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        start_token: str | None = None,
        prefetch: int = 0,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Operation]:
        """Operations of this assistant (kept 30 days), optionally filtered."""
        check_known(status, "status", OPERATION_STATUSES)
        check_known(operation_type, "operation_type", OPERATION_TYPES)
        check_range(page_size, "page_size", 1, MAX_PAGE_SIZE)
        request = list_operations.request(
            self._data.assistant_name,
            status=UNSET if status is None else status,
            operation_type=UNSET if operation_type is None else operation_type,
        )
        return AsyncPager(
            page_fetcher(partial(self._data.send, **options), request),
            _PAGINATION,
            self._wrap,
            page_size=page_size,
            max_items=max_items,
            start_token=start_token,
            prefetch=prefetch,
        )

    async def get(self, operation_id: str, **options: Unpack[RequestOptions]) -> Operation:
        check_identifier(operation_id, "operation_id")
        response = await self._data.send(
            partial(describe_operation.request, self._data.assistant_name, operation_id),
            **options,
        )
        return self._from_response(response)

    def watch(
        self, operation_id: str, *, poll: PollPolicy | None = None
    ) -> AsyncIterator[Operation]:
        """Yield the operation each time it changes, until it ends.

        Raises OperationFailedError (after yielding the failed state) if it fails, and
        WaitTimeoutError when ``poll.timeout`` runs out.
        """
        check_identifier(operation_id, "operation_id")
        return _RULES.watch(partial(self.get, operation_id), poll, self._data.hooks)

    async def wait(self, operation_id: str, *, poll: PollPolicy | None = None) -> Operation:
        """The operation's final state; OperationFailedError if it failed."""
        check_identifier(operation_id, "operation_id")
        return await _RULES.wait(partial(self.get, operation_id), poll, self._data.hooks)

    def wait_all(
        self,
        operation_ids: Iterable[str],
        *,
        poll: PollPolicy | None = None,
        raise_on_failure: bool = False,
    ) -> AsyncIterator[Operation]:
        """Yield each operation as it ends, failed ones included (check ``.failed``).

        Each round reads the list endpoint (at most one page per 100 ids) instead of getting
        every operation; ids the list does not show are fetched one by one, each no more
        often than its own ``wait`` would. An unknown id raises NotFoundError once every
        operation already seen finished has been yielded.
        """
        ids = [check_identifier(op_id, "operation_ids[]") for op_id in operation_ids]

        def batch_poll() -> AsyncIterator[Sequence[Operation]]:
            return (page.items async for page in self.list(page_size=MAX_PAGE_SIZE).pages())

        return _RULES.wait_all(
            ids,
            batch_poll=batch_poll,
            get_one=self.get,
            key=lambda op: op.id,
            policy=poll,
            raise_on_failure=raise_on_failure,
            page_size=MAX_PAGE_SIZE,
            hooks=self._data.hooks,
        )
