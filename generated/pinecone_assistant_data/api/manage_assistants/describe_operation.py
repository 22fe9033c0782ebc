from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.operation_model import OperationModel
from ...types import Response


def _get_kwargs(
    assistant_name: str,
    operation_id: str,
    *,
    x_pinecone_api_version: str = "2026-04",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Pinecone-Api-Version"] = x_pinecone_api_version

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/operations/{assistant_name}/{operation_id}".format(
            assistant_name=quote(str(assistant_name), safe=""),
            operation_id=quote(str(operation_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | OperationModel | None:
    if response.status_code == 200:
        response_200 = OperationModel.from_dict(response.json())

        return response_200

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
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_pinecone_api_version: str = "2026-04",
) -> Response[ErrorResponse | OperationModel]:
    """Describe an operation

     Current state and progress of one operation.

    Args:
        assistant_name (str):
        operation_id (str):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OperationModel]
    """

    kwargs = _get_kwargs(
        assistant_name=assistant_name,
        operation_id=operation_id,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    assistant_name: str,
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_pinecone_api_version: str = "2026-04",
) -> ErrorResponse | OperationModel | None:
    """Describe an operation

     Current state and progress of one operation.

    Args:
        assistant_name (str):
        operation_id (str):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OperationModel
    """

    return sync_detailed(
        assistant_name=assistant_name,
        operation_id=operation_id,
        client=client,
        x_pinecone_api_version=x_pinecone_api_version,
    ).parsed


async def asyncio_detailed(
    assistant_name: str,
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_pinecone_api_version: str = "2026-04",
) -> Response[ErrorResponse | OperationModel]:
    """Describe an operation

     Current state and progress of one operation.

    Args:
        assistant_name (str):
        operation_id (str):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OperationModel]
    """

    kwargs = _get_kwargs(
        assistant_name=assistant_name,
        operation_id=operation_id,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    assistant_name: str,
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_pinecone_api_version: str = "2026-04",
) -> ErrorResponse | OperationModel | None:
    """Describe an operation

     Current state and progress of one operation.

    Args:
        assistant_name (str):
        operation_id (str):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OperationModel
    """

    return (
        await asyncio_detailed(
            assistant_name=assistant_name,
            operation_id=operation_id,
            client=client,
            x_pinecone_api_version=x_pinecone_api_version,
        )
    ).parsed
