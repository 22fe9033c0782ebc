"""The JSON decoder: with the ``msgspec`` extra, answers decode exactly as ``json.loads``
decodes them (values, types, key order, duplicate keys, what is refused); without it,
``json.loads`` itself. Every test here runs with each decoder forced in turn, so the default
install's path is tested where CI installs every extra."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awaitops.core import _parse, parse_json, parse_model
from awaitops.errors import ResponseValidationError

Decoder = Callable[[bytes], Any]
# The forced decoder is the same for every input of one test: nothing to reset between them.
_ONE_DECODER = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(params=["stdlib", "msgspec"])
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Decoder:
    """The decoder answers go through, forced: ``json.loads`` (the default install) or the
    msgspec path (skipped where the extra is not installed)."""
    chosen: Decoder = json.loads
    if request.param == "msgspec":
        pytest.importorskip("msgspec")
        chosen = _parse._decoder()
        assert chosen is not json.loads
    monkeypatch.setattr(_parse, "decode_json", chosen)
    return chosen


def _same(left: Any, right: Any) -> bool:
    """Equal values of the same types all the way down: -0.0 is not 0.0, NaN is NaN, 1 is not
    1.0 nor True, and dict keys come in the same order."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float):
        return (math.isnan(left) and math.isnan(right)) or repr(left) == repr(right)
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    return bool(left == right)


def _outcome(decode: Decoder, content: bytes) -> tuple[str, Any]:
    try:
        return "value", decode(content)
    except (ValueError, RecursionError) as exc:
        return "refused", type(exc)


def _agrees(decode: Decoder, content: bytes) -> None:
    ours, theirs = _outcome(decode, content), _outcome(json.loads, content)
    assert ours[0] == theirs[0], (content, ours, theirs)
    if ours[0] == "value":
        assert _same(ours[1], theirs[1]), (content, ours[1], theirs[1])


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=30,
)


@_ONE_DECODER
@given(value=_VALUES, ascii_only=st.booleans(), spaced=st.booleans())
def test_any_document_decodes_as_json_loads_decodes_it(
    decoder: Decoder, value: Any, ascii_only: bool, spaced: bool
) -> None:
    separators = (", ", ": ") if spaced else (",", ":")
    text = json.dumps(value, ensure_ascii=ascii_only, separators=separators)
    _agrees(decoder, text.encode("utf-8", "surrogatepass"))


@_ONE_DECODER
@given(content=st.binary(max_size=64))
def test_any_bytes_decode_or_fail_as_json_loads_does(decoder: Decoder, content: bytes) -> None:
    _agrees(decoder, content)


@_ONE_DECODER
@given(pairs=st.lists(st.tuples(st.sampled_from("abc"), st.integers()), max_size=6))
def test_duplicate_keys_keep_the_last_value_as_json_loads_does(
    decoder: Decoder, pairs: list[tuple[str, int]]
) -> None:
    body = "{" + ",".join(f"{json.dumps(key)}:{number}" for key, number in pairs) + "}"
    _agrees(decoder, body.encode())


@pytest.mark.parametrize(
    "content",
    [
        b"123456789012345678901234567890",  # beyond 64 bits: an int, never a float
        b"-9223372036854775809",
        b"18446744073709551616",
        b"1e400",  # beyond a float: inf, as json.loads reads it
        b"NaN",
        b"[Infinity, -Infinity]",
        b'"\\ud800"',  # a lone surrogate
        b'{"\\udc00": 1}',
        b"\xef\xbb\xbf{}",  # a UTF-8 byte-order mark
        '{"a": "\u00e9\u6f22"}'.encode("utf-16"),  # json.loads reads UTF-16 and UTF-32 too
        b"-0.0",
        b"2.4703282292062327e-324",
        b"[" * 5000 + b"]" * 5000,  # deeper than either decoder goes: refused by both
        b'"a\x01b"',  # a raw control character
        b"[1,]",
        b"",
    ],
)
def test_edge_documents_decode_as_json_loads_decodes_them(decoder: Decoder, content: bytes) -> None:
    _agrees(decoder, content)


def _response(content: bytes) -> httpx.Response:
    return httpx.Response(200, content=content, headers={"content-type": "application/json"})


@pytest.mark.parametrize("content", [b'{"id": 1', b"\xff\xfe\x00", b"NaN-ish", b"[" * 5000])
def test_a_malformed_body_raises_our_error_with_the_raw_body(
    decoder: Decoder, content: bytes
) -> None:
    with pytest.raises(ResponseValidationError, match="not valid JSON") as caught:
        parse_json(_response(content))
    assert caught.value.body == _response(content).text
    assert caught.value.status == 200


def test_a_model_gets_what_json_loads_gives(decoder: Decoder) -> None:
    answer = parse_model(_response(b'{"n": 1.5e400, "big": %d, "n": -0}' % 2**70), dict)
    assert _same(answer, {"n": 0, "big": 2**70})


def test_without_msgspec_the_decoder_is_json_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes the import fail, as in an install without the extra.
    monkeypatch.setitem(sys.modules, "msgspec", None)
    monkeypatch.setitem(sys.modules, "msgspec.json", None)
    assert _parse._decoder() is json.loads
