from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assistant_metadata_type_0 import AssistantMetadataType0


T = TypeVar("T", bound="Assistant")


@_attrs_define
class Assistant:
    """An assistant's settings and lifecycle state.

    Attributes:
        name (str): Unique within the project: 1-63 lower-case alphanumerics or `-`, first and last character
            alphanumeric. Example: example-assistant.
        status (str): Lifecycle state. Known values are listed in `x-enum`; the server may add more.
        instructions (None | str | Unset): Guidance the assistant follows in every answer. Example: Answer questions
            with clear, helpful answers. Keep the tone friendly and easy to follow..
        metadata (AssistantMetadataType0 | None | Unset): Free-form JSON object kept with the assistant. Example:
            {'role': 'Customer Support Helper', 'team': 'Operations'}.
        host (str | Unset): Data plane host of this assistant, scheme included; the data plane base URL is this value
            followed by `/assistant`. Example: https://prod-1-data.ke.pinecone.io.
        region (str | Unset): Where the assistant runs.
        created_at (datetime.datetime | None | Unset): Creation time (ISO 8601); may be null. Example:
            2025-10-01T12:30:00Z.
        updated_at (datetime.datetime | None | Unset): Time of the last change (ISO 8601); may be null. Example:
            2025-10-01T12:45:00Z.
    """

    name: str
    status: str
    instructions: None | str | Unset = UNSET
    metadata: AssistantMetadataType0 | None | Unset = UNSET
    host: str | Unset = UNSET
    region: str | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.assistant_metadata_type_0 import AssistantMetadataType0  # noqa: PLC0415

        name = self.name

        status = self.status

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, AssistantMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        host = self.host

        region = self.region

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "status": status,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if host is not UNSET:
            field_dict["host"] = host
        if region is not UNSET:
            field_dict["region"] = region
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assistant_metadata_type_0 import AssistantMetadataType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        status = d.pop("status")

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_metadata(data: object) -> AssistantMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = AssistantMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssistantMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        host = d.pop("host", UNSET)

        region = d.pop("region", UNSET)

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        assistant = cls(
            name=name,
            status=status,
            instructions=instructions,
            metadata=metadata,
            host=host,
            region=region,
            created_at=created_at,
            updated_at=updated_at,
        )

        assistant.additional_properties = d
        return assistant

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
