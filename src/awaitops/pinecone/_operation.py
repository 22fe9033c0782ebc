"""The Operation handle: a snapshot of one file operation that can follow itself to the end."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pinecone_assistant_data.models import OperationModel

from awaitops import fields
from awaitops.core import OperationHandle, Snapshot

if TYPE_CHECKING:
    from ._operations import Operations

TERMINAL_STATUSES = frozenset({"Completed", "Failed"})


def _check_percent(found: Any) -> None:
    # The progress pacing reads it; a quick exact-type test first (one per listed operation).
    if type(found) is int and 0 <= found <= 100:
        return
    if isinstance(found, bool) or not isinstance(found, int | float):
        raise TypeError(f"percent_complete must be a number, got {type(found).__name__}")
    if not 0 <= found <= 100:  # NaN fails this too
        raise ValueError(f"percent_complete must be from 0 to 100, got {found!r}")


class Operation(Snapshot[OperationModel], OperationHandle["Operation"], model=OperationModel):
    """One operation as the server last reported it: a read-only snapshot.

    Fields the server leaves out read as None. ``model`` is the generated model, with any
    field this SDK does not know yet in ``model.additional_properties``. Unknown ``status``
    values are kept as they came and count as still running.
    """

    __slots__ = ("source",)
    source: Operations

    id = fields.text(required=True)
    operation_type = fields.text(required=True)
    status = fields.text(required=True)
    created_on = fields.timestamp(required=True)
    file_id = fields.text()
    percent_complete = fields.value(int, check=_check_percent)
    error_message = fields.text()
    completed_on = fields.timestamp()
    ingestion_units = fields.value(float)

    def __init__(self, data: Mapping[str, Any] | OperationModel, operations: Operations) -> None:
        Snapshot.__init__(self, data)  # not super(): one is built per listed item
        self.source = operations

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}"
            for name in ("id", "operation_type", "status", "percent_complete", "file_id")
        )
        error = f", error_message={self.error_message!r}" if self.error_message else ""
        return f"Operation({shown}{error})"

    @property
    def done(self) -> bool:
        """Completed or Failed."""
        return self.status in TERMINAL_STATUSES

    @property
    def failed(self) -> bool:
        return self.status == "Failed"
