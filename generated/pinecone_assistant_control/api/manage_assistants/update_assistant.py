from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.update_assistant_request import UpdateAssistantRequest
from ...models.update_assistant_response import UpdateAssistantResponse
from ...types import Response


def _get_kwargs(
    assistant_name: str,
    *,
    body: UpdateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Pinecone-Api-Version"] = x_pinecone_api_version

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/assistants/{assistant_name}".format(
            assistant_name=quote(str(assistant_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | UpdateAssistantResponse | None:
    if response.status_code == 200:
        response_200 = UpdateAssistantResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = cast(Any, None)
        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 500:
        response_500 = cast(Any, None)
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | UpdateAssistantResponse]:
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
    body: UpdateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> Response[Any | UpdateAssistantResponse]:
    """Update an assistant

     Replace an assistant's instructions and/or metadata.

    Args:
        assistant_name (str):
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (UpdateAssistantRequest): Fields of an assistant to replace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | UpdateAssistantResponse]
    """

    kwargs = _get_kwargs(
        assistant_name=assistant_name,
        body=body,
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
    body: UpdateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> Any | UpdateAssistantResponse | None:
    """Update an assistant

     Replace an assistant's instructions and/or metadata.

    Args:
        assistant_name (str):
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (UpdateAssistantRequest): Fields of an assistant to replace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | UpdateAssistantResponse
    """

    return sync_detailed(
        assistant_name=assistant_name,
        client=client,
        body=body,
        x_pinecone_api_version=x_pinecone_api_version,
    ).parsed


async def asyncio_detailed(
    assistant_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> Response[Any | UpdateAssistantResponse]:
    """Update an assistant

     Replace an assistant's instructions and/or metadata.

    Args:
        assistant_name (str):
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (UpdateAssistantRequest): Fields of an assistant to replace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | UpdateAssistantResponse]
    """

    kwargs = _get_kwargs(
        assistant_name=assistant_name,
        body=body,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    assistant_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateAssistantRequest,
    x_pinecone_api_version: str = "2026-04",
) -> Any | UpdateAssistantResponse | None:
    """Update an assistant

     Replace an assistant's instructions and/or metadata.

    Args:
        assistant_name (str):
        x_pinecone_api_version (str):  Default: '2026-04'.
        body (UpdateAssistantRequest): Fields of an assistant to replace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | UpdateAssistantResponse
    """

    return (
        await asyncio_detailed(
            assistant_name=assistant_name,
            client=client,
            body=body,
            x_pinecone_api_version=x_pinecone_api_version,
        )
    ).parsed
