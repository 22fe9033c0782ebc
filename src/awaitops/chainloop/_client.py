"""The Chainloop client, built only on the public awaitops core."""

from __future__ import annotations

from typing import Unpack

from awaitops import BearerAuth, ClientOptions, VendorClient, credential, setting

from ._facts import BASE_URL_ENV, DEFAULT_BASE_URL, TOKEN_ENV


class Chainloop(VendorClient):
    """Async client for Chainloop's async operations.

    ``token`` defaults to the ``CHAINLOOP_TOKEN`` environment variable, ``base_url`` to
    ``CHAINLOOP_BASE_URL`` (an emulator's or a proxy's root), then to
    ``https://api.app.chainloop.dev``. Chainloop sends no version header.
    ``transport="aiohttp"``: an aiohttp-backed pool (asyncio only), as for ``Pinecone``.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        **options: Unpack[ClientOptions],
    ) -> None:
        auth = BearerAuth(credential(token, "token", TOKEN_ENV))
        base_url = setting(base_url, BASE_URL_ENV, DEFAULT_BASE_URL)
        # Imported here, not with this module: importing awaitops.chainloop stays cheap, and
        # the first call does not stall the event loop importing generated code.
        from awaitops import api_client

        from ._operations import Operations

        super().__init__(api_client(base_url, auth, **options))
        self.operations = Operations(self.api)

    def __repr__(self) -> str:
        return f"Chainloop(base_url={self.api.base_url!r})"
