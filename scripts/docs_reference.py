"""What the API reference documents, and docstring cross-references turned into its links.

Plain Python (no docs tooling), so that the tests read the same facts the docs build uses:

* :func:`entries` reads the ``::: path`` directives of ``docs/reference/*.md`` (and their
  ``members:`` lists): the identifiers the reference renders.
* :func:`public_names` reads the ``__all__`` of the modules every name of which must have
  an entry, and :func:`site_problems` checks a built site against them.
* :func:`link_roles` rewrites Sphinx roles (``:class:`~awaitops.errors.ApiError```) into
  mkdocs-autorefs links to those identifiers (``[`ApiError`][awaitops.errors.ApiError]``),
  or into inline code when the name has no entry (``httpx.AsyncClient``), so no raw role
  ever reaches a page. ``scripts/griffe_awaitops.py`` applies it to every docstring.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "reference"
SITE = ROOT / "site"
#: The modules whose every public name has an entry, under the module's own path.
PUBLIC_MODULES = (
    "awaitops.core",
    "awaitops.fields",
    "awaitops.errors",
    "awaitops.pinecone",
    "awaitops.chainloop",
)
#: Any Sphinx role, as written in a docstring or as it would show on a page.
ANY_ROLE = re.compile(r":(?:py:)?[a-z]+:(?:`|<code>)")
#: A signature default that names a private object: ``retry=_DEFAULT_RETRY``.
PRIVATE_DEFAULT = re.compile(r'<span class="o">=</span>\s*<span class="n">_[A-Za-z]')

ROLE = re.compile(
    r":(?:py:)?(?P<role>class|func|meth|attr|exc|data|mod|obj|const):`(?P<target>[^`]+)`"
)
_DIRECTIVE = re.compile(r"^::: (?P<path>[\w.]+)\s*$")
_MEMBER = re.compile(r"^\s+- (?P<name>\w+)\s*$")


def directives(folder: Path = REFERENCE) -> Iterator[tuple[str, list[str] | None]]:
    """Each ``::: path`` of the reference pages with its ``members:`` list (None if none)."""
    for page in sorted(folder.glob("*.md")):
        current: tuple[str, list[str] | None] | None = None
        in_members = False
        for line in page.read_text(encoding="utf-8").splitlines():
            found = _DIRECTIVE.match(line)
            if found:
                if current is not None:
                    yield current
                current, in_members = (found["path"], None), False
            elif current is not None and line.strip() == "members:":
                current, in_members = (current[0], []), True
            elif current is not None and in_members and (member := _MEMBER.match(line)):
                assert current[1] is not None
                current[1].append(member["name"])
            elif line.strip() and not line.startswith(" "):
                in_members = False
        if current is not None:
            yield current


def entries(folder: Path = REFERENCE) -> set[str]:
    """The identifiers with an entry of their own: ``awaitops.core.AsyncPager``..."""
    found: set[str] = set()
    for path, members in directives(folder):
        if members is None:
            found.add(path)
        else:
            found.update(f"{path}.{name}" for name in members)
    return found


def _package(path: str) -> str:
    """``awaitops.pinecone._files.Files`` -> ``awaitops.pinecone``."""
    parts = path.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else path


class Resolver:
    """Where a name written in a docstring has its entry, seen from the object it is in.

    ``member_entry(identifier, name)`` says whether a member's own entry is rendered
    (a documented public attribute or method); the docs build asks the loaded objects.
    """

    def __init__(
        self,
        known: set[str],
        member_entry: Callable[[str, str], bool] = lambda identifier, name: False,
    ) -> None:
        self.known = known
        self.member_entry = member_entry
        self.by_name: dict[str, list[str]] = {}
        for identifier in sorted(known):
            self.by_name.setdefault(identifier.rsplit(".", 1)[-1], []).append(identifier)

    def _entry(self, name: str, scope: str) -> str | None:
        """The entry of a top-level public name, preferring the package of ``scope``."""
        candidates = self.by_name.get(name, [])
        if len(candidates) > 1:
            home = [c for c in candidates if _package(c) == _package(scope)]
            candidates = home or [c for c in candidates if c.startswith("awaitops.core.")]
        return candidates[0] if candidates else None

    def resolve(self, target: str, scope: str, scope_class: str | None) -> str | None:
        """The identifier ``target`` links to, seen from the object at ``scope`` (in the
        class ``scope_class``, an entry identifier, when there is one); None when it has
        no entry."""
        parts = target.strip("~!.").split(".")
        if scope_class is not None and len(parts) == 1 and self.member_entry(scope_class, parts[0]):
            return f"{scope_class}.{parts[0]}"  # a member of the class it is written in
        # The rightmost part that names an entry: awaitops.pinecone._files.Files.upload
        # -> awaitops.pinecone.Files + .upload.
        for index in range(len(parts) - 1, -1, -1):
            entry = self._entry(parts[index], scope)
            if entry is None:
                continue
            rest = parts[index + 1 :]
            if not rest:
                return entry
            if len(rest) == 1 and self.member_entry(entry, rest[0]):
                return f"{entry}.{rest[0]}"
            return None
        return None

    def public_class(self, path: str) -> str | None:
        """The entry of the class at canonical ``path`` (``awaitops.core._pager.AsyncPager``),
        if it has one."""
        return self._entry(path.rsplit(".", 1)[-1], path)


def link_roles(text: str, resolve: Callable[[str], str | None]) -> str:
    """``text`` with every Sphinx role made an autorefs link, or inline code when
    ``resolve`` finds no entry for it."""

    def replace(match: re.Match[str]) -> str:
        target = match["target"]
        shown = target.lstrip("~!")
        if target.startswith("~"):
            shown = shown.rsplit(".", 1)[-1]
        if match["role"] in ("func", "meth") and not shown.endswith(")"):
            shown += "()"
        identifier = resolve(target)
        return f"`{shown}`" if identifier is None else f"[`{shown}`][{identifier}]"

    return ROLE.sub(replace, text)


def public_names(module: str, src: Path = ROOT / "src") -> list[str]:
    """``module.__all__``, read from its source without importing it."""
    path = src.joinpath(*module.split("."))
    file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    for node in ast.parse(file.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            names: list[str] = ast.literal_eval(node.value)
            return names
    raise LookupError(f"{file} has no literal __all__")


def expected_entries() -> set[str]:
    return {f"{module}.{name}" for module in PUBLIC_MODULES for name in public_names(module)}


def site_problems(site: Path = SITE) -> list[str]:
    """What the built reference gets wrong: public names without an entry (an anchor under
    their public path), raw roles, signature defaults naming a private object."""
    pages = {
        page: page.read_text(encoding="utf-8") for page in (site / "reference").rglob("*.html")
    }
    anchors = {anchor for text in pages.values() for anchor in re.findall(r'id="([\w.]+)"', text)}
    problems = [f"no entry: {name}" for name in sorted(expected_entries() - anchors)]
    for page, text in sorted(pages.items()):
        where = page.relative_to(site)
        problems += [f"{where}: raw role {m!r}" for m in ANY_ROLE.findall(text)]
        problems += [f"{where}: a private default" for _ in PRIVATE_DEFAULT.findall(text)]
    return problems


if __name__ == "__main__":
    import sys

    found = site_problems()
    print("\n".join(found) or f"reference: {len(expected_entries())} public names, all rendered")
    sys.exit(1 if found else 0)
