from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assistant import Assistant
from ...models.create_assistant_request import CreateAssistantRequest
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CreateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Pinecone-Api-Version"] = x_pinecone_api_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/assistants",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Assistant | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = Assistant.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Assistant | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> Response[Assistant | ErrorResponse]:
    """Create an assistant

     Start creating an assistant; it reports `Initializing` until it is `Ready`.

    Args:
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (CreateAssistantRequest): Settings for a new assistant.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Assistant | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> Assistant | ErrorResponse | None:
    """Create an assistant

     Start creating an assistant; it reports `Initializing` until it is `Ready`.

    Args:
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (CreateAssistantRequest): Settings for a new assistant.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Assistant | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        x_pinecone_api_version=x_pinecone_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> Response[Assistant | ErrorResponse]:
    """Create an assistant

     Start creating an assistant; it reports `Initializing` until it is `Ready`.

    Args:
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (CreateAssistantRequest): Settings for a new assistant.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Assistant | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> Assistant | ErrorResponse | None:
    """Create an assistant

     Start creating an assistant; it reports `Initializing` until it is `Ready`.

    Args:
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (CreateAssistantRequest): Settings for a new assistant.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Assistant | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_pinecone_api_version=x_pinecone_api_version,
        )
    ).parsed
