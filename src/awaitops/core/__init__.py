"""The vendor-neutral core: HTTP pipeline, retries, pagination and watchers."""

from ._policies import PollPolicy, RetryPolicy

__all__ = ["PollPolicy", "RetryPolicy"]
