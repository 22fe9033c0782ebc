"""Contains all the data models used in inputs/outputs"""

from .assistant import Assistant
from .assistant_metadata_type_0 import AssistantMetadataType0
from .create_assistant_request import CreateAssistantRequest
from .create_assistant_request_metadata import CreateAssistantRequestMetadata
from .error_response import ErrorResponse
from .error_response_error import ErrorResponseError
from .error_response_error_details import ErrorResponseErrorDetails
from .list_assistants_response import ListAssistantsResponse
from .pagination_response import PaginationResponse
from .update_assistant_request import UpdateAssistantRequest
from .update_assistant_request_metadata_type_0 import (
    UpdateAssistantRequestMetadataType0,
)
from .update_assistant_response import UpdateAssistantResponse
from .update_assistant_response_metadata import UpdateAssistantResponseMetadata

__all__ = (
    "Assistant",
    "AssistantMetadataType0",
    "CreateAssistantRequest",
    "CreateAssistantRequestMetadata",
    "ErrorResponse",
    "ErrorResponseError",
    "ErrorResponseErrorDetails",
    "ListAssistantsResponse",
    "PaginationResponse",
    "UpdateAssistantRequest",
    "UpdateAssistantRequestMetadataType0",
    "UpdateAssistantResponse",
    "UpdateAssistantResponseMetadata",
)
