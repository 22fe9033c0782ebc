"""Chainloop async operations: list, get, watch, wait."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Any, Final, Unpack

from awaitops_generated.chainloop_platform.api.async_operations_service import (
    async_operations_service_get_operation as get_operation,
)
from awaitops_generated.chainloop_platform.api.async_operations_service import (
    async_operations_service_list_operations as list_operations,
)
from awaitops_generated.chainloop_platform.models import AsyncOperation
from awaitops_generated.chainloop_platform.types import UNSET

from awaitops import (
    AsyncApiClient,
    AsyncPager,
    OperationRules,
    PageNumberPagination,
    PollPolicy,
    RequestOptions,
    check_identifier,
    check_known,
    check_range,
    page_fetcher,
    parse_model,
)

from ._operation import STATUSES, Operation

MAX_PAGE_SIZE: Final = 100

# Pages are numbered however the server counts them: the pager reads the base it reports.
# protobuf JSON leaves an empty list out, so an answer without `operations` is an empty page.
_PAGINATION = PageNumberPagination(items_path=("operations",), allow_missing_items=True)


def _is_terminal(op: Operation) -> bool:
    # UNSPECIFIED, and values this SDK does not know yet, mean "not finished".
    return op.done


def _is_failed(op: Operation) -> bool:
    return op.failed


def _failure_message(op: Operation) -> str:
    return op.error_message or f"operation {op.id} failed"


_RULES = OperationRules(
    is_terminal=_is_terminal, is_failed=_is_failed, failure_message=_failure_message
)


def _operation_of(raw: Any) -> AsyncOperation:
    envelope = get_operation.parse(raw)
    if not isinstance(envelope.operation, AsyncOperation):
        raise ValueError("answer has no 'operation' object")
    return envelope.operation


def _check_resource(resource: tuple[str, str] | None) -> tuple[str, str] | None:
    if resource is None:
        return None
    if not (
        isinstance(resource, tuple)
        and len(resource) == 2
        and all(isinstance(part, str) and part for part in resource)
    ):
        raise ValueError(
            "resource must be a (resource_type, resource_id) pair of non-empty strings, "
            f"got {resource!r}"
        )
    return resource


class Operations:
    """``cl.operations``."""

    def __init__(self, client: AsyncApiClient) -> None:
        self._client = client

    def _wrap(self, raw: Any) -> Operation:
        return Operation(AsyncOperation.from_dict(raw), operations=self)

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
    ) -> AsyncPager[Operation]:
        """Operations, newest first, optionally filtered.

        ``resource`` is ``(resource_type, resource_id)``: the API takes both or neither.
        Page numbers are whatever the server reports (from 0 or from 1); ``start_page``
        resumes from a pager's ``next_page``.
        """
        check_known(status, "status", STATUSES)
        check_range(page_size, "page_size", 1, MAX_PAGE_SIZE)
        if kind is not None and not (isinstance(kind, str) and kind):
            raise ValueError(f"kind must be a non-empty string, got {kind!r}")
        checked = _check_resource(resource)
        request = list_operations.request(
            status=UNSET if status is None else status,
            kind=UNSET if kind is None else kind,
            resource_type=UNSET if checked is None else checked[0],
            resource_id=UNSET if checked is None else checked[1],
        )
        return AsyncPager(
            page_fetcher(partial(self._client.send, **options), request),
            _PAGINATION,
            self._wrap,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            prefetch=prefetch,
        )

    async def get(self, operation_id: str, **options: Unpack[RequestOptions]) -> Operation:
        check_identifier(operation_id, "operation_id")
        response = await self._client.send(get_operation.request(operation_id), **options)
        return Operation(parse_model(response, _operation_of), operations=self)

    def watch(
        self, operation_id: str, *, poll: PollPolicy | None = None
    ) -> AsyncIterator[Operation]:
        """Each change until COMPLETED or FAILED (OperationFailedError after the failed state)."""
        check_identifier(operation_id, "operation_id")
        return _RULES.watch(partial(self.get, operation_id), poll, self._client.hooks)

    async def wait(self, operation_id: str, *, poll: PollPolicy | None = None) -> Operation:
        """The final state; OperationFailedError (server message kept) if it failed."""
        check_identifier(operation_id, "operation_id")
        return await _RULES.wait(partial(self.get, operation_id), poll, self._client.hooks)
