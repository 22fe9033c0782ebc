"""The emulator's multipart parser against what httpx (and so both SDKs) sends."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from awaitops.emulator._http import Reject, parse_multipart

_names = st.text(
    st.characters(min_codepoint=32, max_codepoint=126, exclude_characters='"\\'),
    min_size=1,
    max_size=20,
)


def _encode(files: dict[str, tuple[str, bytes]], data: dict[str, str]) -> tuple[bytes, str]:
    request = httpx.Request("POST", "http://x", files=files, data=data)
    return request.read(), request.headers["content-type"]


@given(content=st.binary(max_size=2048), filename=_names, metadata=st.text(max_size=200))
def test_round_trips_any_file_and_field(content: bytes, filename: str, metadata: str) -> None:
    body, content_type = _encode({"file": (filename, content)}, {"metadata": metadata})
    parts = parse_multipart(body, content_type)
    assert parts["file"].data == content
    assert parts["file"].filename == filename
    assert parts["metadata"].data == metadata.encode()


def test_content_that_looks_like_a_boundary_stays_data() -> None:
    content_type = "multipart/form-data; boundary=fixed"
    # Only CRLF + "--" + boundary delimits (senders keep that out of the content).
    tricky = b"--fixed-- \n--fixedx\r--fixed\r\n-fixed"
    request = httpx.Request(
        "POST",
        "http://x",
        files={"file": ("a.txt", tricky)},
        headers={"content-type": content_type},
    )
    assert parse_multipart(request.read(), content_type)["file"].data == tricky


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"--b\r\n",
        b'--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nx',
        b'--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n--b',
        b"--b\r\n\r\nx\r\n--b--",
        b"--b--",
    ],
)
def test_malformed_bodies_are_rejected(body: bytes) -> None:
    with pytest.raises(Reject) as caught:
        parse_multipart(body, "multipart/form-data; boundary=b")
    assert caught.value.status == 400
