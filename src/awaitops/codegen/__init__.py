"""Code generation for SDKs built on awaitops: ``awaitops generate`` (the ``codegen`` extra).

openapi-python-client, with the templates in this package, turns an OpenAPI spec into a
package of attrs models and endpoint modules that describe requests (``request(...)``)
for the awaitops core to send; the package exports ``API_VERSION`` (the spec's
``info.version``) and ``BASE_PATH``. See docs/api-versions.md and docs/building-an-sdk.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._errors import CodegenError
    from ._generate import Outcome, SpecFile, generate, read_spec, spec_files

__all__ = ["CodegenError", "Outcome", "SpecFile", "generate", "main", "read_spec", "spec_files"]


def main(argv: list[str] | None = None) -> int:
    """Run ``awaitops generate`` with ``argv`` (default: the process's arguments)."""
    from ._cli import main as run

    return run(argv)


def __getattr__(name: str) -> Any:
    # The generator's dependencies (pyyaml) load only when generation is asked for.
    if name == "CodegenError":
        from ._errors import CodegenError

        return CodegenError
    if name in ("Outcome", "SpecFile", "generate", "read_spec", "spec_files"):
        from . import _generate

        return getattr(_generate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
