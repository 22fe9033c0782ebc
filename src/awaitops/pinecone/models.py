"""The models Pinecone calls return (generated from our specs), under stable names."""

from pinecone_assistant_control.models import Assistant, UpdateAssistantResponse
from pinecone_assistant_data.models import AssistantFileModel, OperationModel
from pinecone_backup_schedules.models import BackupScheduleHistoryEntry

from ._operation import Operation

__all__ = [
    "Assistant",
    "AssistantFileModel",
    "BackupScheduleHistoryEntry",
    "Operation",
    "OperationModel",
    "UpdateAssistantResponse",
]
