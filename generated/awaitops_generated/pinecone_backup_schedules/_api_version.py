"""The API version this package was generated from (info.version of its spec)."""

API_VERSION = "unstable"
