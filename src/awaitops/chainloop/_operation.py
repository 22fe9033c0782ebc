"""The Operation handle: one Chainloop async operation as last reported.

Chainloop answers in protobuf JSON, which leaves out fields holding their zero value, so the
generated model types every field as optional. This handle reads them the way the service
means them: a missing ``status`` is ``ASYNC_OPERATION_STATUS_UNSPECIFIED``, a missing or
empty text field is None.
"""

from __future__ import annotations

from awaitops_generated.chainloop_platform.models import AsyncOperation

from awaitops import OperationSnapshot, fields

from ._facts import COMPLETED, FAILED, UNSPECIFIED


class Operation(OperationSnapshot[AsyncOperation, "Operation"], model=AsyncOperation):
    """One Chainloop operation. ``model`` is the generated :class:`AsyncOperation`, with any
    field this SDK does not know yet in ``model.additional_properties``. A status this SDK
    does not know is kept as it came and counts as not finished."""

    __slots__ = ()

    # "" is proto3's zero value: absent and empty both mean "no value".
    id = fields.text(default="", empty_is_none=True)
    kind = fields.text(empty_is_none=True)
    status = fields.text(default=UNSPECIFIED, empty_is_none=True)
    resource_type = fields.text(empty_is_none=True)
    resource_id = fields.text(empty_is_none=True)
    project_id = fields.text(empty_is_none=True)
    project_version_id = fields.text(empty_is_none=True)
    output = fields.text(empty_is_none=True)
    error_message = fields.text(empty_is_none=True)
    created_at = fields.timestamp(nullable=False)
    started_at = fields.timestamp()
    finished_at = fields.timestamp()

    # The core's repr redacts credentials the server may have echoed into these.
    _repr_fields = ("id", "kind", "status", "error_message")

    @property
    def done(self) -> bool:
        """COMPLETED or FAILED."""
        return self.status in (COMPLETED, FAILED)

    @property
    def failed(self) -> bool:
        return self.status == FAILED
