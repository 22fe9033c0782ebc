"""Files of one assistant. Uploads, upserts and deletes start operations."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO, Unpack

from pinecone_assistant_data.api.manage_assistants import (
    delete_file,
    describe_file,
    list_files,
    upload_file,
    upsert_file,
)
from pinecone_assistant_data.models import AssistantFileModel, FileData, FileDataMetadataType0
from pinecone_assistant_data.types import UNSET, File, Unset

from awaitops.core import (
    AsyncPager,
    RequestOptions,
    TokenPagination,
    check_identifier,
    check_range,
    page_fetcher,
    parse_model,
)

from ._checks import MAX_PAGE_SIZE, check_file_id, check_metadata
from ._data import DataPlane
from ._operation import Operation
from ._operations import Operations

FileSource = str | os.PathLike[str] | bytes | BinaryIO
"""A path, the bytes themselves, or a binary file object (read in chunks, never whole)."""

# The spec makes the items list optional: an answer without it is an empty page.
_PAGINATION = TokenPagination(items_path=("files",), allow_missing_items=True)


@contextmanager
def _opened(source: FileSource, file_name: str | None) -> Iterator[tuple[BinaryIO | bytes, str]]:
    """The payload to stream and the name to send; a path is opened here and closed after."""
    if isinstance(source, bytes | bytearray):
        if not file_name:
            raise ValueError("file_name is required when uploading bytes")
        yield bytes(source), file_name
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"source is not a readable file: {str(path)!r}")
        with path.open("rb") as stream:
            yield stream, file_name or path.name
    elif hasattr(source, "read"):
        name = file_name or os.path.basename(str(getattr(source, "name", "") or ""))
        if not name:
            raise ValueError("file_name is required for a file object without a name")
        yield source, name
    else:
        raise ValueError(f"source must be a path, bytes or a binary file object, got {source!r}")


def _body(payload: BinaryIO | bytes, file_name: str, metadata: dict[str, Any] | None) -> FileData:
    # Bytes are wrapped afresh for every send; httpx rewinds file objects itself.
    stream = BytesIO(payload) if isinstance(payload, bytes) else payload
    return FileData(
        file=File(payload=stream, file_name=file_name),
        metadata=UNSET if metadata is None else FileDataMetadataType0.from_dict(metadata),
    )


def _multimodal(value: bool | None) -> str | Unset:
    return UNSET if value is None else ("true" if value else "false")


class Files:
    """``pc.assistant(name).files``."""

    def __init__(self, data: DataPlane, operations: Operations) -> None:
        self._data = data
        self._operations = operations

    async def upload(
        self,
        source: FileSource,
        *,
        file_name: str | None = None,
        metadata: dict[str, Any] | None = None,
        multimodal: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> Operation:
        """Upload a new file; returns the operation that processes it.

        A POST mints a new file, so it is never re-sent after a failure that may have
        reached the server (only after one that certainly did not, or a 429).
        """
        check_metadata(metadata)
        with _opened(source, file_name) as (payload, name):
            response = await self._data.send(
                lambda: upload_file._get_kwargs(
                    self._data.assistant_name,
                    body=_body(payload, name, metadata),
                    multimodal=_multimodal(multimodal),
                ),
                idempotent=False,
                **options,
            )
        return self._operations._from_response(response)

    async def upsert(
        self,
        file_id: str,
        source: FileSource,
        *,
        file_name: str | None = None,
        metadata: dict[str, Any] | None = None,
        multimodal: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> Operation:
        """Create or replace the file ``file_id``; returns the operation that processes it."""
        check_file_id(file_id)
        check_metadata(metadata)
        with _opened(source, file_name) as (payload, name):
            response = await self._data.send(
                lambda: upsert_file._get_kwargs(
                    self._data.assistant_name,
                    file_id,
                    body=_body(payload, name, metadata),
                    multimodal=_multimodal(multimodal),
                ),
                **options,
            )
        return self._operations._from_response(response)

    async def delete(self, file_id: str, **options: Unpack[RequestOptions]) -> Operation | None:
        """Delete a file: the deleting operation, or None when the server answers 204
        (the file had failed processing and is simply gone)."""
        check_identifier(file_id, "file_id")
        response = await self._data.send(
            partial(delete_file._get_kwargs, self._data.assistant_name, file_id), **options
        )
        if response.status_code == 204:
            return None
        return self._operations._from_response(response)

    async def get(self, file_id: str, **options: Unpack[RequestOptions]) -> AssistantFileModel:
        check_identifier(file_id, "file_id")
        response = await self._data.send(
            partial(describe_file._get_kwargs, self._data.assistant_name, file_id), **options
        )
        return parse_model(response, AssistantFileModel.from_dict)

    def list(
        self,
        *,
        filter: Mapping[str, Any] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        start_token: str | None = None,
        prefetch: int = 0,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AssistantFileModel]:
        """The assistant's files, optionally filtered by metadata (sent as JSON)."""
        check_range(page_size, "page_size", 1, MAX_PAGE_SIZE)
        if filter is not None and not isinstance(filter, Mapping):
            raise ValueError(f"filter must be a mapping, got {type(filter).__name__}")
        request = list_files._get_kwargs(
            self._data.assistant_name,
            filter_=UNSET if filter is None else json.dumps(dict(filter), separators=(",", ":")),
        )
        return AsyncPager(
            page_fetcher(partial(self._data.send, **options), request),
            _PAGINATION,
            AssistantFileModel.from_dict,
            page_size=page_size,
            max_items=max_items,
            start_token=start_token,
            prefetch=prefetch,
        )
