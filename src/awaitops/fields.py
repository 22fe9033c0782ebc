"""Field declarations of a :class:`awaitops.Snapshot`: ``fields.text(required=True)``.

Each returns a read-only descriptor; see :class:`awaitops.Snapshot` for how a snapshot
checks its fields when built and converts the rest on first read.
"""

from .core._snapshot import Field, GeneratedModel, mapping, nested, text, timestamp, value

__all__ = ["Field", "GeneratedModel", "mapping", "nested", "text", "timestamp", "value"]
