"""awaitops: start async work on remote APIs, follow it to the end, page through the results."""

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

from . import core
from ._version import __version__

if TYPE_CHECKING:
    from . import fields
    from .core import *  # noqa: F403  # the core's public names, listed once in core.__all__

# A library logs, the application decides where records go (the logging HOWTO's advice for
# libraries): without this, a warning reaches stderr through Python's last-resort handler.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__", "fields"]
__all__ += core.__all__

# Read from the core on first use: it loads pagination and watchers only when asked for.
_from_core = core.lazy_exports(__name__, dict.fromkeys(core.__all__, ".core"))


def __getattr__(name: str) -> Any:
    if name == "fields":
        # A submodule (snapshot field declarations), loaded on first use like the core's names.
        return import_module(f"{__name__}.fields")
    return _from_core(name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
