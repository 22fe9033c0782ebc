from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.backup_schedule_history_entry_tags_type_0 import (
        BackupScheduleHistoryEntryTagsType0,
    )
    from ..models.index_schema_type_0 import IndexSchemaType0


T = TypeVar("T", bound="BackupScheduleHistoryEntry")


@_attrs_define
class BackupScheduleHistoryEntry:
    """A backup that a schedule produced or has queued.

    Attributes:
        backup_id (str): Identifier of the backup.
        source_index_id (str): Identifier of the index being backed up.
        source_index_name (str): Name of the index being backed up.
        status (str): Where the backup stands. `Scheduled` entries have not run yet; a run goes through `Pending` to
            `Ready` or `Failed`. Other values may appear.
        cloud (str): Cloud provider hosting the index.
        region (str): Cloud region of the index.
        tags (BackupScheduleHistoryEntryTagsType0 | None | Unset): Labels copied onto the backup; null when there are
            none.
        name (None | str | Unset): Name of the backup; the service has been seen to send null.
        description (None | str | Unset): Free-text description of the backup.
        scheduled_execution_at (datetime.datetime | None | Unset): When a Scheduled entry is planned to run.
        dimension (int | Unset): Vector dimension of the index.
        schema (IndexSchemaType0 | None | Unset): Metadata schema of the index, as the service returns it; null when it
            has none.
        record_count (int | None | Unset): Records in the backup; null until the backup ran.
        namespace_count (int | None | Unset): Namespaces in the backup; null until the backup ran.
        size_bytes (int | None | Unset): Size of the backup in bytes; null until the backup ran.
        created_at (datetime.datetime | None | Unset): When the entry was created; may be null.
    """

    backup_id: str
    source_index_id: str
    source_index_name: str
    status: str
    cloud: str
    region: str
    tags: BackupScheduleHistoryEntryTagsType0 | None | Unset = UNSET
    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    scheduled_execution_at: datetime.datetime | None | Unset = UNSET
    dimension: int | Unset = UNSET
    schema: IndexSchemaType0 | None | Unset = UNSET
    record_count: int | None | Unset = UNSET
    namespace_count: int | None | Unset = UNSET
    size_bytes: int | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.backup_schedule_history_entry_tags_type_0 import (
            BackupScheduleHistoryEntryTagsType0,  # noqa: PLC0415
        )
        from ..models.index_schema_type_0 import IndexSchemaType0  # noqa: PLC0415

        backup_id = self.backup_id

        source_index_id = self.source_index_id

        source_index_name = self.source_index_name

        status = self.status

        cloud = self.cloud

        region = self.region

        tags: dict[str, Any] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, BackupScheduleHistoryEntryTagsType0):
            tags = self.tags.to_dict()
        else:
            tags = self.tags

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        scheduled_execution_at: None | str | Unset
        if isinstance(self.scheduled_execution_at, Unset):
            scheduled_execution_at = UNSET
        elif isinstance(self.scheduled_execution_at, datetime.datetime):
            scheduled_execution_at = self.scheduled_execution_at.isoformat()
        else:
            scheduled_execution_at = self.scheduled_execution_at

        dimension = self.dimension

        schema: dict[str, Any] | None | Unset
        if isinstance(self.schema, Unset):
            schema = UNSET
        elif isinstance(self.schema, IndexSchemaType0):
            schema = self.schema.to_dict()
        else:
            schema = self.schema

        record_count: int | None | Unset
        if isinstance(self.record_count, Unset):
            record_count = UNSET
        else:
            record_count = self.record_count

        namespace_count: int | None | Unset
        if isinstance(self.namespace_count, Unset):
            namespace_count = UNSET
        else:
            namespace_count = self.namespace_count

        size_bytes: int | None | Unset
        if isinstance(self.size_bytes, Unset):
            size_bytes = UNSET
        else:
            size_bytes = self.size_bytes

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backup_id": backup_id,
                "source_index_id": source_index_id,
                "source_index_name": source_index_name,
                "status": status,
                "cloud": cloud,
                "region": region,
            }
        )
        if tags is not UNSET:
            field_dict["tags"] = tags
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if scheduled_execution_at is not UNSET:
            field_dict["scheduled_execution_at"] = scheduled_execution_at
        if dimension is not UNSET:
            field_dict["dimension"] = dimension
        if schema is not UNSET:
            field_dict["schema"] = schema
        if record_count is not UNSET:
            field_dict["record_count"] = record_count
        if namespace_count is not UNSET:
            field_dict["namespace_count"] = namespace_count
        if size_bytes is not UNSET:
            field_dict["size_bytes"] = size_bytes
        if created_at is not UNSET:
            field_dict["created_at"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backup_schedule_history_entry_tags_type_0 import (
            BackupScheduleHistoryEntryTagsType0,  # noqa: PLC0415
        )
        from ..models.index_schema_type_0 import IndexSchemaType0  # noqa: PLC0415

        d = dict(src_dict)
        backup_id = d.pop("backup_id")

        source_index_id = d.pop("source_index_id")

        source_index_name = d.pop("source_index_name")

        status = d.pop("status")

        cloud = d.pop("cloud")

        region = d.pop("region")

        def _parse_tags(data: object) -> BackupScheduleHistoryEntryTagsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tags_type_0 = BackupScheduleHistoryEntryTagsType0.from_dict(data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BackupScheduleHistoryEntryTagsType0 | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_scheduled_execution_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_execution_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_execution_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        scheduled_execution_at = _parse_scheduled_execution_at(d.pop("scheduled_execution_at", UNSET))

        dimension = d.pop("dimension", UNSET)

        def _parse_schema(data: object) -> IndexSchemaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_index_schema_type_0 = IndexSchemaType0.from_dict(data)

                return componentsschemas_index_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IndexSchemaType0 | None | Unset, data)

        schema = _parse_schema(d.pop("schema", UNSET))

        def _parse_record_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        record_count = _parse_record_count(d.pop("record_count", UNSET))

        def _parse_namespace_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        namespace_count = _parse_namespace_count(d.pop("namespace_count", UNSET))

        def _parse_size_bytes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        size_bytes = _parse_size_bytes(d.pop("size_bytes", UNSET))

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

        backup_schedule_history_entry = cls(
            backup_id=backup_id,
            source_index_id=source_index_id,
            source_index_name=source_index_name,
            status=status,
            cloud=cloud,
            region=region,
            tags=tags,
            name=name,
            description=description,
            scheduled_execution_at=scheduled_execution_at,
            dimension=dimension,
            schema=schema,
            record_count=record_count,
            namespace_count=namespace_count,
            size_bytes=size_bytes,
            created_at=created_at,
        )

        backup_schedule_history_entry.additional_properties = d
        return backup_schedule_history_entry

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
