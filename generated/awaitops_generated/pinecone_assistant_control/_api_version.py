"""The API this package was generated from: its version (info.version of the spec)
and the path its operations are relative to."""

API_VERSION = "2026-04"
BASE_PATH = "/assistant"
