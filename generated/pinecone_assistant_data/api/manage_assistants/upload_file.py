from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.file_data import FileData
from ...models.operation_model import OperationModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    assistant_name: str,
    *,
    body: FileData,
    multimodal: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Pinecone-Api-Version"] = x_pinecone_api_version

    params: dict[str, Any] = {}

    params["multimodal"] = multimodal

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/files/{assistant_name}".format(
            assistant_name=quote(str(assistant_name), safe=""),
        ),
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | OperationModel | None:
    if response.status_code == 202:
        response_202 = OperationModel.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | OperationModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    assistant_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: FileData,
    multimodal: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> Response[ErrorResponse | OperationModel]:
    """Upload a file

     Add a file under a server-chosen id. Processing runs in the background; follow the returned
    operation (also linked by `Location`) until it ends.

    Args:
        assistant_name (str):
        multimodal (str | Unset):
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (FileData): Multipart body of an upload or upsert.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OperationModel]
    """

    kwargs = _get_kwargs(
        assistant_name=assistant_name,
        body=body,
        multimodal=multimodal,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    assistant_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: FileData,
    multimodal: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> ErrorResponse | OperationModel | None:
    """Upload a file

     Add a file under a server-chosen id. Processing runs in the background; follow the returned
    operation (also linked by `Location`) until it ends.

    Args:
        assistant_name (str):
        multimodal (str | Unset):
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (FileData): Multipart body of an upload or upsert.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OperationModel
    """

    return sync_detailed(
        assistant_name=assistant_name,
        client=client,
        body=body,
        multimodal=multimodal,
        x_pinecone_api_version=x_pinecone_api_version,
    ).parsed


async def asyncio_detailed(
    assistant_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: FileData,
    multimodal: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> Response[ErrorResponse | OperationModel]:
    """Upload a file

     Add a file under a server-chosen id. Processing runs in the background; follow the returned
    operation (also linked by `Location`) until it ends.

    Args:
        assistant_name (str):
        multimodal (str | Unset):
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (FileData): Multipart body of an upload or upsert.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OperationModel]
    """

    kwargs = _get_kwargs(
        assistant_name=assistant_name,
        body=body,
        multimodal=multimodal,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    assistant_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: FileData,
    multimodal: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> ErrorResponse | OperationModel | None:
    """Upload a file

     Add a file under a server-chosen id. Processing runs in the background; follow the returned
    operation (also linked by `Location`) until it ends.

    Args:
        assistant_name (str):
        multimodal (str | Unset):
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (FileData): Multipart body of an upload or upsert.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OperationModel
    """

    return (
        await asyncio_detailed(
            assistant_name=assistant_name,
            client=client,
            body=body,
            multimodal=multimodal,
            x_pinecone_api_version=x_pinecone_api_version,
        )
    ).parsed
