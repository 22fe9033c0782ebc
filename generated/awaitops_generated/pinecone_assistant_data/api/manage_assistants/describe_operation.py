from typing import Any
from urllib.parse import quote

from ...types import Request

METHOD = "GET"
PATH_TEMPLATE = "/operations/{assistant_name}/{operation_id}"


def request(
    assistant_name: str,
    operation_id: str,
) -> Request:
    """Describe an operation"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}
    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE.format(
            assistant_name=quote(str(assistant_name), safe=""),
            operation_id=quote(str(operation_id), safe=""),
        ),
        params=params,
        headers=headers,
        body_kind="none",
        body=None,
    )
