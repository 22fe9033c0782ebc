"""Assistants on the control plane: list, create, get, update, delete, wait until ready."""

from __future__ import annotations

from functools import partial
from typing import Any, Unpack

from pinecone_assistant_control.api.manage_assistants import (
    create_assistant,
    delete_assistant,
    get_assistant,
    list_assistants,
    update_assistant,
)
from pinecone_assistant_control.models import Assistant as AssistantModel
from pinecone_assistant_control.models import (
    CreateAssistantRequest,
    CreateAssistantRequestMetadata,
    UpdateAssistantRequest,
    UpdateAssistantRequestMetadataType0,
    UpdateAssistantResponse,
)
from pinecone_assistant_control.types import UNSET

from awaitops.core import (
    NOT_GIVEN,
    AsyncApiClient,
    AsyncPager,
    NotGiven,
    PollPolicy,
    RequestOptions,
    TokenPagination,
    check_range,
    page_fetcher,
    parse_model,
    wait,
)
from awaitops.errors import AlreadyExistsError, NotFoundError

from ._assistant import Assistant
from ._checks import (
    MAX_PAGE_SIZE,
    check_assistant_name,
    check_instructions,
    check_metadata,
    check_region,
    require_text,
)

# The spec makes the items list optional: an answer without it is an empty page.
_PAGINATION = TokenPagination(items_path=("assistants",), allow_missing_items=True)


def _assistant(raw: Any) -> Assistant:
    model = AssistantModel.from_dict(raw)
    require_text(model, "name", "status")
    return Assistant(model)


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

    def list(
        self,
        *,
        page_size: int | None = None,
        max_items: int | None = None,
        start_token: str | None = None,
        prefetch: int = 0,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Assistant]:
        check_range(page_size, "page_size", 1, MAX_PAGE_SIZE)
        return AsyncPager(
            page_fetcher(partial(self._control.send, **options), list_assistants._get_kwargs()),
            _PAGINATION,
            _assistant,
            page_size=page_size,
            max_items=max_items,
            start_token=start_token,
            prefetch=prefetch,
        )

    async def get(self, name: str, **options: Unpack[RequestOptions]) -> Assistant:
        check_assistant_name(name)
        response = await self._control.send(get_assistant._get_kwargs(name), **options)
        return parse_model(response, _assistant)

    async def create(
        self,
        name: str,
        *,
        instructions: str | None = None,
        metadata: dict[str, Any] | None = None,
        region: str = "us",
        wait: bool = False,
        poll: PollPolicy | None = None,
        **options: Unpack[RequestOptions],
    ) -> Assistant:
        """Create an assistant; with ``wait=True``, return it once Ready.

        Safe to retry: if a re-sent create meets ALREADY_EXISTS, the existing assistant is
        returned when it matches this request (our earlier attempt made it); a different
        assistant of that name raises AlreadyExistsError.
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
        try:
            response = await self._control.send(
                create_assistant._get_kwargs(body=body), idempotent=True, **options
            )
            assistant = parse_model(response, _assistant)
        except AlreadyExistsError as exc:
            if not exc.retried:
                raise
            assistant = await self.get(name, **options)
            if not _same_request(assistant, instructions, metadata, region):
                raise
        if wait:
            return await self.wait_until_ready(name, poll=poll, **options)
        return assistant

    async def update(
        self,
        name: str,
        *,
        instructions: str | NotGiven | None = NOT_GIVEN,
        metadata: dict[str, Any] | NotGiven | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> UpdateAssistantResponse:
        """Change only the fields given (None clears a field)."""
        check_assistant_name(name)
        body = UpdateAssistantRequest()
        if not isinstance(instructions, NotGiven):
            body.instructions = check_instructions(instructions)
        if not isinstance(metadata, NotGiven):
            checked = check_metadata(metadata)
            body.metadata = (
                None if checked is None else UpdateAssistantRequestMetadataType0.from_dict(checked)
            )
        response = await self._control.send(
            update_assistant._get_kwargs(name, body=body), **options
        )
        return parse_model(response, UpdateAssistantResponse.from_dict)

    async def delete(
        self,
        name: str,
        *,
        wait: bool = False,
        poll: PollPolicy | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Delete an assistant; with ``wait=True``, return once it is gone."""
        check_assistant_name(name)
        await self._control.send(delete_assistant._get_kwargs(name), **options)
        if wait:
            await self._wait_until_gone(name, poll or PollPolicy(), **options)

    async def wait_until_ready(
        self, name: str, *, poll: PollPolicy | None = None, **options: Unpack[RequestOptions]
    ) -> Assistant:
        """Poll until Ready; OperationFailedError if it ends Failed or InitializationFailed."""
        check_assistant_name(name)
        return await wait(
            partial(self.get, name, **options),
            is_terminal=lambda a: a.ready or a.failed,
            is_failed=lambda a: a.failed,
            policy=poll or PollPolicy(),
            failure_message=lambda a: f"assistant {a.name!r} ended {a.status}",
            hooks=self._control.hooks,
        )

    async def _wait_until_gone(
        self, name: str, poll: PollPolicy, **options: Unpack[RequestOptions]
    ) -> None:
        async def exists() -> bool:
            try:
                await self.get(name, **options)
            except NotFoundError:
                return False
            return True

        await wait(
            exists,
            is_terminal=lambda present: not present,
            is_failed=lambda _: False,
            policy=poll,
            hooks=self._control.hooks,
        )
