from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AsyncOperation")


@_attrs_define
class AsyncOperation:
    """Background work and its outcome.

    Attributes:
        id (str | Unset): Identifier of the operation.
        kind (str | Unset): What the operation does, such as `evidence_evaluation`.
        status (str | Unset): Lifecycle state. Other values may appear.
        resource_type (str | Unset): Type of the resource the operation works on.
        resource_id (str | Unset): Identifier of the resource the operation works on.
        project_id (str | Unset): Project the operation belongs to.
        project_version_id (str | Unset): Project version the operation belongs to.
        output (str | Unset): Result of a completed operation.
        error_message (str | Unset): Why a failed operation failed.
        created_at (datetime.datetime | Unset): When the operation was created.
        started_at (datetime.datetime | None | Unset): When the operation started running; null or absent before that.
        finished_at (datetime.datetime | None | Unset): When the operation finished; null or absent before that.
    """

    id: str | Unset = UNSET
    kind: str | Unset = UNSET
    status: str | Unset = UNSET
    resource_type: str | Unset = UNSET
    resource_id: str | Unset = UNSET
    project_id: str | Unset = UNSET
    project_version_id: str | Unset = UNSET
    output: str | Unset = UNSET
    error_message: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind

        status = self.status

        resource_type = self.resource_type

        resource_id = self.resource_id

        project_id = self.project_id

        project_version_id = self.project_version_id

        output = self.output

        error_message = self.error_message

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if status is not UNSET:
            field_dict["status"] = status
        if resource_type is not UNSET:
            field_dict["resource_type"] = resource_type
        if resource_id is not UNSET:
            field_dict["resource_id"] = resource_id
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if project_version_id is not UNSET:
            field_dict["project_version_id"] = project_version_id
        if output is not UNSET:
            field_dict["output"] = output
        if error_message is not UNSET:
            field_dict["error_message"] = error_message
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        kind = d.pop("kind", UNSET)

        status = d.pop("status", UNSET)

        resource_type = d.pop("resource_type", UNSET)

        resource_id = d.pop("resource_id", UNSET)

        project_id = d.pop("project_id", UNSET)

        project_version_id = d.pop("project_version_id", UNSET)

        output = d.pop("output", UNSET)

        error_message = d.pop("error_message", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        async_operation = cls(
            id=id,
            kind=kind,
            status=status,
            resource_type=resource_type,
            resource_id=resource_id,
            project_id=project_id,
            project_version_id=project_version_id,
            output=output,
            error_message=error_message,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
        )

        async_operation.additional_properties = d
        return async_operation

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
