"""Contains all the data models used in inputs/outputs"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .backup_schedule_history import BackupScheduleHistory
    from .backup_schedule_history_entry import BackupScheduleHistoryEntry
    from .backup_schedule_history_entry_tags_type_0 import (
        BackupScheduleHistoryEntryTagsType0,
    )
    from .error_detail import ErrorDetail
    from .error_detail_details import ErrorDetailDetails
    from .error_response import ErrorResponse
    from .index_schema_type_0 import IndexSchemaType0
    from .pagination_response_type_0 import PaginationResponseType0

_MODULES = {
    "BackupScheduleHistory": ".backup_schedule_history",
    "BackupScheduleHistoryEntry": ".backup_schedule_history_entry",
    "BackupScheduleHistoryEntryTagsType0": ".backup_schedule_history_entry_tags_type_0",
    "ErrorDetail": ".error_detail",
    "ErrorDetailDetails": ".error_detail_details",
    "ErrorResponse": ".error_response",
    "IndexSchemaType0": ".index_schema_type_0",
    "PaginationResponseType0": ".pagination_response_type_0",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = (
    "BackupScheduleHistory",
    "BackupScheduleHistoryEntry",
    "BackupScheduleHistoryEntryTagsType0",
    "ErrorDetail",
    "ErrorDetailDetails",
    "ErrorResponse",
    "IndexSchemaType0",
    "PaginationResponseType0",
)
