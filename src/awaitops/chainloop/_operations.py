"""Chainloop async operations: list and get; watch, wait and wait_all follow from the core."""

from __future__ import annotations

from typing import Any, Unpack

from awaitops_generated.chainloop_platform.api.async_operations_service import (
    async_operations_service_get_operation as get_operation,
)
from awaitops_generated.chainloop_platform.api.async_operations_service import (
    async_operations_service_list_operations as list_operations,
)
from awaitops_generated.chainloop_platform.types import UNSET

from awaitops import (
    AsyncApiClient,
    AsyncPager,
    OperationsResource,
    PageListOptions,
    RequestOptions,
    check_identifier,
    check_known,
    parse_model,
)

from ._facts import OPERATIONS, STATUSES
from ._operation import Operation


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


def _operation_of(raw: Any) -> Any:
    operation = raw.get("operation") if isinstance(raw, dict) else None
    if not isinstance(operation, dict):
        raise ValueError("answer has no 'operation' object")
    return operation


class Operations(OperationsResource[Operation]):
    """``cl.operations``. An operation is over once COMPLETED or FAILED; UNSPECIFIED, and
    statuses this SDK does not know yet, mean "not finished"."""

    batch_size = OPERATIONS.max_page_size

    def __init__(self, client: AsyncApiClient) -> None:
        self._client = client
        self.hooks = client.hooks

    def _wrap(self, raw: Any) -> Operation:
        return Operation(raw, self)

    def list(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        resource: tuple[str, str] | None = None,
        **options: Unpack[PageListOptions],
    ) -> AsyncPager[Operation]:
        """Operations, newest first, optionally filtered.

        ``resource`` is ``(resource_type, resource_id)``: the API takes both or neither.
        Page numbers are whatever the server reports (from 0 or from 1); ``start_page``
        resumes from a pager's ``next_page``.
        """
        check_known(status, "status", STATUSES)
        if kind is not None and not (isinstance(kind, str) and kind):
            raise ValueError(f"kind must be a non-empty string, got {kind!r}")
        checked = _check_resource(resource)
        request = list_operations.request(
            status=UNSET if status is None else status,
            kind=UNSET if kind is None else kind,
            resource_type=UNSET if checked is None else checked[0],
            resource_id=UNSET if checked is None else checked[1],
        )
        return OPERATIONS.pager(self._client.send, request, self._wrap, **options)

    async def get(self, operation_id: str, **options: Unpack[RequestOptions]) -> Operation:
        check_identifier(operation_id, "operation_id")
        response = await self._client.send(get_operation.request(operation_id), **options)
        return parse_model(response, lambda raw: self._wrap(_operation_of(raw)))
