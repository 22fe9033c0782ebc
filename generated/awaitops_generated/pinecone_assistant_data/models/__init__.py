"""Contains all the data models used in inputs/outputs"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assistant_file_model import AssistantFileModel
    from .assistant_file_model_metadata_type_0 import AssistantFileModelMetadataType0
    from .error_response import ErrorResponse
    from .error_response_error import ErrorResponseError
    from .error_response_error_details import ErrorResponseErrorDetails
    from .file_data import FileData
    from .file_data_metadata_type_0 import FileDataMetadataType0
    from .list_files_response import ListFilesResponse
    from .operation_list import OperationList
    from .operation_model import OperationModel
    from .pagination_response import PaginationResponse

_MODULES = {
    "AssistantFileModel": ".assistant_file_model",
    "AssistantFileModelMetadataType0": ".assistant_file_model_metadata_type_0",
    "ErrorResponse": ".error_response",
    "ErrorResponseError": ".error_response_error",
    "ErrorResponseErrorDetails": ".error_response_error_details",
    "FileData": ".file_data",
    "FileDataMetadataType0": ".file_data_metadata_type_0",
    "ListFilesResponse": ".list_files_response",
    "OperationList": ".operation_list",
    "OperationModel": ".operation_model",
    "PaginationResponse": ".pagination_response",
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
    "AssistantFileModel",
    "AssistantFileModelMetadataType0",
    "ErrorResponse",
    "ErrorResponseError",
    "ErrorResponseErrorDetails",
    "FileData",
    "FileDataMetadataType0",
    "ListFilesResponse",
    "OperationList",
    "OperationModel",
    "PaginationResponse",
)
