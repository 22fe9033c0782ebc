"""The Operation handle: one Chainloop async operation as last reported.

Chainloop answers in protobuf JSON, which leaves out fields holding their zero value, so the
generated model types every field as optional. This handle reads them the way the service
means them: a missing ``status`` is ``ASYNC_OPERATION_STATUS_UNSPECIFIED``, a missing text
field is None, and nothing of the generated ``Unset`` reaches the caller.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
from awaitops_generated.chainloop_platform.models import AsyncOperation

from awaitops import OperationHandle, OperationSource

from ._facts import COMPLETED, FAILED, UNSPECIFIED


def _text(value: Any) -> str | None:
    # Unset (left out) and "" (proto3's zero value) both mean "no value".
    return value if isinstance(value, str) and value else None


def _time(value: Any) -> datetime.datetime | None:
    return value if isinstance(value, datetime.datetime) else None


@attrs.frozen(repr=False)
class Operation(OperationHandle["Operation"]):
    """One Chainloop operation. ``model`` is the generated :class:`AsyncOperation`, with any
    field this SDK does not know yet in ``model.additional_properties``. A status this SDK
    does not know is kept as it came and counts as not finished."""

    model: AsyncOperation
    source: OperationSource[Operation] = attrs.field(eq=False, alias="operations")

    def __repr__(self) -> str:
        error = f", error_message={self.error_message!r}" if self.error_message else ""
        return f"Operation(id={self.id!r}, kind={self.kind!r}, status={self.status!r}{error})"

    @property
    def id(self) -> str:
        return _text(self.model.id) or ""

    @property
    def kind(self) -> str | None:
        return _text(self.model.kind)

    @property
    def status(self) -> str:
        return _text(self.model.status) or UNSPECIFIED

    @property
    def resource_type(self) -> str | None:
        return _text(self.model.resource_type)

    @property
    def resource_id(self) -> str | None:
        return _text(self.model.resource_id)

    @property
    def project_id(self) -> str | None:
        return _text(self.model.project_id)

    @property
    def project_version_id(self) -> str | None:
        return _text(self.model.project_version_id)

    @property
    def output(self) -> str | None:
        return _text(self.model.output)

    @property
    def error_message(self) -> str | None:
        return _text(self.model.error_message)

    @property
    def created_at(self) -> datetime.datetime | None:
        return _time(self.model.created_at)

    @property
    def started_at(self) -> datetime.datetime | None:
        return _time(self.model.started_at)

    @property
    def finished_at(self) -> datetime.datetime | None:
        return _time(self.model.finished_at)

    @property
    def done(self) -> bool:
        """COMPLETED or FAILED."""
        return self.status in (COMPLETED, FAILED)

    @property
    def failed(self) -> bool:
        return self.status == FAILED
