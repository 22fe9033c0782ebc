"""Pinecone Assistant 2026-04 and backup schedule history, on the awaitops core."""

from ._client import AssistantClient, Pinecone
from ._operation import Operation

__all__ = ["AssistantClient", "Operation", "Pinecone"]
