"""Chainloop async operations, built only on the public awaitops core."""

from ._client import Chainloop
from ._operation import Operation

__all__ = ["Chainloop", "Operation"]
