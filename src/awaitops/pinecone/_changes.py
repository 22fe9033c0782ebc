"""How Pinecone's state-changing calls run: sent without blind re-sends, then reconciled."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Final, TypeVar

from awaitops.core import AsyncApiClient, NotApplied, RequestOptions, reconcile
from awaitops.errors import ApiError, AwaitopsError

T = TypeVar("T")

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


def split_options(options: RequestOptions) -> tuple[RequestOptions, RequestOptions]:
    """The options for the change itself (no blind re-send unless the caller says it is
    safe) and for the lookups (reads, retried as reads)."""
    change: RequestOptions = {**options, "idempotent": bool(options.get("idempotent"))}
    lookup: RequestOptions = {**options}
    lookup.pop("idempotent", None)
    return change, lookup


async def reconciled(
    client: AsyncApiClient,
    send: Callable[[], Awaitable[T]],
    lookup: Callable[[AwaitopsError], Awaitable[T | NotApplied]],
    options: RequestOptions,
    *,
    name: str,
    conflicts: tuple[type[ApiError], ...] = (),
    resendable: bool = True,
) -> T:
    """:func:`awaitops.reconcile` with ``client``'s retry policy, deadline and stats."""
    return await reconcile(
        send,
        lookup,
        retry=client.retry,
        max_retries=options.get("max_retries") if resendable else 0,
        conflicts=conflicts,
        deadline=options.get("deadline", client.deadline),
        stats=client.stats,
        budget=client.spend_retry,
        name=name,
    )
