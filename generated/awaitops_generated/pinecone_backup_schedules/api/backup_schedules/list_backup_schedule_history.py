from typing import Any
from urllib.parse import quote

from ...types import UNSET, Request, Unset

METHOD = "GET"
PATH_TEMPLATE = "/backup-schedules/{schedule_id}/history"


def request(
    schedule_id: str,
    *,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
) -> Request:
    """List backup schedule history"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["paginationToken"] = pagination_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE.format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
        params=params,
        headers=headers,
        body_kind="none",
        body=None,
    )
