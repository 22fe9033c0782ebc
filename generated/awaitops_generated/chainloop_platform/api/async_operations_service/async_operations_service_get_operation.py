from typing import Any
from urllib.parse import quote

from ...types import Request

METHOD = "GET"
PATH_TEMPLATE = "/v1/operations/{operation_id}"


def request(
    operation_id: str,
) -> Request:
    """Get an async operation"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}
    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE.format(
            operation_id=quote(str(operation_id), safe=""),
        ),
        params=params,
        headers=headers,
        body_kind="none",
        body=None,
    )
