"""Assistants on the control plane: list, create, get, update, delete, wait until ready."""

from __future__ import annotations

from functools import partial
from typing import Any, Unpack

from awaitops_generated.pinecone_assistant_control.api.manage_assistants import (
    create_assistant,
    delete_assistant,
    get_assistant,
    list_assistants,
    update_assistant,
)
from awaitops_generated.pinecone_assistant_control.models import (
    CreateAssistantRequest,
    CreateAssistantRequestMetadata,
    UpdateAssistantRequest,
    UpdateAssistantRequestMetadata,
)
from awaitops_generated.pinecone_assistant_control.types import UNSET

from awaitops.core import (
    NOT_APPLIED,
    NOT_GIVEN,
    AsyncApiClient,
    AsyncPager,
    NotApplied,
    NotGiven,
    PollPolicy,
    RequestOptions,
    TokenListOptions,
    parse_model,
    reconcile_call,
    split_change_options,
    wait,
)
from awaitops.errors import AlreadyExistsError, AwaitopsError, NotFoundError

from ._assistant import Assistant, AssistantUpdate
from ._checks import (
    check_assistant_name,
    check_instructions,
    check_metadata,
    check_region,
)
from ._facts import ASSISTANTS


def _same_request(
    assistant: Assistant, instructions: str | None, metadata: dict[str, Any] | None, region: str
) -> bool:
    """Whether an existing assistant is the one a create call asked for."""
    return (
        (assistant.instructions or None) == instructions
        and (assistant.metadata or None) == (metadata or None)
        and assistant.region in (region, None)
    )


class Assistants:
    """``pc.assistants``."""

    def __init__(self, control: AsyncApiClient) -> None:
        self._control = control

    def list(self, **options: Unpack[TokenListOptions]) -> AsyncPager[Assistant]:
        request = list_assistants.request()
        return ASSISTANTS.pager(self._control.send, request, Assistant, **options)

    async def get(self, name: str, **options: Unpack[RequestOptions]) -> Assistant:
        check_assistant_name(name)
        response = await self._control.send(get_assistant.request(name), **options)
        return parse_model(response, Assistant)

    async def create(
        self,
        name: str,
        *,
        instructions: str | None = None,
        metadata: dict[str, Any] | None = None,
        region: str = "us",
        wait: bool = False,
        poll: PollPolicy | None = None,
        exist_ok: bool = False,
        **options: Unpack[RequestOptions],
    ) -> Assistant:
        """Create an assistant; with ``wait=True``, return it once Ready.

        ``exist_ok=True``: when an assistant of that name exists already (another process
        made it first), it is returned as it is (its settings are not compared, nor changed)
        instead of raising AlreadyExistsError; with ``wait=True``, once it is Ready. Many
        processes creating the same assistant at start-up all get it, and one exists.

        Safe under lost answers: after a 5xx, a timeout or a cut connection the assistant is
        looked up by name (the name is unique). If it exists and matches this request, our
        call made it and it is returned; if it is absent, the create is sent again; a
        different assistant of that name raises AlreadyExistsError, as a clean call would.

        A project at its assistant limit gets QuotaExceededError (a RateLimitError), at
        once: waiting does not help, deleting an assistant does.
        """
        check_assistant_name(name)
        check_instructions(instructions)
        check_metadata(metadata)
        check_region(region)
        body = CreateAssistantRequest(
            name=name,
            instructions=UNSET if instructions is None else instructions,
            metadata=UNSET
            if metadata is None
            else CreateAssistantRequestMetadata.from_dict(metadata),
            region=region,
        )
        change, read = split_change_options(options)

        async def send() -> Assistant:
            response = await self._control.send(create_assistant.request(body=body), **change)
            return parse_model(response, Assistant)

        async def lookup(error: AwaitopsError) -> Assistant | NotApplied:
            existing = await self._find(name, **read)
            if existing is None:
                return NOT_APPLIED
            if _same_request(existing, instructions, metadata, region):
                return existing
            if isinstance(error, AlreadyExistsError):
                raise error
            raise AlreadyExistsError(
                f"assistant {name!r} already exists with other settings",
                status=409,
                code="ALREADY_EXISTS",
            )

        try:
            assistant = await reconcile_call(
                self._control,
                send,
                lookup,
                options,
                name="assistants.create",
                conflicts=(AlreadyExistsError,),
            )
        except AlreadyExistsError:
            if not exist_ok:
                raise
            assistant = await self.get(name, **read)
        if wait:
            return await self.wait_until_ready(name, poll=poll, **read)
        return assistant

    async def update(
        self,
        name: str,
        *,
        instructions: str | NotGiven | None = NOT_GIVEN,
        metadata: dict[str, Any] | NotGiven | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AssistantUpdate:
        """Change only the fields given; the others keep their values.

        ``metadata`` replaces the old metadata (no merge). ``None``, ``""`` (instructions)
        and ``{}`` (metadata) clear a field: it is sent as ``""`` / ``{}``, the way the
        service clears, never as JSON null. At least one field must be given: the service
        answers 400 to an empty update, so ValueError is raised before sending.

        After a lost answer the assistant is read back: if it holds the values asked for,
        they are returned as a clean call would have; otherwise the update is sent again.
        """
        check_assistant_name(name)
        if isinstance(instructions, NotGiven) and isinstance(metadata, NotGiven):
            raise ValueError(
                "update() needs instructions= or metadata= (the service refuses an empty "
                "update); pass None to clear a field"
            )
        body = UpdateAssistantRequest()
        wanted: dict[str, Any] = {}
        if not isinstance(instructions, NotGiven):
            body.instructions = wanted["instructions"] = check_instructions(instructions) or ""
        if not isinstance(metadata, NotGiven):
            checked = wanted["metadata"] = check_metadata(metadata) or {}
            body.metadata = UpdateAssistantRequestMetadata.from_dict(checked)
        change, read = split_change_options(options)

        async def send() -> AssistantUpdate:
            response = await self._control.send(update_assistant.request(name, body=body), **change)
            return parse_model(response, AssistantUpdate)

        async def lookup(error: AwaitopsError) -> AssistantUpdate | NotApplied:
            current = await self.get(name, **read)
            now = {"instructions": current.instructions, "metadata": current.metadata}
            if any((now[key] or None) != (value or None) for key, value in wanted.items()):
                return NOT_APPLIED
            # This answer's fields are not nullable: unset ones are left out.
            answer = {key: value for key, value in now.items() if value is not None}
            return AssistantUpdate({"assistant_name": name, **answer})

        return await reconcile_call(self._control, send, lookup, options, name="assistants.update")

    async def delete(
        self,
        name: str,
        *,
        wait: bool = False,
        poll: PollPolicy | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Delete an assistant; with ``wait=True``, return once it is gone.

        Gone means the service answers 404 or describes it as Terminated (it may keep
        doing so). An assistant that is Failed or InitializationFailed while it is deleted
        never goes away (the service finishes only creates for such an assistant): the
        wait raises OperationFailedError, with the assistant as ``snapshot``, instead of
        polling forever; the delete may not have been carried out.

        After a lost answer the assistant is looked up: absent, Terminating or Terminated
        means the delete took effect (a re-sent delete meeting 404 too); otherwise it is
        sent again.
        """
        check_assistant_name(name)
        change, read = split_change_options(options)

        async def send() -> None:
            await self._control.send(delete_assistant.request(name), **change)

        async def lookup(error: AwaitopsError) -> NotApplied | None:
            existing = await self._find(name, **read)
            if existing is None or existing.deleting:
                return None
            return NOT_APPLIED

        await reconcile_call(
            self._control,
            send,
            lookup,
            options,
            name="assistants.delete",
            conflicts=(NotFoundError,),
        )
        if wait:
            await self._wait_until_gone(name, poll or PollPolicy(), **read)

    async def _find(self, name: str, **options: Unpack[RequestOptions]) -> Assistant | None:
        try:
            return await self.get(name, **options)
        except NotFoundError:
            return None

    async def wait_until_ready(
        self, name: str, *, poll: PollPolicy | None = None, **options: Unpack[RequestOptions]
    ) -> Assistant:
        """Poll until Ready. OperationFailedError (the assistant as ``snapshot``) if it
        ends Failed or InitializationFailed, or is being deleted (Terminating, Terminated):
        it will not become Ready then."""
        check_assistant_name(name)
        return await wait(
            partial(self.get, name, **options),
            is_terminal=lambda a: a.ready or a.failed or a.deleting,
            is_failed=lambda a: a.failed or a.deleting,
            policy=poll or PollPolicy(),
            failure_message=_not_ready,
            hooks=self._control.hooks,
        )

    async def _wait_until_gone(
        self, name: str, poll: PollPolicy, **options: Unpack[RequestOptions]
    ) -> None:
        async def remaining() -> Assistant | None:
            return await self._find(name, **options)

        await wait(
            remaining,
            is_terminal=lambda a: a is None or a.deleted or a.failed,
            is_failed=lambda a: a is not None and a.failed,
            policy=poll,
            failure_message=_not_deleted,
            hooks=self._control.hooks,
        )


def _not_deleted(assistant: Assistant | None) -> str:
    # Only a failed assistant, never an absent one, fails the wait.
    assert assistant is not None
    return (
        f"assistant {assistant.name!r} is {assistant.status} while being deleted: the "
        "service does not finish deleting such an assistant, and the delete may not have "
        "been carried out"
    )


def _not_ready(assistant: Assistant) -> str:
    if assistant.deleting:
        return f"assistant {assistant.name!r} is {assistant.status}: it is being deleted"
    return f"assistant {assistant.name!r} ended {assistant.status}"
