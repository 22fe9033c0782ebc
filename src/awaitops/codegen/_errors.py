"""The one error codegen raises."""

from __future__ import annotations

__all__ = ["CodegenError"]


class CodegenError(Exception):
    """A problem with a spec, a config or the output folder, said in one line."""
