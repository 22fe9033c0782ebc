from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    assistant_name: str,
    *,
    x_pinecone_api_version: str = "2026-04",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Pinecone-Api-Version"] = x_pinecone_api_version

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/assistants/{assistant_name}".format(
            assistant_name=quote(str(assistant_name), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ErrorResponse]:
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
    x_pinecone_api_version: str = "2026-04",
) -> Response[Any | ErrorResponse]:
    """Delete an assistant

     Ask for an assistant to be removed; it reports `Terminating` until it is gone.

    Args:
        assistant_name (str):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse]
    """

    kwargs = _get_kwargs(
        assistant_name=assistant_name,
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
    x_pinecone_api_version: str = "2026-04",
) -> Any | ErrorResponse | None:
    """Delete an assistant

     Ask for an assistant to be removed; it reports `Terminating` until it is gone.

    Args:
        assistant_name (str):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse
    """

    return sync_detailed(
        assistant_name=assistant_name,
        client=client,
        x_pinecone_api_version=x_pinecone_api_version,
    ).parsed


async def asyncio_detailed(
    assistant_name: str,
    *,
    client: AuthenticatedClient | Client,
    x_pinecone_api_version: str = "2026-04",
) -> Response[Any | ErrorResponse]:
    """Delete an assistant

     Ask for an assistant to be removed; it reports `Terminating` until it is gone.

    Args:
        assistant_name (str):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse]
    """

    kwargs = _get_kwargs(
        assistant_name=assistant_name,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    assistant_name: str,
    *,
    client: AuthenticatedClient | Client,
    x_pinecone_api_version: str = "2026-04",
) -> Any | ErrorResponse | None:
    """Delete an assistant

     Ask for an assistant to be removed; it reports `Terminating` until it is gone.

    Args:
        assistant_name (str):
        x_pinecone_api_version (str):  Default: '2026-04'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse
    """

    return (
        await asyncio_detailed(
            assistant_name=assistant_name,
            client=client,
            x_pinecone_api_version=x_pinecone_api_version,
        )
    ).parsed
