"""Regenerate ``generated/`` from ``specs/``, or check that it is up to date.

    python scripts/generate.py           # rewrite generated/awaitops_generated/ from specs/
    python scripts/generate.py --check   # regenerate into a temporary folder, fail on drift

Each ``specs/**/<name>.yaml`` has a ``<name>.config.yaml`` beside it naming its package; every
package lands under the one namespace ``awaitops_generated``. The templates in
``scripts/templates/`` replace a few of the generator's own: an endpoint module exposes
``request(...)`` (a ``types.Request`` describing the call) and ``parse(data)`` (its success
answer, typed), and nothing else; no client class is generated.
The generator (openapi-python-client) and ruff are pinned in the ``codegen`` dependency
group and run from the interpreter running this script (``nox -s generate``); started from
another environment, the script re-runs itself under ``uv run --only-group codegen``. The output is byte-for-byte deterministic: no caches, ruff run in
isolated mode (the project's own ruff config never applies), and each package gets an
``API_VERSION`` taken from its spec's ``info.version`` plus a ``py.typed`` marker.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
NAMESPACE = "awaitops_generated"
TEMPLATES = ROOT / "scripts" / "templates"
BIN = Path(sys.executable).parent
_REEXEC = "AWAITOPS_CODEGEN_REEXEC"

# Rules applied to generated code, independent of the project's ruff config.
RUFF_CHECK = ["--isolated", "--no-cache", "--target-version", "py311", "--select", "F401,I,UP"]
RUFF_FORMAT = ["--isolated", "--no-cache", "--target-version", "py311", "--line-length", "120"]


def spec_pairs() -> list[tuple[Path, Path]]:
    """Every spec with the codegen config that sits beside it, in a stable order."""
    pairs = []
    for spec in sorted(SPECS.rglob("*.yaml")):
        if spec.name.endswith(".config.yaml"):
            continue
        config = spec.with_name(spec.stem + ".config.yaml")
        if not config.is_file():
            sys.exit(f"error: {spec.relative_to(ROOT)} has no {config.name} beside it")
        pairs.append((spec, config))
    return pairs


def load_yaml(path: Path) -> dict[str, object]:
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict):
        sys.exit(f"error: {path.relative_to(ROOT)} is not a YAML mapping")
    return data


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        sys.exit(f"error: {name} is not installed beside {sys.executable}; run `nox -s generate`")
    return str(path)


def ensure_codegen_environment() -> None:
    """Started from an environment without the generator (say the dev one), run again in a
    throwaway one holding exactly the locked ``codegen`` group."""
    if (BIN / "openapi-python-client").exists() or os.environ.get(_REEXEC):
        return
    uv = os.environ.get("UV") or shutil.which("uv")
    if uv is None:
        return  # tool() explains what is missing
    command = ["run", "--isolated", "--frozen", "--only-group", "codegen", "python"]
    os.execve(uv, [uv, *command, __file__, *sys.argv[1:]], {**os.environ, _REEXEC: "1"})


def run(args: list[str]) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(args[:2])} failed:\n{result.stdout}{result.stderr}")


def generate_package(spec: Path, config: Path, out_dir: Path) -> str:
    """Generate one spec's package under ``out_dir``; return the package name."""
    package = str(load_yaml(config)["package_name_override"])
    info = load_yaml(spec)["info"]
    assert isinstance(info, dict)
    version = str(info["version"])

    target = out_dir / package
    run(
        [
            tool("openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--config",
            str(config),
            "--output-path",
            str(target),
            "--meta",
            "none",
            "--custom-template-path",
            str(TEMPLATES),
            "--fail-on-warning",
            "--overwrite",
        ]
    )
    (target / "_api_version.py").write_text(
        f'"""The API version this package was generated from (info.version of its spec)."""\n\n'
        f"API_VERSION = {version!r}\n",
        encoding="utf-8",
    )
    (target / "py.typed").write_text("# Marker file for PEP 561\n", encoding="utf-8")
    run([tool("ruff"), "check", "--fix", "--quiet", *RUFF_CHECK, str(target)])
    run([tool("ruff"), "format", "--quiet", *RUFF_FORMAT, str(target)])
    return package


def tree_files(root: Path) -> set[Path]:
    return {
        p.relative_to(root) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }


def differences(expected: Path, actual: Path) -> list[str]:
    """Paths (relative to the project root) where ``actual`` differs from ``expected``."""
    want, have = tree_files(expected), tree_files(actual)
    drift = [f"missing {p}" for p in sorted(want - have)]
    drift += [f"unexpected {p}" for p in sorted(have - want)]
    drift += [
        f"differs {p}"
        for p in sorted(want & have)
        if not filecmp.cmp(expected / p, actual / p, shallow=False)
    ]
    return drift


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale")
    args = parser.parse_args(argv)
    ensure_codegen_environment()

    with tempfile.TemporaryDirectory(prefix="awaitops-gen-") as tmp:
        out_dir = Path(tmp)
        namespace = out_dir / NAMESPACE
        namespace.mkdir()
        (namespace / "__init__.py").write_text(
            '"""Code generated from specs/ by openapi-python-client (scripts/generate.py)."""\n',
            encoding="utf-8",
        )
        (namespace / "py.typed").write_text("# Marker file for PEP 561\n", encoding="utf-8")
        packages = [generate_package(spec, config, namespace) for spec, config in spec_pairs()]
        if args.check:
            drift = differences(out_dir, GENERATED)
            if drift:
                print("generated/ is out of date with specs/ (run `nox -s generate`):")
                print("\n".join(f"  {line}" for line in drift))
                return 1
            print(f"generated/ is up to date ({len(packages)} packages)")
            return 0
        if GENERATED.exists():
            shutil.rmtree(GENERATED)
        shutil.copytree(out_dir, GENERATED, ignore=shutil.ignore_patterns("__pycache__"))
        print(f"generated {len(packages)} packages: {', '.join(packages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
