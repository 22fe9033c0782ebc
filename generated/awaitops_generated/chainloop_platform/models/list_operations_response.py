from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.async_operation import AsyncOperation
    from ..models.offset_pagination_response import OffsetPaginationResponse


T = TypeVar("T", bound="ListOperationsResponse")


@_attrs_define
class ListOperationsResponse:
    """One page of operations.

    Attributes:
        operations (list[AsyncOperation] | Unset): Operations on this page.
        pagination (OffsetPaginationResponse | Unset): Position of a page within the whole result.
    """

    operations: list[AsyncOperation] | Unset = UNSET
    pagination: OffsetPaginationResponse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        operations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.operations, Unset):
            operations = []
            for operations_item_data in self.operations:
                operations_item = operations_item_data.to_dict()
                operations.append(operations_item)

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if operations is not UNSET:
            field_dict["operations"] = operations
        if pagination is not UNSET:
            field_dict["pagination"] = pagination

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.async_operation import AsyncOperation  # noqa: PLC0415
        from ..models.offset_pagination_response import OffsetPaginationResponse  # noqa: PLC0415

        d = dict(src_dict)
        _operations = d.pop("operations", UNSET)
        operations: list[AsyncOperation] | Unset = UNSET
        if _operations is not UNSET:
            operations = []
            for operations_item_data in _operations:
                operations_item = AsyncOperation.from_dict(operations_item_data)

                operations.append(operations_item)

        _pagination = d.pop("pagination", UNSET)
        pagination: OffsetPaginationResponse | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = OffsetPaginationResponse.from_dict(_pagination)

        list_operations_response = cls(
            operations=operations,
            pagination=pagination,
        )

        list_operations_response.additional_properties = d
        return list_operations_response

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
