from typing import Any
from urllib.parse import quote

from ...models.update_assistant_request import UpdateAssistantRequest
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
