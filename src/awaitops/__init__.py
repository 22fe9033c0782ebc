"""awaitops: start async work on remote APIs, follow it to the end, page through the results."""

from typing import TYPE_CHECKING

from . import core
from ._version import __version__

if TYPE_CHECKING:
    from .core import *  # noqa: F403  # the core's public names, listed once in core.__all__

__all__ = ["__version__"]
__all__ += core.__all__

# Read from the core on first use: it loads pagination and watchers only when asked for.
__getattr__ = core.lazy_exports(__name__, dict.fromkeys(core.__all__, ".core"))


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
