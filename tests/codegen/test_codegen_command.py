"""`awaitops generate` as another SDK's author uses it: a spec nobody here wrote, a config
keeping some operations, a package to import, and `--check` telling what is stale.

Each test runs the command in a subprocess, the way a user does (and so that a blocked
import proves what the command does not need)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# A small batch-jobs API in the shape other vendors use: cursor pages with has_more, unix
# timestamps, a cancel endpoint, and an operation the SDK does not want.
FOREIGN_SPEC = """\
openapi: 3.0.3
info:
  title: Batch jobs
  version: 2025-11-02
servers:
  - url: https://api.example.test/v2
paths:
  /batches:
    get:
      operationId: list_batches
      tags: [Batches]
      parameters:
        - {in: query, name: after, schema: {type: string}}
        - {in: query, name: limit, schema: {type: integer}}
      responses:
        '200':
          description: A page.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/BatchPage'}
  /batches/{batch_id}/cancel:
    post:
      operationId: cancel_batch
      tags: [Batches]
      parameters:
        - {in: path, name: batch_id, required: true, schema: {type: string}}
      responses:
        '200':
          description: The batch, cancelling.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Batch'}
  /usage:
    get:
      operationId: get_usage
      tags: [Billing]
      responses:
        '200':
          description: Usage.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Usage'}
components:
  schemas:
    Batch:
      type: object
      required: [id, status, created_at]
      properties:
        id: {type: string}
        status: {type: string}
        created_at: {type: integer, example: 1717171717}
    BatchPage:
      type: object
      required: [data, has_more]
      properties:
        data: {type: array, items: {$ref: '#/components/schemas/Batch'}}
        has_more: {type: boolean}
        last_id: {type: string, nullable: true}
    Usage:
      type: object
      properties:
        tokens: {type: integer}
"""

KEEP_BATCHES = """\
package_name_override: batches_generated
awaitops:
  tags: [Batches]
  # The service sends null where the publisher's file says integer.
  schemas:
    Batch:
      properties:
        created_at: {nullable: true}
"""

# Run the command with the `cli` extra's modules unimportable: `generate` must not need them.
_RUN = """
import sys
# What an environment without these distributions looks like to an import.
blocked = set(sys.argv[1].split(",")) - {""}
sys.modules.update(dict.fromkeys(blocked))
from awaitops._command import main
status = main(sys.argv[2:])
loaded = {name.split(".")[0] for name, module in sys.modules.items() if module is not None}
assert not {"rich", "uvicorn"} & loaded, "generate imported the cli extra"
raise SystemExit(status)
"""


def awaitops(*args: str | Path, block: str = "rich,uvicorn") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _RUN, block, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The foreign spec and its config, generated once into ``batches_generated``."""
    root = tmp_path_factory.mktemp("foreign")
    spec, config = root / "batches.yaml", root / "batches.config.yaml"
    spec.write_text(FOREIGN_SPEC, encoding="utf-8")
    config.write_text(KEEP_BATCHES, encoding="utf-8")
    done = awaitops("generate", spec, "--out", root / "batches_generated", "--config", config)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "batches_generated" in done.stdout
    return spec, config


def test_the_package_carries_version_base_path_requests_and_kept_models(
    foreign: tuple[Path, Path],
) -> None:
    root = foreign[0].parent
    package = root / "batches_generated"
    made = files(package)
    assert "py.typed" in made
    assert {"api/batches/list_batches.py", "api/batches/cancel_batch.py"} <= set(made)
    # The config kept the Batches tag: the billing operation and the schema only it used
    # are left out.
    assert not any("usage" in name for name in made), sorted(made)
    assert "client.py" not in made
    assert "errors.py" not in made
    probe = textwrap.dedent(
        """
        import json, batches_generated as p
        from batches_generated.api.batches import cancel_batch
        from batches_generated.models import Batch, BatchPage
        r = cancel_batch.request("b 1")
        assert Batch.from_dict({"id": "b", "status": "s", "created_at": None}).created_at is None
        page = BatchPage.from_dict({"data": [{"id": "b", "status": "completed",
                                               "created_at": 1717171717}], "has_more": False})
        print(json.dumps([p.API_VERSION, p.BASE_PATH, r.method, r.path, page.has_more]))
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    # An unquoted date as info.version stays the string the publisher wrote.
    assert json.loads(run.stdout) == ["2025-11-02", "/v2", "POST", "/batches/b%201/cancel", False]


def test_a_second_run_is_byte_for_byte_the_same_and_check_passes(
    foreign: tuple[Path, Path], tmp_path: Path
) -> None:
    spec, config = foreign
    first = spec.parent / "batches_generated"
    again = tmp_path / "batches_generated"
    done = awaitops("generate", spec, "--out", again, "--config", config)
    assert done.returncode == 0, done.stdout + done.stderr
    assert files(again) == files(first)
    checked = awaitops("generate", spec, "--out", first, "--config", config, "--check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "up to date" in checked.stdout


def test_check_names_every_stale_file_and_writes_nothing(
    foreign: tuple[Path, Path], tmp_path: Path
) -> None:
    spec, config = foreign
    stale = tmp_path / "batches_generated"
    shutil.copytree(spec.parent / "batches_generated", stale)
    (stale / "models" / "batch.py").write_text("# edited by hand\n", encoding="utf-8")
    (stale / "api" / "batches" / "cancel_batch.py").unlink()
    (stale / "extra.py").write_text("", encoding="utf-8")
    before = files(stale)
    checked = awaitops("generate", spec, "--out", stale, "--config", config, "--check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"differs {stale / 'models' / 'batch.py'}" in checked.stdout
    assert f"missing {stale / 'api' / 'batches' / 'cancel_batch.py'}" in checked.stdout
    assert f"unexpected {stale / 'extra.py'}" in checked.stdout
    assert files(stale) == before


def test_without_the_codegen_extra_the_error_names_it(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(FOREIGN_SPEC, encoding="utf-8")
    done = awaitops(
        "generate", spec, "--out", tmp_path / "pkg", block="rich,uvicorn,openapi_python_client"
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "openapi-python-client" in done.stderr
    assert "awaitops[codegen]" in done.stderr
    assert not (tmp_path / "pkg").exists()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("awaitops:\n  operations: [list_batches, no_such_op]\n", "no operation no_such_op"),
        ("awaitops:\n  keep: [list_batches]\n", "unknown awaitops setting(s) keep"),
        ("package_name_override: other\n", "pass --out"),
        ("awaitops:\n  base_path: v2/\n", "base_path must be a path"),
        ("awaitops:\n  schemas: {Nope: {}}\n", "no schema Nope that the config patches"),
    ],
)
def test_a_bad_config_is_refused_in_one_line_before_generating(
    tmp_path: Path, config: str, message: str
) -> None:
    spec, config_file = tmp_path / "s.yaml", tmp_path / "c.yaml"
    spec.write_text(FOREIGN_SPEC, encoding="utf-8")
    config_file.write_text(config, encoding="utf-8")
    done = awaitops("generate", spec, "--out", tmp_path / "pkg", "--config", config_file)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert not (tmp_path / "pkg").exists()


def test_a_folder_that_generate_did_not_make_is_never_replaced(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(FOREIGN_SPEC, encoding="utf-8")
    mine = tmp_path / "src"
    mine.mkdir()
    (mine / "app.py").write_text("print('mine')\n", encoding="utf-8")
    done = awaitops("generate", spec, "--out", tmp_path / "pkg", "--config", tmp_path / "no.yaml")
    assert done.returncode == 2
    assert "cannot read" in done.stderr
    done = awaitops("generate", spec, "--out", mine)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "refusing to replace" in done.stderr
    assert (mine / "app.py").read_text(encoding="utf-8") == "print('mine')\n"


def test_python_dash_m_awaitops_and_the_cli_parser_know_the_command() -> None:
    for command in (
        [sys.executable, "-m", "awaitops", "generate", "--help"],
        [sys.executable, "-m", "awaitops", "--help"],
    ):
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        assert "generate" in done.stdout
