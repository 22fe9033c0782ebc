"""The Pinecone client: control plane, per-assistant data planes, backup schedules."""

from __future__ import annotations

import importlib
import os
from functools import cached_property
from typing import TYPE_CHECKING, Final, Self

import anyio
import httpx

from awaitops.core import (
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    ApiKeyAuth,
    ApiVersion,
    AsyncApiClient,
    AsyncResource,
    ClientHooks,
    ClientStats,
    ConcurrencyPolicy,
    NotGiven,
    RateLimitPolicy,
    RetryBudget,
    RetryPolicy,
    TimeoutTypes,
    Transport,
)
from awaitops.errors import AwaitopsError

from ._checks import check_assistant_name
from ._data import DataPlane

if TYPE_CHECKING:
    from ._assistants import Assistants
    from ._backups import BackupSchedules
    from ._files import Files
    from ._operations import Operations

DEFAULT_CONTROL_URL: Final = "https://api.pinecone.io"
API_KEY_ENV: Final = "PINECONE_API_KEY"
CONTROL_URL_ENV: Final = "PINECONE_CONTROL_URL"
VERSION_HEADER: Final = "X-Pinecone-Api-Version"
# Spelled this way in the backup docs; header names are case-insensitive either way.
BACKUPS_VERSION_HEADER: Final = "X-Pinecone-API-Version"


def _api_version(package: str) -> str:
    """The version header value of a generated package, imported only when a client needs
    it: the generated packages are most of the import cost of this module."""
    version: str = importlib.import_module(package).API_VERSION
    return version


def _load_resources() -> None:
    """Import every resource (and the generated code it uses) when a client is built: the
    resources are built on first use, and importing them then would stall the event loop
    during the first call."""
    for module in ("_assistants", "_backups", "_files", "_operations"):
        importlib.import_module(f"{__package__}.{module}")


def _normal_host(host: str) -> str:
    """A data plane host as a base URL: https is assumed when the scheme is left out."""
    host = host.strip().rstrip("/")
    return host if "://" in host else "https://" + host


class AssistantClient:
    """One assistant's data plane: ``files`` and ``operations``. From ``pc.assistant(name)``."""

    # Resources are built on first use; their modules were imported when the Pinecone
    # client was built, so that importing awaitops.pinecone stays cheap.

    def __init__(self, data: DataPlane) -> None:
        self.name = data.assistant_name
        self._data = data

    @cached_property
    def operations(self) -> Operations:
        from ._operations import Operations

        return Operations(self._data)

    @cached_property
    def files(self) -> Files:
        from ._files import Files

        return Files(self._data, self.operations)

    def __repr__(self) -> str:
        return f"AssistantClient(name={self.name!r})"


class Pinecone(AsyncResource):
    """Async client for Pinecone Assistant (2026-04) and backup schedule history.

    ``api_key`` defaults to the ``PINECONE_API_KEY`` environment variable, ``control_url``
    to ``PINECONE_CONTROL_URL`` (an emulator's or a proxy's root), then to
    ``https://api.pinecone.io``. Each API gets
    its own version header from the generated package it was built from. Pass
    ``http_client`` to share a connection pool; it is then left open on close.
    ``transport="aiohttp"`` (asyncio only, the ``awaitops[aiohttp]`` extra) makes the
    client's own pool aiohttp-backed, for every API, data plane and copy of this client.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        control_url: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        deadline: float | None = None,
        rate_limit: RateLimitPolicy | None = RateLimitPolicy(),
        concurrency: ConcurrencyPolicy | None = ConcurrencyPolicy(),
        retry_budget: RetryBudget | None = RetryBudget(),
        transport: Transport = "httpx",
    ) -> None:
        key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
        if not key:
            raise ValueError(f"api_key is required: pass api_key= or set {API_KEY_ENV}")
        if control_url is None:
            control_url = os.environ.get(CONTROL_URL_ENV) or DEFAULT_CONTROL_URL
        root = control_url.rstrip("/")
        _load_resources()
        control = AsyncApiClient(
            base_url=root + "/assistant",
            auth=ApiKeyAuth(key),
            api_version=ApiVersion(
                VERSION_HEADER, _api_version("awaitops_generated.pinecone_assistant_control")
            ),
            http_client=http_client,
            retry=retry or RetryPolicy(),
            timeout=timeout,
            deadline=deadline,
            rate_limit=rate_limit,
            concurrency=concurrency,
            retry_budget=retry_budget,
            transport=transport,
        )
        self._setup(root, control)

    def _setup(self, root: str, control: AsyncApiClient) -> None:
        self._root = root
        self._control = control
        self._hosts: dict[str, str] = {}
        self._host_locks: dict[str, anyio.Lock] = {}
        self._data_clients: dict[str, AsyncApiClient] = {}

    @cached_property
    def assistants(self) -> Assistants:
        from ._assistants import Assistants

        return Assistants(self._control)

    @cached_property
    def backup_schedules(self) -> BackupSchedules:
        from ._backups import BackupSchedules

        return BackupSchedules(
            self._control.with_options(
                base_url=self._root,
                api_version=ApiVersion(
                    BACKUPS_VERSION_HEADER,
                    _api_version("awaitops_generated.pinecone_backup_schedules"),
                ),
            )
        )

    def with_options(
        self,
        *,
        retry: RetryPolicy | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Self:
        """A copy with other defaults, sharing this client's connection pool."""
        clone = type(self).__new__(type(self))
        clone._setup(
            self._root,
            self._control.with_options(retry=retry, timeout=timeout, deadline=deadline),
        )
        return clone

    @property
    def stats(self) -> ClientStats:
        """Requests, retries and rate limits absorbed, across every API of this client."""
        return self._control.stats

    @property
    def hooks(self) -> ClientHooks:
        """Callbacks for request, retry and wait events, across every API of this client
        and its :meth:`with_options` copies."""
        return self._control.hooks

    def assistant(self, name: str, *, host: str | None = None) -> AssistantClient:
        """The data plane of assistant ``name``.

        Its host is looked up on the control plane on first use and cached by this client;
        pass ``host`` to skip the lookup. Either way the host must be https or loopback,
        since the API key goes there.
        """
        check_assistant_name(name)
        if host is not None:
            if not isinstance(host, str) or not host.strip():
                raise ValueError(f"host must be a non-empty string, got {host!r}")
            host = _normal_host(host)
            self._data_client(host)  # refuses a plain-http, non-loopback host now
        return AssistantClient(DataPlane(self, name, host))

    async def _resolve_host(self, name: str, *, refresh: bool = False) -> str:
        if refresh:
            self._hosts.pop(name, None)
        # One lookup per name even when many calls start at once on a fresh client.
        lock = self._host_locks.setdefault(name, anyio.Lock())
        async with lock:
            if name in self._hosts:
                return self._hosts[name]
            assistant = await self.assistants.get(name)
            if not assistant.host:
                raise AwaitopsError(
                    f"assistant {name!r} has no data plane host yet (status {assistant.status}); "
                    "wait until it is Ready"
                )
            host = _normal_host(assistant.host)
            try:
                self._data_client(host)
            except ValueError:
                raise AwaitopsError(
                    f"assistant {name!r} reports data plane host {host!r}, which is neither "
                    "https nor loopback; refusing to send the API key there"
                ) from None
            self._hosts[name] = host
            return host

    def _data_client(self, host: str) -> AsyncApiClient:
        client = self._data_clients.get(host)
        if client is None:
            # with_options refuses credentials to a plain-http host that is not loopback.
            client = self._control.with_options(
                base_url=host + "/assistant",
                api_version=ApiVersion(
                    VERSION_HEADER, _api_version("awaitops_generated.pinecone_assistant_data")
                ),
            )
            self._data_clients[host] = client
        return client

    def __repr__(self) -> str:
        return f"Pinecone(control_url={self._root!r})"

    async def aclose(self) -> None:
        await self._control.aclose()
