"""The models Chainloop calls return: the Operation handle and the generated model it wraps."""

from awaitops_generated.chainloop_platform.models import AsyncOperation

from ._operation import Operation

__all__ = ["AsyncOperation", "Operation"]
