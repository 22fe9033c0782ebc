from typing import Any

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
