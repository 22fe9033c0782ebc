from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_assistant_response_metadata import (
        UpdateAssistantResponseMetadata,
    )


T = TypeVar("T", bound="UpdateAssistantResponse")


@_attrs_define
class UpdateAssistantResponse:
    """An assistant's settings after an update.

    Attributes:
        assistant_name (str | Unset): Name of the updated assistant.
        instructions (str | Unset): Guidance now in force. Example: Answer questions with clear, helpful answers. Keep
            the tone friendly and easy to follow..
        metadata (UpdateAssistantResponseMetadata | Unset): Metadata now stored. Example: {'role': 'Customer Support
            Helper', 'team': 'Operations'}.
    """

    assistant_name: str | Unset = UNSET
    instructions: str | Unset = UNSET
    metadata: UpdateAssistantResponseMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assistant_name = self.assistant_name

        instructions = self.instructions

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if assistant_name is not UNSET:
            field_dict["assistant_name"] = assistant_name
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.update_assistant_response_metadata import (
            UpdateAssistantResponseMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        assistant_name = d.pop("assistant_name", UNSET)

        instructions = d.pop("instructions", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: UpdateAssistantResponseMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = UpdateAssistantResponseMetadata.from_dict(_metadata)

        update_assistant_response = cls(
            assistant_name=assistant_name,
            instructions=instructions,
            metadata=metadata,
        )

        update_assistant_response.additional_properties = d
        return update_assistant_response

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
