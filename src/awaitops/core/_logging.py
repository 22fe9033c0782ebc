"""The ``awaitops`` logger and what may appear in it.

Headers are never logged; query values whose names look like credentials are redacted.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import httpx

logger = logging.getLogger("awaitops")

REDACTED = "[redacted]"
_SENSITIVE_NAME_PARTS = ("token", "key", "secret", "password", "signature", "auth", "credential")


def _is_sensitive(name: str) -> bool:
    lowered = name.lower()
    return any(part in lowered for part in _SENSITIVE_NAME_PARTS)


def loggable_path(url: httpx.URL) -> str:
    """``url``'s path and query, with credential-like query values replaced."""
    if not url.query:
        return url.path
    pairs = [
        (name, REDACTED if _is_sensitive(name) else value)
        for name, value in url.params.multi_items()
    ]
    return f"{url.path}?{urlencode(pairs, safe='[]')}"
