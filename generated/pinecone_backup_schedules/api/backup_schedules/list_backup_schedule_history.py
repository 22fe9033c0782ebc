from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.backup_schedule_history import BackupScheduleHistory
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    schedule_id: str,
    *,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "unstable",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Pinecone-API-Version"] = x_pinecone_api_version

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["paginationToken"] = pagination_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/backup-schedules/{schedule_id}/history".format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BackupScheduleHistory | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = BackupScheduleHistory.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[BackupScheduleHistory | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    schedule_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "unstable",
) -> Response[BackupScheduleHistory | ErrorResponse]:
    """List backup schedule history

     Lists the backups a schedule has produced or queued. While an entry is Scheduled,
    `scheduled_execution_at` says when it will run.

    Args:
        schedule_id (str):
        limit (int | Unset):
        pagination_token (str | Unset):
        x_pinecone_api_version (str):  Default: 'unstable'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BackupScheduleHistory | ErrorResponse]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        limit=limit,
        pagination_token=pagination_token,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    schedule_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "unstable",
) -> BackupScheduleHistory | ErrorResponse | None:
    """List backup schedule history

     Lists the backups a schedule has produced or queued. While an entry is Scheduled,
    `scheduled_execution_at` says when it will run.

    Args:
        schedule_id (str):
        limit (int | Unset):
        pagination_token (str | Unset):
        x_pinecone_api_version (str):  Default: 'unstable'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BackupScheduleHistory | ErrorResponse
    """

    return sync_detailed(
        schedule_id=schedule_id,
        client=client,
        limit=limit,
        pagination_token=pagination_token,
        x_pinecone_api_version=x_pinecone_api_version,
    ).parsed


async def asyncio_detailed(
    schedule_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "unstable",
) -> Response[BackupScheduleHistory | ErrorResponse]:
    """List backup schedule history

     Lists the backups a schedule has produced or queued. While an entry is Scheduled,
    `scheduled_execution_at` says when it will run.

    Args:
        schedule_id (str):
        limit (int | Unset):
        pagination_token (str | Unset):
        x_pinecone_api_version (str):  Default: 'unstable'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BackupScheduleHistory | ErrorResponse]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        limit=limit,
        pagination_token=pagination_token,
        x_pinecone_api_version=x_pinecone_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schedule_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    x_pinecone_api_version: str = "unstable",
) -> BackupScheduleHistory | ErrorResponse | None:
    """List backup schedule history

     Lists the backups a schedule has produced or queued. While an entry is Scheduled,
    `scheduled_execution_at` says when it will run.

    Args:
        schedule_id (str):
        limit (int | Unset):
        pagination_token (str | Unset):
        x_pinecone_api_version (str):  Default: 'unstable'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BackupScheduleHistory | ErrorResponse
    """

    return (
        await asyncio_detailed(
            schedule_id=schedule_id,
            client=client,
            limit=limit,
            pagination_token=pagination_token,
            x_pinecone_api_version=x_pinecone_api_version,
        )
    ).parsed
