from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.backup_schedule_history_entry import BackupScheduleHistoryEntry
    from ..models.pagination_response_type_0 import PaginationResponseType0


T = TypeVar("T", bound="BackupScheduleHistory")


@_attrs_define
class BackupScheduleHistory:
    """One page of a backup schedule's history.

    Attributes:
        data (list[BackupScheduleHistoryEntry]): History entries on this page.
        pagination (None | PaginationResponseType0 | Unset): Where the next page starts; null on the last page.
    """

    data: list[BackupScheduleHistoryEntry]
    pagination: None | PaginationResponseType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pagination_response_type_0 import PaginationResponseType0  # noqa: PLC0415

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        pagination: dict[str, Any] | None | Unset
        if isinstance(self.pagination, Unset):
            pagination = UNSET
        elif isinstance(self.pagination, PaginationResponseType0):
            pagination = self.pagination.to_dict()
        else:
            pagination = self.pagination

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if pagination is not UNSET:
            field_dict["pagination"] = pagination

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backup_schedule_history_entry import BackupScheduleHistoryEntry  # noqa: PLC0415
        from ..models.pagination_response_type_0 import PaginationResponseType0  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = BackupScheduleHistoryEntry.from_dict(data_item_data)

            data.append(data_item)

        def _parse_pagination(data: object) -> None | PaginationResponseType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_pagination_response_type_0 = PaginationResponseType0.from_dict(data)

                return componentsschemas_pagination_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaginationResponseType0 | Unset, data)

        pagination = _parse_pagination(d.pop("pagination", UNSET))

        backup_schedule_history = cls(
            data=data,
            pagination=pagination,
        )

        backup_schedule_history.additional_properties = d
        return backup_schedule_history

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
