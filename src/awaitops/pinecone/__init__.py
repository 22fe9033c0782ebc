"""Pinecone Assistant 2026-04 and backup schedule history, on the awaitops core."""

from typing import TYPE_CHECKING

from awaitops.core import lazy_exports

from ._client import AssistantClient, Pinecone

if TYPE_CHECKING:
    from ._assistant import Assistant, AssistantUpdate
    from ._assistants import Assistants
    from ._backup import BackupHistoryEntry
    from ._backups import BackupSchedules
    from ._changes import UPLOAD_MARKER_KEY
    from ._file import AssistantFile
    from ._files import Files
    from ._operation import Operation
    from ._operations import Operations

__all__ = [
    "UPLOAD_MARKER_KEY",
    "Assistant",
    "AssistantClient",
    "AssistantFile",
    "AssistantUpdate",
    "Assistants",
    "BackupHistoryEntry",
    "BackupSchedules",
    "Files",
    "Operation",
    "Operations",
    "Pinecone",
]

# Loaded when asked for (or when a client is built): the snapshot classes load generated
# models, the marker's module loads uuid and the reconciling glue.
_LAZY = {
    "Assistant": "._assistant",
    "AssistantFile": "._file",
    "AssistantUpdate": "._assistant",
    "Assistants": "._assistants",
    "BackupHistoryEntry": "._backup",
    "BackupSchedules": "._backups",
    "Files": "._files",
    "Operation": "._operation",
    "Operations": "._operations",
    "UPLOAD_MARKER_KEY": "._changes",
}

__getattr__ = lazy_exports(__name__, _LAZY)


def __dir__() -> list[str]:
    # The lazy names too, so that REPLs and IDEs list the whole API.
    return sorted({*globals(), *__all__})
