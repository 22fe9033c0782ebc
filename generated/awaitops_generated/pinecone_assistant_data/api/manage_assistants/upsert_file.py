from typing import Any
from urllib.parse import quote

from ...models.file_data import FileData
from ...types import UNSET, Request, Unset

METHOD = "PUT"
PATH_TEMPLATE = "/files/{assistant_name}/{assistant_file_id}"


def request(
    assistant_name: str,
    assistant_file_id: str,
    *,
    body: FileData,
    multimodal: str | Unset = UNSET,
) -> Request:
    """Upsert a file"""
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
            assistant_file_id=quote(str(assistant_file_id), safe=""),
        ),
        params=params,
        headers=headers,
        body_kind="multipart",
        body=content,
    )
