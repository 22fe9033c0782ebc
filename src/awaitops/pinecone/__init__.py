"""Pinecone Assistant 2026-04 and backup schedule history, on the awaitops core."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._client import AssistantClient, Pinecone

if TYPE_CHECKING:
    from ._assistant import Assistant
    from ._changes import UPLOAD_MARKER_KEY
    from ._operation import Operation

__all__ = ["UPLOAD_MARKER_KEY", "Assistant", "AssistantClient", "Operation", "Pinecone"]

# Loaded when asked for (or when a client is built): the snapshot classes load generated
# models, the marker's module loads uuid and the reconciling glue.
_LAZY = {"Assistant": "._assistant", "Operation": "._operation", "UPLOAD_MARKER_KEY": "._changes"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
