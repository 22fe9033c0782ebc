"""Pinecone Assistant 2026-04 and backup schedule history, on the awaitops core."""

from typing import TYPE_CHECKING, Any

from ._changes import UPLOAD_MARKER_KEY
from ._client import AssistantClient, Pinecone

if TYPE_CHECKING:
    from ._assistant import Assistant
    from ._operation import Operation

__all__ = ["UPLOAD_MARKER_KEY", "Assistant", "AssistantClient", "Operation", "Pinecone"]


def __getattr__(name: str) -> Any:
    # The snapshot classes load generated models: only when asked for.
    if name == "Assistant":
        from ._assistant import Assistant

        return Assistant
    if name == "Operation":
        from ._operation import Operation

        return Operation
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
