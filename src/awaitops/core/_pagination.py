"""Async pagination: one pager, two strategies (token cursor and page number).

The pager never touches HTTP. It calls ``fetch(params)`` with the query parameters of one page
(page size, and the token or page number) and reads the decoded JSON body it gets back. A
strategy says which parameter names to send and where in the body the items and the paging
information live.

Guarantees:

* ``page_size`` is sent to the server as the page size; ``max_items`` only caps the total and
  never costs a request once the cap is reached.
* A token or page the server already served raises :class:`PaginationLoopError`, as does a
  page whose items equal the previous page's: following such a server would never end.
* An empty page that still carries a next token does not end a token walk; a run of more than
  ``TokenPagination.max_empty_pages`` of them raises :class:`PaginationLoopError`, since fresh
  tokens alone would let a broken server keep a walk going forever (``max_items`` never
  counts an empty page).
* A walk reads at most ``max_pages`` pages (default :data:`DEFAULT_MAX_PAGES`): a server
  handing out fresh tokens or fresh items forever passes every other check, so one more
  page offered past the bound raises :class:`PaginationLimitError`. A caller whose list
  really is that long passes a larger ``max_pages``, or None.
* With ``prefetch=n`` the next pages are fetched in a background task while the caller works on
  the current one. That task lives in a task group opened by ``async with pager:`` (never inside
  an async generator, whose frames may be finalised in another task), so leaving the block
  cancels it at once, under asyncio and trio alike.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Generic, Self, TypeAlias, TypeVar

import anyio
import attrs

from awaitops._redaction import safe_cause
from awaitops.errors import PaginationLimitError, PaginationLoopError, ResponseValidationError

from ._endpoints import EndpointRequest, Send
from ._listening import traced_pages
from ._parse import parse_json

if TYPE_CHECKING:
    # Types only: anyio loads its stream and task-group modules (about 10 ms) on first use,
    # which is a pager with prefetch, not every import of the SDK.
    from anyio.abc import TaskGroup
    from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

__all__ = ["AsyncPager", "Page", "PageNumberPagination", "TokenPagination"]

T = TypeVar("T")

#: The pages one walk reads at most unless told otherwise (``max_pages=``).
DEFAULT_MAX_PAGES: Final = 10_000

Fetch: TypeAlias = Callable[[dict[str, Any]], Awaitable[Any]]
"""Fetch one page: receives the query parameters to send, returns the decoded JSON body."""

Cursor: TypeAlias = str | int | None
"""Where a walk stands: a token (token strategy) or a page number (page strategy)."""


class _PageRequest:
    """A list request with a pager's page parameters added: made for every page, so a
    plain class."""

    __slots__ = ("body", "body_kind", "headers", "method", "params", "path")

    def __init__(self, request: EndpointRequest, params: Mapping[str, Any]) -> None:
        self.method = request.method
        self.path = request.path
        self.params = params
        self.headers = request.headers
        self.body_kind = request.body_kind
        self.body = request.body


def page_fetcher(send: Send, request: EndpointRequest) -> Fetch:
    """A pager's ``fetch``: the generated request, with the pager's page parameters added."""
    base_params = dict(request.params)

    async def fetch(params: dict[str, Any]) -> Any:
        return parse_json(await send(_PageRequest(request, {**base_params, **params})))

    return fetch


@attrs.frozen
class Page(Generic[T]):
    """One page of results.

    ``next_token`` is set by token pagination (None on the last page); ``page``,
    ``total_pages`` and ``total_count`` by page-number pagination, as the server reported
    them. ``raw`` is the decoded body the page came from.
    """

    items: Sequence[T]
    next_token: str | None = None
    page: int | None = None
    total_pages: int | None = None
    total_count: int | None = None
    raw: Any = attrs.field(default=None, eq=False, repr=False)


def _path_tuple(value: Sequence[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        # A bare string would silently become a path of single characters.
        raise TypeError(f"a body path is a sequence of keys, not a string: {value!r}")
    return tuple(value)


@attrs.frozen
class TokenPagination:
    """Cursor pagination: the server answers with an opaque token for the next page.

    Every name is the API's own, stated by the vendor (the core assumes none):
    ``token_param`` and ``size_param`` name the query parameters; ``items_path`` and
    ``next_path`` locate the items list and the next token in the body (an empty
    ``items_path`` means the body is the list). A missing or null object anywhere along
    ``next_path``, or an empty token, marks the last page; so does ``false`` at
    ``has_more_path``, for APIs that state the end in a flag (``"has_more": false``) and
    still fill their cursor (``last_id``): no request is spent past it. Such a flag must
    be a boolean when present. A body without the items list is
    malformed unless ``allow_missing_items`` (some servers drop empty lists from JSON).

    With ``size_on_first_request_only`` the page size is sent only on a request without a
    token, for servers whose tokens carry the page size they were minted with and that skip
    or repeat items when a size comes with a token. A walk resumed from a saved token then
    never sends a size: the token's own one applies.

    ``max_empty_pages`` bounds a run of consecutive empty pages that each carry a new token
    (default 100); one more raises :class:`PaginationLoopError`.
    """

    token_param: str
    size_param: str
    items_path: tuple[str, ...] = attrs.field(converter=_path_tuple)
    next_path: tuple[str, ...] = attrs.field(converter=_path_tuple)
    allow_missing_items: bool = False
    size_on_first_request_only: bool = False
    max_empty_pages: int = attrs.field(default=100, validator=attrs.validators.ge(1))
    has_more_path: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_path_tuple)
    )

    def _walker(self, start_token: str | None) -> _TokenWalker:
        return _TokenWalker(self, start_token)


@attrs.frozen
class PageNumberPagination:
    """Page-number pagination: ``page`` / ``page_size`` in, ``total_pages`` / ``total_count`` out.

    Every name is the API's own, stated by the vendor (the core assumes none): ``page_param``
    and ``size_param`` name the query parameters, the paths locate the items, the page
    number and the totals in the body.

    The pager does not assume whether the server counts pages from 0 or from 1. With
    ``first_page=None`` the first request carries no page number, so the server serves its own
    first page, and the number the server reports for it (at ``page_path``) is where counting
    starts; each following request asks for the reported number plus one. When the server
    leaves the number out of an answer, the number requested is assumed, and for the first
    request 0 (protobuf JSON drops zero values). Set ``first_page`` to send an explicit number
    on the first request instead.

    The walk stops after an empty page, once ``total_count`` items were received, or on the
    last of ``total_pages`` pages, whichever comes first. Integers encoded as strings (as
    protobuf JSON does for 64-bit fields) are accepted.
    """

    page_param: str
    size_param: str
    items_path: tuple[str, ...] = attrs.field(converter=_path_tuple)
    page_path: tuple[str, ...] = attrs.field(converter=_path_tuple)
    total_pages_path: tuple[str, ...] = attrs.field(converter=_path_tuple)
    total_count_path: tuple[str, ...] = attrs.field(converter=_path_tuple)
    first_page: int | None = None
    allow_missing_items: bool = False

    def _walker(self, start_page: int | None) -> _PageWalker:
        return _PageWalker(self, start_page)


Strategy: TypeAlias = TokenPagination | PageNumberPagination
"""How an API pages: what :class:`AsyncPager` accepts as its ``strategy``."""

_INT_TEXT = re.compile(r"-?[0-9]{1,19}")
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _malformed(message: str, body: Any) -> ResponseValidationError:
    try:
        text = json.dumps(body)
    except (TypeError, ValueError):
        text = repr(body)
    return ResponseValidationError(message, body=text)


def _lookup(body: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path``; None when it or any object along the way is missing or null."""
    node = body
    for depth, key in enumerate(path):
        if node is None:
            return None
        if not isinstance(node, dict):
            where = ".".join(path[:depth]) or "the top level"
            raise _malformed(f"expected a JSON object at {where}", body)
        node = node.get(key)
    return node


def _read_items(body: Any, path: tuple[str, ...], allow_missing: bool) -> list[Any]:
    if path and not isinstance(body, dict):
        # Leniency covers a list the server left out, not an answer that is no page at all.
        raise _malformed("expected a JSON object at the top level", body)
    items = _lookup(body, path)
    if items is None and allow_missing:
        return []
    if not isinstance(items, list):
        where = ".".join(path) or "the top level"
        raise _malformed(f"expected a list of items at {where}", body)
    return items


def _read_int(body: Any, path: tuple[str, ...]) -> int | None:
    """An integer, also as protobuf JSON's string form; 64-bit at most, ASCII digits only
    (``str.isdigit`` would take "²", which ``int`` then refuses)."""
    value = _lookup(body, path)
    if value is None:
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _INT_TEXT.fullmatch(value):
        number = int(value)
    if number is not None and _INT64_MIN <= number <= _INT64_MAX:
        return number
    shown = repr(value) if len(repr(value)) <= 40 else f"{repr(value)[:40]}..."
    raise _malformed(f"expected a 64-bit integer at {'.'.join(path)}, got {shown}", body)


class _PageData:
    """What a strategy read off one page (made per page: a plain class, built cheaply)."""

    __slots__ = ("next_token", "page", "raw_items", "total_count", "total_pages")

    def __init__(
        self,
        raw_items: list[Any],
        next_token: str | None = None,
        page: int | None = None,
        total_pages: int | None = None,
        total_count: int | None = None,
    ) -> None:
        self.raw_items = raw_items
        self.next_token = next_token
        self.page = page
        self.total_pages = total_pages
        self.total_count = total_count


class _TokenLoops:
    """Whether a page token came before, in memory that does not grow with the walk.

    The last ``recent`` tokens are kept, so a loop that short is caught at its first repeat;
    a longer one is caught within about twice its length by Brent's method (one checkpoint
    token, moved at each power of two). Remembering every token would make a walk's memory
    grow with its length.
    """

    __slots__ = ("_checkpoint", "_order", "_power", "_recent", "_since")

    def __init__(self, first: str | None, recent: int = 128) -> None:
        self._order: deque[str] = deque(maxlen=recent)
        self._recent: set[str] = set()
        self._checkpoint = first
        self._power = 1
        self._since = 0
        if first is not None:
            self._remember(first)

    def repeats(self, token: str) -> bool:
        if token in self._recent or token == self._checkpoint:
            return True
        self._remember(token)
        self._since += 1
        if self._since == self._power:
            self._checkpoint, self._power, self._since = token, self._power * 2, 0
        return False

    def _remember(self, token: str) -> None:
        order = self._order
        if len(order) == order.maxlen:
            self._recent.discard(order[0])
        order.append(token)
        self._recent.add(token)


class _TokenWalker:
    def __init__(self, strategy: TokenPagination, start_token: str | None) -> None:
        self._strategy = strategy
        self.cursor: str | None = start_token
        self.finished = False
        self._loops = _TokenLoops(start_token)
        self._empty_run = 0

    def params(self) -> dict[str, Any]:
        return {} if self.cursor is None else {self._strategy.token_param: self.cursor}

    def sends_size(self) -> bool:
        return self.cursor is None or not self._strategy.size_on_first_request_only

    def read(self, body: Any, received: int) -> _PageData:
        strategy = self._strategy
        raw_items = _read_items(body, strategy.items_path, strategy.allow_missing_items)
        token = _lookup(body, strategy.next_path)
        if token is not None and not isinstance(token, str):
            raise _malformed(
                f"expected a string token at {'.'.join(strategy.next_path)}, got {token!r}", body
            )
        token = token or None
        if strategy.has_more_path is not None:
            more = _lookup(body, strategy.has_more_path)
            if more is not None and not isinstance(more, bool):
                where = ".".join(strategy.has_more_path)
                raise _malformed(f"expected a boolean at {where}, got {more!r}", body)
            if more is False:
                token = None
        if token is not None:
            # The message never quotes the token: it is the server's opaque (and possibly
            # sensitive) text.
            if self._loops.repeats(token):
                raise PaginationLoopError("the server returned a page token it had returned before")
            self._empty_run = 0 if raw_items else self._empty_run + 1
            if self._empty_run > strategy.max_empty_pages:
                raise PaginationLoopError(
                    f"the server returned {self._empty_run} empty pages in a row, each with a "
                    f"new token (max_empty_pages={strategy.max_empty_pages})"
                )
        self.cursor = token
        self.finished = token is None
        return _PageData(raw_items, next_token=token)


class _PageWalker:
    def __init__(self, strategy: PageNumberPagination, start_page: int | None) -> None:
        self._strategy = strategy
        self.cursor: int | None = strategy.first_page if start_page is None else start_page
        self.finished = False
        # Counting items against total_count is only sound for a walk from the first page.
        self._from_start = start_page is None
        self._base: int | None = None
        # Pages are asked for in order, so one that is not past the last is a repeat (or the
        # server going back): the last is all there is to keep, however long the walk.
        self._last: int | None = None

    def params(self) -> dict[str, Any]:
        return {} if self.cursor is None else {self._strategy.page_param: self.cursor}

    def sends_size(self) -> bool:
        return True

    def read(self, body: Any, received: int) -> _PageData:
        strategy = self._strategy
        raw_items = _read_items(body, strategy.items_path, strategy.allow_missing_items)
        reported = _read_int(body, strategy.page_path)
        total_pages = _read_int(body, strategy.total_pages_path)
        total_count = _read_int(body, strategy.total_count_path)
        # A number left out of the answer is the one requested, or 0 (protobuf JSON omits it).
        requested = 0 if self.cursor is None else self.cursor
        current = requested if reported is None else reported
        last = self._last
        if last is not None and current <= last:
            again = "again" if current == last else f"after page {last}"
            raise PaginationLoopError(f"the server returned page {current} {again}")
        if self._from_start and last is None:
            self._base = current
        self._last = current

        if total_pages is None:
            last_page = False
        elif self._base is not None:
            last_page = current >= self._base + total_pages - 1
        else:
            # Base unknown (resumed walk): page total_pages is the last one counting from 1
            # and past the end counting from 0, so stopping there is right either way.
            last_page = current >= total_pages
        count_reached = (
            self._from_start
            and total_count is not None
            and received + len(raw_items) >= total_count
        )
        self.finished = not raw_items or last_page or count_reached
        self.cursor = None if self.finished else current + 1
        return _PageData(raw_items, page=current, total_pages=total_pages, total_count=total_count)


_Walker: TypeAlias = _TokenWalker | _PageWalker


def _page_reader(parse_item: Callable[[Any], T]) -> Callable[[list[Any]], list[T]]:
    """How a page's raw items become ``T``s: at once where ``parse_item`` can read a page
    (a snapshot class, or an operations resource's ``_wrap``, which check a whole page in
    one loop), else item by item. Either gives the same items, or fails as
    ``parse_item`` fails on the first item it refuses."""
    read: Callable[[list[Any]], list[T]] | None = None
    if isinstance(parse_item, type) and not getattr(parse_item, "_init_extra", True):
        read = getattr(parse_item, "_read_page", None)
    owner = getattr(parse_item, "__self__", None)
    wrap = getattr(type(owner), "_wrap", None)
    if wrap is not None and getattr(parse_item, "__func__", None) is wrap:
        read = getattr(owner, "_wrap_page", None)
    if read is not None:
        return read

    def one_by_one(raw_items: list[Any]) -> list[T]:
        return [parse_item(item) for item in raw_items]

    return one_by_one


class _Walk(Generic[T]):
    """One walk through the pages, from the pager's starting point up to ``cap`` items."""

    def __init__(self, pager: AsyncPager[T], cap: int | None) -> None:
        self._fetch = traced_pages(pager._fetch, pager._page_size)
        self._read_page = pager._read_page
        self._page_size = pager._page_size
        self._size_param = pager._strategy.size_param
        self._cap = cap
        self._max_pages = pager._max_pages
        self._pages = 0
        self._walker: _Walker = pager._new_walker()
        self._received = 0
        self._previous_items: list[Any] | None = None

    def done(self) -> bool:
        return self._walker.finished or (self._cap is not None and self._received >= self._cap)

    async def next_page(self) -> _Fetched[T]:
        """Fetch the next page, with where to resume before and after it."""
        if self._max_pages is not None and self._pages >= self._max_pages:
            raise PaginationLimitError(
                f"read max_pages={self._max_pages} pages and the server offers another: "
                "pass a larger max_pages (or None) if the list is really that long",
                max_pages=self._max_pages,
            )
        self._pages += 1
        requested = self._walker.cursor
        params = self._walker.params()
        if self._page_size is not None and self._walker.sends_size():
            params[self._size_param] = self._page_size
        body = await self._fetch(params)
        data = self._walker.read(body, self._received)
        if data.raw_items and data.raw_items == self._previous_items:
            raise PaginationLoopError("the server returned the same page of items twice")
        self._previous_items = data.raw_items

        raw_items = data.raw_items
        resume: Cursor = self._walker.cursor
        exhausted = self._walker.finished
        if self._cap is not None and self._received + len(raw_items) > self._cap:
            raw_items = raw_items[: self._cap - self._received]
            # Resuming re-reads a page max_items cut short rather than skip its rest.
            resume, exhausted = requested, False
        self._received += len(data.raw_items)
        failure: Exception | None = None
        try:
            items = self._read_page(raw_items)
        except Exception as exc:
            failure = exc
        if failure is not None:
            # Outside the except block: a cause quoting a credential is not chained.
            raise _malformed(f"an item did not parse: {failure}", body) from safe_cause(failure)
        page = Page(
            items=items,
            next_token=data.next_token,
            page=data.page,
            total_pages=data.total_pages,
            total_count=data.total_count,
            raw=body,
        )
        return _Fetched(page, requested, resume, exhausted)


class _Fetched(Generic[T]):
    """A page and where to resume around it (made per page: a plain class)."""

    __slots__ = ("exhausted", "page", "requested", "resume")

    def __init__(self, page: Page[T], requested: Cursor, resume: Cursor, exhausted: bool) -> None:
        self.page = page
        self.requested = requested  # resume here to read this page again
        self.resume = resume  # resume here to read the page after it
        self.exhausted = exhausted


_Outcome: TypeAlias = _Fetched[T] | Exception


async def _produce(walk: _Walk[T], send: MemoryObjectSendStream[_Outcome[T]]) -> None:
    """Fetch pages ahead into ``send``; a failure is handed over, never raised in the group."""
    async with send:
        while not walk.done():
            outcome: _Outcome[T]
            try:
                outcome = await walk.next_page()
            except Exception as exc:
                outcome = exc
            try:
                await send.send(outcome)
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                return  # the consumer stopped reading
            if isinstance(outcome, Exception):
                return


class AsyncPager(Generic[T]):
    """Iterate over a paginated list, item by item or page by page.

    ``fetch`` gets the query parameters of one page and returns the decoded body;
    ``parse_item`` turns one raw item into ``T`` (a failure becomes
    :class:`ResponseValidationError`). Each iteration walks from the starting point again;
    after each page, :attr:`next_token` (token strategy) or :attr:`next_page` (page strategy)
    says where a new pager should start (``start_token=`` / ``start_page=``) to carry on.

    With ``prefetch > 0``, iterate inside ``async with pager:``; :meth:`collect` opens that
    scope by itself.
    """

    def __init__(
        self,
        fetch: Fetch,
        strategy: Strategy,
        parse_item: Callable[[Any], T],
        *,
        page_size: int | None = None,
        max_items: int | None = None,
        start_token: str | None = None,
        start_page: int | None = None,
        prefetch: int = 0,
        max_pages: int | None = DEFAULT_MAX_PAGES,
    ) -> None:
        if page_size is not None and page_size < 1:
            raise ValueError(f"page_size must be >= 1, got {page_size!r}")
        if max_items is not None and max_items < 1:
            raise ValueError(f"max_items must be >= 1, got {max_items!r}")
        if prefetch < 0:
            raise ValueError(f"prefetch must be >= 0, got {prefetch!r}")
        if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
            raise ValueError(f"max_pages must be an integer >= 1 or None, got {max_pages!r}")
        if start_token is not None and not isinstance(strategy, TokenPagination):
            raise ValueError("start_token needs TokenPagination; use start_page for page numbers")
        if start_page is not None and not isinstance(strategy, PageNumberPagination):
            raise ValueError("start_page needs PageNumberPagination; use start_token for tokens")
        self._fetch = fetch
        self._strategy = strategy
        self._read_page = _page_reader(parse_item)
        self._page_size = page_size
        self._max_items = max_items
        self._max_pages = max_pages
        self._start: Cursor = start_token if start_page is None else start_page
        self._prefetch = prefetch
        self._task_group: TaskGroup | None = None
        # Both ends of each prefetch stream, closed on leaving `async with`, also for a
        # producer cancelled before it ever ran.
        self._streams: list[
            MemoryObjectSendStream[_Outcome[T]] | MemoryObjectReceiveStream[_Outcome[T]]
        ] = []
        self._cursor: Cursor = self._start
        self._exhausted = False

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(strategy={self._strategy!r}, page_size={self._page_size!r}, "
            f"max_items={self._max_items!r}, prefetch={self._prefetch!r})"
        )

    @property
    def next_token(self) -> str | None:
        """The token to resume from after the last page handed out (token strategy only)."""
        return self._cursor if isinstance(self._cursor, str) else None

    @property
    def next_page(self) -> int | None:
        """The page number to resume from after the last page handed out (page strategy only)."""
        return self._cursor if isinstance(self._cursor, int) else None

    @property
    def exhausted(self) -> bool:
        """Whether the last page handed out was the server's last page."""
        return self._exhausted

    async def __aenter__(self) -> Self:
        if self._task_group is not None:
            raise RuntimeError("this pager is already open")
        if self._prefetch:
            task_group = anyio.create_task_group()
            await task_group.__aenter__()
            self._task_group = task_group
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        task_group, self._task_group = self._task_group, None
        if task_group is None:
            return
        # Pages fetched ahead are no longer wanted: stop the producers mid-request.
        for stream in self._streams:
            stream.close()
        self._streams.clear()
        task_group.cancel_scope.cancel()
        # Producers never raise (they hand failures over), so the group only waits for them;
        # the body's own exception, if any, then propagates as itself, not in a group.
        await task_group.__aexit__(None, None, None)

    def __aiter__(self) -> AsyncIterator[T]:
        return _ItemIterator(_PageIterator(self, self._max_items))

    def pages(self) -> AsyncIterator[Page[T]]:
        """Iterate page by page; with ``max_items`` the last page is cut at the cap."""
        return _PageIterator(self, self._max_items)

    async def collect(self, max_items: int | None = None) -> list[T]:
        """All items in a list, at most ``max_items`` (and at most the pager's own cap)."""
        if max_items is not None and max_items < 1:
            raise ValueError(f"max_items must be >= 1, got {max_items!r}")
        caps = [cap for cap in (max_items, self._max_items) if cap is not None]
        cap = min(caps) if caps else None
        if self._prefetch and self._task_group is None:
            async with self:
                return [item async for item in _ItemIterator(_PageIterator(self, cap))]
        return [item async for item in _ItemIterator(_PageIterator(self, cap))]

    async def first_page(self) -> Page[T]:
        """Fetch the first page only."""
        fetched = await _Walk(self, self._max_items).next_page()
        self._record(fetched.resume, fetched.exhausted)
        return fetched.page

    def _start_producer(self, walk: _Walk[T]) -> MemoryObjectReceiveStream[_Outcome[T]]:
        if self._task_group is None:
            raise RuntimeError(
                "a pager with prefetch must be iterated inside `async with pager:`, "
                "which scopes its background fetches"
            )
        # The producer holds one fetched page while blocked on send, so a buffer of
        # prefetch - 1 keeps exactly `prefetch` pages ahead of the consumer.
        send, receive = anyio.create_memory_object_stream[_Outcome[T]](self._prefetch - 1)
        self._streams += (send, receive)
        self._task_group.start_soon(_produce, walk, send)
        return receive

    def _new_walker(self) -> _Walker:
        if isinstance(self._strategy, TokenPagination):
            assert not isinstance(self._start, int)
            return self._strategy._walker(self._start)
        assert not isinstance(self._start, str)
        return self._strategy._walker(self._start)

    def _record(self, resume: Cursor, exhausted: bool) -> None:
        self._cursor = resume
        self._exhausted = exhausted


class _PageIterator(Generic[T]):
    """Walks the pages. A class rather than an async generator: a loop left with ``break``
    leaves no suspended frame behind to be finalised later, perhaps in another task."""

    def __init__(self, pager: AsyncPager[T], cap: int | None) -> None:
        self._pager = pager
        self._walk = _Walk(pager, cap)
        self._receive: MemoryObjectReceiveStream[_Outcome[T]] | None = None
        pager._record(pager._start, False)
        if pager._prefetch:
            self._receive = pager._start_producer(self._walk)

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Page[T]:
        fetched = await self.next_fetched()
        self._pager._record(fetched.resume, fetched.exhausted)
        return fetched.page

    async def next_fetched(self) -> _Fetched[T]:
        if self._receive is None:
            if self._walk.done():
                raise StopAsyncIteration
            return await self._walk.next_page()
        try:
            outcome = await self._receive.receive()
        except (anyio.EndOfStream, anyio.ClosedResourceError):
            raise StopAsyncIteration from None
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


class _ItemIterator(Generic[T]):
    """Items one by one. The pager's resume point moves past a page only once its last item
    was handed out, so resuming after a ``break`` repeats items rather than skipping them."""

    def __init__(self, pages: _PageIterator[T]) -> None:
        self._pages = pages
        self._pager = pages._pager
        # The current page's items but its last: handing out its last moves the resume point.
        self._ahead: Iterator[T] = iter(())
        self._current: _Fetched[T] | None = None

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> T:
        # Runs once per item, so kept to one step of an iterator: the rest is in _turn.
        for item in self._ahead:
            return item
        return await self._turn()

    async def _turn(self) -> T:
        """The first item of the next page, or the last item of the current one."""
        current = self._current
        if current is None:
            current = self._current = await self._next_page()
            for item in self._ahead:
                return item
        self._current = None
        self._pager._record(current.resume, current.exhausted)
        return current.page.items[-1]

    async def _next_page(self) -> _Fetched[T]:
        while True:
            fetched = await self._pages.next_fetched()
            items = fetched.page.items
            if items:
                self._pager._record(fetched.requested, False)
                self._ahead = iter(items[:-1])
                return fetched
            self._pager._record(fetched.resume, fetched.exhausted)
