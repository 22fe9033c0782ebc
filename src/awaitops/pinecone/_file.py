"""The AssistantFile snapshot: one file of an assistant."""

from __future__ import annotations

from awaitops_generated.pinecone_assistant_data.models import AssistantFileModel

from awaitops import Snapshot, fields


class AssistantFile(Snapshot[AssistantFileModel], model=AssistantFileModel):
    """One file as the server last reported it: a read-only snapshot.

    Fields the server leaves out read as None and ``metadata`` is a plain dict. ``model`` is
    the generated :class:`AssistantFileModel`. ``signed_url`` (asked for with
    ``include_url``) lets anyone holding it read the file, so it is left out of the repr.
    """

    __slots__ = ()
    _repr_fields = ("id", "name", "status", "size")

    name = fields.text(required=True)
    id = fields.text(required=True)
    status = fields.text()
    size = fields.value(int)
    metadata = fields.mapping()
    created_on = fields.timestamp(checked=True)
    updated_on = fields.timestamp(checked=True)
    signed_url = fields.text()
    multimodal = fields.value(bool)
