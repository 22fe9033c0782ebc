from __future__ import annotations

import json
from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

if TYPE_CHECKING:
    from ..models.file_data_metadata_type_0 import FileDataMetadataType0


T = TypeVar("T", bound="FileData")


@_attrs_define
class FileData:
    """Multipart body of an upload or upsert.

    Attributes:
        file (File): The file's content.
        metadata (FileDataMetadataType0 | None | Unset): Free-form JSON object kept with the file, at most 16 KB; usable
            in list filters. Example: {'created_by': 'Jane Doe', 'published': '2025-10-01', 'tags': ['report', 'Q4',
            'analytics']}.
    """

    file: File
    metadata: FileDataMetadataType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.file_data_metadata_type_0 import FileDataMetadataType0  # noqa: PLC0415

        file = self.file.to_tuple()

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, FileDataMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        from ..models.file_data_metadata_type_0 import FileDataMetadataType0  # noqa: PLC0415

        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.metadata, Unset):
            if isinstance(self.metadata, FileDataMetadataType0):
                files.append(("metadata", (None, json.dumps(self.metadata.to_dict()).encode(), "application/json")))
            else:
                files.append(("metadata", (None, str(self.metadata).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.file_data_metadata_type_0 import FileDataMetadataType0  # noqa: PLC0415

        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        def _parse_metadata(data: object) -> FileDataMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = FileDataMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FileDataMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        file_data = cls(
            file=file,
            metadata=metadata,
        )

        file_data.additional_properties = d
        return file_data

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
