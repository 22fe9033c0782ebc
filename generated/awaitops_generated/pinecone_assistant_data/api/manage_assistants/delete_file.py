from typing import Any
from urllib.parse import quote

from ...types import Request

METHOD = "DELETE"
PATH_TEMPLATE = "/files/{assistant_name}/{assistant_file_id}"


def request(
    assistant_name: str,
    assistant_file_id: str,
) -> Request:
    """Delete a file"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}
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
