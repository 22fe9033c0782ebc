from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_assistant_request_metadata import CreateAssistantRequestMetadata


T = TypeVar("T", bound="CreateAssistantRequest")


@_attrs_define
class CreateAssistantRequest:
    """Settings for a new assistant.

    Attributes:
        name (str): 1-63 lower-case alphanumerics or `-`, first and last character alphanumeric. Example: example-
            assistant.
        instructions (None | str | Unset): Guidance for every answer; at most 16 KB. Example: Answer questions with
            clear, helpful answers. Keep the tone friendly and easy to follow..
        metadata (CreateAssistantRequestMetadata | Unset): Free-form JSON object, at most 16 KB. Example: {'role':
            'Customer Support Helper', 'team': 'Operations'}.
        region (str | Unset): Deployment region; the server uses `us` when absent.
    """

    name: str
    instructions: None | str | Unset = UNSET
    metadata: CreateAssistantRequestMetadata | Unset = UNSET
    region: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        region = self.region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_assistant_request_metadata import (
            CreateAssistantRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: CreateAssistantRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = CreateAssistantRequestMetadata.from_dict(_metadata)

        region = d.pop("region", UNSET)

        create_assistant_request = cls(
            name=name,
            instructions=instructions,
            metadata=metadata,
            region=region,
        )

        create_assistant_request.additional_properties = d
        return create_assistant_request

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
