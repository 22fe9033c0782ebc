"""Backup schedule history (API version ``unstable``)."""

from __future__ import annotations

from functools import partial
from typing import Unpack

from awaitops_generated.pinecone_backup_schedules.api.backup_schedules import (
    list_backup_schedule_history,
)
from awaitops_generated.pinecone_backup_schedules.models import BackupScheduleHistoryEntry

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
# Its tokens carry the page size they were minted with, and a `limit` sent next to one makes
# the service skip or repeat entries: the size goes on the first request only.
_PAGINATION = TokenPagination(
    token_param="paginationToken", items_path=("data",), size_on_first_request_only=True
)


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
        """The schedule's backups, scheduled and past.

        ``page_size`` is sent on the first request only: the service's tokens keep the size
        they were minted with, so a walk resumed from ``start_token`` pages at that size.
        """
        check_identifier(schedule_id, "schedule_id")
        check_range(page_size, "page_size", 1, MAX_PAGE_SIZE)
        request = list_backup_schedule_history.request(schedule_id)
        return AsyncPager(
            page_fetcher(partial(self._client.send, **options), request),
            _PAGINATION,
            BackupScheduleHistoryEntry.from_dict,
            page_size=page_size,
            max_items=max_items,
            start_token=start_token,
            prefetch=prefetch,
        )
