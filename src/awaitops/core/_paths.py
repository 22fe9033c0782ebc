"""Path parameters: an id must never be able to address another resource."""

from __future__ import annotations

from urllib.parse import quote

from ._validation import check_identifier

_DOT_SEGMENTS = frozenset({"", ".", ".."})


def path_param(value: str, name: str) -> str:
    """Return ``value`` percent-encoded as one path segment.

    ``""``, ``"."`` and ``".."`` raise :class:`ValueError` (naming ``name``): URL
    normalisation would turn them into a different path, e.g. the collection instead of
    one item. Everything else, ``/``, ``?``, ``#`` and ``%`` included, is encoded.
    """
    return quote(check_identifier(value, name), safe="")


def checked_path(path: str) -> str:
    """Check a request path made from an already-encoded template, return it with a leading /.

    Generated endpoint code percent-encodes path parameters but lets ``.``, ``..`` and
    ``""`` through, and httpx would then normalise ``/assistants/..`` to ``/``. So empty and
    dot segments are refused here, whatever built the path.
    """
    if not path.startswith("/"):
        path = "/" + path
    if "://" in path:
        raise ValueError(f"request path must be relative to the base URL, got {path!r}")
    route = path.partition("?")[0]
    if route != "/" and any(segment in _DOT_SEGMENTS for segment in route[1:].split("/")):
        raise ValueError(f"request path has an empty, '.' or '..' segment: {path!r}")
    return path
