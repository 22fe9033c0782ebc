"""The Operation handle: a snapshot of one file operation that can follow itself to the end."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
from awaitops_generated.pinecone_assistant_data.api.manage_assistants import describe_operation
from awaitops_generated.pinecone_assistant_data.models import OperationModel
from awaitops_generated.pinecone_assistant_data.types import UNSET, Unset

from awaitops.core import OperationHandle, OperationSource, parse_model

from ._checks import require_text
from ._facts import OPERATION_FAILED, OPERATION_TERMINAL_STATUSES
from ._snapshot import ModelSnapshot


def _present(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


def operation_model(raw: Any) -> OperationModel:
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


def operation_from(response: httpx.Response, source: OperationSource[Operation]) -> Operation:
    """The operation a state-changing call answered with, bound to ``source``."""
    return Operation(parse_model(response, operation_model), operations=source)


class Operation(ModelSnapshot[OperationModel], OperationHandle["Operation"]):
    """One operation as the server last reported it: a read-only snapshot.

    Fields the server leaves out read as None. ``model`` is the generated model, with any
    field this SDK does not know yet in ``model.additional_properties``. Unknown ``status``
    values are kept as they came and count as still running.
    """

    __slots__ = ("source",)
    source: OperationSource[Operation]

    def __init__(self, model: OperationModel, operations: OperationSource[Operation]) -> None:
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
        return self.model.status in OPERATION_TERMINAL_STATUSES

    @property
    def failed(self) -> bool:
        return self.model.status == OPERATION_FAILED
