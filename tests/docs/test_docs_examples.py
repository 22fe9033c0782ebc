"""Every code block of the README and the documentation site runs here, so neither can rot.

Blocks run page by page, in order, in one namespace per page (a page reads as one session),
against an emulator on a loopback socket that the environment points the clients and the
command at, in a folder holding the demo's sample files. Per block kind:

- ``python``: executed.
- ``bash``: each line is an ``awaitops`` command, run in-process; it must exit 0.
- ``python`` preceded by ``<!-- docs: pytest -->``: a user's test file, run by a pytest
  session of its own (as the user's project would run it).
- any block preceded by ``<!-- docs: file NAME -->``: a file the reader saves as NAME in
  the folder (a spec, a module of their own), written there when the page reaches it; the
  folder is on ``sys.path`` and ``PYTHONPATH``, as the current directory is for a reader
  running Python in it.
- any block preceded by ``<!-- docs: skip -->`` (with a reason after it): shown, not run.
- ``text``, ``toml``, ``yaml``: not code.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from awaitops.cli import main
from awaitops.cli._demo import write_samples

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
RUNNABLE = {"python", "bash"}
NOT_CODE = {"text", "toml", "yaml"}

_FENCE = re.compile(
    r"^(?P<marker><!-- docs: (?P<mode>skip|pytest|file)\b(?P<arg>[^>]*)-->\n)?"
    r"```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```\s*$",
    re.MULTILINE | re.DOTALL,
)


@attrs.frozen
class Block:
    page: Path
    line: int
    lang: str
    mode: str | None
    body: str
    arg: str = ""

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> Iterator[Block]:
    text = page.read_text()
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start("body"))  # the fence line, 1-based
        arg = (match["arg"] or "").strip()
        yield Block(page, line, match["lang"], match["mode"], match["body"], arg)


def _pages_with_code() -> list[Path]:
    return [page for page in PAGES if any(b.lang in RUNNABLE for b in blocks(page))]


def test_every_block_is_runnable_or_marked() -> None:
    assert (ROOT / "docs" / "index.md").exists()
    unknown = [
        f"{block.where} ```{block.lang}"
        for page in PAGES
        for block in blocks(page)
        if block.mode is None and block.lang not in RUNNABLE | NOT_CODE
    ]
    assert unknown == [], "give these blocks a language, or mark them <!-- docs: skip -->"


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, awaitops_emulator_url: str) -> Path:
    """The environment a reader who ran ``awaitops emulator serve`` would have, in a folder
    holding the demo's sample files."""
    folder = tmp_path
    url = awaitops_emulator_url
    monkeypatch.setenv("PINECONE_API_KEY", "test-key")
    monkeypatch.setenv("PINECONE_CONTROL_URL", url)
    monkeypatch.setenv("CHAINLOOP_TOKEN", "test-token")
    monkeypatch.setenv("CHAINLOOP_BASE_URL", url)
    monkeypatch.chdir(folder)
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
    )
    write_samples(folder)
    return folder


@pytest.mark.parametrize("page", _pages_with_code(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_runs(
    page: Path, session: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    user_tests: list[Block] = []
    for block in blocks(page):
        if block.mode == "file":
            (session / block.arg).write_text(block.body, encoding="utf-8")
            continue
        if block.mode == "skip" or block.lang in NOT_CODE:
            continue
        if block.mode == "pytest":
            user_tests.append(block)
        elif block.lang == "python":
            # Leading blank lines keep the traceback's line numbers those of the page.
            code = compile("\n" * block.line + block.body, str(block.page), "exec")
            exec(code, namespace)
        elif block.lang == "bash":
            _run_commands(block, capsys)
    if user_tests:
        # Asked for only here: pytester forgets, when it ends, every module imported while
        # it ran, and later tests would then import second copies of the emulator's server.
        _run_user_tests(user_tests, request.getfixturevalue("pytester"))


def _run_commands(block: Block, capsys: pytest.CaptureFixture[str]) -> None:
    for number, line in enumerate(block.body.splitlines(), start=block.line + 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        argv = shlex.split(line, comments=True)
        assert argv[0] == "awaitops", f"{block.where}: only awaitops commands run here: {line!r}"
        try:
            status = main(argv[1:])
        except SystemExit as exc:  # --version and --help, as argparse does them
            status = exc.code if isinstance(exc.code, int) else 1
        err = capsys.readouterr().err
        assert status == 0, f"{block.page.name}:{number}: {line!r} exited {status}: {err}"


def _run_user_tests(user_tests: list[Block], pytester: pytest.Pytester) -> None:
    """All of a page's test files in one pytest run of their own, as a user would have them."""
    for block in user_tests:
        pytester.makepyfile(**{f"test_docs_{block.line}": block.body})
    # In a process of its own, as the user's project would run it.
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    where = ", ".join(block.where for block in user_tests)
    assert result.ret == 0, f"{where}:\n{result.stdout.str()}"
    outcomes = result.parseoutcomes()
    # Each file holds at least one test, run under at least one backend.
    assert outcomes.get("passed", 0) >= len(user_tests), outcomes
