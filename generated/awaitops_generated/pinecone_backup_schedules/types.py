"""Contains some shared types for properties"""

from collections.abc import Mapping
from typing import IO, Any, BinaryIO, Literal

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


class Request:
    """One call of an endpoint, described: ``path`` is ``path_template`` filled in (relative
    to the API's base URL); ``body`` is JSON-ready data when ``body_kind`` is ``"json"``,
    multipart fields (name, file tuple) when ``"multipart"``, ``None`` when ``"none"``.
    No multipart boundary is set: the sender draws one."""

    __slots__ = ("body", "body_kind", "headers", "method", "params", "path", "path_template")

    def __init__(
        self,
        method: str,
        path_template: str,
        path: str,
        *,
        params: dict[str, Any],
        headers: dict[str, str],
        body_kind: str,
        body: Any,
    ) -> None:
        self.method = method
        self.path_template = path_template
        self.path = path
        self.params = params
        self.headers = headers
        self.body_kind = body_kind
        self.body = body

    def __repr__(self) -> str:
        return f"Request({self.method} {self.path}, body_kind={self.body_kind!r})"


__all__ = ["UNSET", "File", "FileTypes", "Request", "RequestFiles", "Unset"]
