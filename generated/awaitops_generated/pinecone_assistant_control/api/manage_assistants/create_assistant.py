from typing import Any

from ...models.assistant import Assistant
from ...models.create_assistant_request import CreateAssistantRequest
from ...types import Request

METHOD = "POST"
PATH_TEMPLATE = "/assistants"


def request(
    *,
    body: CreateAssistantRequest,
) -> Request:
    """Create an assistant"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}
    content = body.to_dict()
    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE,
        params=params,
        headers=headers,
        body_kind="json",
        body=content,
    )


def parse(data: Any) -> Assistant:
    """The decoded JSON of a 200 answer, typed."""
    response_200 = Assistant.from_dict(data)

    return response_200
