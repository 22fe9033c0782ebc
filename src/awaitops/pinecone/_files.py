"""Files of one assistant. Uploads, upserts and deletes start operations."""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Unpack, cast, overload

import attrs
from awaitops_generated.pinecone_assistant_data.api.manage_assistants import (
    delete_file,
    describe_file,
    list_files,
    upload_file,
    upsert_file,
)
from awaitops_generated.pinecone_assistant_data.models import FileData, FileDataMetadataType0
from awaitops_generated.pinecone_assistant_data.types import UNSET, File, Request, Unset

from awaitops.core import (
    NOT_APPLIED,
    NOT_GIVEN,
    AsyncPager,
    DownloadProgress,
    FileBody,
    FileSource,
    NotApplied,
    RequestOptions,
    TokenListOptions,
    check_identifier,
    opened_file,
    parse_model,
    reconcile_call,
    split_change_options,
)
from awaitops.errors import (
    AwaitopsError,
    LinkExpiredError,
    NotFoundError,
    ResponseValidationError,
)

from ._changes import UPLOAD_MARKER_KEY, marked, new_marker
from ._checks import check_file_id, check_metadata
from ._data import DataPlane
from ._facts import FILES, MAX_PAGE_SIZE
from ._file import AssistantFile
from ._operation import Operation, operation_from
from ._operations import Operations

_DELETING = "Deleting"


def _body(body: FileBody, file_name: str, metadata: dict[str, Any] | None) -> FileData:
    # A fresh stream per send: bytes re-wrapped, a file rewound to where it started.
    return FileData(
        file=File(payload=body.stream(), file_name=file_name),
        metadata=UNSET if metadata is None else FileDataMetadataType0.from_dict(metadata),
    )


def _multimodal(value: bool | None) -> str | Unset:
    return UNSET if value is None else ("true" if value else "false")


class UploadOptions(RequestOptions, total=False):
    """What an upload or upsert takes besides the file: ``file_name`` (default: the path's
    or the file object's name; required for bytes), ``metadata``, ``multimodal`` and
    ``marker`` (default True), and the :class:`RequestOptions`."""

    file_name: str | None
    metadata: dict[str, Any] | None
    multimodal: bool | None
    marker: bool


@attrs.frozen
class _Source:
    """What an upload or upsert sends, as its caller gave it."""

    source: FileSource
    file_name: str | None
    metadata: dict[str, Any] | None
    multimodal: bool | None
    marker: bool

    @classmethod
    def split(cls, source: FileSource, options: UploadOptions) -> tuple[_Source, RequestOptions]:
        """The file to send, and the options of the request that sends it."""
        given: dict[str, Any] = dict(options)
        file = cls(
            source,
            given.pop("file_name", None),
            given.pop("metadata", None),
            given.pop("multimodal", None),
            given.pop("marker", True),
        )
        return file, cast("RequestOptions", given)


class Files:
    """``pc.assistant(name).files``."""

    def __init__(self, data: DataPlane, operations: Operations) -> None:
        self._data = data
        self._operations = operations

    async def upload(self, source: FileSource, **options: Unpack[UploadOptions]) -> Operation:
        """Upload a new file; returns the operation that processes it.

        The server assigns the file id and the API takes no idempotency key, so a POST is
        never re-sent blindly. Instead the upload carries a random marker in its metadata,
        under the key ``awaitops_upload_id`` (a UUID, drawn per call): after a lost answer
        (5xx, timeout, cut connection) the file is looked up by that marker, which no other
        file can carry. Found: its upload operation is returned, as a clean call would have.
        Absent: the upload is sent again. ``marker=False`` leaves the metadata as given;
        the call is then sent once and a lost answer raises (the file may exist).

        Limits: a gateway that answers before the backend has committed the file, or a
        listing that lags behind writes, can make the lookup miss a file that appears
        later; the re-sent upload then makes a second file with the same marker. The
        lookup pauses (the retry policy's backoff) before looking to make this unlikely.
        """

        async def find(tag: str, read: RequestOptions) -> AssistantFile | None:
            found = await self.list(filter={UPLOAD_MARKER_KEY: {"$eq": tag}}, **read).collect()
            return found[0] if found else None

        return await self._ingest(
            "upload_file",
            lambda data, mode: upload_file.request(
                self._data.assistant_name, body=data, multimodal=mode
            ),
            find,
            *_Source.split(source, options),
        )

    async def upsert(
        self, file_id: str, source: FileSource, **options: Unpack[UploadOptions]
    ) -> Operation:
        """Create or replace the file ``file_id``; returns the operation that processes it.

        Like :meth:`upload`, the file carries a random marker under the metadata key
        ``awaitops_upload_id``; after a lost answer the file is read back, and if it
        holds this call's marker the newest upsert operation of ``file_id`` is returned
        instead of processing the file twice. ``marker=False`` sends the metadata as given
        and re-sends the PUT after a lost answer (it replaces the same file; the content
        may be processed twice). The same limits as :meth:`upload` apply.
        """
        check_file_id(file_id)

        async def find(tag: str, read: RequestOptions) -> AssistantFile | None:
            file = await self._find(file_id, read)
            return file if file and (file.metadata or {}).get(UPLOAD_MARKER_KEY) == tag else None

        return await self._ingest(
            "upsert_file",
            lambda data, mode: upsert_file.request(
                self._data.assistant_name, file_id, body=data, multimodal=mode
            ),
            find,
            *_Source.split(source, options),
        )

    async def _ingest(
        self,
        kind: str,
        endpoint: Callable[[FileData, str | Unset], Request],
        find: Callable[[str, RequestOptions], Awaitable[AssistantFile | None]],
        source: _Source,
        options: RequestOptions,
    ) -> Operation:
        """Send a file (upload or upsert) and, after a lost answer, find it by its marker."""
        check_metadata(source.metadata)
        tag = new_marker() if source.marker else None
        sent = check_metadata(marked(source.metadata, tag))
        # Unmarked, the method decides: a POST is sent once, a PUT re-sent.
        change, read = split_change_options(options) if tag is not None else (options, options)
        with opened_file(source.source, source.file_name) as (body, name):

            async def send() -> Operation:
                response = await self._data.send(
                    lambda: endpoint(_body(body, name, sent), _multimodal(source.multimodal)),
                    **change,
                )
                return operation_from(response, self._operations)

            if tag is None:
                return await send()
            ours: str = tag

            async def lookup(error: AwaitopsError) -> Operation | NotApplied:
                file = await find(ours, read)
                if file is None:
                    return NOT_APPLIED
                op = (await self._operations_of(file.id, read, kind)).get(kind)
                if op is None:
                    # Looked up again after a pause (the listing may lag); never taken for
                    # "not applied", which would re-send a file that exists.
                    raise ResponseValidationError(
                        f"file {file.id} exists but no {kind} operation lists it", body=""
                    )
                return op

            return await reconcile_call(
                await self._data.client(),
                send,
                lookup,
                options,
                name=f"files.{kind.removesuffix('_file')}",
                resendable=body.resendable,
            )

    async def delete(self, file_id: str, **options: Unpack[RequestOptions]) -> Operation | None:
        """Delete a file: the deleting operation, or None when the server answers without
        one (204, or any success with an empty body: the file is simply gone).

        After a lost answer (or a re-sent delete meeting 404) the file is looked up: if it
        is Deleting or gone, the call returns its newest delete operation (None when it
        went without one because it had failed processing); if it is still there, the
        delete is sent again; if it never existed, NotFoundError is raised.
        """
        check_identifier(file_id, "file_id")
        change, read = split_change_options(options)

        async def send() -> Operation | None:
            response = await self._data.send(
                partial(delete_file.request, self._data.assistant_name, file_id), **change
            )
            if response.status_code == 204 or not response.content.strip():
                return None
            return operation_from(response, self._operations)

        async def lookup(error: AwaitopsError) -> Operation | NotApplied | None:
            file = await self._find(file_id, read)
            if file is not None and file.status != _DELETING:
                return NOT_APPLIED
            ops = await self._operations_of(file_id, read)
            if "delete_file" in ops:
                return ops["delete_file"]
            if file is None and any(op.failed for op in ops.values()):
                return None
            if isinstance(error, NotFoundError):
                raise error
            raise NotFoundError(
                f"File with id {file_id} not found", status=404, code="NOT_FOUND"
            ) from error

        return await reconcile_call(
            await self._data.client(),
            send,
            lookup,
            options,
            name="files.delete",
            conflicts=(NotFoundError,),
        )

    async def _find(self, file_id: str, options: RequestOptions) -> AssistantFile | None:
        try:
            return await self.get(file_id, **options)
        except NotFoundError:
            return None

    async def _operations_of(
        self, file_id: str, options: RequestOptions, operation_type: str | None = None
    ) -> dict[str, Operation]:
        """The newest operation of each type (or of ``operation_type``) that ``file_id`` has.

        Newest by ``created_on``; where an operation lacks it (only ``id`` and ``status``
        are sure to be sent), the one listed later counts as newer.
        """
        newest: dict[str, Operation] = {}
        pager = self._operations.list(
            operation_type=operation_type, page_size=MAX_PAGE_SIZE, **options
        )
        async for op in pager:
            kind = op.operation_type or operation_type
            if op.file_id != file_id or kind is None:
                continue
            kept = newest.get(kind)
            if (
                kept is None
                or op.created_on is None
                or kept.created_on is None
                or op.created_on >= kept.created_on
            ):
                newest[kind] = op
        return newest

    async def get(
        self, file_id: str, *, include_url: bool = False, **options: Unpack[RequestOptions]
    ) -> AssistantFile:
        """The file. ``include_url=True`` also asks for ``signed_url``, a short-lived link
        that reads the file's bytes without a key (see :meth:`download`)."""
        check_identifier(file_id, "file_id")
        if not isinstance(include_url, bool):
            raise TypeError(f"include_url must be a bool, got {type(include_url).__name__}")
        response = await self._data.send(
            partial(
                describe_file.request,
                self._data.assistant_name,
                file_id,
                include_url="true" if include_url else UNSET,
            ),
            **options,
        )
        return parse_model(response, AssistantFile)

    @overload
    async def download(
        self,
        file_id: str,
        to: None = None,
        *,
        progress: DownloadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> bytes: ...
    @overload
    async def download(
        self,
        file_id: str,
        to: str | os.PathLike[str],
        *,
        progress: DownloadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> Path: ...
    async def download(
        self,
        file_id: str,
        to: str | os.PathLike[str] | None = None,
        *,
        progress: DownloadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> bytes | Path:
        """The file's bytes: returned, or with ``to`` written to that path (returned).

        The file is described with ``include_url=True`` (``options`` apply to that call),
        then its ``signed_url`` is read, streamed, with no credentials: the link is its
        own, and the API key never goes to the storage host. ``progress(received, total)``
        is called as bytes arrive. A link that has expired by the time it is read is
        asked for afresh once; a second expired link raises LinkExpiredError. A file with
        no link (the service may give none, e.g. while it is processing) raises
        AwaitopsError naming its status.
        """
        check_identifier(file_id, "file_id")
        timeout = options.get("timeout", NOT_GIVEN)
        for last in (False, True):
            file = await self.get(file_id, include_url=True, **options)
            if not file.signed_url:
                raise AwaitopsError(f"file {file_id} has no download link (status {file.status})")
            client = await self._data.client()
            try:
                return await client.download(
                    file.signed_url, to, progress=progress, timeout=timeout
                )
            except LinkExpiredError:
                if last:
                    raise
        raise AssertionError("unreachable: the second link is returned or raises")

    def list(
        self, *, filter: Mapping[str, Any] | None = None, **options: Unpack[TokenListOptions]
    ) -> AsyncPager[AssistantFile]:
        """The assistant's files, optionally filtered by metadata (sent as JSON)."""
        if filter is not None and not isinstance(filter, Mapping):
            raise ValueError(f"filter must be a mapping, got {type(filter).__name__}")
        request = list_files.request(
            self._data.assistant_name,
            filter_=UNSET if filter is None else json.dumps(dict(filter), separators=(",", ":")),
        )
        return FILES.pager(self._data.send, request, AssistantFile, **options)
