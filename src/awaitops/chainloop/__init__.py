"""Chainloop async operations, built only on the public awaitops core."""

from ._client import Chainloop

__all__ = ["Chainloop"]
