"""File bodies that are rewound before a re-send, buffered when small, or sent only once.

httpx rewinds a multipart file to offset 0 before each send and quietly carries on when it
cannot, so a re-sent upload from a pipe or a socket would go out empty; and it sizes a body
from the file descriptor, so a pipe gets a wrong ``Content-Length``. A :class:`FileBody`
hands httpx a fresh view per send instead.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Final, cast

__all__ = ["BUFFER_LIMIT", "FileBody", "FileSource", "files_replayable", "opened_file"]

FileSource = str | os.PathLike[str] | bytes | BinaryIO
"""A path, the bytes themselves, or a binary file object (read in chunks, never whole).

A file object is sent from the position it has when the call starts. One that cannot be
rewound (a pipe, a socket) is read into memory when it ends within 1 MiB, so it can be
re-sent; a longer one is sent once, and after a lost answer only looked up, never re-sent
(see :class:`FileBody`)."""

#: A stream that cannot be rewound is read into memory when it ends within this many bytes,
#: so it can still be re-sent; a longer one is sent once.
BUFFER_LIMIT: Final = 1024 * 1024


def _is_text(stream: object) -> bool:
    return isinstance(stream, io.TextIOBase)


def _seekable(stream: Any) -> bool:
    check = getattr(stream, "seekable", None)
    if callable(check):
        try:
            return bool(check())
        except (OSError, ValueError):
            return False
    try:
        stream.seek(stream.tell())
    except (AttributeError, OSError, ValueError):
        return False
    return True


class _Window:
    """A seekable stream seen from the position it had when the body was made.

    No ``fileno``: httpx then measures the body with ``seek``/``tell``, from that position.
    """

    def __init__(self, stream: BinaryIO, start: int) -> None:
        self._stream = stream
        self._start = start

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._stream.tell() - self._start

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_SET:
            offset += self._start
        return self._stream.seek(offset, whence) - self._start


class _Once:
    """A stream that cannot be rewound, after its first ``head`` bytes were read."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head: bytes | None = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        head = self._head
        if head is None:
            return self._rest.read(size)
        self._head = None
        if 0 <= size < len(head):
            self._head = head[size:]
            return head[:size]
        return head


def _read_up_to(stream: BinaryIO, limit: int) -> bytes:
    chunks = []
    size = 0
    while size < limit:
        chunk = stream.read(limit - size)
        if not isinstance(chunk, bytes):
            # None from a non-blocking stream with nothing ready, or str from a text stream.
            raise ValueError("a file body must be a blocking file object opened in binary mode")
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


class FileBody:
    """A file to send as (part of) a request body, possibly more than once.

    ``source`` is bytes or a binary file object. Bytes and a seekable file are sent whole on
    every attempt, a file from the position it had when the body was made. A file that
    cannot be rewound (a pipe, a socket, a generator-backed reader) is read into memory
    when it ends within ``buffer_limit`` bytes; a longer one is streamed once, and
    :attr:`resendable` is False: the caller must not retry a request carrying it (the
    core sends such a request once).
    """

    def __init__(self, source: bytes | BinaryIO, *, buffer_limit: int = BUFFER_LIMIT) -> None:
        self._data: bytes | None = None
        self._stream: BinaryIO | None = None
        self._start: int | None = None  # where a seekable stream's body begins
        self._sent = False
        if isinstance(source, bytes | bytearray | memoryview):
            self._data = bytes(source)
        elif not callable(getattr(source, "read", None)) or _is_text(source):
            raise ValueError("a file body must be bytes or a file object opened in binary mode")
        elif _seekable(source):
            self._stream, self._start = source, source.tell()
        else:
            head = _read_up_to(source, buffer_limit + 1)
            if len(head) <= buffer_limit:
                self._data = head
            else:
                self._stream = cast(BinaryIO, _Once(head, source))

    @property
    def resendable(self) -> bool:
        """Whether every :meth:`stream` yields the whole body again."""
        return self._stream is None or self._start is not None

    def stream(self) -> BinaryIO:
        """A stream of the whole body, for one send."""
        if self._data is not None:
            return io.BytesIO(self._data)
        assert self._stream is not None
        if self._start is not None:
            self._stream.seek(self._start)
            return cast(BinaryIO, _Window(self._stream, self._start))
        if self._sent:
            raise ValueError(
                "this file object cannot be rewound and was already sent; pass bytes, "
                "a path or a seekable file to allow sending it again"
            )
        self._sent = True
        return self._stream


@contextmanager
def opened_file(source: FileSource, file_name: str | None) -> Iterator[tuple[FileBody, str]]:
    """The body to send and the file name to send with it; a path is opened here and
    closed after. The name defaults to the path's or the file object's own."""
    if isinstance(source, bytes | bytearray):
        if not file_name:
            raise ValueError("file_name is required when uploading bytes")
        yield FileBody(bytes(source)), file_name
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"source is not a readable file: {str(path)!r}")
        with path.open("rb") as stream:
            yield FileBody(stream), file_name or path.name
    elif hasattr(source, "read"):
        name = file_name or os.path.basename(str(getattr(source, "name", "") or ""))
        if not name:
            raise ValueError("file_name is required for a file object without a name")
        yield FileBody(source), name
    else:
        raise ValueError(f"source must be a path, bytes or a binary file object, got {source!r}")


def _file_object(value: Any) -> Any:
    return value[1] if isinstance(value, tuple) and len(value) >= 2 else value


def files_replayable(files: Mapping[str, Any] | Iterable[tuple[str, Any]] | None) -> bool:
    """Whether a request's multipart ``files`` can be sent again whole (httpx rewinds them)."""
    if not files:
        return True
    items = files.items() if isinstance(files, Mapping) else files
    for _, value in items:
        stream = _file_object(value)
        if callable(getattr(stream, "read", None)) and not _seekable(stream):
            return False
    return True
