"""The Operation handle: a snapshot of one file operation that can follow itself to the end."""

from __future__ import annotations

from typing import Any

import httpx
from awaitops_generated.pinecone_assistant_data.models import OperationModel

from awaitops import fields
from awaitops._redaction import redact
from awaitops.core import OperationSnapshot, OperationSource, parse_model

from ._facts import OPERATION_FAILED, OPERATION_TERMINAL_STATUSES


def operation_from(response: httpx.Response, source: OperationSource[Operation]) -> Operation:
    """The operation a state-changing call answered with, bound to ``source``."""

    def snapshot(raw: Any) -> Operation:
        return Operation(raw, source)

    return parse_model(response, snapshot)


class Operation(OperationSnapshot[OperationModel, "Operation"], model=OperationModel):
    """One operation as the server last reported it: a read-only snapshot.

    Only ``id`` and ``status`` are sure to be there (an upsert answers with little more):
    fields the server leaves out, or sends as null, read as None. ``model`` is the generated
    model, with any field this SDK does not know yet in ``model.additional_properties``.
    Unknown ``status`` values are kept as they came and count as still running.

    ``error_message`` is the server's reason while the operation is ``Failed``, else None:
    the service never clears it, so an operation retried after a failure still carries the
    old text while ``Processing`` and after it ``Completed``. What the server sent stays in
    :meth:`to_dict` and ``model``.
    """

    __slots__ = ()

    id = fields.text(required=True)
    operation_type = fields.text()
    status = fields.text(required=True)
    created_on = fields.timestamp(checked=True)
    file_id = fields.text()
    percent_complete = fields.value(int, minimum=0, maximum=100)
    completed_on = fields.timestamp()
    ingestion_units = fields.value(float)

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}"
            for name in ("id", "operation_type", "status", "percent_complete", "file_id")
        )
        error = f", error_message={self.error_message!r}" if self.error_message else ""
        # The server's text may echo a credential; errors quote snapshots through repr.
        text: str = redact(f"Operation({shown}{error})")
        return text

    @property
    def error_message(self) -> str | None:
        """Why the operation failed: the server's text while it is Failed, else None."""
        if not self.failed:
            return None
        message = self._raw.get("error_message")
        return message if isinstance(message, str) else None

    @property
    def done(self) -> bool:
        """Completed or Failed."""
        return self.status in OPERATION_TERMINAL_STATUSES

    @property
    def failed(self) -> bool:
        return self.status == OPERATION_FAILED
