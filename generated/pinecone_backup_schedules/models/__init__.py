"""Contains all the data models used in inputs/outputs"""

from .backup_schedule_history import BackupScheduleHistory
from .backup_schedule_history_entry import BackupScheduleHistoryEntry
from .backup_schedule_history_entry_tags import BackupScheduleHistoryEntryTags
from .error_detail import ErrorDetail
from .error_detail_details import ErrorDetailDetails
from .error_response import ErrorResponse
from .index_schema_type_0 import IndexSchemaType0
from .pagination_response_type_0 import PaginationResponseType0

__all__ = (
    "BackupScheduleHistory",
    "BackupScheduleHistoryEntry",
    "BackupScheduleHistoryEntryTags",
    "ErrorDetail",
    "ErrorDetailDetails",
    "ErrorResponse",
    "IndexSchemaType0",
    "PaginationResponseType0",
)
