"""Chainloop async operations, built only on the public awaitops core."""

from typing import TYPE_CHECKING, Any

from ._client import Chainloop

if TYPE_CHECKING:
    from ._operation import Operation

__all__ = ["Chainloop", "Operation"]


def __getattr__(name: str) -> Any:
    # The snapshot class loads generated models: only when asked for (or a client is built).
    if name == "Operation":
        from ._operation import Operation

        return Operation
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
