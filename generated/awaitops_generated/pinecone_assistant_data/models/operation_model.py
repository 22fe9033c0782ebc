from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OperationModel")


@_attrs_define
class OperationModel:
    """A long-running file operation and its progress.

    Attributes:
        id (str): Operation id. Example: op-1234-abcd-5678.
        status (str): `Processing` while running, then `Completed` or `Failed` (see `error_message`). The server may add
            more values. Example: Processing.
        operation_type (str | Unset): What the operation does. Known values are listed in `x-enum`; the server may add
            more. Example: upload_file.
        file_id (None | str | Unset): File the operation acts on. Example: my-file-id-123.
        created_on (datetime.datetime | None | Unset): Start time (ISO 8601). Left out of an upsert's answer, and may be
            null. Example: 2025-10-01T12:30:00Z.
        completed_on (datetime.datetime | None | Unset): End time (ISO 8601); set once `Completed` or `Failed`. Example:
            2025-10-01T12:35:00Z.
        percent_complete (int | Unset): Progress, 0 to 100. Example: 42.
        error_message (None | str | Unset): Why the operation failed. Meaningful only when `Failed`: the service never
            clears it, so a retried operation that is `Processing` or `Completed` may still carry an earlier attempt's
            error. Example: File processing failed: unsupported file format..
        ingestion_units (float | None | Unset): Ingestion units charged; set when an ingestion operation is `Completed`.
            Example: 50.0.
    """

    id: str
    status: str
    operation_type: str | Unset = UNSET
    file_id: None | str | Unset = UNSET
    created_on: datetime.datetime | None | Unset = UNSET
    completed_on: datetime.datetime | None | Unset = UNSET
    percent_complete: int | Unset = UNSET
    error_message: None | str | Unset = UNSET
    ingestion_units: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        operation_type = self.operation_type

        file_id: None | str | Unset
        if isinstance(self.file_id, Unset):
            file_id = UNSET
        else:
            file_id = self.file_id

        created_on: None | str | Unset
        if isinstance(self.created_on, Unset):
            created_on = UNSET
        elif isinstance(self.created_on, datetime.datetime):
            created_on = self.created_on.isoformat()
        else:
            created_on = self.created_on

        completed_on: None | str | Unset
        if isinstance(self.completed_on, Unset):
            completed_on = UNSET
        elif isinstance(self.completed_on, datetime.datetime):
            completed_on = self.completed_on.isoformat()
        else:
            completed_on = self.completed_on

        percent_complete = self.percent_complete

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        ingestion_units: float | None | Unset
        if isinstance(self.ingestion_units, Unset):
            ingestion_units = UNSET
        else:
            ingestion_units = self.ingestion_units

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if operation_type is not UNSET:
            field_dict["operation_type"] = operation_type
        if file_id is not UNSET:
            field_dict["file_id"] = file_id
        if created_on is not UNSET:
            field_dict["created_on"] = created_on
        if completed_on is not UNSET:
            field_dict["completed_on"] = completed_on
        if percent_complete is not UNSET:
            field_dict["percent_complete"] = percent_complete
        if error_message is not UNSET:
            field_dict["error_message"] = error_message
        if ingestion_units is not UNSET:
            field_dict["ingestion_units"] = ingestion_units

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        operation_type = d.pop("operation_type", UNSET)

        def _parse_file_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_id = _parse_file_id(d.pop("file_id", UNSET))

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

        def _parse_completed_on(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_on_type_0 = datetime.datetime.fromisoformat(data)

                return completed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_on = _parse_completed_on(d.pop("completed_on", UNSET))

        percent_complete = d.pop("percent_complete", UNSET)

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("error_message", UNSET))

        def _parse_ingestion_units(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ingestion_units = _parse_ingestion_units(d.pop("ingestion_units", UNSET))

        operation_model = cls(
            id=id,
            status=status,
            operation_type=operation_type,
            file_id=file_id,
            created_on=created_on,
            completed_on=completed_on,
            percent_complete=percent_complete,
            error_message=error_message,
            ingestion_units=ingestion_units,
        )

        operation_model.additional_properties = d
        return operation_model

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
