from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OffsetPaginationResponse")


@_attrs_define
class OffsetPaginationResponse:
    """Position of a page within the whole result.

    Attributes:
        total_count (int | Unset): Entries across all pages.
        page (int | Unset): Number of this page.
        total_pages (int | Unset): Number of pages.
        page_size (int | Unset): Entries per page.
    """

    total_count: int | Unset = UNSET
    page: int | Unset = UNSET
    total_pages: int | Unset = UNSET
    page_size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_count = self.total_count

        page = self.page

        total_pages = self.total_pages

        page_size = self.page_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_count is not UNSET:
            field_dict["total_count"] = total_count
        if page is not UNSET:
            field_dict["page"] = page
        if total_pages is not UNSET:
            field_dict["total_pages"] = total_pages
        if page_size is not UNSET:
            field_dict["page_size"] = page_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_count = d.pop("total_count", UNSET)

        page = d.pop("page", UNSET)

        total_pages = d.pop("total_pages", UNSET)

        page_size = d.pop("page_size", UNSET)

        offset_pagination_response = cls(
            total_count=total_count,
            page=page,
            total_pages=total_pages,
            page_size=page_size,
        )

        offset_pagination_response.additional_properties = d
        return offset_pagination_response

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
