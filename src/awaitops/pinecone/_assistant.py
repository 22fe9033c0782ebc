"""The Assistant snapshot: the generated model, read without its ``Unset`` placeholders."""

from __future__ import annotations

import datetime
from typing import Any

from awaitops_generated.pinecone_assistant_control.models import Assistant as AssistantModel
from awaitops_generated.pinecone_assistant_control.types import Unset

from ._facts import ASSISTANT_FAILED_STATUSES, READY
from ._snapshot import ModelSnapshot


def _present(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


class Assistant(ModelSnapshot[AssistantModel]):
    """One assistant as the control plane last reported it: a read-only snapshot.

    Fields the server leaves out read as None and ``metadata`` is a plain dict. ``model`` is
    the generated model, with any field this SDK does not know yet in
    ``model.additional_properties``. Unknown ``status`` values are kept as they came.
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The assistant as the server sent it (unknown fields included)."""
        return self._model.to_dict()

    def __repr__(self) -> str:
        return (
            f"Assistant(name={self.name!r}, status={self.status!r}, region={self.region!r}, "
            f"host={self.host!r})"
        )

    @property
    def name(self) -> str:
        return self._model.name

    @property
    def status(self) -> str:
        return self._model.status

    @property
    def ready(self) -> bool:
        return self._model.status == READY

    @property
    def failed(self) -> bool:
        return self._model.status in ASSISTANT_FAILED_STATUSES

    @property
    def instructions(self) -> str | None:
        value: str | None = _present(self._model.instructions)
        return value

    @property
    def metadata(self) -> dict[str, Any] | None:
        metadata = _present(self._model.metadata)
        return None if metadata is None else metadata.to_dict()

    @property
    def host(self) -> str | None:
        """The data plane host, scheme included (None until the server assigns one)."""
        value: str | None = _present(self._model.host) or None
        return value

    @property
    def region(self) -> str | None:
        value: str | None = _present(self._model.region)
        return value

    @property
    def created_at(self) -> datetime.datetime | None:
        value: datetime.datetime | None = _present(self._model.created_at)
        return value

    @property
    def updated_at(self) -> datetime.datetime | None:
        value: datetime.datetime | None = _present(self._model.updated_at)
        return value
