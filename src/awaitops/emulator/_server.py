"""Serving the emulator on a real socket with uvicorn."""

from __future__ import annotations

import asyncio
import copy
import logging
import signal
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from ._http import SOCKET_SCOPE_KEY, App, Receive, Scope, Send

__all__ = ["ServerThread", "run_forever"]

_START_TIMEOUT = 10.0
_STOP_TIMEOUT = 10.0
_GRACE = 1
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_DROP_LOG = "ASGI callable returned without completing response"


class _QuietDrops(logging.Filter):
    """Injected drops are deliberate; keep uvicorn from reporting each one as an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DROP_LOG)


def _quiet_drops() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _QuietDrops) for f in logger.filters):
        logger.addFilter(_QuietDrops())


class _SocketApp:
    """Marks requests as arriving over a socket, so drops close it for real."""

    def __init__(self, app: App) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[SOCKET_SCOPE_KEY] = True
        await self._app(scope, receive, send)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # asyncio sets TCP_NODELAY on accepted connections only when the listening socket names
    # its protocol; with protocol 0, Nagle plus delayed ACK stall each answer ~40 ms.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        # Listening before announcing the URL: early connections wait in the backlog.
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _server(app: App, **options: Any) -> uvicorn.Server:
    _quiet_drops()
    config = uvicorn.Config(
        _SocketApp(app),
        lifespan="off",
        timeout_graceful_shutdown=_GRACE,
        **options,
    )
    return uvicorn.Server(config)


class ServerThread:
    """uvicorn on its own asyncio loop in a daemon thread, so callers may use any loop."""

    def __init__(self, app: App, host: str, port: int) -> None:
        self._sock = _listen(host, port)
        self.url = _url(self._sock)
        # log_config=None: leave the host program's logging configuration alone.
        self._server = _server(app, log_config=None, access_log=False)
        self._thread = threading.Thread(target=self._run, name="awaitops-emulator", daemon=True)
        self._error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=[self._sock]))
        except BaseException as exc:
            self._error = exc

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the emulator's server did not start") from self._error
            time.sleep(0.005)

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(_STOP_TIMEOUT)
        self._sock.close()


def _stderr_logging() -> dict[str, Any]:
    """uvicorn's own logging setup with the access log on stderr too: stdout carries only
    what the caller prints (the URL), so a reader that stops reading never blocks the server."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    return config


def run_forever(
    app: App,
    host: str,
    port: int,
    on_ready: Callable[[str], None] | None,
    *,
    access_log: bool = False,
) -> None:
    """Serve until SIGINT or SIGTERM, then return normally (no traceback, exit status 0)."""
    sock = _listen(host, port)
    server = _server(app, log_config=_stderr_logging(), access_log=access_log)

    def stop(signum: int, frame: object) -> None:
        server.should_exit = True

    # uvicorn installs its own SIGINT/SIGTERM handlers while serving, then restores the ones it
    # found and re-raises the signal into them: with Python's defaults that means a
    # KeyboardInterrupt traceback or death by SIGTERM. These stand in for the defaults, and
    # also cover a signal that arrives before uvicorn's handlers are in place.
    main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, stop) for sig in _STOP_SIGNALS} if main else {}
    try:
        if on_ready is not None:
            on_ready(_url(sock))
        asyncio.run(server.serve(sockets=[sock]))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
