"""The models Chainloop calls return (generated from our spec)."""

from chainloop_platform.models import AsyncOperation

__all__ = ["AsyncOperation"]
