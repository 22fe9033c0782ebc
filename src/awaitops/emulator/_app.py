"""The emulator: one ASGI app serving the Pinecone Assistant control and data planes,
Pinecone backup schedules and Chainloop async operations."""

from __future__ import annotations

import functools
import random
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import attrs

from ._backups import BackupState
from ._chainloop import ChainloopState
from ._clock import Clock, SystemClock
from ._config import EmulatorConfig
from ._faults import Action, Faults
from ._http import (
    SOCKET_SCOPE_KEY,
    Receive,
    Reject,
    Request,
    Response,
    Scope,
    Send,
    json_response,
)
from ._pinecone import SIGNED_PREFIX, PineconeState
from ._versions import accepted_versions

if TYPE_CHECKING:
    import httpx

__all__ = ["IN_PROCESS_URL", "Emulator", "RecordedRequest"]

P = ParamSpec("P")
R = TypeVar("R")

#: Root URL an in-process client uses; any URL works, assistants report whichever was used.
IN_PROCESS_URL = "http://emulator.awaitops"

_MAX_BODY = 100 * 1024 * 1024
_GRPC_CODES = {
    "UNKNOWN": 2,
    "INVALID_ARGUMENT": 3,
    "DEADLINE_EXCEEDED": 4,
    "NOT_FOUND": 5,
    "ALREADY_EXISTS": 6,
    "PERMISSION_DENIED": 7,
    "FORBIDDEN": 7,
    "RESOURCE_EXHAUSTED": 8,
    "TOO_MANY_REQUESTS": 8,
    "FAILED_PRECONDITION": 9,
    "UNIMPLEMENTED": 12,
    "INTERNAL": 13,
    "UNAVAILABLE": 14,
    "UNAUTHENTICATED": 16,
}
_STATUS_CODES = {
    400: ("INVALID_ARGUMENT", "Invalid request."),
    401: ("UNAUTHENTICATED", "Invalid API key."),
    403: ("FORBIDDEN", "Forbidden."),
    404: ("NOT_FOUND", "Not found."),
    408: ("DEADLINE_EXCEEDED", "Request timed out."),
    409: ("ALREADY_EXISTS", "Resource already exists."),
    429: ("TOO_MANY_REQUESTS", "Too many requests, retry later."),
    500: ("UNKNOWN", "Internal server error"),
}

# The four APIs, told apart by path; each has its own auth, version and error shape. Signed
# file URLs are a fifth family: the signature in the URL is the only credential.
_CONTROL, _DATA, _BACKUPS, _CHAINLOOP = "control", "data", "backups", "chainloop"
_SIGNED = "signed"

_Handler = Callable[..., Response]


@attrs.frozen
class RecordedRequest:
    """One request the emulator answered (never its headers, which hold credentials)."""

    method: str
    path: str
    query: str
    status: int


def _fault_reject(status: int) -> Reject:
    code, message = _STATUS_CODES.get(
        status, ("UNAVAILABLE", "Service unavailable.") if status >= 500 else ("UNKNOWN", "Error.")
    )
    return Reject(status, code, message)


def _locked(
    state: str, method: Callable[Concatenate[Any, P], R]
) -> Callable[Concatenate[Emulator, P], R]:
    """An :class:`Emulator` method: ``method`` of its ``state`` part, under the emulator's
    lock (requests change the same state from the server's thread)."""

    @functools.wraps(method)
    def call(self: Emulator, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            return method(getattr(self, state), *args, **kwargs)

    return call


class Emulator:
    """A local stand-in for the Pinecone Assistant, backup schedule and Chainloop APIs.

    The instance is itself the ASGI app. State changes with ``clock`` (a
    :class:`~awaitops.emulator.ManualClock` makes tests exact) and is computed when read, so
    nothing runs in the background. All randomness comes from ``config.seed``.
    """

    def __init__(self, config: EmulatorConfig | None = None, *, clock: Clock | None = None):
        self.config = config if config is not None else EmulatorConfig()
        self.clock: Clock = clock if clock is not None else SystemClock()
        seed = self.config.seed
        self.faults = Faults(self.config, self.clock)
        #: The most recent requests answered, oldest first (bounded).
        self.requests: deque[RecordedRequest] = deque(maxlen=10_000)
        self._lock = threading.RLock()
        self._pinecone = PineconeState(self.config, self.clock, random.Random(f"{seed}:pinecone"))
        self._chainloop = ChainloopState(
            self.config, self.clock, random.Random(f"{seed}:chainloop")
        )
        self._backups = BackupState(self.config, self.clock, seed)

    def __repr__(self) -> str:
        return f"Emulator(config={self.config!r}, clock={self.clock!r})"

    @property
    def app(self) -> Emulator:
        """The ASGI application (the emulator itself)."""
        return self

    # -- state helpers --

    add_assistant = _locked("_pinecone", PineconeState.add_assistant)
    add_operations = _locked("_pinecone", PineconeState.add_operations)
    add_chainloop_operation = _locked("_chainloop", ChainloopState.create_operation)

    # -- serving --

    def transport(self) -> httpx.ASGITransport:
        """An httpx transport that calls the emulator in-process."""
        import httpx

        return httpx.ASGITransport(app=self)

    def client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` bound to the in-process transport at :data:`IN_PROCESS_URL`."""
        import httpx

        kwargs.setdefault("base_url", IN_PROCESS_URL)
        return httpx.AsyncClient(transport=self.transport(), **kwargs)

    @contextmanager
    def serving(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve on a real socket from a background thread; yields the root URL."""
        from ._server import ServerThread

        server = ServerThread(self, host, port)
        server.start()
        try:
            yield server.url
        finally:
            server.stop()

    @asynccontextmanager
    async def serve(self, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
        """Like :meth:`serving`, for async code under asyncio or trio."""
        import anyio.to_thread

        from ._server import ServerThread

        server = ServerThread(self, host, port)
        await anyio.to_thread.run_sync(server.start)
        try:
            yield server.url
        finally:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(server.stop)

    def run(
        self,
        host: str = "127.0.0.1",
        port: int = 8765,
        *,
        on_ready: Callable[[str], None] | None = None,
        access_log: bool = False,
    ) -> None:
        """Serve in the foreground until SIGINT or SIGTERM, then return; ``on_ready`` gets the
        root URL. ``access_log`` logs one line per request, on stderr."""
        from ._server import run_forever

        run_forever(self, host, port, on_ready, access_log=access_log)

    # -- ASGI --

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request = Request.from_scope(scope)
        delay = self.faults.delay()
        if delay:
            import anyio

            await anyio.sleep(delay)
        if scope["method"] in ("POST", "PUT", "PATCH"):
            request.body = await _read_body(receive)
        with self._lock:
            response, action = self._respond(request)
        self.requests.append(
            RecordedRequest(
                request.method,
                request.path,
                scope.get("query_string", b"").decode(),
                response.status,
            )
        )
        drop = action == "drop" or (action is None and self.faults.drop())
        body = response.body
        malformable = 200 <= response.status < 300 and response.is_json and bool(body)
        if malformable and (action == "malformed" or (action is None and self.faults.malformed())):
            body = body[: len(body) // 2]
        if drop:
            await _drop(scope, send, response, body)
            return
        headers = [*response.headers, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _respond(self, request: Request) -> tuple[Response, Action | None]:
        """Answer a request; the action says what to do to the answer on the way out."""
        route = _route(request.path)
        family = (
            route[0]
            if route is not None
            else (_CHAINLOOP if request.path.startswith("/v1/") else _CONTROL)
        )
        action = self.faults.scripted(request.method, request.path)
        try:
            if isinstance(action, int):
                reject = _fault_reject(action)
                if action == 429:
                    reject.headers.append((b"retry-after", b"1"))
                raise reject
            if route is None:
                raise Reject(404, "NOT_FOUND", f"No route for {request.path}")
            handlers, args = route[1], route[2]
            credential = self._authenticate(request, family)
            retry_after = self.faults.retry_after(credential)
            if retry_after is not None:
                raise Reject(
                    429,
                    "TOO_MANY_REQUESTS",
                    "Too many requests, retry later.",
                    [(b"retry-after", str(retry_after).encode())],
                )
            handler_name = handlers.get(request.method)
            if handler_name is None:
                raise Reject(405, "UNIMPLEMENTED", f"{request.method} is not supported here")
            failure = self.faults.random_failure()
            if failure is not None:
                raise _fault_reject(failure)
            handler: _Handler = getattr(self._state(family), handler_name)
            response = handler(request, *args)
        except Reject as reject:
            return _render_error(family, reject), action
        return self._late(family, response, action)

    def _late(
        self, family: str, response: Response, action: Action | None
    ) -> tuple[Response, Action | None]:
        """A handled request's answer, or the late fault that replaces it (the change stays)."""
        if action is None:
            action = self.faults.late_failure()
        elif isinstance(action, str) and action.startswith("late-"):
            action = int(action.removeprefix("late-"))
        if isinstance(action, int):
            return _render_error(family, _fault_reject(action)), None
        return response, action

    def _state(self, family: str) -> PineconeState | BackupState | ChainloopState:
        if family == _CHAINLOOP:
            return self._chainloop
        return self._backups if family == _BACKUPS else self._pinecone

    def _authenticate(self, request: Request, family: str) -> str:
        """Check credentials and version header; returns the credential for rate limiting."""
        headers = request.headers
        if family == _SIGNED:
            return _SIGNED
        if family == _CHAINLOOP:
            scheme, _, token = headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or token.strip() != self.config.chainloop_token:
                raise Reject(401, "UNAUTHENTICATED", "unauthenticated: invalid or missing token")
            return "chainloop"
        if headers.get("api-key") != self.config.api_key:
            raise Reject(401, "UNAUTHENTICATED", "Invalid API key.")
        accepted = accepted_versions(family)
        version = headers.get("x-pinecone-api-version")
        if version is None:
            raise Reject(400, "INVALID_ARGUMENT", "Missing header X-Pinecone-Api-Version.")
        if version not in accepted:
            raise Reject(
                400,
                "INVALID_ARGUMENT",
                f"Unsupported X-Pinecone-Api-Version {version!r} for this endpoint; "
                f"use one of {', '.join(accepted)}.",
            )
        return "pinecone"


def _route(path: str) -> tuple[str, dict[str, str], tuple[str, ...]] | None:
    """(API family, handler name per method, path arguments), or ``None`` when unknown."""
    parts = path.strip("/").split("/")
    count = len(parts)
    head = parts[0]
    if head == "assistant" and count >= 2:
        kind = parts[1]
        if kind == "assistants":
            if count == 2:
                return _CONTROL, {"GET": "list_assistants", "POST": "create_assistant"}, ()
            if count == 3:
                methods = {
                    "GET": "get_assistant",
                    "PATCH": "update_assistant",
                    "DELETE": "delete_assistant",
                }
                return _CONTROL, methods, (parts[2],)
        elif kind == "files":
            if count == 3:
                return _DATA, {"GET": "list_files", "POST": "upload_file"}, (parts[2],)
            if count == 4:
                methods = {"GET": "describe_file", "PUT": "upsert_file", "DELETE": "delete_file"}
                return _DATA, methods, (parts[2], parts[3])
        elif kind == "operations":
            if count == 3:
                return _DATA, {"GET": "list_operations"}, (parts[2],)
            if count == 4:
                return _DATA, {"GET": "describe_operation"}, (parts[2], parts[3])
    elif head == SIGNED_PREFIX and count == 3:
        return _SIGNED, {"GET": "download"}, (parts[1], parts[2])
    elif head == "backup-schedules" and count == 3 and parts[2] == "history":
        return _BACKUPS, {"GET": "history"}, (parts[1],)
    elif head == "v1" and count >= 2 and parts[1] == "operations":
        if count == 2:
            return _CHAINLOOP, {"GET": "list_operations"}, ()
        if count == 3:
            return _CHAINLOOP, {"GET": "get_operation"}, (parts[2],)
    return None


def _render_error(family: str, reject: Reject) -> Response:
    if family == _SIGNED:
        text = f"{reject.code}: {reject.message}".encode()
        return Response(reject.status, text, [(b"content-type", b"text/plain"), *reject.headers])
    if family == _CHAINLOOP:
        payload: dict[str, Any] = {
            "code": _GRPC_CODES.get(reject.code, 2),
            "message": reject.message,
            "details": [],
        }
    else:
        payload = {
            "error": {"code": reject.code, "message": reject.message},
            "status": reject.status,
        }
    return json_response(reject.status, payload, reject.headers)


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= _MAX_BODY:
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    # An oversized body is cut short; the multipart or JSON parser then rejects it.
    return b"".join(chunks)


async def _drop(scope: Scope, send: Send, response: Response, body: bytes) -> None:
    """Start the answer, send half its body, then lose the connection."""
    declared = max(len(body), 1)
    headers = [*response.headers, (b"content-length", str(declared).encode())]
    # A 204 or 304 may not declare a body; the caller never sees the status of a cut answer.
    status = 200 if response.status in (204, 304) else response.status
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
    if scope.get(SOCKET_SCOPE_KEY):
        # Returning with the body incomplete makes the server close the socket.
        return
    import httpx

    # In-process there is no socket to close: raise what httpx raises for a cut connection.
    raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
