"""Backup schedule history (API version ``unstable``)."""

from __future__ import annotations

from functools import partial
from typing import Unpack

from pinecone_backup_schedules.api.backup_schedules import list_backup_schedule_history
from pinecone_backup_schedules.models import BackupScheduleHistoryEntry

from awaitops.core import (
    AsyncApiClient,
    AsyncPager,
    RequestOptions,
    TokenPagination,
    check_identifier,
    check_range,
    page_fetcher,
)

from ._checks import MAX_PAGE_SIZE

# This API spells its token parameter in camelCase and answers `pagination: null` at the end.
_PAGINATION = TokenPagination(token_param="paginationToken", items_path=("data",))


class BackupSchedules:
    """``pc.backup_schedules``."""

    def __init__(self, client: AsyncApiClient) -> None:
        self._client = client

    def history(
        self,
        schedule_id: str,
        *,
        page_size: int | None = None,
        max_items: int | None = None,
        start_token: str | None = None,
        prefetch: int = 0,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[BackupScheduleHistoryEntry]:
        """The schedule's backups, scheduled and past."""
        check_identifier(schedule_id, "schedule_id")
        check_range(page_size, "page_size", 1, MAX_PAGE_SIZE)
        request = list_backup_schedule_history._get_kwargs(schedule_id)
        return AsyncPager(
            page_fetcher(partial(self._client.send, **options), request),
            _PAGINATION,
            BackupScheduleHistoryEntry.from_dict,
            page_size=page_size,
            max_items=max_items,
            start_token=start_token,
            prefetch=prefetch,
        )
