"""The ``awaitops`` logger and what may appear in it, and in httpx's and httpcore's logs.

Headers are never logged; query values whose names look like credentials are redacted.
The first client built installs :class:`RedactingFilter` on the ``awaitops`` logger and on
httpx's and httpcore's loggers (a filter on a parent logger does not see its children's
records, so httpcore's are listed one by one). It removes every live credential from each
record, wherever a server echoed it (a header, an id in a path), and in httpx's request line
it replaces every query value: query strings carry page tokens and filters.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import httpx

from awaitops._redaction import REDACTED, redact

logger = logging.getLogger("awaitops")

_SENSITIVE_NAME_PARTS = ("token", "key", "secret", "password", "signature", "auth", "credential")
_FILTERED_LOGGERS = (
    "awaitops",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


def _is_sensitive(name: str) -> bool:
    lowered = name.lower()
    return any(part in lowered for part in _SENSITIVE_NAME_PARTS)


def _query(url: httpx.URL, hide_all: bool) -> str:
    pairs = [
        (name, REDACTED if hide_all or _is_sensitive(name) else value)
        for name, value in url.params.multi_items()
    ]
    return urlencode(pairs, safe="[]")


def loggable_path(url: httpx.URL) -> str:
    """``url``'s path and query, with credential-like query values replaced."""
    if not url.query:
        return url.path
    return f"{url.path}?{_query(url, hide_all=False)}"


def _loggable_url(url: httpx.URL) -> str:
    """``url`` with every query value replaced (names kept)."""
    return str(url.copy_with(query=_query(url, hide_all=True).encode() or None))


class RedactingFilter(logging.Filter):
    """Formats each record's message with credentials and query values redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        args: Any = record.args
        if isinstance(args, tuple):
            args = tuple(_loggable_url(a) if isinstance(a, httpx.URL) else a for a in args)
        try:
            message = str(record.msg) % args if args else str(record.msg)
        except (TypeError, ValueError):
            return True  # let logging report the broken format as it always does
        record.msg, record.args = redact(message), None
        for name, value in vars(record).items():
            if isinstance(value, str) and name != "msg":
                record.__dict__[name] = redact(value)
        return True


_FILTER = RedactingFilter()


def install_log_redaction() -> None:
    """Install the filter on every logger that may see a request (once)."""
    for name in _FILTERED_LOGGERS:
        target = logging.getLogger(name)
        if _FILTER not in target.filters:
            target.addFilter(_FILTER)
