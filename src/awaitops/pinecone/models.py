"""What Pinecone calls return: snapshots (``Assistant``, ``Operation``) that read the
generated models without their ``Unset`` placeholders, and generated models under stable
names."""

from awaitops_generated.pinecone_assistant_control.models import Assistant as AssistantModel
from awaitops_generated.pinecone_assistant_control.models import UpdateAssistantResponse
from awaitops_generated.pinecone_assistant_data.models import AssistantFileModel, OperationModel
from awaitops_generated.pinecone_backup_schedules.models import BackupScheduleHistoryEntry

from ._assistant import Assistant
from ._operation import Operation

__all__ = [
    "Assistant",
    "AssistantFileModel",
    "AssistantModel",
    "BackupScheduleHistoryEntry",
    "Operation",
    "OperationModel",
    "UpdateAssistantResponse",
]
