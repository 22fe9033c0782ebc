"""Pinecone Assistant, control and data plane: assistants, files and their operations."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import mimetypes
import random
import re
import uuid
from typing import Any

import attrs

from ._clock import Clock, format_timestamp
from ._config import EmulatorConfig
from ._filters import parse_filter
from ._http import (
    Reject,
    Request,
    Response,
    decode_token,
    encode_token,
    json_response,
    parse_multipart,
)
from ._ordered import SeqList

__all__ = ["SIGNED_PREFIX", "SIGNED_URL_SECONDS", "UNREADABLE", "PineconeState"]

_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_FILE_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
# The service types an upload by its name's extension alone (official SDK 10.2.0).
_FORMATS = {"pdf": "PDF", "docx": "DOCX", "txt": "text", "md": "Markdown", "json": "JSON"}
_EXTENSIONS = ", ".join(f".{extension}" for extension in sorted(_FORMATS))
# Values the operations listing filters on; anything else (case-sensitive) is a 400.
_OPERATION_TYPES = frozenset({"upload_file", "upsert_file", "update_file_metadata", "delete_file"})
_OPERATION_STATUSES = frozenset({"Processing", "Completed", "Failed"})
_SIZE_LIMIT = 16 * 1024
_SWEEP_INTERVAL = 3600.0
#: How long a ``signed_url`` works ("expires after a short time", says the spec).
SIGNED_URL_SECONDS = 900.0
#: Where signed URLs point, on the emulator's own root: ``/signed-files/ASSISTANT/FILE_ID``.
SIGNED_PREFIX = "signed-files"
#: An upload whose bytes are not in the format its extension names fails processing with
#: this message, formatted with the format's name ("PDF", "DOCX", "text", ...).
UNREADABLE = "File processing failed: the file could not be read as {}."


def _extension(file_name: str) -> str:
    return file_name.rpartition(".")[2].lower() if "." in file_name else ""


def _readable(extension: str, data: bytes) -> bool:
    """Whether the bytes are what the extension says: PDF and DOCX by their signature, the
    text formats by being UTF-8."""
    if extension == "pdf":
        return data.startswith(b"%PDF")
    if extension == "docx":
        return data.startswith(b"PK\x03\x04")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@attrs.define(eq=False)
class Operation:
    """A file operation; its status is a function of the clock."""

    id: str
    operation_type: str
    file_id: str | None
    created: float
    duration: float
    error_message: str | None = attrs.field(default=None, kw_only=True)
    fail_percent: int = attrs.field(default=0, kw_only=True)
    ingestion_units: float | None = attrs.field(default=None, kw_only=True)
    _final: dict[str, Any] | None = attrs.field(default=None, init=False)

    @property
    def end(self) -> float:
        return self.created + self.duration

    def status(self, now: float) -> str:
        if now < self.end:
            return "Processing"
        return "Failed" if self.error_message is not None else "Completed"

    def render(self, now: float) -> dict[str, Any]:
        if self._final is not None:
            return self._final
        body: dict[str, Any] = {
            "id": self.id,
            "operation_type": self.operation_type,
            "file_id": self.file_id,
            "created_on": format_timestamp(self.created),
        }
        if now < self.end:
            ceiling = self.fail_percent if self.error_message is not None else 99
            fraction = (now - self.created) / self.duration
            body["status"] = "Processing"
            body["percent_complete"] = max(0, min(ceiling, int(ceiling * fraction)))
            return body
        body["completed_on"] = format_timestamp(self.end)
        if self.error_message is not None:
            body["status"] = "Failed"
            body["percent_complete"] = self.fail_percent
            body["error_message"] = self.error_message
        else:
            body["status"] = "Completed"
            body["percent_complete"] = 100
            if self.ingestion_units is not None:
                body["ingestion_units"] = self.ingestion_units
        self._final = body
        return body


@attrs.define(eq=False)
class File:
    id: str
    name: str
    data: bytes  # kept so a signed URL can serve it
    metadata: dict[str, Any] | None
    multimodal: bool
    created: float
    op: Operation
    updated: float = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.updated = self.created

    def status(self, now: float) -> str | None:
        """The file's status, or ``None`` once its deletion finished."""
        op_status = self.op.status(now)
        if self.op.operation_type == "delete_file":
            return "Deleting" if op_status == "Processing" else None
        if op_status == "Processing":
            return "Processing"
        return "Available" if op_status == "Completed" else "ProcessingFailed"

    def render(self, status: str) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "size": len(self.data),
            "metadata": self.metadata,
            "created_on": format_timestamp(self.created, millis=False),
            "updated_on": format_timestamp(self.updated, millis=False),
            "status": status,
            "multimodal": self.multimodal,
        }


@attrs.define(eq=False)
class Assistant:
    name: str
    instructions: str | None
    metadata: dict[str, Any] | None
    region: str
    created: float
    ready_at: float
    #: The create ends InitializationFailed instead of Ready.
    init_fails: bool = attrs.field(default=False, kw_only=True)
    updated: float = attrs.field(init=False)
    last_sweep: float = attrs.field(init=False)
    #: Once deleted: when it stops Terminating.
    gone_at: float | None = attrs.field(default=None, init=False)
    #: The deletion ends Failed: the assistant stays until deleted again.
    delete_fails: bool = attrs.field(default=False, init=False)
    #: When a Terminated assistant stops being describable (inf: never).
    removed_at: float = attrs.field(default=math.inf, init=False)
    files: dict[str, File] = attrs.field(factory=dict, init=False)
    file_order: SeqList[File] = attrs.field(factory=SeqList, init=False)
    ops: dict[str, Operation] = attrs.field(factory=dict, init=False)
    op_order: SeqList[Operation] = attrs.field(factory=SeqList, init=False)

    def __attrs_post_init__(self) -> None:
        self.updated = self.last_sweep = self.created

    def status(self, now: float) -> str:
        if self.gone_at is not None:
            if now < self.gone_at:
                return "Terminating"
            return "Failed" if self.delete_fails else "Terminated"
        if now < self.ready_at:
            return "Initializing"
        return "InitializationFailed" if self.init_fails else "Ready"

    def removed(self, now: float) -> bool:
        return self.gone_at is not None and not self.delete_fails and now >= self.removed_at

    def render(self, now: float, host: str) -> dict[str, Any]:
        return {
            "name": self.name,
            "instructions": self.instructions,
            "metadata": self.metadata,
            "status": self.status(now),
            "host": host,
            "region": self.region,
            "created_at": format_timestamp(self.created, millis=False),
            "updated_at": format_timestamp(self.updated, millis=False),
        }


def _not_found(name: str) -> Reject:
    return Reject(404, "NOT_FOUND", f'Assistant "{name}" not found.')


def _check_size(name: str, value: Any) -> None:
    if value is None:
        return
    encoded = value.encode() if isinstance(value, str) else json.dumps(value).encode()
    if len(encoded) > _SIZE_LIMIT:
        raise Reject(400, "INVALID_ARGUMENT", f"{name} exceeds the 16 KB limit")


def _optional_text(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise Reject(400, "INVALID_ARGUMENT", f"{key} must be a string")
    _check_size(key, value)
    return value


def _optional_object(value: Any, key: str) -> dict[str, Any] | None:
    if value is not None and not isinstance(value, dict):
        raise Reject(400, "INVALID_ARGUMENT", f"{key} must be a JSON object")
    _check_size(key, value)
    return value


class PineconeState:
    """Every assistant with its files and operations; handlers take the lock-holding caller's
    request and answer from state computed at ``clock.now()``."""

    def __init__(self, config: EmulatorConfig, clock: Clock, rng: random.Random) -> None:
        self._config = config
        self._clock = clock
        self._rng = rng
        self._assistants: dict[str, Assistant] = {}
        self._order: SeqList[Assistant] = SeqList()
        # Its own generator, so signing draws nothing from the one ids come from.
        self._signing_key = random.Random(f"{config.seed}:signed-url").randbytes(32)
        # Scenario draws (failures, how long Terminated lasts) have theirs too: turning a
        # scenario knob on changes no id or timing the other knobs give.
        self._scenario = random.Random(f"{config.seed}:scenario")

    # -- helpers for tests, benchmarks and the demo (the caller holds the emulator lock) --

    def add_assistant(
        self,
        name: str,
        *,
        ready: bool = True,
        instructions: str | None = None,
        metadata: dict[str, Any] | None = None,
        region: str = "us",
        status: str | None = None,
    ) -> None:
        """Create an assistant directly, Ready at once unless ``ready=False``.

        ``status`` seeds one the service left behind instead: ``"InitializationFailed"``
        (its create failed), ``"Failed"`` (its deletion failed: it stays until deleted
        again) or ``"Terminated"`` (deleted, and describable for good).
        """
        if status not in (None, "InitializationFailed", "Failed", "Terminated"):
            raise ValueError(f"cannot seed an assistant in status {status!r}")
        now = self._clock.now()
        if not _NAME.fullmatch(name):
            raise ValueError(f"invalid assistant name {name!r}")
        if self._live(name, now) is not None:
            raise ValueError(f"assistant {name!r} already exists")
        ready_at = now if ready else now + self._rng.uniform(*self._config.assistant_ready_seconds)
        assistant = Assistant(
            name,
            instructions,
            metadata,
            region,
            now,
            ready_at,
            init_fails=status == "InitializationFailed",
        )
        if status in ("Failed", "Terminated"):
            assistant.gone_at = now
            assistant.delete_fails = status == "Failed"
        self._assistants[name] = assistant
        self._order.append(assistant)

    def add_operations(
        self, assistant_name: str, count: int, *, operation_type: str = "upload_file"
    ) -> list[str]:
        """Add ``count`` already-completed file operations to an assistant (for paging),
        oldest first; returns their ids."""
        now = self._clock.now()
        assistant = self._live(assistant_name, now)
        if assistant is None:
            raise ValueError(f"no assistant {assistant_name!r}")
        ids = []
        for index in range(count):
            op = Operation(
                self._new_id("op-"),
                operation_type,
                f"seeded-{index}",
                now - 60.0 - (count - index) * 0.001,
                0.5,
                ingestion_units=None if operation_type == "delete_file" else 1.0,
            )
            assistant.ops[op.id] = op
            assistant.op_order.append(op)
            ids.append(op.id)
        return ids

    # -- state --

    def _new_id(self, prefix: str = "") -> str:
        return prefix + str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def _draw(self, rate: float) -> bool:
        """A scenario's dice: true with probability ``rate`` (nothing drawn at 0)."""
        return rate > 0 and self._scenario.random() < rate

    def _live(self, name: str, now: float) -> Assistant | None:
        assistant = self._assistants.get(name)
        if assistant is not None and assistant.removed(now):
            del self._assistants[name]
            if len(self._order) > 2 * len(self._assistants) + 64:
                self._order.compact(lambda a: self._assistants.get(a.name) is a)
            return None
        return assistant

    def _require(self, name: str, now: float) -> Assistant:
        assistant = self._live(name, now)
        if assistant is None:
            raise _not_found(name)
        self._sweep(assistant, now)
        return assistant

    def _sweep(self, assistant: Assistant, now: float) -> None:
        """Forget operations past retention and files whose deletion finished."""
        if now - assistant.last_sweep < _SWEEP_INTERVAL:
            return
        assistant.last_sweep = now
        horizon = now - self._config.operation_retention_seconds
        assistant.ops = {k: op for k, op in assistant.ops.items() if op.end > horizon}
        assistant.op_order.compact(lambda op: assistant.ops.get(op.id) is op)
        for file_id in [f.id for f in assistant.files.values() if f.status(now) is None]:
            del assistant.files[file_id]
        assistant.file_order.compact(lambda f: assistant.files.get(f.id) is f)

    def _live_file(self, assistant: Assistant, file_id: str, now: float) -> File | None:
        file = assistant.files.get(file_id)
        if file is not None and file.status(now) is None:
            del assistant.files[file_id]
            return None
        return file

    def _op(
        self,
        assistant: Assistant,
        now: float,
        kind: str,
        file_id: str,
        upload: tuple[str, bytes] | None = None,
    ) -> Operation:
        """Start an operation; ``upload`` is the ingested file's (name, bytes)."""
        duration = self._rng.uniform(*self._config.op_seconds)
        error = None
        fail_percent = 0
        units = None
        if upload is not None:
            file_name, data = upload
            extension = _extension(file_name)
            if not _readable(extension, data):
                error = UNREADABLE.format(_FORMATS[extension])
                fail_percent = self._rng.randint(5, 60)
            else:
                units = max(1.0, round(len(data) / 4096, 2))
        op = Operation(
            self._new_id("op-"),
            kind,
            file_id,
            now,
            duration,
            error_message=error,
            fail_percent=fail_percent,
            ingestion_units=units,
        )
        assistant.ops[op.id] = op
        assistant.op_order.append(op)
        return op

    # -- control plane --

    def list_assistants(self, request: Request) -> Response:
        now = self._clock.now()
        limit = request.int_param("limit", 50, 1, 100)
        token = request.param("pagination_token")
        after = decode_token(token, "assistants") if token else 0
        found, cursor = self._order.page(after, limit, lambda a: self._live(a.name, now) is a)
        body: dict[str, Any] = {"assistants": [a.render(now, request.root_url) for a in found]}
        if cursor is not None:
            body["pagination"] = {"next": encode_token("assistants", cursor)}
        return json_response(200, body)

    def create_assistant(self, request: Request) -> Response:
        now = self._clock.now()
        body = request.json_object()
        name = body.get("name")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise Reject(
                400,
                "INVALID_ARGUMENT",
                "Assistant name must be 1-63 lower-case alphanumerics or '-', "
                "starting and ending with an alphanumeric",
            )
        instructions = _optional_text(body, "instructions")
        metadata = _optional_object(body.get("metadata"), "metadata")
        region = body.get("region", "us")
        if region not in ("us", "eu"):
            raise Reject(400, "INVALID_ARGUMENT", "Invalid region: Valid options are us, eu")
        if self._live(name, now) is not None:
            # 2026-04 documents 429 for a duplicate name (the code tells it apart); from
            # 2026-07 on it is a 409 Conflict.
            status = 409 if request.speaks("2026-07") else 429
            raise Reject(status, "ALREADY_EXISTS", f'Assistant "{name}" already exists.')
        quota = self._config.assistant_quota
        if quota is not None and self._count(now) >= quota:
            # No Retry-After: waiting does not free a slot, deleting an assistant does.
            raise Reject(
                429,
                "RESOURCE_EXHAUSTED",
                f"This project has reached its limit of {quota} assistants. "
                "Delete an assistant to create another.",
            )
        ready_at = now + self._rng.uniform(*self._config.assistant_ready_seconds)
        init_fails = self._draw(self._config.assistant_create_failure_rate)
        assistant = Assistant(
            name, instructions, metadata, region, now, ready_at, init_fails=init_fails
        )
        self._assistants[name] = assistant
        self._order.append(assistant)
        return json_response(200, assistant.render(now, request.root_url))

    def _count(self, now: float) -> int:
        """Assistants the project holds: every describable one."""
        return sum(self._live(name, now) is not None for name in list(self._assistants))

    def get_assistant(self, request: Request, name: str) -> Response:
        now = self._clock.now()
        return json_response(200, self._require(name, now).render(now, request.root_url))

    def update_assistant(self, request: Request, name: str) -> Response:
        now = self._clock.now()
        assistant = self._require(name, now)
        changes = request.json_object()
        if "instructions" not in changes and "metadata" not in changes:
            raise Reject(400, "INVALID_ARGUMENT", "No updates provided")
        # Both checked before either is applied, so a rejected update changes nothing.
        instructions = _optional_text(changes, "instructions")
        metadata = _optional_object(changes.get("metadata"), "metadata")
        if "instructions" in changes:
            assistant.instructions = instructions
        if "metadata" in changes:
            assistant.metadata = metadata
        assistant.updated = now
        if request.speaks("2026-07"):
            # 2026-07 answers the whole assistant (the official SDK decodes an Assistant).
            return json_response(200, assistant.render(now, request.root_url))
        # This answer's fields are not nullable in the spec: unset ones are left out.
        body: dict[str, Any] = {"assistant_name": assistant.name}
        if assistant.instructions is not None:
            body["instructions"] = assistant.instructions
        if assistant.metadata is not None:
            body["metadata"] = assistant.metadata
        return json_response(200, body)

    def delete_assistant(self, request: Request, name: str) -> Response:
        now = self._clock.now()
        assistant = self._require(name, now)
        # A deletion in flight or done is left alone; one that ended Failed can be retried.
        if assistant.gone_at is None or assistant.status(now) == "Failed":
            gone_at = now + self._rng.uniform(*self._config.assistant_delete_seconds)
            assistant.gone_at = gone_at
            assistant.delete_fails = self._draw(self._config.assistant_delete_failure_rate)
            linger = self._config.assistant_terminated_seconds
            assistant.removed_at = (
                gone_at + self._scenario.uniform(*linger) if linger is not None else math.inf
            )
        return Response(200)

    # -- data plane: files --

    def list_files(self, request: Request, name: str) -> Response:
        now = self._clock.now()
        assistant = self._require(name, now)
        # Published: an integer, no bounds (only the operations list has 1..100). Below 1 is
        # refused as list_assistants documents for its own limit: no page can hold 0 files.
        limit = request.int_param("limit", 100, 1, None)
        matches = parse_filter(request.param("filter"))
        scope = f"files:{name}"
        token = request.param("pagination_token")
        after = decode_token(token, scope) if token else 0

        cutoff = self._config.failed_file_listing_seconds

        def keep(file: File) -> bool:
            if self._live_file(assistant, file.id, now) is not file:
                return False
            if (
                cutoff is not None
                and now - file.created > cutoff
                and file.status(now) == "ProcessingFailed"
            ):
                return False  # aged out of the listing, still describable by id
            return matches is None or matches(file.metadata)

        found, cursor = assistant.file_order.page(after, limit, keep)
        files = []
        for file in found:
            status = file.status(now)
            assert status is not None  # keep() dropped finished deletions
            files.append(file.render(status))
        body: dict[str, Any] = {"files": files}
        if cursor is not None:
            body["pagination"] = {"next": encode_token(scope, cursor)}
        return json_response(200, body)

    def upload_file(self, request: Request, name: str) -> Response:
        return self._ingest(request, name, None)

    def upsert_file(self, request: Request, name: str, file_id: str) -> Response:
        if not _FILE_ID.fullmatch(file_id):
            raise Reject(
                400,
                "INVALID_ARGUMENT",
                "File id must be 1-128 characters of letters, digits, '-' or '_'",
            )
        return self._ingest(request, name, file_id)

    def _ingest(self, request: Request, name: str, file_id: str | None) -> Response:
        now = self._clock.now()
        assistant = self._require(name, now)
        if assistant.status(now) != "Ready":
            raise Reject(400, "FAILED_PRECONDITION", f'Assistant "{name}" is not ready.')
        multimodal_raw = (request.param("multimodal") or "false").lower()
        if multimodal_raw not in ("true", "false"):
            raise Reject(400, "INVALID_ARGUMENT", "multimodal must be true or false")
        multimodal = multimodal_raw == "true"
        parts = parse_multipart(request.body, request.headers.get("content-type", ""))
        upload = parts.get("file")
        if upload is None or not upload.filename:
            raise Reject(400, "INVALID_ARGUMENT", "The request has no file part")
        if _extension(upload.filename) not in _FORMATS:
            raise Reject(
                400,
                "INVALID_ARGUMENT",
                f"Unsupported file type {upload.filename!r}: the file name must end in one "
                f"of {_EXTENSIONS}",
            )
        metadata = None
        if "metadata" in parts:
            try:
                metadata = json.loads(parts["metadata"].data)
            except (ValueError, UnicodeDecodeError):
                raise Reject(400, "INVALID_ARGUMENT", "metadata is not valid JSON") from None
            metadata = _optional_object(metadata, "metadata")
        if multimodal and not upload.filename.lower().endswith(".pdf"):
            raise Reject(400, "INVALID_ARGUMENT", "Multimodal processing supports PDF files only")
        existing = self._live_file(assistant, file_id, now) if file_id is not None else None
        new_id = file_id if file_id is not None else self._new_id()
        kind = "upload_file" if file_id is None else "upsert_file"
        op = self._op(assistant, now, kind, new_id, (upload.filename, upload.data))
        if existing is None:
            file = File(new_id, upload.filename, upload.data, metadata, multimodal, now, op)
            assistant.files[new_id] = file
            assistant.file_order.append(file)
        else:
            # Replaced in place, so the file keeps its creation time and listing position.
            existing.name = upload.filename
            existing.data = upload.data
            existing.metadata = metadata
            existing.multimodal = multimodal
            existing.updated = now
            existing.op = op
        # The 2026-04 upsert path answers a smaller body: only id and status are assured.
        minimal = (
            file_id is not None
            and self._config.minimal_upsert_answers
            and not request.speaks("2026-07")
        )
        return self._accepted(name, op, now, minimal=minimal)

    def _accepted(self, name: str, op: Operation, now: float, *, minimal: bool = False) -> Response:
        location = f"/operations/{name}/{op.id}".encode()
        body = op.render(now)
        if minimal:
            body = {"id": body["id"], "status": body["status"]}
        return json_response(202, body, [(b"location", location)])

    def describe_file(self, request: Request, name: str, file_id: str) -> Response:
        now = self._clock.now()
        include_url = (request.param("include_url") or "false").lower()
        if include_url not in ("true", "false"):
            raise Reject(400, "INVALID_ARGUMENT", "include_url must be true or false")
        assistant = self._require(name, now)
        file = self._live_file(assistant, file_id, now)
        if file is None:
            raise self._file_not_found(file_id)
        status = file.status(now)
        assert status is not None  # _live_file dropped finished deletions
        body = file.render(status)
        if include_url == "true":
            expires = math.ceil(now + SIGNED_URL_SECONDS)
            signature = self._signature(name, file_id, expires)
            body["signed_url"] = (
                f"{request.root_url}/{SIGNED_PREFIX}/{name}/{file_id}"
                f"?expires={expires}&signature={signature}"
            )
        return json_response(200, body)

    def _signature(self, name: str, file_id: str, expires: int) -> str:
        message = f"{name}/{file_id}/{expires}".encode()
        return hmac.new(self._signing_key, message, hashlib.sha256).hexdigest()

    def download(self, request: Request, name: str, file_id: str) -> Response:
        """A signed URL: anyone holding it reads the file's bytes until it expires.

        Errors are storage-style (``code`` names as Google Cloud Storage uses them), since the
        published example of a signed URL points there, not at the Pinecone API.
        """
        now = self._clock.now()
        expires = request.param("expires") or ""
        given = request.param("signature") or ""
        if not expires.isdigit() or not hmac.compare_digest(
            given, self._signature(name, file_id, int(expires))
        ):
            raise Reject(403, "SignatureDoesNotMatch", "The signature does not match.")
        if now > int(expires):
            raise Reject(400, "ExpiredToken", "The signed URL has expired.")
        assistant = self._live(name, now)
        file = self._live_file(assistant, file_id, now) if assistant is not None else None
        if file is None:
            raise Reject(404, "NoSuchKey", "The file no longer exists.")
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return Response(200, file.data, [(b"content-type", kind.encode())])

    def delete_file(self, request: Request, name: str, file_id: str) -> Response:
        now = self._clock.now()
        assistant = self._require(name, now)
        file = self._live_file(assistant, file_id, now)
        if file is None:
            raise self._file_not_found(file_id)
        status = file.status(now)
        if status == "ProcessingFailed":
            del assistant.files[file_id]
            return Response(204)
        if status != "Deleting":
            file.op = self._op(assistant, now, "delete_file", file_id)
            file.updated = now
        return self._accepted(name, file.op, now)

    @staticmethod
    def _file_not_found(file_id: str) -> Reject:
        return Reject(404, "NOT_FOUND", f"File with id {file_id} not found in provided assistant")

    # -- data plane: operations --

    def list_operations(self, request: Request, name: str) -> Response:
        now = self._clock.now()
        assistant = self._require(name, now)
        limit = request.int_param("limit", 100, 1, 100)
        kind = request.param("operation_type")
        status = request.param("status")
        # Like the service, the 400 does not list the accepted values.
        if kind is not None and kind not in _OPERATION_TYPES:
            raise Reject(400, "INVALID_ARGUMENT", f"Invalid operation_type filter: {kind!r}")
        if status is not None and status not in _OPERATION_STATUSES:
            raise Reject(400, "INVALID_ARGUMENT", f"Invalid status filter: {status!r}")
        scope = f"ops:{name}"
        token = request.param("pagination_token")
        after = decode_token(token, scope) if token else 0
        horizon = now - self._config.operation_retention_seconds

        def keep(op: Operation) -> bool:
            return (
                op.end > horizon
                and (kind is None or op.operation_type == kind)
                and (status is None or op.status(now) == status)
            )

        found, cursor = assistant.op_order.page(after, limit, keep)
        body: dict[str, Any] = {"operations": [op.render(now) for op in found]}
        if cursor is not None:
            body["pagination"] = {"next": encode_token(scope, cursor)}
        return json_response(200, body)

    def describe_operation(self, request: Request, name: str, op_id: str) -> Response:
        now = self._clock.now()
        assistant = self._require(name, now)
        op = assistant.ops.get(op_id)
        if op is None or op.end <= now - self._config.operation_retention_seconds:
            raise Reject(404, "NOT_FOUND", f"Operation {op_id} not found.")
        return json_response(200, op.render(now))
