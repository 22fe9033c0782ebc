from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.async_operation import AsyncOperation


T = TypeVar("T", bound="GetOperationResponse")


@_attrs_define
class GetOperationResponse:
    """Envelope around a single operation.

    Attributes:
        operation (AsyncOperation | Unset): Background work and its outcome.
    """

    operation: AsyncOperation | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        operation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.operation, Unset):
            operation = self.operation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if operation is not UNSET:
            field_dict["operation"] = operation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.async_operation import AsyncOperation  # noqa: PLC0415

        d = dict(src_dict)
        _operation = d.pop("operation", UNSET)
        operation: AsyncOperation | Unset
        if isinstance(_operation, Unset):
            operation = UNSET
        else:
            operation = AsyncOperation.from_dict(_operation)

        get_operation_response = cls(
            operation=operation,
        )

        get_operation_response.additional_properties = d
        return get_operation_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
