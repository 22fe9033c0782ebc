"""The BackupHistoryEntry snapshot: one backup a schedule made or has queued."""

from __future__ import annotations

from awaitops_generated.pinecone_backup_schedules.models import BackupScheduleHistoryEntry

from awaitops import Snapshot, fields


class BackupHistoryEntry(Snapshot[BackupScheduleHistoryEntry], model=BackupScheduleHistoryEntry):
    """One entry of a backup schedule's history: a read-only snapshot.

    Fields the server leaves out or sends as null (counts before the backup ran, a missing
    name) read as None; ``tags`` and ``schema`` are plain dicts. ``model`` is the generated
    :class:`BackupScheduleHistoryEntry`.
    """

    __slots__ = ()
    _repr_fields = ("backup_id", "status", "source_index_name", "scheduled_execution_at")

    backup_id = fields.text(required=True)
    source_index_id = fields.text(required=True)
    source_index_name = fields.text(required=True)
    status = fields.text(required=True)
    cloud = fields.text(required=True)
    region = fields.text(required=True)
    tags = fields.mapping()
    name = fields.text()
    description = fields.text()
    scheduled_execution_at = fields.timestamp()
    dimension = fields.value(int)
    schema = fields.mapping()
    record_count = fields.value(int)
    namespace_count = fields.value(int)
    size_bytes = fields.value(int)
    created_at = fields.timestamp(checked=True)
