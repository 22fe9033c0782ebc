"""The version-bump drill, as a test: the publisher's own Pinecone Assistant files, dropped
into a copy of specs/ under a new version with nothing but our configs beside them,
regenerate with `awaitops generate`, and the SDK, the emulator and a slice of the suite work
on the result with no other edit.

The publisher's files are read from ../shared/reference at test time (never copied into the
repository). Where ../shared is absent the drill is skipped, except under CI (which has it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "awaitops_generated"
SHARED = Path(os.environ.get("AWAITOPS_SHARED") or ROOT.parent / "shared")
PUBLISHED = SHARED / "reference" / "pinecone-api-2026-04"
# The publisher's files, and the stem each has in specs/ (the config beside it is kept).
FILES = {
    "assistant_control": "assistant_control_2026-04.oas.yaml",
    "assistant_data": "assistant_data_2026-04.oas.yaml",
}
PUBLISHED_VERSION = "2026-04"
BUMPED = "2026-10"

# The SDK on the regenerated packages, against the emulator on a loopback socket: every
# assistant call and a backup history page, each request's version header recorded.
_TOUR = """
import contextlib, json, anyio, httpx
import awaitops_generated
from awaitops import PollPolicy
from awaitops.errors import OperationFailedError
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

FAST = PollPolicy(initial_interval=0.01, max_interval=0.05, timeout=20)

async def main():
    emu = Emulator(EmulatorConfig(api_key="k", assistant_ready_seconds=(0.0, 0.0),
                                  op_seconds=(0.0, 0.05)))
    seen = []

    async def record(request):
        seen.append([request.method, request.url.path,
                     request.headers.get("x-pinecone-api-version")])

    with emu.serving("127.0.0.1", 0) as url:
        http = httpx.AsyncClient(event_hooks={"request": [record]})
        async with http, Pinecone(api_key="k", control_url=url, http_client=http) as pc:
            with anyio.fail_after(30):
                await pc.assistants.create("docs", wait=True, poll=FAST)
                await pc.assistants.update("docs", instructions="be brief")
                docs = pc.assistant("docs")
                op = await docs.files.upload(b"hello", file_name="a.txt")
                with contextlib.suppress(OperationFailedError):  # the emulator fails some
                    await docs.operations.wait(op.id, poll=FAST)
                await docs.operations.get(op.id)
                for file in await docs.files.list().collect():
                    await docs.files.get(file.id)
                await docs.operations.list().collect()
                await pc.assistants.list().collect()
                await pc.backup_schedules.history("sched-demo", page_size=5).first_page()
    refused = [[r.method, r.path, r.status] for r in emu.requests if r.status >= 400]
    print(json.dumps({"seen": seen, "refused": refused, "package": awaitops_generated.__file__}))

anyio.run(main)
"""

# A slice of the suite, run on the regenerated packages and the bumped specs.
SLICE = [
    "tests/foundation/test_generated_packages.py",
    "tests/foundation/test_base_paths.py",
    "tests/pinecone/test_pinecone_hosts.py",
]


def _run(args: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{' '.join(args[:4])} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def bumped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """specs/ with the publisher's assistant files dropped in as 2026-10, regenerated."""
    if not PUBLISHED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the bump drill needs the publisher's files at {PUBLISHED}")
        pytest.skip(f"the publisher's files are not at {PUBLISHED} (../shared is absent)")
    work = tmp_path_factory.mktemp("bump")
    specs, changed = work / "specs", work / "changed"
    shutil.copytree(ROOT / "specs", specs)
    (changed / "pinecone").mkdir(parents=True)
    for stem, published in FILES.items():
        (old,) = (specs / "pinecone").glob(f"{stem}_*.yaml")
        old.unlink()
        text = (PUBLISHED / published).read_text(encoding="utf-8")
        assert text.count(PUBLISHED_VERSION) >= 2, "info.version and the header's default"
        for folder in (specs, changed):
            target = folder / "pinecone" / f"{stem}_{BUMPED}.yaml"
            target.write_text(text.replace(PUBLISHED_VERSION, BUMPED), encoding="utf-8")
        shutil.copy(specs / "pinecone" / f"{stem}.config.yaml", changed / "pinecone")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(work), *sys.path]),
        "AWAITOPS_TEST_SPECS": str(specs),
    }
    # Only the changed specs are regenerated (the others' output is what check_generated
    # already proves they give); the rest of the namespace is copied beside them.
    out = work / "awaitops_generated"
    started = time.monotonic()
    _run([sys.executable, "-m", "awaitops", "generate", str(changed), "--out", str(out)], env, 300)
    print(f"regenerated the changed packages in {time.monotonic() - started:.1f}s")
    for package in GENERATED.iterdir():
        if package.is_dir() and not (out / package.name).exists() and package.name != "__pycache__":
            shutil.copytree(package, out / package.name)
    return work, env


def test_the_sdk_sends_the_new_version_on_both_assistant_planes_and_the_emulator_accepts_it(
    bumped: tuple[Path, dict[str, str]],
) -> None:
    work, env = bumped
    import awaitops_generated.pinecone_backup_schedules as backups

    result = json.loads(_run([sys.executable, "-c", _TOUR], env, 120).stdout.splitlines()[-1])
    assert Path(result["package"]).parent == work / "awaitops_generated"
    assert result["refused"] == []
    versions: dict[str, set[str]] = {}
    for _, path, version in result["seen"]:
        plane = "backups" if path.startswith("/backup-schedules") else path.split("/")[2]
        versions.setdefault(plane, set()).add(version)
    assert versions == {
        "assistants": {BUMPED},  # the control plane
        "files": {BUMPED},  # the data plane
        "operations": {BUMPED},
        "backups": {backups.API_VERSION},  # not bumped
    }


def test_a_slice_of_the_suite_passes_on_the_bumped_specs(
    bumped: tuple[Path, dict[str, str]],
) -> None:
    _, env = bumped
    _run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", *SLICE], env, 300)
