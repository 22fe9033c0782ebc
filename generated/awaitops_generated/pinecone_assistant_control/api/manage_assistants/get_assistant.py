from typing import Any
from urllib.parse import quote

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
