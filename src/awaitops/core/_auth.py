"""Credentials and the API version header: small frozen values whose repr hides any secret."""

from __future__ import annotations

import attrs

from awaitops._redaction import register


def _check_header_name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value or not value.isascii() or any(c in value for c in " :\r\n\t\0"):
        raise ValueError(f"{attribute.name} must be a non-empty HTTP header name, got {value!r}")


def _check_secret(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    # The message never quotes the value: it is a credential.
    where = f"{type(instance).__name__}.{attribute.name}"
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where} must be a non-empty string")
    if any(c in value for c in "\r\n\0") or value != value.strip():
        raise ValueError(f"{where} must not contain line breaks or surrounding whitespace")
    if not value.isascii() or not value.isprintable():
        # HTTP header values are ASCII: httpx would fail at the first call instead.
        raise ValueError(f"{where} must be printable ASCII")


class _Credential:
    """Registers each credential's secret for redaction as it is made."""

    __slots__ = ()

    @property
    def secret(self) -> str:
        raise NotImplementedError

    def __attrs_post_init__(self) -> None:
        register(self)


@attrs.frozen
class ApiKeyAuth(_Credential):
    """Send a key in the header the API names (Pinecone: ``Api-Key: <key>``)."""

    key: str = attrs.field(repr=False, validator=_check_secret)
    header: str = attrs.field(validator=_check_header_name)

    @property
    def secret(self) -> str:
        return self.key

    def headers(self) -> dict[str, str]:
        return {self.header: self.key}


@attrs.frozen
class BearerAuth(_Credential):
    """Send ``Authorization: Bearer <token>`` (Chainloop)."""

    token: str = attrs.field(repr=False, validator=_check_secret)

    @property
    def secret(self) -> str:
        return self.token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


Auth = ApiKeyAuth | BearerAuth


@attrs.frozen
class ApiVersion:
    """The version header one API expects, e.g. ``X-Pinecone-Api-Version: 2026-04``.

    Generated packages expose the value as ``API_VERSION``; each client carries its own, so
    two APIs sharing one connection pool never see each other's version.
    """

    header: str = attrs.field(validator=_check_header_name)
    value: str = attrs.field()

    @value.validator
    def _check_value(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not value or not value.isascii() or any(c in value for c in "\r\n\0"):
            raise ValueError(
                f"api version value must be a non-empty single line of ASCII, got {value!r}"
            )
