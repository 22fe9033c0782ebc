"""How the handwritten code meets the generated one: public names only, one namespace.

The facades and the core use what each endpoint module exposes (``request(...)``, a
description of the call; answers are read by the models' public ``from_dict``) and nothing
private;
the generated packages share the one top-level name ``awaitops_generated``; and a version
bump of a spec changes nothing but the version its package reports and the header sent.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import awaitops_generated
import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
GENERATED = ROOT / "generated" / "awaitops_generated"
ENDPOINT_NAMES = {"METHOD", "PATH_TEMPLATE", "request"}
UV = os.environ.get("UV") or shutil.which("uv")


def source_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def endpoint_modules() -> list[ModuleType]:
    found = []
    for package in pkgutil.iter_modules(awaitops_generated.__path__):
        api = importlib.import_module(f"awaitops_generated.{package.name}.api")
        for info in pkgutil.walk_packages(api.__path__, api.__name__ + "."):
            if not info.ispkg:
                found.append(importlib.import_module(info.name))
    return found


def test_src_never_calls_the_generators_private_get_kwargs() -> None:
    users = [str(p.relative_to(ROOT)) for p in source_files() if "_get_kwargs" in p.read_text()]
    assert users == []


def _private_generated_names(path: Path) -> list[str]:
    """Generated names ``path`` reaches that are private: an ``_`` module or name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        dotted: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            dotted = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            dotted = [alias.name for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            dotted = [node.value]  # importlib.import_module("awaitops_generated...")
        found += [
            name
            for name in dotted
            if name.startswith("awaitops_generated")
            and any(part.startswith("_") for part in name.split("."))
        ]
    return found


def test_facades_and_core_use_no_private_generated_name() -> None:
    private = {
        str(path.relative_to(ROOT)): names
        for path in source_files()
        if (names := _private_generated_names(path))
    }
    assert private == {}


def test_endpoint_modules_expose_a_request_description_and_parsing_only() -> None:
    modules = endpoint_modules()
    assert len(modules) == 15  # every operation of the four specs
    for module in modules:
        own = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and (not isinstance(value, ModuleType))
            and getattr(value, "__module__", module.__name__) == module.__name__
        }
        assert own <= ENDPOINT_NAMES, module.__name__
        assert {"METHOD", "PATH_TEMPLATE", "request"} <= own, module.__name__


def test_no_client_or_error_module_is_generated() -> None:
    for package in GENERATED.iterdir():
        if package.is_dir() and package.name != "__pycache__":
            assert not (package / "client.py").exists()
            assert not (package / "errors.py").exists()


def test_a_request_description_carries_the_call() -> None:
    from awaitops_generated.pinecone_assistant_data.api.manage_assistants import (
        list_files,
        upload_file,
    )
    from awaitops_generated.pinecone_assistant_data.models import FileData
    from awaitops_generated.pinecone_assistant_data.types import File

    listed = list_files.request("my docs", filter_='{"a":1}')
    assert (listed.method, listed.path_template) == ("GET", "/files/{assistant_name}")
    assert listed.path == "/files/my%20docs"
    assert listed.params == {"filter": '{"a":1}'}
    assert (listed.body_kind, listed.body) == ("none", None)
    upload = upload_file.request("a", body=FileData(file=File(payload=b"x", file_name="f")))  # type: ignore[arg-type]
    assert upload.body_kind == "multipart"
    # No pinned boundary: the sender draws one.
    assert "Content-Type" not in upload.headers


def test_the_wheel_installs_at_most_two_top_level_names(tmp_path: Path) -> None:
    if UV is None:
        pytest.skip("uv is not installed: cannot build the wheel")
    subprocess.run(
        [UV, "build", "--wheel", "--offline", "--quiet", "-o", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/", 1)[0] for name in archive.namelist()}
    names = {top.removesuffix(".py") for top in tops if not top.endswith(".dist-info")}
    assert names == {"awaitops", "awaitops_generated"}


# -- the version-bump drill ------------------------------------------------------------

SPEC = ROOT / "specs" / "pinecone" / "assistant_control_2026-04.yaml"
PACKAGE = "pinecone_assistant_control"
BUMPED = "2099-01"

_GENERATE = """
import sys
from pathlib import Path
sys.path.insert(0, "scripts")
import generate
generate.generate_package(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
"""

_CALL = """
import json, anyio, httpx
import awaitops_generated
from awaitops.pinecone import Pinecone

seen = []

def answer(request):
    seen.append(request.headers["X-Pinecone-Api-Version"])
    return httpx.Response(200, json={"name": "a", "status": "Ready", "host": "https://h"})

async def main():
    http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    async with Pinecone(api_key="k", control_url="https://api.test", http_client=http) as pc:
        await pc.assistants.get("a")
    await http.aclose()

anyio.run(main)
print(json.dumps({"headers": seen, "package": awaitops_generated.__file__}))
"""


def _bumped_spec(tmp: Path) -> Path:
    text = SPEC.read_text(encoding="utf-8")
    old = "\n  version: '2026-04'\n"
    assert text.count(old) == 1, "the drill expects one info.version line"
    spec = tmp / SPEC.name
    spec.write_text(text.replace(old, f"\n  version: '{BUMPED}'\n"), encoding="utf-8")
    return spec


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_a_version_bump_changes_only_the_version_file_and_the_header(tmp_path: Path) -> None:
    if UV is None:
        pytest.skip("uv is not installed: the codegen environment cannot be made")
    # Run as scripts/generate.py --check runs: the locked codegen group, isolated.
    codegen = [UV, "run", "--isolated", "--frozen", "--offline", "--only-group", "codegen"]
    config = SPEC.with_name(SPEC.stem + ".config.yaml")
    scratch = tmp_path / "awaitops_generated"
    shutil.copytree(GENERATED, scratch, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(scratch / PACKAGE)
    done = subprocess.run(
        [
            *codegen,
            "python",
            "-c",
            _GENERATE,
            str(_bumped_spec(tmp_path)),
            str(config),
            str(scratch),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 and "openapi-python-client is not installed" in done.stderr:
        pytest.skip("the codegen tool (openapi-python-client) is not available")
    assert done.returncode == 0, done.stderr

    before, after = _files(GENERATED / PACKAGE), _files(scratch / PACKAGE)
    changed = sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
    assert changed == ["_api_version.py"]
    assert f'API_VERSION = "{BUMPED}"' in after["_api_version.py"].decode()

    # A client built on the scratch tree sends the new version, and nothing else changed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    run = subprocess.run(
        [sys.executable, "-c", _CALL],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(result["package"]).parent == scratch
    assert result["headers"] == [BUMPED]


def test_a_malformed_answer_names_the_model_that_read_it() -> None:
    import httpx
    from awaitops_generated.pinecone_assistant_data.models import AssistantFileModel

    from awaitops import parse_model
    from awaitops.errors import ResponseValidationError

    with pytest.raises(ResponseValidationError, match=r"AssistantFileModel\.from_dict") as caught:
        parse_model(httpx.Response(200, json={"name": "n"}), AssistantFileModel.from_dict)
    assert caught.value.body == '{"name":"n"}'
