"""The TypeError for a keyword argument no method takes, naming the method the caller called.

A vendor's public methods take the per-call options as ``**options`` and pass them down to
the core, so Python itself never refuses a keyword there: the core does, where the options
arrive. The error names the outermost function of the vendor's package (or of the core)
that received the keyword in its ``**kwargs``: the method the user called, not one of ours.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Mapping
from types import FrameType

from ._options import RequestOptions

_CORE = __name__.rpartition(".")[0] + "."
_REQUEST_OPTIONS = frozenset(RequestOptions.__annotations__)


def _module(frame: FrameType) -> str:
    return str(frame.f_globals.get("__name__", ""))


def _received(frame: FrameType, keyword: str) -> bool:
    """Whether ``frame``'s function got ``keyword`` in its ``**kwargs``."""
    import inspect  # on this error path only: it is slow to import

    code = frame.f_code
    if not code.co_flags & inspect.CO_VARKEYWORDS:
        return False
    index = code.co_argcount + code.co_kwonlyargcount
    index += 1 if code.co_flags & inspect.CO_VARARGS else 0
    extra = frame.f_locals.get(code.co_varnames[index])
    return isinstance(extra, dict) and keyword in extra


def unexpected_keyword(names: Collection[str], method: str) -> TypeError:
    """``TypeError: Files.get() got an unexpected keyword argument 'x'``, for ``names``
    that reached ``method`` (a core function) without being one of its parameters.

    Only this error path walks the stack: up from the core, through the frames of the
    package that called it (and the core's own), stopping at the first frame outside.
    """
    keyword = sorted(names)[0]
    named = method
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and _module(frame).startswith(_CORE):
        frame = frame.f_back
    package = _module(frame).partition(".")[0] + "." if frame is not None else _CORE
    while frame is not None and (
        _module(frame).startswith((package, _CORE)) or _module(frame) == package[:-1]
    ):
        if _received(frame, keyword):
            named = frame.f_code.co_qualname
        frame = frame.f_back
    return TypeError(f"{named}() got an unexpected keyword argument {keyword!r}")


def check_options(options: Mapping[str, object], *also: str) -> None:
    """Refuse, before anything is sent, keywords that are neither :class:`RequestOptions`
    nor ``also``: TypeError naming the public method they were passed to.

    For glue that does work of its own before the options reach
    :meth:`AsyncApiClient.send` (which refuses them too), such as a host lookup.
    """
    if not _REQUEST_OPTIONS.issuperset(options):
        unknown = options.keys() - _REQUEST_OPTIONS - set(also)
        if unknown:
            raise unexpected_keyword(unknown, "check_options")
