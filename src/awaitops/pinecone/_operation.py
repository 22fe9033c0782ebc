"""The Operation handle: a snapshot of one file operation that can follow itself to the end."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from awaitops_generated.pinecone_assistant_data.models import OperationModel
from awaitops_generated.pinecone_assistant_data.types import Unset

from awaitops.core import OperationHandle

from ._snapshot import ModelSnapshot

if TYPE_CHECKING:
    from ._operations import Operations

TERMINAL_STATUSES = frozenset({"Completed", "Failed"})


def _present(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


class Operation(ModelSnapshot[OperationModel], OperationHandle["Operation"]):
    """One operation as the server last reported it: a read-only snapshot.

    Fields the server leaves out read as None. ``model`` is the generated model, with any
    field this SDK does not know yet in ``model.additional_properties``. Unknown ``status``
    values are kept as they came and count as still running.
    """

    __slots__ = ("source",)
    source: Operations

    def __init__(self, model: OperationModel, operations: Operations) -> None:
        # Both slots set here rather than through super(): one is built per listed item.
        self._model = model
        self.source = operations

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={getattr(self, name)!r}"
            for name in ("id", "operation_type", "status", "percent_complete", "file_id")
        )
        error = f", error_message={self.error_message!r}" if self.error_message else ""
        return f"Operation({fields}{error})"

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def status(self) -> str:
        return self.model.status

    @property
    def operation_type(self) -> str:
        return self.model.operation_type

    @property
    def file_id(self) -> str | None:
        value: str | None = _present(self.model.file_id)
        return value

    @property
    def percent_complete(self) -> int | None:
        value: int | None = _present(self.model.percent_complete)
        return value

    @property
    def error_message(self) -> str | None:
        value: str | None = _present(self.model.error_message)
        return value

    @property
    def created_on(self) -> datetime.datetime:
        return self.model.created_on

    @property
    def completed_on(self) -> datetime.datetime | None:
        value: datetime.datetime | None = _present(self.model.completed_on)
        return value

    @property
    def ingestion_units(self) -> float | None:
        value: float | None = _present(self.model.ingestion_units)
        return value

    @property
    def done(self) -> bool:
        """Completed or Failed."""
        return self.model.status in TERMINAL_STATUSES

    @property
    def failed(self) -> bool:
        return self.model.status == "Failed"
