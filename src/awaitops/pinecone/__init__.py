"""Pinecone Assistant 2026-04 and backup schedule history, on the awaitops core."""

from typing import TYPE_CHECKING

from awaitops.core import lazy_exports

from ._changes import UPLOAD_MARKER_KEY
from ._client import AssistantClient, Pinecone

if TYPE_CHECKING:
    from ._assistant import Assistant
    from ._operation import Operation

__all__ = ["UPLOAD_MARKER_KEY", "Assistant", "AssistantClient", "Operation", "Pinecone"]


# The snapshot classes load generated models: only when asked for.
__getattr__ = lazy_exports(__name__, {"Assistant": "._assistant", "Operation": "._operation"})
