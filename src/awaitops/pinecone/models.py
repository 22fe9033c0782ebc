"""What Pinecone calls return: snapshots (``Assistant``, ``AssistantUpdate``,
``AssistantFile``, ``Operation``, ``BackupHistoryEntry``) that read an answer without the
generated models' ``Unset`` placeholders, and the generated models themselves under stable
names (each snapshot's ``model``)."""

from awaitops_generated.pinecone_assistant_control.models import Assistant as AssistantModel
from awaitops_generated.pinecone_assistant_control.models import UpdateAssistantResponse
from awaitops_generated.pinecone_assistant_data.models import AssistantFileModel, OperationModel
from awaitops_generated.pinecone_backup_schedules.models import BackupScheduleHistoryEntry

from ._assistant import Assistant, AssistantUpdate
from ._backup import BackupHistoryEntry
from ._file import AssistantFile
from ._operation import Operation

__all__ = [
    "Assistant",
    "AssistantFile",
    "AssistantFileModel",
    "AssistantModel",
    "AssistantUpdate",
    "BackupHistoryEntry",
    "BackupScheduleHistoryEntry",
    "Operation",
    "OperationModel",
    "UpdateAssistantResponse",
]
