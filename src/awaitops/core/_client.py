"""AsyncApiClient: one httpx pool, per-API auth and version header, retries, typed errors."""

from __future__ import annotations

import ipaddress
import logging
import os
import sys
from collections.abc import AsyncIterable, Awaitable, Callable, Coroutine, Iterable, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Never, Self, TypeVar, Unpack, overload
from urllib.parse import urlencode

import anyio
import httpx

from awaitops._redaction import quotable_url, redact
from awaitops._version import __version__
from awaitops.errors import (
    ApiError,
    ApiTimeoutError,
    AwaitopsError,
    ClientClosedError,
    QuotaExceededError,
    RateLimitError,
)

from ._auth import ApiVersion, Auth
from ._bodies import files_replayable
from ._closing import CLOSED_MESSAGE
from ._download import DownloadProgress, checked_link, download_link
from ._endpoints import EndpointRequest
from ._error_mapping import ErrorClassifier, error_from_response, retry_after_seconds
from ._hooks import ClientHooks
from ._lifecycle import AsyncResource
from ._listening import observe_call
from ._logging import install_log_redaction, loggable_path, logger
from ._loops import PerLoop
from ._options import NOT_GIVEN, NotGiven, TimeoutTypes, Transport, _PoolOptions
from ._paths import checked_path
from ._policies import ConcurrencyPolicy, RateLimitPolicy, RetryBudget, RetryPolicy
from ._retry import (
    IDEMPOTENT_METHODS,
    error_from_transport,
    may_have_acted,
    next_delay,
    status_retryable,
    transport_error_retryable,
)
from ._stats import ClientStats
from ._streams import LIMITS, without_async_generator
from ._throttle import Lane, Lanes
from ._unexpected import unexpected_keyword

if TYPE_CHECKING:
    from ._observe import CallObserver


_T = TypeVar("_T")
RequestContent = str | bytes | Iterable[bytes] | AsyncIterable[bytes]

# httpx's own default would be 5 s for everything; API calls that start server-side work
# can take longer to answer, but connecting should not.
DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=5.0)
RETRY_COUNT_HEADER: Final = "X-Awaitops-Retry-Count"
USER_AGENT: Final = (
    f"awaitops/{__version__} httpx/{httpx.__version__} "
    f"python/{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
)
#: An answer larger than this, or whose body is still arriving this long after its head,
#: is cut off with ResponseLimitError: a server that never ends an answer (or trickles it)
#: must not hold a call or grow memory without bound.
DEFAULT_MAX_RESPONSE_BYTES: Final = 64 * 1024 * 1024
DEFAULT_MAX_READ_TIME: Final = 120.0
_DEFAULT_RETRY: Final = RetryPolicy()
_DEFAULT_RATE_LIMIT: Final = RateLimitPolicy()
_DEFAULT_CONCURRENCY: Final = ConcurrencyPolicy()
_DEFAULT_RETRY_BUDGET: Final = RetryBudget()
_BODY_KINDS = frozenset({"json", "multipart", "none"})

# Parsing a URL is most of what building a request costs; a poller, a watcher or a retry
# asks for the same ones again and again. httpx.URL is immutable, so one may be shared.
_url = lru_cache(maxsize=1024)(httpx.URL)


def _query(params: Mapping[str, Any]) -> str:
    """``params`` encoded as httpx encodes them. Text and plain integers (a list page's
    parameters) go straight to ``urlencode``, as httpx sends them, without its
    ``QueryParams`` around it: half the time, on every page of a walk."""
    for value in params.values():
        if type(value) is not str and type(value) is not int:
            return str(httpx.QueryParams(params))
    return urlencode(params)


class _Request:
    """One call's request, built on first use: a caller queued at a busy host holds no
    request yet, so thousands of them cost neither the time to build nor the memory. The
    parts are kept in slots, not a closure: every object a waiting caller holds is one
    more for each full garbage collection to walk."""

    __slots__ = (
        "_request",
        "content",
        "data",
        "extensions",
        "files",
        "headers",
        "json",
        "method",
        "params",
        "url",
    )

    def __init__(
        self,
        method: str,
        url: httpx.URL,
        *,
        params: Mapping[str, Any] | None,
        json: Any,
        content: RequestContent | None,
        files: Any,
        data: Mapping[str, Any] | None,
        headers: httpx.Headers,
        extensions: dict[str, Any],
    ) -> None:
        self.method = method
        self.url = url
        self.params = params
        self.json = json
        self.content = content
        self.files = files
        self.data = data
        self.headers = headers
        self.extensions = extensions
        self._request: httpx.Request | None = None

    def __call__(self) -> httpx.Request:
        request = self._request
        if request is None:
            request = self._request = httpx.Request(
                self.method,
                self.url,
                params=self.params,
                json=self.json,
                content=self.content,
                files=self.files,
                data=self.data,
                headers=self.headers,
                extensions=self.extensions,
            )
            without_async_generator(request)
        return request


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _stays_in_process(http: httpx.AsyncClient | None, url: httpx.URL) -> bool:
    """Whether ``http`` was made for an ASGI app in this process at ``url``'s origin (its
    own base URL, like the emulator's ``client()``) and routes ``url`` to that app: then
    nothing crosses a wire, so plain http is safe. Any other host is not trusted, and a
    mock transport never is: it stands in for a remote server."""
    if http is None:
        return False
    bound = http.base_url
    if (url.scheme, url.host, url.port) != (bound.scheme, bound.host, bound.port):
        return False
    # httpx's own routing, so a mount sending this URL elsewhere is honoured.
    return isinstance(http._transport_for_url(url), httpx.ASGITransport)


def _httpx_pool(timeout: httpx.Timeout) -> httpx.AsyncClient:
    # httpcore never re-sends a request once written (its transport ``retries``, 0 here by
    # default, re-try connecting only): every re-send is the client's own decision.
    return httpx.AsyncClient(timeout=timeout, follow_redirects=False)


def _aiohttp_pool(timeout: httpx.Timeout) -> httpx.AsyncClient:
    # Imported here: aiohttp is an optional extra, and slow to import.
    from ._aiohttp import AiohttpTransport

    return httpx.AsyncClient(transport=AiohttpTransport(), timeout=timeout, follow_redirects=False)


# The connection pool a client makes for itself, by ``transport``.
_POOLS: Final = {"httpx": _httpx_pool, "aiohttp": _aiohttp_pool}


def _merge_headers(into: dict[str, tuple[str, str]], headers: Mapping[str, str]) -> None:
    # Keyed by lower-case name so that e.g. X-Pinecone-API-Version replaces
    # X-Pinecone-Api-Version instead of travelling next to it.
    for name, value in headers.items():
        into[name.lower()] = (name, value)


def _attempts(max_retries: int) -> int:
    if not isinstance(max_retries, int) or max_retries < 0:
        raise ValueError(f"max_retries must be an integer >= 0, got {max_retries!r}")
    return max_retries + 1


def _check_limits(
    max_response_bytes: int | None, max_read_time: float | None
) -> tuple[int | None, float | None]:
    if max_response_bytes is not None and (
        not isinstance(max_response_bytes, int) or max_response_bytes < 1
    ):
        raise ValueError(
            f"max_response_bytes must be an integer >= 1 or None, got {max_response_bytes!r}"
        )
    if max_read_time is not None and not max_read_time > 0:
        raise ValueError(f"max_read_time must be > 0 seconds or None, got {max_read_time!r}")
    return max_response_bytes, max_read_time


def _check_deadline(deadline: float | None) -> float | None:
    if deadline is not None and not deadline > 0:
        raise ValueError(f"deadline must be > 0 seconds or None, got {deadline!r}")
    return deadline


async def _before(end: float, sending: Awaitable[_T]) -> _T:
    """``sending``'s answer, if it comes before ``end`` on the anyio clock."""
    with anyio.move_on_after(end - anyio.current_time()):
        return await sending
    raise ApiTimeoutError("the call's deadline passed while waiting for a response")


async def _close_pool(pool: httpx.AsyncClient) -> None:
    await pool.aclose()


class _Pools:
    """The connection pools of a client and its copies: the caller's ``http_client``, used
    as is, or one of ours per event loop, made on first use in it (a pool holds sockets
    and locks of the loop that opened them). Closing closes the running loop's pool; one
    of another loop is never touched from here (its loop may be gone, or in another
    thread): each is closed by its own loop as that loop shuts down."""

    __slots__ = ("_given", "_ours", "closed")

    def __init__(
        self, given: httpx.AsyncClient | None, make: Callable[[], httpx.AsyncClient]
    ) -> None:
        self._given = given
        self._ours: PerLoop[httpx.AsyncClient] | None = (
            None if given is not None else PerLoop(make, make(), close=_close_pool)
        )
        self.closed = False

    def get(self) -> httpx.AsyncClient:
        if self._ours is None:
            assert self._given is not None
            return self._given
        return self._ours.get()

    @property
    def is_closed(self) -> bool:
        return self._given.is_closed if self._given is not None else self.closed

    async def aclose(self) -> None:
        self.closed = True
        if self._ours is None:
            return
        mine, untaken = self._ours.mine(), self._ours.untaken()
        for pool in (mine, untaken if untaken is not mine else None):
            if pool is not None:
                await pool.aclose()


class AsyncApiClient(AsyncResource):
    """The HTTP core one API's client is built on.

    ``base_url`` may carry a path prefix (``https://host/assistant``); request paths are
    joined under it. ``auth`` and ``api_version`` belong to this client only: another API
    gets its own client, or a :meth:`with_options` copy sharing the same connection pool.

    ``timeout`` applies to each HTTP request (connect, read, write, pool); ``deadline``, in
    seconds, bounds one call across all its attempts and backoff sleeps (None: only the
    retry policy bounds it). Both can be overridden per call. An attempt still running at
    the deadline raises :class:`~awaitops.errors.ApiTimeoutError`; when the next backoff
    would end past the deadline, the last failure is raised at once instead.

    Each host gets its own adaptive send rate (``rate_limit``), concurrency cap
    (``concurrency``) and retry budget (``retry_budget``), shared by every
    :meth:`with_options` copy; ``None`` switches one off.

    ``transport`` picks the connection pool the client makes for itself, shared by every
    :meth:`with_options` copy: ``"httpx"`` (httpx's own, under asyncio and trio) or
    ``"aiohttp"`` (the ``awaitops[aiohttp]`` extra, asyncio only; several times the
    throughput of httpx's pool with many calls in flight). Timeouts, deadlines,
    cancellation, retries and errors behave the same on both, except that aiohttp has no
    write timeout.

    A client may be used from several event loops (two ``asyncio.run`` calls, loops in
    several threads, a second ``trio.run``): each loop gets a connection pool and per-host
    limits of its own, made on first use there and closed as that loop shuts down (or by
    :meth:`aclose` in it). A caller's ``http_client`` stays the caller's: it is used as is.

    With ``http_client=`` the caller's pool is used and never closed here; its base URL,
    default headers, auth and redirect setting are ignored, so nothing configured for
    another service reaches this API. Redirects are never followed.

    ``request_id_header`` names the header in which this API answers its request id, when
    it has one of its own; errors read it before the generic ``x-request-id``.
    ``classify_error`` states the API's own error classes (an
    :data:`~awaitops.core.ErrorClassifier`, shared with :meth:`with_options` copies), such
    as a 429 that is a used-up quota (:class:`~awaitops.errors.QuotaExceededError`, never
    retried).
    """

    stats: ClientStats
    hooks: ClientHooks
    """Callbacks for request, retry and wait events, shared with :meth:`with_options` copies."""

    def __init__(
        self,
        *,
        base_url: str | httpx.URL,
        auth: Auth | None = None,
        api_version: ApiVersion | None = None,
        http_client: httpx.AsyncClient | None = None,
        retry: RetryPolicy = _DEFAULT_RETRY,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        deadline: float | None = None,
        default_headers: Mapping[str, str] | None = None,
        rate_limit: RateLimitPolicy | None = _DEFAULT_RATE_LIMIT,
        concurrency: ConcurrencyPolicy | None = _DEFAULT_CONCURRENCY,
        retry_budget: RetryBudget | None = _DEFAULT_RETRY_BUDGET,
        transport: Transport = "httpx",
        request_id_header: str | None = None,
        classify_error: ErrorClassifier | None = None,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
        max_read_time: float | None = DEFAULT_MAX_READ_TIME,
    ) -> None:
        if transport not in _POOLS:
            raise ValueError(f"transport must be 'httpx' or 'aiohttp', got {transport!r}")
        if http_client is not None and transport != "httpx":
            raise ValueError("pass either http_client or transport, not both")
        self.stats = ClientStats()
        self.hooks = ClientHooks()
        self._request_id_header = request_id_header
        self._classify_error = classify_error
        self._lanes = Lanes(partial(Lane, rate_limit, concurrency, retry_budget, self.stats))
        self._configure(
            http_client,
            base_url=base_url,
            auth=auth,
            api_version=api_version,
            retry=retry,
            timeout=timeout,
            deadline=deadline,
            default_headers=dict(default_headers or {}),
            max_response_bytes=max_response_bytes,
            max_read_time=max_read_time,
        )
        install_log_redaction()
        self._owns_http = http_client is None
        self._pools = _Pools(http_client, partial(_POOLS[transport], self._timeout))

    def _configure(
        self,
        http_client: httpx.AsyncClient | None,
        *,
        base_url: str | httpx.URL,
        auth: Auth | None,
        api_version: ApiVersion | None,
        retry: RetryPolicy,
        timeout: TimeoutTypes,
        deadline: float | None,
        default_headers: dict[str, str],
        max_response_bytes: int | None,
        max_read_time: float | None,
    ) -> None:
        try:
            url = httpx.URL(base_url)
        except httpx.InvalidURL as exc:
            raise ValueError(
                f"invalid base_url {quotable_url(base_url)!r}: {redact(str(exc))}"
            ) from None
        if url.scheme not in ("http", "https") or not url.host:
            # Scheme and host only: the rest of a URL this malformed may be anything.
            raise ValueError(
                "base_url must be an absolute http(s) URL, got one with scheme "
                f"{url.scheme!r} and host {redact(url.host)!r}"
            )
        if url.userinfo:
            raise ValueError("base_url must not carry credentials; pass auth= instead")
        if url.query or url.fragment:
            raise ValueError(
                f"base_url must not have a query or fragment, got {quotable_url(url)!r}"
            )
        if (
            auth is not None
            and url.scheme != "https"
            and not _is_loopback(url.host)
            and not _stays_in_process(http_client, url)
        ):
            raise ValueError(
                f"refusing to send credentials over plain http to {url.host!r}: "
                "use https (plain http is allowed only to loopback addresses and to an "
                "in-process app the http_client is bound to)"
            )
        if not isinstance(retry, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, got {type(retry).__name__}")
        self._base_url = str(url).rstrip("/")
        self._host = self._lanes.key(url)
        self._auth = auth
        self._api_version = api_version
        self._retry = retry
        self._timeout = httpx.Timeout(timeout)
        self._limits = _check_limits(max_response_bytes, max_read_time)
        self._extensions = {"timeout": self._timeout.as_dict(), LIMITS: self._limits}
        self._deadline = _check_deadline(deadline)
        self._default_headers = default_headers

        headers: dict[str, tuple[str, str]] = {}
        _merge_headers(
            headers,
            {
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                # What httpx's own clients send; set here because requests are built
                # without the pool's defaults.
                "Accept-Encoding": "gzip, deflate",
            },
        )
        _merge_headers(headers, default_headers)
        if api_version is not None:
            _merge_headers(headers, {api_version.header: api_version.value})
        if auth is not None:
            _merge_headers(headers, auth.headers())
        _merge_headers(headers, {RETRY_COUNT_HEADER: "0"})
        self._header_map = headers
        # httpx copies a Headers object as is; a list it would check and encode again.
        self._headers = httpx.Headers(list(headers.values()))

    # -- configuration -------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def auth(self) -> Auth | None:
        return self._auth

    @property
    def api_version(self) -> ApiVersion | None:
        return self._api_version

    @property
    def retry(self) -> RetryPolicy:
        return self._retry

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    @property
    def deadline(self) -> float | None:
        return self._deadline

    @property
    def max_response_bytes(self) -> int | None:
        return self._limits[0]

    @property
    def max_read_time(self) -> float | None:
        return self._limits[1]

    @property
    def is_closed(self) -> bool:
        return self._pools.is_closed

    def with_options(
        self,
        *,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        auth: Auth | NotGiven | None = NOT_GIVEN,
        api_version: ApiVersion | NotGiven | None = NOT_GIVEN,
        retry: RetryPolicy | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        max_response_bytes: int | NotGiven | None = NOT_GIVEN,
        max_read_time: float | NotGiven | None = NOT_GIVEN,
    ) -> Self:
        """A copy with some settings changed; ``self`` is untouched.

        The copy shares this client's connection pool, :attr:`stats`, :attr:`hooks` and
        per-host limits (send rate, concurrency cap, retry budget); closing the copy
        leaves the pool open. ``default_headers`` are merged over the current ones.
        """
        clone = type(self).__new__(type(self))
        clone.stats = self.stats
        clone.hooks = self.hooks
        clone._request_id_header = self._request_id_header
        clone._classify_error = self._classify_error
        clone._lanes = self._lanes
        clone._configure(
            self._http,
            base_url=self._base_url if isinstance(base_url, NotGiven) else base_url,
            auth=self._auth if isinstance(auth, NotGiven) else auth,
            api_version=self._api_version if isinstance(api_version, NotGiven) else api_version,
            retry=self._retry if isinstance(retry, NotGiven) else retry,
            timeout=self._timeout if isinstance(timeout, NotGiven) else timeout,
            deadline=self._deadline if isinstance(deadline, NotGiven) else deadline,
            default_headers=(
                self._default_headers
                if isinstance(default_headers, NotGiven)
                else {**self._default_headers, **default_headers}
            ),
            max_response_bytes=self._limits[0]
            if isinstance(max_response_bytes, NotGiven)
            else max_response_bytes,
            max_read_time=self._limits[1] if isinstance(max_read_time, NotGiven) else max_read_time,
        )
        clone._pools = self._pools
        clone._owns_http = False
        return clone

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self._base_url!r}, auth={self._auth!r}, "
            f"api_version={self._api_version!r})"
        )

    @property
    def _http(self) -> httpx.AsyncClient:
        """The connection pool of the running event loop (see :class:`_Pools`)."""
        return self._pools.get()

    @property
    def _lane(self) -> Lane:
        """Admission to this client's host, in the running event loop."""
        return self._lanes.lane(self._host)

    # -- lifecycle -----------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the connection pool if this client created it; otherwise do nothing."""
        if self._owns_http:
            # Waits polling through this pool end now, not at their next poll.
            self.hooks._closing.close()
            await self._pools.aclose()
            await self._lanes.aclose()

    # -- requests ------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: RequestContent | None = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int | NotGiven | None = NOT_GIVEN,
        max_read_time: float | NotGiven | None = NOT_GIVEN,
        **unexpected: Never,
    ) -> Coroutine[Any, Any, httpx.Response]:
        """Send one API call, retrying per the policy; return the read 2xx response.

        ``idempotent`` None decides from the method (GET, HEAD, PUT, DELETE are safe to
        re-send after a 5xx or a read timeout); True marks e.g. a POST as safe too.
        ``extra_headers`` override every other header, the version header included.
        Raises the :mod:`awaitops.errors` type matching the failure.

        A plain function handing back the call's coroutine, so that arguments are checked
        when it is called and a waiting caller holds one frame less.
        """
        if unexpected:
            raise unexpected_keyword(unexpected, "AsyncApiClient.request")
        method = method.upper()
        url = self._base_url + checked_path(path)
        if params and "?" not in url:
            # Encoded here, so that a repeated query (a list's first page) is cached too.
            query = _query(params)
            url, params = (f"{url}?{query}" if query else url), None
        target = _url(url)
        request = _Request(
            method,
            target,
            params=params,
            json=json,
            content=content,
            files=files,
            data=data,
            headers=self._headers_for(headers, extra_headers),
            extensions=self._extensions_for(timeout, max_response_bytes, max_read_time),
        )
        attempts = self._retry.max_attempts if max_retries is None else _attempts(max_retries)
        if (content is not None and not isinstance(content, str | bytes)) or not (
            files_replayable(files)
        ):
            # A streamed body is consumed by the first attempt and cannot be sent again:
            # marked by a negative count, which the error then explains.
            attempts = -1
        return self._send(
            request,
            idempotent=method in IDEMPOTENT_METHODS if idempotent is None else idempotent,
            attempts=attempts,
            deadline=self._deadline
            if isinstance(deadline, NotGiven)
            else _check_deadline(deadline),
        )

    def send(
        self,
        request: EndpointRequest,
        *,
        idempotent: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        max_retries: int | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int | NotGiven | None = NOT_GIVEN,
        max_read_time: float | NotGiven | None = NOT_GIVEN,
        **unexpected: Never,
    ) -> Coroutine[Any, Any, httpx.Response]:
        """Send what a generated endpoint's ``request(...)`` describes, like :meth:`request`.

        Its ``path`` is relative to this client's base URL. A keyword it does not take
        raises TypeError naming the public method it came through (``Files.get()``).
        """
        if unexpected:
            raise unexpected_keyword(unexpected, "AsyncApiClient.send")
        kind = request.body_kind
        if kind not in _BODY_KINDS:
            raise TypeError(f"unsupported body kind: {kind!r}")
        return self.request(
            request.method,
            request.path,
            params=request.params or None,
            json=request.body if kind == "json" else None,
            files=request.body if kind == "multipart" else None,
            headers=request.headers or None,
            idempotent=idempotent,
            timeout=timeout,
            extra_headers=extra_headers,
            max_retries=max_retries,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            max_read_time=max_read_time,
        )

    @overload
    def download(
        self,
        url: str,
        to: None = None,
        *,
        progress: DownloadProgress | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
    ) -> Coroutine[Any, Any, bytes]: ...
    @overload
    def download(
        self,
        url: str,
        to: str | os.PathLike[str],
        *,
        progress: DownloadProgress | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
    ) -> Coroutine[Any, Any, Path]: ...
    def download(
        self,
        url: str,
        to: str | os.PathLike[str] | None = None,
        *,
        progress: DownloadProgress | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
    ) -> Coroutine[Any, Any, bytes | Path]:
        """The bytes behind a pre-signed download link (an absolute URL, https or loopback):
        returned, or with ``to`` written to that path (returned), streamed either way.

        The link is its own credential: the request carries none of this client's (no auth,
        no version header), only its pool, timeouts and retry policy (a retry starts over).
        ``progress(received, total)`` is called as bytes arrive (``total`` None when the
        host does not say). A link past its time raises
        :class:`~awaitops.errors.LinkExpiredError`. A file at ``to`` is replaced only once
        every byte arrived. A plain function handing back the coroutine: the link is checked
        when it is called.
        """
        link = checked_link(url, _is_loopback)
        if self._http.is_closed:
            raise ClientClosedError(CLOSED_MESSAGE)
        return download_link(
            self._http,
            link,
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
            to=to,
            progress=progress,
            request_timeout=self._timeout
            if isinstance(timeout, NotGiven)
            else httpx.Timeout(timeout),
            retry=self._retry,
            attempts=self._retry.max_attempts if max_retries is None else _attempts(max_retries),
        )

    def spend_retry(self) -> bool:
        """Take one retry from the retry budget of this client's host, for a retry made
        outside :meth:`request` (a reconciled re-send); False, and counted in
        :attr:`ClientStats.retries_refused`, when the budget is spent. Always True with
        ``retry_budget=None``."""
        return self._lane.spend_retry()

    def _extensions_for(
        self,
        timeout: TimeoutTypes | NotGiven,
        max_response_bytes: int | NotGiven | None,
        max_read_time: float | NotGiven | None,
    ) -> dict[str, Any]:
        if (
            isinstance(timeout, NotGiven)
            and isinstance(max_response_bytes, NotGiven)
            and isinstance(max_read_time, NotGiven)
        ):
            return self._extensions
        given_bytes, given_time = self._limits
        return {
            "timeout": (
                self._extensions["timeout"]
                if isinstance(timeout, NotGiven)
                else httpx.Timeout(timeout).as_dict()
            ),
            LIMITS: _check_limits(
                given_bytes if isinstance(max_response_bytes, NotGiven) else max_response_bytes,
                given_time if isinstance(max_read_time, NotGiven) else max_read_time,
            ),
        }

    def _headers_for(
        self, headers: Mapping[str, str] | None, extra_headers: Mapping[str, str] | None
    ) -> httpx.Headers:
        if not headers and not extra_headers:
            return self._headers
        merged = dict(self._header_map)
        if headers:
            _merge_headers(merged, headers)
        if extra_headers:
            _merge_headers(merged, extra_headers)
        _merge_headers(merged, {RETRY_COUNT_HEADER: "0"})
        return httpx.Headers(list(merged.values()))

    def _api_error(self, response: httpx.Response) -> ApiError:
        # A server may echo the credential it rejected: the error redacts it (errors.py).
        return error_from_response(response, self._request_id_header, self._classify_error)

    def _attempt(
        self, request: _Request, end: float | None, observer: CallObserver | None
    ) -> Awaitable[tuple[httpx.Response, int]]:
        # The host's lane queues the attempt for its turn, then sends it; the deadline
        # covers both. A plain function: without a deadline, no extra frame per attempt.
        sending = self._lane.send(self._http, request, self._retry.retry_after_cap, end, observer)
        return sending if end is None else _before(end, sending)

    def _send(
        self, request: _Request, *, idempotent: bool, attempts: int, deadline: float | None
    ) -> Coroutine[Any, Any, httpx.Response]:
        # A plain function handing back the coroutine: nobody observing costs no extra frame.
        observer = observe_call(self.hooks, request.method, request.url)
        sending = self._send_attempts(request, idempotent, attempts, deadline, observer)
        return sending if observer is None else observer.around(sending)

    async def _send_attempts(
        self,
        request: _Request,
        idempotent: bool,
        attempts: int,
        deadline: float | None,
        observer: CallObserver | None,
    ) -> httpx.Response:
        # ``attempts``: how many in all, or -1 for one whose body cannot be sent again.
        policy = self._retry
        stats = self.stats
        debug = logger.isEnabledFor(logging.DEBUG)
        end = None if deadline is None else anyio.current_time() + deadline
        delays = None
        attempt = 0
        acted_before = False
        while True:
            if self._pools.is_closed:
                raise ClientClosedError(CLOSED_MESSAGE)
            if attempt:
                request().headers[RETRY_COUNT_HEADER] = str(attempt)
            stats.requests += 1
            hint: float | None = None
            error: AwaitopsError
            if observer is not None:
                observer.sending(attempt)
            try:
                response, epoch = await self._attempt(request, end, observer)
            except httpx.HTTPError as exc:
                error = error_from_transport(exc)
                error.__cause__ = exc
                retryable = transport_error_retryable(exc, idempotent)
                outcome: object = type(exc).__name__
                acted = may_have_acted(exc)
                if observer is not None:
                    observer.answered(outcome)
            else:
                outcome = response.status_code
                if observer is not None:
                    observer.answered(outcome)
                if response.is_success:
                    if debug:
                        self._log_attempt(request(), outcome, attempt)
                    return response
                error = self._api_error(response)
                error.attempt = attempt
                error.acted_before = acted_before
                acted = may_have_acted(error)
                if isinstance(error, RateLimitError) and not isinstance(error, QuotaExceededError):
                    # A used-up quota says nothing of the host's send rate.
                    stats.rate_limited += 1
                    hint = error.retry_after
                    self._lane.throttled(epoch, hint)
                else:
                    hint = retry_after_seconds(response.headers)
                retryable = status_retryable(error, policy, idempotent)
            if debug:
                self._log_attempt(request(), outcome, attempt)
            if attempts < 0 and retryable:
                error.add_note("not retried: the request's body was streamed and cannot be re-sent")
                raise error
            if not retryable or attempt + 1 >= attempts:
                raise error
            if delays is None:
                delays = policy.delays()
            delay = next_delay(next(delays), hint, policy)
            if delay is None or (end is not None and anyio.current_time() + delay >= end):
                # Waiting as asked would overrun the cap or the deadline: report the
                # failure now (a RateLimitError carries the server's retry_after).
                raise error
            if not isinstance(error, RateLimitError) and not self._lane.spend_retry():
                # The host fails more than its retry budget covers: retrying would
                # multiply the load of an outage.
                error.add_note("not retried: the host's retry budget is spent")
                if observer is not None:
                    observer.refused(outcome)
                raise error
            attempt += 1
            acted_before = acted_before or acted
            stats.retries += 1
            if observer is not None:
                observer.retrying(attempt, outcome, delay)
            if debug:
                logger.debug(
                    "retrying %s %s in %.3fs (retry %d of at most %d)",
                    request().method,
                    loggable_path(request().url),
                    delay,
                    attempt,
                    attempts - 1,
                    extra={"attempt": attempt, "delay": delay},
                )
            await anyio.sleep(delay)

    def _log_attempt(self, request: httpx.Request, outcome: object, attempt: int) -> None:
        path = loggable_path(request.url)
        logger.debug(
            "HTTP %s %s -> %s (attempt %d)",
            request.method,
            path,
            outcome,
            attempt,
            extra={
                "http_method": request.method,
                "http_path": path,
                "http_status": outcome if isinstance(outcome, int) else None,
                "attempt": attempt,
            },
        )


def api_client(
    base_url: str,
    auth: Auth,
    *,
    api_version: ApiVersion | None = None,
    request_id_header: str | None = None,
    classify_error: ErrorClassifier | None = None,
    retry: RetryPolicy | None = None,
    **options: Unpack[_PoolOptions],
) -> AsyncApiClient:
    """The :class:`AsyncApiClient` a vendor client is built on (``retry=None``: the
    default policy)."""
    return AsyncApiClient(
        base_url=base_url,
        auth=auth,
        api_version=api_version,
        request_id_header=request_id_header,
        classify_error=classify_error,
        retry=retry or RetryPolicy(),
        **options,
    )
