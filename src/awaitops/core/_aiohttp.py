"""An aiohttp-backed connection pool for asyncio: the ``awaitops[aiohttp]`` extra.

httpx-aiohttp's transport sends the requests; what is ours is how its failures are named.
It maps a refused connection and a dropped one alike to ``ConnectTimeout``, which makes a
dropped connection look unsent (so a POST would be sent again) and a refused one a timeout.
Here each aiohttp failure becomes the httpx error httpx's own pool raises for the same
failure, so retries and typed errors do not depend on the transport. aiohttp runs on
asyncio only.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Self

try:
    import aiohttp
    from httpx_aiohttp import AiohttpTransport as _AiohttpTransport
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError(
        'transport="aiohttp" needs the aiohttp extra: pip install "awaitops[aiohttp]"'
    ) from exc

import httpx


def _as_httpx(cause: BaseException, request: httpx.Request) -> httpx.TransportError:
    """The httpx error for what aiohttp raised. No chain: aiohttp's errors may hold the
    request's headers (credentials), so only their type and message are kept."""
    message = f"{type(cause).__name__}: {cause}"
    error: type[httpx.TransportError]
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        error = httpx.ConnectTimeout
    elif isinstance(cause, TimeoutError):
        # aiohttp's read timeouts; a bare one may come after the request went out.
        error = httpx.ReadTimeout
    elif isinstance(cause, aiohttp.ClientConnectorError):
        error = httpx.ConnectError
    elif isinstance(cause, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        error = httpx.RemoteProtocolError
    elif isinstance(cause, aiohttp.ClientResponseError):
        # A malformed status line or header block.
        error = httpx.RemoteProtocolError
    elif isinstance(cause, aiohttp.ClientConnectionError | OSError):
        error = httpx.ReadError
    else:
        error = httpx.TransportError
    return error(message, request=request)


def _aiohttp_cause(exc: BaseException) -> BaseException | None:
    """What aiohttp raised, whether httpx-aiohttp mapped it (chained) or let it through."""
    if isinstance(exc, aiohttp.ClientError | TimeoutError):
        return exc
    cause = exc.__cause__
    if isinstance(exc, httpx.TransportError) and isinstance(
        cause, aiohttp.ClientError | TimeoutError
    ):
        return cause
    return None


class _Body(httpx.AsyncByteStream):
    """The answer's body, its read failures named like the send's."""

    def __init__(self, stream: httpx.AsyncByteStream, request: httpx.Request) -> None:
        self._stream = stream
        self._request = request
        self._chunks: AsyncIterator[bytes] | None = None

    def __aiter__(self) -> Self:
        self._chunks = aiter(self._stream)
        return self

    async def __anext__(self) -> bytes:
        assert self._chunks is not None
        try:
            return await anext(self._chunks)
        except StopAsyncIteration:
            raise
        except Exception as exc:
            cause = _aiohttp_cause(exc)
            if cause is None:
                raise
            raise _as_httpx(cause, self._request) from None

    async def aclose(self) -> None:
        await self._stream.aclose()


class AiohttpTransport(_AiohttpTransport):
    """httpx-aiohttp's transport with httpx's error classification (asyncio only)."""

    def get_client(self) -> aiohttp.ClientSession:
        session = super().get_client()
        # aiohttp re-sends an idempotent request once by itself when a reused connection
        # closes before answering: a DELETE the server applied would be sent again and
        # meet 404. Whether and how to re-send is the client's decision (retries and
        # reconciliation), so it is switched off, as aiohttp's own test client does.
        session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self.client, aiohttp.ClientSession):
            # The session is made on first use; outside asyncio (trio) aiohttp cannot run.
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                raise RuntimeError(
                    'transport="aiohttp" runs under asyncio only: under trio leave transport '
                    "at its default, httpx's pool"
                ) from None
        try:
            response = await super().handle_async_request(request)
        except Exception as exc:
            cause = _aiohttp_cause(exc)
            if cause is None:
                raise
            raise _as_httpx(cause, request) from None
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Body(response.stream, request)
        return response
