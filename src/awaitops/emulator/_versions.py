"""The ``X-Pinecone-Api-Version`` values the emulator accepts, per API family.

A family accepts the version of the spec it serves (the generated package's
``API_VERSION``, so a version bump needs no edit here) plus the extras below, the one
place versions are named by hand.
"""

from __future__ import annotations

import functools
import importlib

__all__ = ["EXTRA_VERSIONS", "KNOWN_VERSIONS", "accepted_versions"]

# The generated packages whose API each family serves.
_PACKAGES = {
    "control": "awaitops_generated.pinecone_assistant_control",
    "data": "awaitops_generated.pinecone_assistant_data",
    "backups": "awaitops_generated.pinecone_backup_schedules",
}

#: The dated versions the emulator holds facts for (docs/testing.md): a shape that changed
#: in one of them is served to it and to the later known ones. A version it knows nothing
#: of (a spec's new version, before its facts are added) is answered as our spec documents.
KNOWN_VERSIONS = ("2026-04", "2026-07")

#: Versions accepted besides our specs': those the emulator knows, and what the official
#: ``pinecone`` SDK 10.x (the referee in ``nox -s conformance``) sends, 2026-07, everywhere.
#: Where the service answers 2026-07 differently, the handlers follow the version sent (see
#: the package docstring).
EXTRA_VERSIONS: dict[str, tuple[str, ...]] = {
    "control": KNOWN_VERSIONS,
    "data": KNOWN_VERSIONS,
    "backups": ("unstable", "2026-07"),
}


@functools.cache
def accepted_versions(family: str) -> tuple[str, ...]:
    """Our spec's version first, then the extras."""
    ours: str = importlib.import_module(_PACKAGES[family]).API_VERSION
    return tuple(dict.fromkeys((ours, *EXTRA_VERSIONS[family])))
