"""awaitops: start async work on remote APIs, follow it to the end, page through the results."""

from . import core
from ._version import __version__
from .core import *  # noqa: F403  # the core's public names, listed once in core.__all__

__all__ = ["__version__"]
__all__ += core.__all__
