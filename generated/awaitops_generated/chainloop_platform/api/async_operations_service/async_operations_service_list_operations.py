from typing import Any

from ...types import UNSET, Request, Unset

METHOD = "GET"
PATH_TEMPLATE = "/v1/operations"


def request(
    *,
    pagination_page: int | Unset = UNSET,
    pagination_page_size: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    status: str | Unset = "ASYNC_OPERATION_STATUS_UNSPECIFIED",
    kind: str | Unset = UNSET,
) -> Request:
    """List async operations"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}

    params["pagination.page"] = pagination_page

    params["pagination.page_size"] = pagination_page_size

    params["resource_id"] = resource_id

    params["resource_type"] = resource_type

    params["status"] = status

    params["kind"] = kind

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
