"""Bodies on the wire: request bodies read without an async generator, and answers read in
full with a body that fails to decode kept apart from the status.

httpx streams a multipart or bytes body through an async generator. A send cancelled while
writing leaves that generator suspended, and trio warns (``ResourceWarning``) when it is
garbage collected. Such bodies are read synchronously underneath anyway, so they are
wrapped in a plain iterator object that has nothing to finalise.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

import httpx

from ._error_mapping import undecodable_answer


class _Chunks:
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> bytes:
        try:
            return next(self._chunks)
        except StopIteration:
            raise StopAsyncIteration from None


class _SyncBackedStream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.SyncByteStream) -> None:
        self._stream = stream

    def __aiter__(self) -> _Chunks:
        # A fresh pass per attempt, as httpx's own stream gives (files are rewound by it).
        return _Chunks(iter(self._stream))


def without_async_generator(request: httpx.Request) -> None:
    """Swap ``request``'s body for one read by a plain iterator, when httpx can read it so."""
    stream = request.stream
    if isinstance(stream, httpx.SyncByteStream) and isinstance(stream, httpx.AsyncByteStream):
        request.stream = _SyncBackedStream(stream)


async def read_answer(http: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    """Send ``request`` and read the answer; a body that fails to decode (e.g. corrupt
    gzip) keeps its status, see :func:`undecodable_answer`."""
    response = await http.send(request, auth=None, follow_redirects=False, stream=True)
    try:
        await response.aread()
    except httpx.DecodingError as exc:
        await response.aclose()
        return undecodable_answer(response, exc)
    except BaseException:
        await response.aclose()
        raise
    return response
