"""Path parameters can never address another resource."""

from __future__ import annotations

from urllib.parse import unquote

import httpx
import pytest
from awaitops_generated.pinecone_assistant_data.types import Request
from hypothesis import given
from hypothesis import strategies as st

from awaitops import path_param
from awaitops.core._client import _query

from ._support import Script, mock_api

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("value", ["", ".", ".."])
def test_dot_and_empty_segments_are_rejected_naming_the_argument(value: str) -> None:
    with pytest.raises(ValueError, match="assistant_name"):
        path_param(value, "assistant_name")


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("docs", "docs"),
        ("a/b", "a%2Fb"),
        ("../x", "..%2Fx"),
        ("a?b#c", "a%3Fb%23c"),
        ("100%", "100%25"),
        ("...", "..."),
        ("é ü", "%C3%A9%20%C3%BC"),
    ],
)
def test_values_are_percent_encoded(value: str, encoded: str) -> None:
    assert path_param(value, "id") == encoded


def test_non_strings_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="file_id"):
        path_param(3, "file_id")  # type: ignore[arg-type]


@given(st.text().filter(lambda v: v not in {"", ".", ".."}))
def test_any_value_stays_one_segment(value: str) -> None:
    encoded = path_param(value, "id")
    assert not set(encoded) & set("/?#")
    assert unquote(encoded) == value
    url = httpx.URL(f"https://h/assistants/{encoded}")
    assert url.path == f"/assistants/{value}"


@pytest.mark.parametrize(
    "path", ["/assistants/.", "/assistants/..", "/assistants/", "/a//b", "/a/../b", "//evil/x"]
)
async def test_the_pipeline_refuses_paths_with_empty_or_dot_segments(path: str) -> None:
    # What a generated request(...) builds from "", "." or "..": it quotes, but keeps dots.
    script = Script()
    async with mock_api(script) as client:
        with pytest.raises(ValueError, match="segment"):
            await client.request("GET", path)
    assert script.requests == []


async def test_the_pipeline_refuses_absolute_urls() -> None:
    url = "https://evil.example.test/x"
    absolute = Request("GET", url, url, params={}, headers={}, body_kind="none", body=None)
    async with mock_api(Script()) as client:
        with pytest.raises(ValueError, match="relative"):
            await client.send(absolute)


async def test_query_strings_in_paths_are_not_segments() -> None:
    script = Script()
    async with mock_api(script) as client:
        await client.request("GET", "/a?next=x//y")
        await client.request("GET", "/")
    assert [r.url.path for r in script.requests] == ["/a", "/"]


_query_values = st.one_of(
    st.text(),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
)


@given(st.dictionaries(st.text(), _query_values, max_size=5))
def test_query_parameters_are_encoded_as_httpx_encodes_them(params: dict[str, object]) -> None:
    assert _query(params) == str(httpx.QueryParams(params))  # type: ignore[arg-type]
