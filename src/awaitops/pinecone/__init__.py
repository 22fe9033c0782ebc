"""Pinecone Assistant 2026-04 and backup schedule history, on the awaitops core."""

import importlib
from typing import TYPE_CHECKING, Any

from ._changes import UPLOAD_MARKER_KEY
from ._client import AssistantClient, Pinecone

if TYPE_CHECKING:
    from ._assistant import Assistant, AssistantUpdate
    from ._backup import BackupHistoryEntry
    from ._file import AssistantFile
    from ._operation import Operation

__all__ = [
    "UPLOAD_MARKER_KEY",
    "Assistant",
    "AssistantClient",
    "AssistantFile",
    "AssistantUpdate",
    "BackupHistoryEntry",
    "Operation",
    "Pinecone",
]

# The snapshot classes load generated models: only when asked for.
_SNAPSHOTS = {
    "Assistant": "_assistant",
    "AssistantFile": "_file",
    "AssistantUpdate": "_assistant",
    "BackupHistoryEntry": "_backup",
    "Operation": "_operation",
}


def __getattr__(name: str) -> Any:
    if name in _SNAPSHOTS:
        module = importlib.import_module(f"{__name__}.{_SNAPSHOTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
