"""Chainloop async operations: list, get, watch, wait."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Any, Final, Unpack

from chainloop_platform.api.async_operations_service import (
    async_operations_service_get_operation as get_operation,
)
from chainloop_platform.api.async_operations_service import (
    async_operations_service_list_operations as list_operations,
)
from chainloop_platform.models import AsyncOperation, GetOperationResponse
from chainloop_platform.types import UNSET

from awaitops import (
    AsyncApiClient,
    AsyncPager,
    PageNumberPagination,
    PollPolicy,
    RequestOptions,
    check_identifier,
    check_known,
    check_range,
    page_fetcher,
    parse_model,
    wait,
    watch,
)

COMPLETED: Final = "ASYNC_OPERATION_STATUS_COMPLETED"
FAILED: Final = "ASYNC_OPERATION_STATUS_FAILED"
STATUSES: Final = (
    "ASYNC_OPERATION_STATUS_UNSPECIFIED",
    "ASYNC_OPERATION_STATUS_PENDING",
    "ASYNC_OPERATION_STATUS_RUNNING",
    COMPLETED,
    FAILED,
)
MAX_PAGE_SIZE: Final = 100

# Pages are numbered however the server counts them: the pager reads the base it reports.
_PAGINATION = PageNumberPagination(items_path=("operations",))


def _is_terminal(op: AsyncOperation) -> bool:
    # UNSPECIFIED, and values this SDK does not know yet, mean "not finished".
    return op.status in (COMPLETED, FAILED)


def _is_failed(op: AsyncOperation) -> bool:
    return op.status == FAILED


def _failure_message(op: AsyncOperation) -> str:
    return op.error_message or f"operation {op.id} failed"


def _operation_of(raw: Any) -> AsyncOperation:
    envelope = GetOperationResponse.from_dict(raw)
    if not isinstance(envelope.operation, AsyncOperation):
        raise ValueError("answer has no 'operation' object")
    return envelope.operation


class Operations:
    """``cl.operations``."""

    def __init__(self, client: AsyncApiClient) -> None:
        self._client = client

    def list(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        resource: tuple[str, str] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        start_page: int | None = None,
        prefetch: int = 0,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AsyncOperation]:
        """Operations, optionally filtered; ``resource`` is ``(resource_type, resource_id)``."""
        check_known(status, "status", STATUSES)
        check_range(page_size, "page_size", 1, MAX_PAGE_SIZE)
        if kind is not None and not (isinstance(kind, str) and kind):
            raise ValueError(f"kind must be a non-empty string, got {kind!r}")
        resource_type: str | Any = UNSET
        resource_id: str | Any = UNSET
        if resource is not None:
            if not (isinstance(resource, tuple) and len(resource) == 2 and all(resource)):
                raise ValueError(
                    f"resource must be a (resource_type, resource_id) pair, got {resource!r}"
                )
            resource_type, resource_id = resource
        request = list_operations._get_kwargs(
            status=UNSET if status is None else status,
            kind=UNSET if kind is None else kind,
            resource_type=resource_type,
            resource_id=resource_id,
        )
        return AsyncPager(
            page_fetcher(partial(self._client.send, **options), request),
            _PAGINATION,
            AsyncOperation.from_dict,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            prefetch=prefetch,
        )

    async def get(self, operation_id: str, **options: Unpack[RequestOptions]) -> AsyncOperation:
        check_identifier(operation_id, "operation_id")
        response = await self._client.send(get_operation._get_kwargs(operation_id), **options)
        return parse_model(response, _operation_of)

    def watch(
        self, operation_id: str, *, poll: PollPolicy | None = None
    ) -> AsyncIterator[AsyncOperation]:
        """Each change until COMPLETED or FAILED (OperationFailedError after the failed state)."""
        check_identifier(operation_id, "operation_id")
        return watch(
            partial(self.get, operation_id),
            is_terminal=_is_terminal,
            is_failed=_is_failed,
            policy=poll or PollPolicy(),
            failure_message=_failure_message,
        )

    async def wait(self, operation_id: str, *, poll: PollPolicy | None = None) -> AsyncOperation:
        """The final state; OperationFailedError (server message kept) if it failed."""
        check_identifier(operation_id, "operation_id")
        return await wait(
            partial(self.get, operation_id),
            is_terminal=_is_terminal,
            is_failed=_is_failed,
            policy=poll or PollPolicy(),
            failure_message=_failure_message,
        )
