from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_assistants_response import ListAssistantsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Pinecone-Api-Version"] = x_pinecone_api_version

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["pagination_token"] = pagination_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/assistants",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListAssistantsResponse | None:
    if response.status_code == 200:
        response_200 = ListAssistantsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ListAssistantsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> Response[ErrorResponse | ListAssistantsResponse]:
    """List assistants

     One page of the project's assistants.

    Args:
        limit (int | Unset):
        pagination_token (str | Unset):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListAssistantsResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        pagination_token=pagination_token,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> ErrorResponse | ListAssistantsResponse | None:
    """List assistants

     One page of the project's assistants.

    Args:
        limit (int | Unset):
        pagination_token (str | Unset):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListAssistantsResponse
    """

    return sync_detailed(
        client=client,
        limit=limit,
        pagination_token=pagination_token,
        x_pinecone_api_version=x_pinecone_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> Response[ErrorResponse | ListAssistantsResponse]:
    """List assistants

     One page of the project's assistants.

    Args:
        limit (int | Unset):
        pagination_token (str | Unset):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListAssistantsResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        pagination_token=pagination_token,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "2026-04",
) -> ErrorResponse | ListAssistantsResponse | None:
    """List assistants

     One page of the project's assistants.

    Args:
        limit (int | Unset):
        pagination_token (str | Unset):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListAssistantsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            pagination_token=pagination_token,
            x_pinecone_api_version=x_pinecone_api_version,
        )
    ).parsed
