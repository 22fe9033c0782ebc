"""Contains all the data models used in inputs/outputs"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from .update_assistant_request_metadata import UpdateAssistantRequestMetadata
    from .update_assistant_response import UpdateAssistantResponse
    from .update_assistant_response_metadata import UpdateAssistantResponseMetadata

_MODULES = {
    "Assistant": ".assistant",
    "AssistantMetadataType0": ".assistant_metadata_type_0",
    "CreateAssistantRequest": ".create_assistant_request",
    "CreateAssistantRequestMetadata": ".create_assistant_request_metadata",
    "ErrorResponse": ".error_response",
    "ErrorResponseError": ".error_response_error",
    "ErrorResponseErrorDetails": ".error_response_error_details",
    "ListAssistantsResponse": ".list_assistants_response",
    "PaginationResponse": ".pagination_response",
    "UpdateAssistantRequest": ".update_assistant_request",
    "UpdateAssistantRequestMetadata": ".update_assistant_request_metadata",
    "UpdateAssistantResponse": ".update_assistant_response",
    "UpdateAssistantResponseMetadata": ".update_assistant_response_metadata",
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
    "UpdateAssistantRequestMetadata",
    "UpdateAssistantResponse",
    "UpdateAssistantResponseMetadata",
)
