from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_assistant_request_metadata import UpdateAssistantRequestMetadata


T = TypeVar("T", bound="UpdateAssistantRequest")


@_attrs_define
class UpdateAssistantRequest:
    """Fields of an assistant to replace; a field left out keeps its value. At least one must be given: an empty update is
    a 400 ("No updates provided").

        Attributes:
            instructions (str | Unset): New guidance for every answer; at most 16 KB. An empty string clears it. Example:
                Answer questions with clear, helpful answers. Keep the tone friendly and easy to follow..
            metadata (UpdateAssistantRequestMetadata | Unset): New free-form JSON object, at most 16 KB; it replaces the old
                one (no merge). An empty object clears it. Example: {'role': 'Customer Support Helper', 'team': 'Operations'}.
    """

    instructions: str | Unset = UNSET
    metadata: UpdateAssistantRequestMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instructions = self.instructions

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

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
        from ..models.update_assistant_request_metadata import (
            UpdateAssistantRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        instructions = d.pop("instructions", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: UpdateAssistantRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = UpdateAssistantRequestMetadata.from_dict(_metadata)

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
