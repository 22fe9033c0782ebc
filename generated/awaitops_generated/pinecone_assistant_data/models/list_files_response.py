from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assistant_file_model import AssistantFileModel
    from ..models.pagination_response import PaginationResponse


T = TypeVar("T", bound="ListFilesResponse")


@_attrs_define
class ListFilesResponse:
    """One page of files.

    Attributes:
        files (list[AssistantFileModel] | Unset): Files on this page.
        pagination (PaginationResponse | Unset): Cursor for the following page. Example: {'next':
            'dXNlcl9pZD11c2VyXzE='}.
    """

    files: list[AssistantFileModel] | Unset = UNSET
    pagination: PaginationResponse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        files: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if files is not UNSET:
            field_dict["files"] = files
        if pagination is not UNSET:
            field_dict["pagination"] = pagination

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assistant_file_model import AssistantFileModel  # noqa: PLC0415
        from ..models.pagination_response import PaginationResponse  # noqa: PLC0415

        d = dict(src_dict)
        _files = d.pop("files", UNSET)
        files: list[AssistantFileModel] | Unset = UNSET
        if _files is not UNSET:
            files = []
            for files_item_data in _files:
                files_item = AssistantFileModel.from_dict(files_item_data)

                files.append(files_item)

        _pagination = d.pop("pagination", UNSET)
        pagination: PaginationResponse | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = PaginationResponse.from_dict(_pagination)

        list_files_response = cls(
            files=files,
            pagination=pagination,
        )

        list_files_response.additional_properties = d
        return list_files_response

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
