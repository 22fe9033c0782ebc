"""Contains all the data models used in inputs/outputs"""

from .async_operation import AsyncOperation
from .get_operation_response import GetOperationResponse
from .list_operations_response import ListOperationsResponse
from .offset_pagination_response import OffsetPaginationResponse
from .protobuf_any import ProtobufAny
from .rpc_status import RpcStatus

__all__ = (
    "AsyncOperation",
    "GetOperationResponse",
    "ListOperationsResponse",
    "OffsetPaginationResponse",
    "ProtobufAny",
    "RpcStatus",
)
