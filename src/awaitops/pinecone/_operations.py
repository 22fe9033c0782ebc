"""Operations started by file uploads, upserts and deletes: list and get; watch, wait and
wait_all follow from the core."""

from __future__ import annotations

from functools import partial
from typing import Unpack

from awaitops_generated.pinecone_assistant_data.api.manage_assistants import (
    describe_operation,
    list_operations,
)
from awaitops_generated.pinecone_assistant_data.types import UNSET

from awaitops.core import (
    AsyncPager,
    OperationRules,
    OperationsResource,
    RequestOptions,
    TokenListOptions,
    check_choice,
    check_identifier,
)

from ._data import DataPlane
from ._facts import OPERATION_PROGRESS, OPERATION_STATUSES, OPERATION_TYPES, OPERATIONS
from ._operation import Operation, operation_from


class Operations(OperationsResource[Operation]):
    """``pc.assistant(name).operations``. Unknown statuses count as still running."""

    handle = Operation
    rules = OperationRules(progress=OPERATION_PROGRESS)
    batch_size = OPERATIONS.max_page_size

    def __init__(self, data: DataPlane) -> None:
        self._data = data
        self.hooks = data.hooks

    def list(
        self,
        *,
        status: str | None = None,
        operation_type: str | None = None,
        **options: Unpack[TokenListOptions],
    ) -> AsyncPager[Operation]:
        """Operations of this assistant (kept 30 days), optionally filtered.

        ``status`` and ``operation_type`` must be values the service knows, in its case
        (it answers 400 to any other): ValueError, listing them, before anything is sent.
        """
        check_choice(status, "status", OPERATION_STATUSES)
        check_choice(operation_type, "operation_type", OPERATION_TYPES)
        request = list_operations.request(
            self._data.assistant_name,
            status=UNSET if status is None else status,
            operation_type=UNSET if operation_type is None else operation_type,
        )
        return OPERATIONS.pager(self._data.send, request, self._wrap, **options)

    async def get(self, operation_id: str, **options: Unpack[RequestOptions]) -> Operation:
        check_identifier(operation_id, "operation_id")
        request = partial(describe_operation.request, self._data.assistant_name, operation_id)
        response = await self._data.send(request, **options)
        return operation_from(response, self)
