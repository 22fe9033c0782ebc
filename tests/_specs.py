"""The specs in specs/, as the tests see them: found the way `awaitops generate specs`
finds them, so no test names a spec file, a package's version or a base path itself."""

from __future__ import annotations

import functools
import importlib
import os
from pathlib import Path
from typing import Any

from awaitops.codegen import SpecFile, read_spec, spec_files

ROOT = Path(__file__).resolve().parents[1]
#: Where the specs are; the bump drill (tests/codegen/test_bump_drill.py) points the tests
#: at a scratch copy holding a publisher's files instead.
SPECS = Path(os.environ.get("AWAITOPS_TEST_SPECS") or ROOT / "specs")


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


def api_version(package: str) -> str:
    """What ``awaitops_generated.<package>`` sends as its version header."""
    version: str = importlib.import_module(f"awaitops_generated.{package}").API_VERSION
    return version


#: The versions our clients send today, from the generated packages.
ASSISTANT_VERSION = api_version("pinecone_assistant_control")
DATA_VERSION = api_version("pinecone_assistant_data")
BACKUPS_VERSION = api_version("pinecone_backup_schedules")


def served(package: str, host: str) -> dict[str, Any]:
    """The spec as generated (kept operations only), served at ``host + BASE_PATH``: what a
    referee validates traffic against, whatever server URL its publisher wrote."""
    spec = spec_of(package)
    document = spec.load()
    document["servers"] = [{"url": host + spec.base_path}]
    return document
