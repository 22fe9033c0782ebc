"""How Pinecone finds an upload again after a lost answer: a random marker in its metadata."""

from __future__ import annotations

import uuid
from typing import Any, Final

#: The metadata key under which an upload or upsert carries a random marker, so that after a
#: lost answer the file can be found again and told apart from every other file.
UPLOAD_MARKER_KEY: Final = "awaitops_upload_id"


def new_marker() -> str:
    # 122 random bits: no two uploads, by anyone, draw the same one.
    return uuid.uuid4().hex


def marked(metadata: dict[str, Any] | None, marker: str | None) -> dict[str, Any] | None:
    """``metadata`` with the marker added (or as is, without a marker)."""
    if marker is None:
        return metadata
    if metadata is not None and UPLOAD_MARKER_KEY in metadata:
        raise ValueError(
            f"metadata key {UPLOAD_MARKER_KEY!r} is reserved for the upload marker; "
            "pass marker=False to send your own"
        )
    return {**(metadata or {}), UPLOAD_MARKER_KEY: marker}
