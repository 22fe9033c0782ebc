"""Just enough HTTP for the emulator: requests, answers, errors, multipart, page tokens.

The app is plain ASGI rather than a framework so each request costs little: benchmarks page
through hundreds of thousands of items in-process.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any
from urllib.parse import parse_qs

import attrs

from ._versions import KNOWN_VERSIONS

__all__ = [
    "Part",
    "Reject",
    "Request",
    "Response",
    "decode_token",
    "encode_token",
    "json_response",
    "parse_multipart",
]


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Scope key the socket server sets, so drops cut a real connection instead of raising.
SOCKET_SCOPE_KEY = "awaitops.socket"


@attrs.define(eq=False)
class Request:
    """One decoded request; header names are lower-case."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    root_url: str
    body: bytes = b""

    @classmethod
    def from_scope(cls, scope: Mapping[str, Any]) -> Request:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        raw_query = scope.get("query_string", b"").decode("latin-1")
        query = parse_qs(raw_query, keep_blank_values=True) if raw_query else {}
        host = headers.get("host")
        if host is None:
            server = scope.get("server") or ("127.0.0.1", 80)
            host = f"{server[0]}:{server[1]}"
        root_url = f"{scope.get('scheme', 'http')}://{host}"
        return cls(scope["method"], scope["path"], query, headers, root_url)

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None

    def speaks(self, version: str) -> bool:
        """Whether the request's ``X-Pinecone-Api-Version`` is the dated ``version`` or a later
        one the emulator knows (``unstable`` is none), for shapes that changed in ``version``.
        A version it holds no facts for gets what our spec documents."""
        sent = self.headers.get("x-pinecone-api-version", "")
        return sent in KNOWN_VERSIONS and sent >= version

    def int_param(self, name: str, default: int, low: int, high: int | None) -> int:
        """An integer query parameter within ``[low, high]``, else :class:`Reject` 400."""
        raw = self.param(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise Reject(400, "INVALID_ARGUMENT", f"{name} must be an integer") from None
        if value < low or (high is not None and value > high):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise Reject(400, "INVALID_ARGUMENT", f"{name} must be {bound}, got {value}")
        return value

    def json_object(self) -> dict[str, Any]:
        try:
            value = json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            raise Reject(400, "INVALID_ARGUMENT", "Request body is not valid JSON") from None
        if not isinstance(value, dict):
            raise Reject(400, "INVALID_ARGUMENT", "Request body must be a JSON object")
        return value


@attrs.define(eq=False)
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[bytes, bytes]] = attrs.field(factory=list)

    @property
    def is_json(self) -> bool:
        return (b"content-type", b"application/json") in self.headers


_JSON_HEADER = (b"content-type", b"application/json")


def json_response(
    status: int, payload: Any, headers: list[tuple[bytes, bytes]] | None = None
) -> Response:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Response(status, body, [_JSON_HEADER, *(headers or ())])


class Reject(Exception):
    """An error answer, rendered in the shape of whichever API the request was for.

    ``code`` is the canonical (Pinecone-style) name; the Chainloop renderer maps it to the
    numeric gRPC code.
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or []


@attrs.define(eq=False)
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


_PARAM = re.compile(r';\s*([\w*]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))')


def _header_params(value: str) -> dict[str, str]:
    return {m[1].lower(): m[2] if m[2] is not None else m[3] for m in _PARAM.finditer(value)}


def parse_multipart(body: bytes, content_type: str) -> dict[str, Part]:
    """Split a ``multipart/form-data`` body into its named parts.

    Scans by index so a large upload is copied once (its own part), never split or sliced whole.
    """
    if not content_type.lower().startswith("multipart/form-data"):
        raise Reject(400, "INVALID_ARGUMENT", "Expected a multipart/form-data body")
    boundary = _header_params(content_type).get("boundary")
    if not boundary:
        raise Reject(400, "INVALID_ARGUMENT", "Multipart body has no boundary")
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    # The first delimiter may open the body; every later one follows a CRLF.
    if body.startswith(delimiter[2:]):
        position = len(delimiter) - 2
    else:
        found = body.find(delimiter)
        position = found + len(delimiter) if found >= 0 else -1
    parts: dict[str, Part] = {}
    while position >= 0 and body.startswith(b"\r\n", position):
        head_end = body.find(b"\r\n\r\n", position)
        end = body.find(delimiter, head_end + 4) if head_end >= 0 else -1
        if end < 0:
            break
        headers: dict[str, str] = {}
        for line in body[position + 2 : head_end].decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        params = _header_params(headers.get("content-disposition", ""))
        if "name" not in params:
            raise Reject(400, "INVALID_ARGUMENT", "Multipart part without a name")
        parts[params["name"]] = Part(
            params["name"],
            params.get("filename"),
            headers.get("content-type"),
            body[head_end + 4 : end],
        )
        position = end + len(delimiter)
    if not parts or position < 0 or not body.startswith(b"--", position):
        raise Reject(400, "INVALID_ARGUMENT", "Malformed multipart body")
    return parts


def encode_token(scope: str, position: int) -> str:
    """An opaque cursor: which listing it belongs to and where the next page starts."""
    return base64.urlsafe_b64encode(f"{scope}\x00{position}".encode()).decode()


def decode_token(token: str, scope: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii")).decode()
        token_scope, _, position = raw.partition("\x00")
        if token_scope != scope:
            raise ValueError(token_scope)
        return int(position)
    except (ValueError, UnicodeError, binascii.Error):
        raise Reject(400, "INVALID_ARGUMENT", "Invalid pagination token") from None
