from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_assistant_request_metadata_type_0 import (
        UpdateAssistantRequestMetadataType0,
    )


T = TypeVar("T", bound="UpdateAssistantRequest")


@_attrs_define
class UpdateAssistantRequest:
    """Fields of an assistant to replace.

    Attributes:
        instructions (None | str | Unset): New guidance for every answer; at most 16 KB. Example: Answer questions with
            clear, helpful answers. Keep the tone friendly and easy to follow..
        metadata (None | Unset | UpdateAssistantRequestMetadataType0): New free-form JSON object, at most 16 KB.
            Example: {'role': 'Customer Support Helper', 'team': 'Operations'}.
    """

    instructions: None | str | Unset = UNSET
    metadata: None | Unset | UpdateAssistantRequestMetadataType0 = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.update_assistant_request_metadata_type_0 import (
            UpdateAssistantRequestMetadataType0,  # noqa: PLC0415
        )

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, UpdateAssistantRequestMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.update_assistant_request_metadata_type_0 import (
            UpdateAssistantRequestMetadataType0,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_metadata(data: object) -> None | Unset | UpdateAssistantRequestMetadataType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = UpdateAssistantRequestMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UpdateAssistantRequestMetadataType0, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        update_assistant_request = cls(
            instructions=instructions,
            metadata=metadata,
        )

        update_assistant_request.additional_properties = d
        return update_assistant_request

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
