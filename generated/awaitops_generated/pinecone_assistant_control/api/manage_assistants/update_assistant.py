from typing import Any
from urllib.parse import quote

from ...models.update_assistant_request import UpdateAssistantRequest
from ...models.update_assistant_response import UpdateAssistantResponse
from ...types import Request

METHOD = "PATCH"
PATH_TEMPLATE = "/assistants/{assistant_name}"


def request(
    assistant_name: str,
    *,
    body: UpdateAssistantRequest,
) -> Request:
    """Update an assistant"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}
    content = body.to_dict()
    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE.format(
            assistant_name=quote(str(assistant_name), safe=""),
        ),
        params=params,
        headers=headers,
        body_kind="json",
        body=content,
    )


def parse(data: Any) -> UpdateAssistantResponse:
    """The decoded JSON of a 200 answer, typed."""
    response_200 = UpdateAssistantResponse.from_dict(data)

    return response_200
