"""How the handwritten code meets the generated one: public names only, one namespace.

The facades and the core use what each endpoint module exposes (``request(...)``, a
description of the call; answers are read by the models' public ``from_dict``) and nothing
private;
the generated packages share the one top-level name ``awaitops_generated``; and a version
bump of a spec changes nothing but the version its package reports and the header sent.
"""

from __future__ import annotations

import ast
import email
import importlib
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import awaitops_generated
import pytest
from _specs import spec_of

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
        members = archive.namelist()
        (metadata_name,) = [n for n in members if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
        license_text = archive.read(metadata_name.replace("METADATA", "licenses/LICENSE"))
    tops = {name.split("/", 1)[0] for name in members}
    names = {top.removesuffix(".py") for top in tops if not top.endswith(".dist-info")}
    assert names == {"awaitops", "awaitops_generated"}

    # What a consumer's tooling reads: the license and its text, where to read more.
    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert b"Apache License" in license_text
    assert b"Version 2.0, January 2004" in license_text
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL") or [])
    assert {"Documentation", "Changelog", "Source"} <= urls.keys()
    # `awaitops generate` works from the wheel: its templates are inside, its extra exists.
    templates = {n.rsplit("/", 1)[-1] for n in members if "/codegen/templates/" in n}
    assert templates == {p.name for p in (SRC / "awaitops" / "codegen" / "templates").iterdir()}
    assert "codegen" in (metadata.get_all("Provides-Extra") or [])
    codegen = [r for r in metadata.get_all("Requires-Dist") or [] if "extra == 'codegen'" in r]
    assert any(r.startswith("openapi-python-client==") for r in codegen), codegen


# -- the version-bump drill ------------------------------------------------------------

PACKAGE = "pinecone_assistant_control"
BUMPED = "2099-01"

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


def _bumped_spec(tmp: Path, spec: Path, version: str) -> Path:
    text = spec.read_text(encoding="utf-8")
    line = re.compile(rf"^(  version: )['\"]?{re.escape(version)}['\"]?$", re.MULTILINE)
    assert len(line.findall(text)) == 1, "the drill expects one info.version line"
    bumped = tmp / spec.name.replace(version, BUMPED)
    bumped.write_text(line.sub(rf"\g<1>'{BUMPED}'", text), encoding="utf-8")
    return bumped


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_a_version_bump_changes_only_the_version_file_and_the_header(tmp_path: Path) -> None:
    spec = spec_of(PACKAGE)
    scratch = tmp_path / "awaitops_generated"
    shutil.copytree(GENERATED, scratch, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(scratch / PACKAGE)
    # What a user runs: the command, on the bumped spec, with the config kept as it is.
    bumped = _bumped_spec(tmp_path, spec.path, spec.version)
    command = [
        "generate",
        str(bumped),
        "--out",
        str(scratch / PACKAGE),
        "--config",
        str(spec.config),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "awaitops", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr

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
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
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
