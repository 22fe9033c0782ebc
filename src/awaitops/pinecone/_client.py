"""The Pinecone client: control plane, per-assistant data planes, backup schedules."""

from __future__ import annotations

import importlib
from functools import cached_property
from typing import TYPE_CHECKING, Self, Unpack

import anyio

from awaitops._redaction import quotable_url
from awaitops.core import (
    NOT_GIVEN,
    ApiKeyAuth,
    ApiVersion,
    ClientOptions,
    NotGiven,
    PerLoop,
    RetryPolicy,
    TimeoutTypes,
    VendorClient,
    credential,
    setting,
)

from ._facts import (
    API_KEY_ENV,
    API_KEY_HEADER,
    BACKUPS_VERSION_HEADER,
    CONTROL_URL_ENV,
    DEFAULT_CONTROL_URL,
    REQUEST_ID_HEADER,
    VERSION_HEADER,
)

if TYPE_CHECKING:
    from awaitops.core import AsyncApiClient

    from ._assistants import Assistants
    from ._backups import BackupSchedules
    from ._data import DataPlane
    from ._files import Files
    from ._operations import Operations


def _api_version(package: str) -> str:
    """The version header value of a generated package, imported only when a client needs
    it: the generated packages are most of the import cost of this module."""
    version: str = importlib.import_module(package).API_VERSION
    return version


def _base_path(package: str) -> str:
    """The path a generated package's operations are relative to (``/assistant``): from
    its spec's server URL or its codegen config, so the two cannot disagree."""
    path: str = importlib.import_module(package).BASE_PATH
    return path


def _load_resources() -> None:
    """Import every resource (and the generated code it uses) when a client is built: the
    resources are built on first use, and importing them then would stall the event loop
    during the first call."""
    for module in ("_assistants", "_backups", "_data", "_files", "_operations"):
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


class Pinecone(VendorClient):
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
        **options: Unpack[ClientOptions],
    ) -> None:
        key = credential(api_key, "api_key", API_KEY_ENV)
        root = setting(control_url, CONTROL_URL_ENV, DEFAULT_CONTROL_URL).rstrip("/")
        _load_resources()
        # With the client, not with this module (it loads the core's HTTP pipeline).
        from awaitops.core import api_client

        from ._errors import classify_error

        control = api_client(
            root + _base_path("awaitops_generated.pinecone_assistant_control"),
            ApiKeyAuth(key, API_KEY_HEADER),
            api_version=ApiVersion(
                VERSION_HEADER, _api_version("awaitops_generated.pinecone_assistant_control")
            ),
            request_id_header=REQUEST_ID_HEADER,
            classify_error=classify_error,
            **options,
        )
        self._setup(root, control)

    def _setup(self, root: str, control: AsyncApiClient) -> None:
        self._root = root
        self._client = control
        self._hosts: dict[str, str] = {}
        # Per event loop: a lock belongs to the loop (asyncio's or trio's) it was made in.
        self._host_locks: PerLoop[dict[str, anyio.Lock]] = PerLoop(dict)
        self._data_clients: dict[str, AsyncApiClient] = {}

    @cached_property
    def assistants(self) -> Assistants:
        from ._assistants import Assistants

        return Assistants(self._client)

    @cached_property
    def backup_schedules(self) -> BackupSchedules:
        from ._backups import BackupSchedules

        return BackupSchedules(
            self._client.with_options(
                base_url=self._root + _base_path("awaitops_generated.pinecone_backup_schedules"),
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
            self._client.with_options(retry=retry, timeout=timeout, deadline=deadline),
        )
        return clone

    def assistant(self, name: str, *, host: str | None = None) -> AssistantClient:
        """The data plane of assistant ``name``.

        Its host is looked up on the control plane on first use and cached by this client;
        pass ``host`` to skip the lookup. Either way the host must be https or loopback,
        since the API key goes there.
        """
        # Loaded when this client was built (by its resources), not with this module.
        from ._checks import check_assistant_name
        from ._data import DataPlane

        check_assistant_name(name)
        if host is not None:
            if not isinstance(host, str) or not host.strip():
                raise ValueError(f"host must be a non-empty string, got {host!r}")
            host = _normal_host(host)
            self._data_client(host)  # refuses a plain-http, non-loopback host now
        data = DataPlane(
            name,
            host,
            resolve=self._resolve_host,
            client_for=self._data_client,
            hooks=self.hooks,
        )
        return AssistantClient(data)

    async def _resolve_host(self, name: str, *, refresh: bool = False) -> str:
        from awaitops.errors import AwaitopsError

        if refresh:
            self._hosts.pop(name, None)
        # One lookup per name even when many calls start at once on a fresh client.
        locks = self._host_locks.get()
        lock = locks.get(name) or locks.setdefault(name, anyio.Lock())
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
                    f"assistant {name!r} reports data plane host {quotable_url(host)!r}, which "
                    "is neither "
                    "https nor loopback; refusing to send the API key there"
                ) from None
            self._hosts[name] = host
            return host

    def _data_client(self, host: str) -> AsyncApiClient:
        client = self._data_clients.get(host)
        if client is None:
            # with_options refuses credentials to a plain-http host that is not loopback.
            client = self._client.with_options(
                base_url=host + _base_path("awaitops_generated.pinecone_assistant_data"),
                api_version=ApiVersion(
                    VERSION_HEADER, _api_version("awaitops_generated.pinecone_assistant_data")
                ),
            )
            self._data_clients[host] = client
        return client

    def __repr__(self) -> str:
        return f"Pinecone(control_url={self._root!r})"
