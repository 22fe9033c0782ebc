"""Reading a pre-signed download link: bytes a storage host serves to whoever holds the link.

Such a link is its own credential: the request carries none of the API's (no auth header,
no version header, nothing from ``extra_headers``), and it goes only to https or loopback,
since the link is as secret as a key while it lives. A link that has expired raises
:class:`~awaitops.errors.LinkExpiredError`, so the caller can ask the API for a fresh one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import anyio
import httpx

from awaitops.errors import ApiError, AwaitopsError, LinkExpiredError

from ._error_mapping import error_from_response
from ._policies import RetryPolicy
from ._retry import error_from_transport, next_delay, status_retryable, transport_error_retryable

DownloadProgress = Callable[[int, int | None], object]
"""``progress(received, total)``: bytes so far, and the whole size when the host said it."""

# What storage hosts say of a link past its time: GCS "ExpiredToken", S3 "Request has
# expired", Azure "Signed expiry time ... must be after signed start time".
_EXPIRED: Final = re.compile(r"expir", re.IGNORECASE)
_EXPIRED_STATUSES: Final = frozenset({400, 401, 403})
_MAX_ERROR_BODY: Final = 64 * 1024
# Headers describing the body as sent, which an error answer rebuilt from its first bytes
# must not keep.
_BODY_HEADERS: Final = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def checked_link(url: str, is_loopback: Callable[[str], bool]) -> httpx.URL:
    """``url`` as an httpx URL, if it is an absolute https (or loopback http) URL."""
    try:
        link = httpx.URL(url)
    except httpx.InvalidURL:
        raise ValueError("the download link is not a valid URL") from None
    if link.scheme == "https" or (link.scheme == "http" and is_loopback(link.host)):
        return link
    # The link itself is never quoted: it grants access to the file.
    raise ValueError(
        f"refusing a download link over {link.scheme or 'no scheme'} to {link.host!r}: "
        "only https (or http to loopback) keeps it secret"
    )


async def _error(response: httpx.Response) -> ApiError:
    """The typed error of a failed answer, read from at most its first 64 KiB."""
    head = b""
    async for chunk in response.aiter_bytes():
        head += chunk
        if len(head) >= _MAX_ERROR_BODY:
            break
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _BODY_HEADERS]
    read = httpx.Response(
        response.status_code,
        headers=headers,
        content=head[:_MAX_ERROR_BODY],
        request=response.request,
    )
    error = error_from_response(read)
    text = f"{error.code or ''} {error.message} {read.text[:_MAX_ERROR_BODY]}"
    if response.status_code in _EXPIRED_STATUSES and _EXPIRED.search(text):
        return LinkExpiredError(
            f"the download link has expired ({error.message})",
            status=error.status,
            code=error.code,
            body=error.body,
        )
    return error


async def _receive(
    response: httpx.Response, to: Path | None, progress: DownloadProgress | None
) -> bytes | Path:
    length = response.headers.get("content-length", "")
    total = int(length) if length.isdigit() else None
    received = 0
    if to is None:
        data = bytearray()
        async for chunk in response.aiter_bytes():
            data += chunk
            received += len(chunk)
            if progress is not None:
                progress(received, total)
        return bytes(data)
    # Written beside the target and renamed at the end: an interrupted download leaves
    # neither a half file under the target's name nor the part file.
    part = to.with_name(to.name + ".part")
    try:
        async with await anyio.open_file(part, "wb") as out:
            async for chunk in response.aiter_bytes():
                await out.write(chunk)
                received += len(chunk)
                if progress is not None:
                    progress(received, total)
        await anyio.Path(part).replace(to)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await anyio.Path(part).unlink(missing_ok=True)
        raise
    return to


async def download_link(
    http: httpx.AsyncClient,
    link: httpx.URL,
    *,
    headers: dict[str, str],
    to: str | os.PathLike[str] | None,
    progress: DownloadProgress | None,
    request_timeout: httpx.Timeout,
    retry: RetryPolicy,
    attempts: int,
) -> bytes | Path:
    """GET ``link`` with only ``headers``; retried per ``retry`` (a retry starts over)."""
    target = None if to is None else Path(to)
    delays = retry.delays()
    extensions: dict[str, Any] = {"timeout": request_timeout.as_dict()}
    for attempt in range(attempts):
        hint: float | None = None
        error: AwaitopsError
        try:
            request = http.build_request("GET", link, headers=headers, extensions=extensions)
            response = await http.send(request, stream=True, follow_redirects=False)
            try:
                if response.is_success:
                    return await _receive(response, target, progress)
                error = await _error(response)
            finally:
                await response.aclose()
        except httpx.HTTPError as exc:
            error = error_from_transport(exc)
            error.__cause__ = exc
            retryable = transport_error_retryable(exc, idempotent=True)
        else:
            hint = getattr(error, "retry_after", None)
            retryable = isinstance(error, ApiError) and status_retryable(error, retry, True)
        if not retryable or attempt + 1 >= attempts:
            raise error
        delay = next_delay(next(delays), hint, retry)
        if delay is None:
            raise error
        await anyio.sleep(delay)
    raise AssertionError("unreachable: the last attempt raises or returns")
