"""The API reference documents every public name under its public path, and no docstring
role or private default reaches a page. Read from the sources and the reference pages, no
build needed; ``nox -s docs`` checks the built site the same way (``site_problems``)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from docs_reference import (
    ANY_ROLE,
    PUBLIC_MODULES,
    ROLE,
    Resolver,
    directives,
    entries,
    expected_entries,
    link_roles,
    public_names,
    site_problems,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_public_names_are_read_as_the_module_exports_them(module: str) -> None:
    assert public_names(module) == list(importlib.import_module(module).__all__)


def test_every_public_name_has_an_entry_under_its_public_path() -> None:
    documented = entries()
    missing = sorted(expected_entries() - documented)
    assert missing == [], (
        "give each an entry in docs/reference (::: module.Name, or a members: item)"
    )
    twice = [
        f"{path}.{name}"
        for path, members in directives()
        for name in set(members or ())
        if (members or []).count(name) > 1
    ]
    assert twice == [], "list each name once"
    private = sorted(path for path in documented if "._" in path)
    assert private == [], "document these under a public path (export them if need be)"


def _docstrings() -> list[tuple[str, str]]:
    found = []
    for file in sorted((ROOT / "src" / "awaitops").rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in [tree, *ast.walk(tree)]:
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                text = ast.get_docstring(node, clean=False)
                if text:
                    found.append((f"{file.relative_to(ROOT)}:{getattr(node, 'lineno', 1)}", text))
    return found


def test_every_role_in_the_sources_becomes_a_link_or_code() -> None:
    resolver = Resolver(entries())
    unlinked: list[str] = []
    left: list[str] = []
    for where, text in _docstrings():
        for match in ROLE.finditer(text):
            target = match["target"].lstrip("~!")
            name = target.rsplit(".", 1)[-1]
            # A public name of ours must become a link to its entry.
            if resolver.by_name.get(name) and resolver.resolve(target, "awaitops", None) is None:
                unlinked.append(f"{where}: {match[0]}")
        shown = link_roles(text, lambda target: resolver.resolve(target, "awaitops", None))
        left += [f"{where}: {m}" for m in ANY_ROLE.findall(shown)]
    assert left == [], "roles the reference would show raw"
    assert unlinked == [], "roles naming a public name that would not link to its entry"


def test_roles_become_autorefs_links_or_code() -> None:
    resolver = Resolver({"awaitops.errors.ApiError", "awaitops.core.AsyncPager"})

    def resolve(target: str) -> str | None:
        found: str | None = resolver.resolve(target, "awaitops.core._pagination", None)
        return found

    text = ":class:`~awaitops.errors.ApiError`, :meth:`AsyncPager.pages`, :class:`httpx.Client`"
    assert link_roles(text, resolve) == (
        "[`ApiError`][awaitops.errors.ApiError], `AsyncPager.pages()`, `httpx.Client`"
    )
    assert link_roles(":class:`AsyncPager`", resolve) == "[`AsyncPager`][awaitops.core.AsyncPager]"


def test_the_site_check_finds_each_kind_of_problem(tmp_path: Path) -> None:
    page = tmp_path / "reference" / "core" / "index.html"
    page.parent.mkdir(parents=True)
    anchors = "".join(f'<h2 id="{name}"></h2>' for name in sorted(expected_entries()))
    page.write_text(anchors)
    assert site_problems(tmp_path) == []
    page.write_text(
        anchors.replace('id="awaitops.errors.ApiError"', "")
        + "<p>see :class:<code>X</code></p>"
        + '<code>retry<span class="o">=</span><span class="n">_DEFAULT_RETRY</span></code>'
    )
    assert site_problems(tmp_path) == [
        "no entry: awaitops.errors.ApiError",
        "reference/core/index.html: raw role ':class:<code>'",
        "reference/core/index.html: a private default",
    ]


def _fresh_site() -> bool:
    """A site built (``nox -s docs``) since the sources and reference pages last changed."""
    built = ROOT / "site" / "reference"
    if not built.is_dir():
        return False
    sources = [*(ROOT / "src" / "awaitops").rglob("*.py"), *(ROOT / "docs").rglob("*.md")]
    return built.stat().st_mtime >= max(path.stat().st_mtime for path in sources)


@pytest.mark.skipif(not _fresh_site(), reason="no site built from the current sources")
def test_the_built_site_if_fresh_has_no_reference_problems() -> None:
    assert site_problems(ROOT / "site") == []
