from typing import Any

from ...types import UNSET, Request, Unset

METHOD = "GET"
PATH_TEMPLATE = "/assistants"


def request(
    *,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
) -> Request:
    """List assistants"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["pagination_token"] = pagination_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE,
        params=params,
        headers=headers,
        body_kind="none",
        body=None,
    )
