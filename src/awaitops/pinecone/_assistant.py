"""The Assistant snapshot, and the snapshot of what an update answers."""

from __future__ import annotations

from awaitops_generated.pinecone_assistant_control.models import Assistant as AssistantModel
from awaitops_generated.pinecone_assistant_control.models import UpdateAssistantResponse

from awaitops import Snapshot, fields

from ._facts import ASSISTANT_DELETING_STATUSES, ASSISTANT_FAILED_STATUSES, READY, TERMINATED


class Assistant(Snapshot[AssistantModel], model=AssistantModel):
    """One assistant as the control plane last reported it: a read-only snapshot.

    Fields the server leaves out read as None and ``metadata`` is a plain dict. ``model`` is
    the generated model, with any field this SDK does not know yet in
    ``model.additional_properties``. Unknown ``status`` values are kept as they came.
    """

    __slots__ = ()
    _repr_fields = ("name", "status", "region", "host")

    name = fields.text(required=True)
    status = fields.text(required=True)
    instructions = fields.text()
    metadata = fields.mapping()
    region = fields.text()
    created_at = fields.timestamp(checked=True)
    updated_at = fields.timestamp(checked=True)

    @property
    def host(self) -> str | None:
        """The data plane host, scheme included (None until the server assigns one)."""
        host: str | None = self._raw.get("host") or None
        return host

    @property
    def ready(self) -> bool:
        return self.status == READY

    @property
    def failed(self) -> bool:
        """Failed or InitializationFailed."""
        return self.status in ASSISTANT_FAILED_STATUSES

    @property
    def deleting(self) -> bool:
        """Terminating or Terminated: a delete took effect."""
        return self.status in ASSISTANT_DELETING_STATUSES

    @property
    def deleted(self) -> bool:
        """Terminated: gone, though the service may still describe it."""
        return self.status == TERMINATED


class AssistantUpdate(Snapshot[UpdateAssistantResponse], model=UpdateAssistantResponse):
    """What ``assistants.update`` answers: the settings now in force, a read-only snapshot.

    Fields the server leaves out read as None and ``metadata`` is a plain dict. ``model`` is
    the generated :class:`UpdateAssistantResponse`.
    """

    __slots__ = ()
    _repr_fields = ("assistant_name", "instructions")

    assistant_name = fields.text()
    instructions = fields.text()
    metadata = fields.mapping(nullable=False)
