from typing import Any
from urllib.parse import quote

from ...types import UNSET, Request, Unset

METHOD = "GET"
PATH_TEMPLATE = "/files/{assistant_name}/{assistant_file_id}"


def request(
    assistant_name: str,
    assistant_file_id: str,
    *,
    include_url: str | Unset = UNSET,
) -> Request:
    """Describe a file"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}

    params["include_url"] = include_url

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE.format(
            assistant_name=quote(str(assistant_name), safe=""),
            assistant_file_id=quote(str(assistant_file_id), safe=""),
        ),
        params=params,
        headers=headers,
        body_kind="none",
        body=None,
    )
