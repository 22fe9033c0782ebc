"""Credentials and the API version header: small frozen values whose repr hides any secret."""

from __future__ import annotations

from typing import ClassVar

from awaitops._redaction import register

from ._values import Frozen


def _check_header_name(name: str, value: str) -> None:
    if not value or not value.isascii() or any(c in value for c in " :\r\n\t\0"):
        raise ValueError(f"{name} must be a non-empty HTTP header name, got {value!r}")


def _check_secret(where: str, value: str) -> None:
    # The message never quotes the value: it is a credential.
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where} must be a non-empty string")
    if any(c in value for c in "\r\n\0") or value != value.strip():
        raise ValueError(f"{where} must not contain line breaks or surrounding whitespace")
    if not value.isascii() or not value.isprintable():
        # HTTP header values are ASCII: httpx would fail at the first call instead.
        raise ValueError(f"{where} must be printable ASCII")


class _Credential(Frozen):
    """A secret, kept out of the repr and registered for redaction (weakly) as it is made."""

    __slots__ = ("__weakref__",)

    @property
    def secret(self) -> str:
        raise NotImplementedError


class ApiKeyAuth(_Credential):
    """Send a key in the header the API names (Pinecone: ``Api-Key: <key>``)."""

    __match_args__ = ("key", "header")
    __slots__ = __match_args__
    _unshown: ClassVar = frozenset({"key"})

    key: str
    header: str

    def __init__(self, key: str, header: str) -> None:
        _check_secret("ApiKeyAuth.key", key)
        _check_header_name("header", header)
        self._set(key, header)
        register(self)

    @property
    def secret(self) -> str:
        return self.key

    def headers(self) -> dict[str, str]:
        return {self.header: self.key}


class BearerAuth(_Credential):
    """Send ``Authorization: Bearer <token>`` (Chainloop)."""

    __match_args__ = ("token",)
    __slots__ = __match_args__
    _unshown: ClassVar = frozenset({"token"})

    token: str

    def __init__(self, token: str) -> None:
        _check_secret("BearerAuth.token", token)
        self._set(token)
        register(self)

    @property
    def secret(self) -> str:
        return self.token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


Auth = ApiKeyAuth | BearerAuth


class ApiVersion(Frozen):
    """The version header one API expects, e.g. ``X-Pinecone-Api-Version: 2026-04``.

    Generated packages expose the value as ``API_VERSION``; each client carries its own, so
    two APIs sharing one connection pool never see each other's version.
    """

    __match_args__ = ("header", "value")
    __slots__ = __match_args__

    header: str
    value: str

    def __init__(self, header: str, value: str) -> None:
        _check_header_name("header", header)
        if not value or not value.isascii() or any(c in value for c in "\r\n\0"):
            raise ValueError(
                f"api version value must be a non-empty single line of ASCII, got {value!r}"
            )
        self._set(header, value)
