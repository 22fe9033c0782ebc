from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.list_operations_response import ListOperationsResponse
from ...models.rpc_status import RpcStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    pagination_page: int | Unset = UNSET,
    pagination_page_size: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    status: str | Unset = "ASYNC_OPERATION_STATUS_UNSPECIFIED",
    kind: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pagination.page"] = pagination_page

    params["pagination.page_size"] = pagination_page_size

    params["resource_id"] = resource_id

    params["resource_type"] = resource_type

    params["status"] = status

    params["kind"] = kind

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/operations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListOperationsResponse | RpcStatus:
    if response.status_code == 200:
        response_200 = ListOperationsResponse.from_dict(response.json())

        return response_200

    response_default = RpcStatus.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ListOperationsResponse | RpcStatus]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    pagination_page: int | Unset = UNSET,
    pagination_page_size: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    status: str | Unset = "ASYNC_OPERATION_STATUS_UNSPECIFIED",
    kind: str | Unset = UNSET,
) -> Response[ListOperationsResponse | RpcStatus]:
    """List async operations

     Lists asynchronous operations, optionally filtered. `resource_id` and `resource_type` filter only
    when given together.

    Args:
        pagination_page (int | Unset):
        pagination_page_size (int | Unset):
        resource_id (str | Unset):
        resource_type (str | Unset):
        status (str | Unset):  Default: 'ASYNC_OPERATION_STATUS_UNSPECIFIED'.
        kind (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListOperationsResponse | RpcStatus]
    """

    kwargs = _get_kwargs(
        pagination_page=pagination_page,
        pagination_page_size=pagination_page_size,
        resource_id=resource_id,
        resource_type=resource_type,
        status=status,
        kind=kind,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    pagination_page: int | Unset = UNSET,
    pagination_page_size: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    status: str | Unset = "ASYNC_OPERATION_STATUS_UNSPECIFIED",
    kind: str | Unset = UNSET,
) -> ListOperationsResponse | RpcStatus | None:
    """List async operations

     Lists asynchronous operations, optionally filtered. `resource_id` and `resource_type` filter only
    when given together.

    Args:
        pagination_page (int | Unset):
        pagination_page_size (int | Unset):
        resource_id (str | Unset):
        resource_type (str | Unset):
        status (str | Unset):  Default: 'ASYNC_OPERATION_STATUS_UNSPECIFIED'.
        kind (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListOperationsResponse | RpcStatus
    """

    return sync_detailed(
        client=client,
        pagination_page=pagination_page,
        pagination_page_size=pagination_page_size,
        resource_id=resource_id,
        resource_type=resource_type,
        status=status,
        kind=kind,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    pagination_page: int | Unset = UNSET,
    pagination_page_size: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    status: str | Unset = "ASYNC_OPERATION_STATUS_UNSPECIFIED",
    kind: str | Unset = UNSET,
) -> Response[ListOperationsResponse | RpcStatus]:
    """List async operations

     Lists asynchronous operations, optionally filtered. `resource_id` and `resource_type` filter only
    when given together.

    Args:
        pagination_page (int | Unset):
        pagination_page_size (int | Unset):
        resource_id (str | Unset):
        resource_type (str | Unset):
        status (str | Unset):  Default: 'ASYNC_OPERATION_STATUS_UNSPECIFIED'.
        kind (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListOperationsResponse | RpcStatus]
    """

    kwargs = _get_kwargs(
        pagination_page=pagination_page,
        pagination_page_size=pagination_page_size,
        resource_id=resource_id,
        resource_type=resource_type,
        status=status,
        kind=kind,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    pagination_page: int | Unset = UNSET,
    pagination_page_size: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    status: str | Unset = "ASYNC_OPERATION_STATUS_UNSPECIFIED",
    kind: str | Unset = UNSET,
) -> ListOperationsResponse | RpcStatus | None:
    """List async operations

     Lists asynchronous operations, optionally filtered. `resource_id` and `resource_type` filter only
    when given together.

    Args:
        pagination_page (int | Unset):
        pagination_page_size (int | Unset):
        resource_id (str | Unset):
        resource_type (str | Unset):
        status (str | Unset):  Default: 'ASYNC_OPERATION_STATUS_UNSPECIFIED'.
        kind (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListOperationsResponse | RpcStatus
    """

    return (
        await asyncio_detailed(
            client=client,
            pagination_page=pagination_page,
            pagination_page_size=pagination_page_size,
            resource_id=resource_id,
            resource_type=resource_type,
            status=status,
            kind=kind,
        )
    ).parsed
