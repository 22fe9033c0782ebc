from typing import Any
from urllib.parse import quote

from ...models.assistant import Assistant
from ...types import Request

METHOD = "GET"
PATH_TEMPLATE = "/assistants/{assistant_name}"


def request(
    assistant_name: str,
) -> Request:
    """Describe an assistant"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}
    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE.format(
            assistant_name=quote(str(assistant_name), safe=""),
        ),
        params=params,
        headers=headers,
        body_kind="none",
        body=None,
    )


def parse(data: Any) -> Assistant:
    """The decoded JSON of a 200 answer, typed."""
    response_200 = Assistant.from_dict(data)

    return response_200
