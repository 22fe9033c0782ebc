"""awaitops: start async work on remote APIs, follow it to the end, page through the results."""

from ._version import __version__
from .core import PollPolicy, RetryPolicy

__all__ = ["PollPolicy", "RetryPolicy", "__version__"]
