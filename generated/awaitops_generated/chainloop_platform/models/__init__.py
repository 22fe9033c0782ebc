"""Contains all the data models used in inputs/outputs"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .async_operation import AsyncOperation
    from .get_operation_response import GetOperationResponse
    from .list_operations_response import ListOperationsResponse
    from .offset_pagination_response import OffsetPaginationResponse
    from .protobuf_any import ProtobufAny
    from .rpc_status import RpcStatus

_MODULES = {
    "AsyncOperation": ".async_operation",
    "GetOperationResponse": ".get_operation_response",
    "ListOperationsResponse": ".list_operations_response",
    "OffsetPaginationResponse": ".offset_pagination_response",
    "ProtobufAny": ".protobuf_any",
    "RpcStatus": ".rpc_status",
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
    "AsyncOperation",
    "GetOperationResponse",
    "ListOperationsResponse",
    "OffsetPaginationResponse",
    "ProtobufAny",
    "RpcStatus",
)
