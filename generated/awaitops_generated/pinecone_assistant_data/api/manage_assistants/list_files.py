from typing import Any
from urllib.parse import quote

from ...types import UNSET, Request, Unset

METHOD = "GET"
PATH_TEMPLATE = "/files/{assistant_name}"


def request(
    assistant_name: str,
    *,
    filter_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
) -> Request:
    """List files"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}

    params["filter"] = filter_

    params["limit"] = limit

    params["pagination_token"] = pagination_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

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
