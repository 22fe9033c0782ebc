"""Backup schedule history (API version ``unstable``)."""

from __future__ import annotations

from typing import Unpack

from awaitops_generated.pinecone_backup_schedules.api.backup_schedules import (
    list_backup_schedule_history,
)

from awaitops.core import AsyncApiClient, AsyncPager, TokenListOptions, check_identifier

from ._backup import BackupHistoryEntry
from ._facts import BACKUP_HISTORY


class BackupSchedules:
    """``pc.backup_schedules``."""

    def __init__(self, client: AsyncApiClient) -> None:
        self._client = client

    def history(
        self, schedule_id: str, **options: Unpack[TokenListOptions]
    ) -> AsyncPager[BackupHistoryEntry]:
        """The schedule's backups, scheduled and past.

        ``page_size`` is sent on the first request only: the service's tokens keep the size
        they were minted with, so a walk resumed from ``start_token`` pages at that size.

        A project whose plan has no backups gets NotInPlanError (a PermissionDeniedError),
        even for a schedule that does not exist.
        """
        check_identifier(schedule_id, "schedule_id")
        request = list_backup_schedule_history.request(schedule_id)
        return BACKUP_HISTORY.pager(self._client.send, request, BackupHistoryEntry, **options)
