from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assistant_file_model_metadata_type_0 import (
        AssistantFileModelMetadataType0,
    )


T = TypeVar("T", bound="AssistantFileModel")


@_attrs_define
class AssistantFileModel:
    """A file stored in an assistant.

    Attributes:
        name (str): File name as uploaded.
        id (str): File id, chosen by the caller (upsert) or by the server (upload).
        size (int | Unset): Size in bytes. Example: 1048576.
        metadata (AssistantFileModelMetadataType0 | None | Unset): Free-form JSON object kept with the file. Example:
            {'created_by': 'Jane Doe', 'published': '2025-10-01', 'tags': ['report', 'Q4', 'analytics']}.
        created_on (datetime.datetime | None | Unset): Upload time (ISO 8601); may be null. Example:
            2025-10-01T12:30:00Z.
        updated_on (datetime.datetime | None | Unset): Time of the last change (ISO 8601); may be null. Example:
            2025-10-01T12:45:00Z.
        status (str | Unset): Processing state. Known values are listed in `x-enum`; the server may add more. A deleted
            file answers 404 rather than a state.
        signed_url (None | str | Unset): Short-lived download link, present when asked for with `include_url=true`.
            Anyone holding it can read the file. Example: https://storage.googleapis.com/bucket/file.pdf?....
        multimodal (bool | Unset): Whether the file went through multimodal processing.
    """

    name: str
    id: str
    size: int | Unset = UNSET
    metadata: AssistantFileModelMetadataType0 | None | Unset = UNSET
    created_on: datetime.datetime | None | Unset = UNSET
    updated_on: datetime.datetime | None | Unset = UNSET
    status: str | Unset = UNSET
    signed_url: None | str | Unset = UNSET
    multimodal: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.assistant_file_model_metadata_type_0 import (
            AssistantFileModelMetadataType0,  # noqa: PLC0415
        )

        name = self.name

        id = self.id

        size = self.size

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, AssistantFileModelMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        created_on: None | str | Unset
        if isinstance(self.created_on, Unset):
            created_on = UNSET
        elif isinstance(self.created_on, datetime.datetime):
            created_on = self.created_on.isoformat()
        else:
            created_on = self.created_on

        updated_on: None | str | Unset
        if isinstance(self.updated_on, Unset):
            updated_on = UNSET
        elif isinstance(self.updated_on, datetime.datetime):
            updated_on = self.updated_on.isoformat()
        else:
            updated_on = self.updated_on

        status = self.status

        signed_url: None | str | Unset
        if isinstance(self.signed_url, Unset):
            signed_url = UNSET
        else:
            signed_url = self.signed_url

        multimodal = self.multimodal

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "id": id,
            }
        )
        if size is not UNSET:
            field_dict["size"] = size
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if created_on is not UNSET:
            field_dict["created_on"] = created_on
        if updated_on is not UNSET:
            field_dict["updated_on"] = updated_on
        if status is not UNSET:
            field_dict["status"] = status
        if signed_url is not UNSET:
            field_dict["signed_url"] = signed_url
        if multimodal is not UNSET:
            field_dict["multimodal"] = multimodal

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assistant_file_model_metadata_type_0 import (
            AssistantFileModelMetadataType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id")

        size = d.pop("size", UNSET)

        def _parse_metadata(data: object) -> AssistantFileModelMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = AssistantFileModelMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssistantFileModelMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_created_on(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_on_type_0 = datetime.datetime.fromisoformat(data)

                return created_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_on = _parse_created_on(d.pop("created_on", UNSET))

        def _parse_updated_on(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_on_type_0 = datetime.datetime.fromisoformat(data)

                return updated_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_on = _parse_updated_on(d.pop("updated_on", UNSET))

        status = d.pop("status", UNSET)

        def _parse_signed_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signed_url = _parse_signed_url(d.pop("signed_url", UNSET))

        multimodal = d.pop("multimodal", UNSET)

        assistant_file_model = cls(
            name=name,
            id=id,
            size=size,
            metadata=metadata,
            created_on=created_on,
            updated_on=updated_on,
            status=status,
            signed_url=signed_url,
            multimodal=multimodal,
        )

        assistant_file_model.additional_properties = d
        return assistant_file_model

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
