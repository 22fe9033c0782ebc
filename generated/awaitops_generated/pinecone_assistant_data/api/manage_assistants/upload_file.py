from typing import Any
from urllib.parse import quote

from ...models.file_data import FileData
from ...types import UNSET, Request, Unset

METHOD = "POST"
PATH_TEMPLATE = "/files/{assistant_name}"


def request(
    assistant_name: str,
    *,
    body: FileData,
    multimodal: str | Unset = UNSET,
) -> Request:
    """Upload a file"""
    headers: dict[str, str] = {}
    params: dict[str, Any] = {}

    params["multimodal"] = multimodal

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    content = body.to_multipart()
    return Request(
        METHOD,
        PATH_TEMPLATE,
        PATH_TEMPLATE.format(
            assistant_name=quote(str(assistant_name), safe=""),
        ),
        params=params,
        headers=headers,
        body_kind="multipart",
        body=content,
    )
