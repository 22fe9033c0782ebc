"""The credentials this process holds, and their removal from text awaitops hands out.

Every credential object (``ApiKeyAuth``, ``BearerAuth``) registers itself here while it is
alive (weakly: a dropped credential is forgotten). Every awaitops exception redacts them
from its message and fields when it is built, and the log filter of ``core._logging``
redacts them from log records, whichever server text or code path they came through.
"""

from __future__ import annotations

import json
import weakref
from typing import Any, Protocol
from urllib.parse import quote, urlsplit, urlunsplit

REDACTED = "[redacted]"


class _Holder(Protocol):
    @property
    def secret(self) -> str: ...


# Keyed by id(): two equal credentials are two entries, so dropping one keeps the other.
_holders: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()


def register(holder: _Holder) -> None:
    """Redact ``holder.secret`` everywhere for as long as ``holder`` lives."""
    _holders[id(holder)] = holder


def _forms(secret: str) -> set[str]:
    # The secret as it may appear once a server or a library has escaped it.
    return {
        secret,
        json.dumps(secret)[1:-1],
        repr(secret)[1:-1],
        repr(secret.encode())[2:-1],
        quote(secret, safe=""),
    }


def _secrets() -> list[str]:
    forms: set[str] = set()
    for holder in list(_holders.values()):
        forms |= _forms(holder.secret)
    # Longest first, so that a secret containing another one goes whole.
    return sorted(forms, key=len, reverse=True)


def _redact_with(value: Any, secrets: list[str]) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            if secret in value:
                value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, dict):
        return {
            _redact_with(key, secrets): _redact_with(item, secrets) for key, item in value.items()
        }
    if isinstance(value, list):
        return [_redact_with(item, secrets) for item in value]
    if isinstance(value, tuple):
        return tuple(_redact_with(item, secrets) for item in value)
    return value


def redact(value: Any) -> Any:
    """``value`` with every known secret replaced, inside strings, dicts, lists and tuples."""
    secrets = _secrets()
    return _redact_with(value, secrets) if secrets else value


def safe_cause(exc: BaseException) -> BaseException | None:
    """``exc`` to chain as a cause, or None when its text or fields quote a secret."""
    text = f"{exc}\n{exc!r}\n{getattr(exc, '__dict__', {})!r}"
    return exc if redact(text) == text else None


def quotable_url(url: object) -> str:
    """``url`` as text fit to quote in an error: its user info and its query (a URL's
    usual places for a credential, ours or anyone's) replaced, its fragment dropped, and
    every known secret redacted from what is left."""
    text = str(url)
    try:
        parts = urlsplit(text)
        netloc = parts.netloc
        if "@" in netloc:
            netloc = f"{REDACTED}@{netloc.rpartition('@')[2]}"
        query = REDACTED if parts.query else ""
        text = urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:
        # Not even splittable: keep only what comes before anything that may hold a secret.
        text = text.split("?", 1)[0].split("#", 1)[0]
        if "@" in text:
            text = f"{REDACTED}@{text.rpartition('@')[2]}"
    result: str = redact(text)
    return result
