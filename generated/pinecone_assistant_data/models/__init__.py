"""Contains all the data models used in inputs/outputs"""

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
