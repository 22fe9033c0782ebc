"""Chainloop async operations, built only on the public awaitops core."""

from typing import TYPE_CHECKING

from awaitops import lazy_exports

from ._client import Chainloop

if TYPE_CHECKING:
    from ._operation import Operation
    from ._operations import Operations

__all__ = ["Chainloop", "Operation", "Operations"]

# The handle and the resource load the generated models: only when asked for.
__getattr__ = lazy_exports(__name__, {"Operation": "._operation", "Operations": "._operations"})


def __dir__() -> list[str]:
    # The lazy names too, so that REPLs and IDEs list the whole API.
    return sorted({*globals(), *__all__})
