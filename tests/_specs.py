"""The specs in specs/, as the tests see them: found the way `awaitops generate specs`
finds them, so no test names a spec file, a package's version or a base path itself."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from awaitops.codegen import SpecFile, read_spec, spec_files

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"


@functools.cache
def all_specs() -> tuple[SpecFile, ...]:
    return tuple(spec_files(SPECS))


def spec_of(package: str) -> SpecFile:
    """The spec that generates ``awaitops_generated.<package>``."""
    for spec in all_specs():
        if spec.package == package:
            return spec
    raise LookupError(f"no spec in {SPECS} generates {package}")


@functools.cache
def document(package: str) -> dict[str, Any]:
    """That spec's contents, as its author wrote them (read_spec: dates stay strings)."""
    return read_spec(spec_of(package).path)
