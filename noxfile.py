"""Every project task, each in its own environment installed from uv.lock.

uv run nox                       # tests, conformance, lint, typecheck, check_generated, docs (CI)
uv run nox -s generate           # regenerate generated/ from specs/
"""

from __future__ import annotations

import os

import nox

nox.options.default_venv_backend = "uv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["tests", "conformance", "lint", "typecheck", "check_generated", "docs"]

# `uv run` tells its children where its own binary is; fall back to PATH.
UV = os.environ.get("UV", "uv")


def sync(session: nox.Session, *args: str) -> None:
    """Install exactly what uv.lock pins into this session's environment."""
    session.run_install(
        UV,
        "sync",
        "--frozen",
        "--no-default-groups",
        *args,
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
        external=True,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite, under asyncio and trio."""
    sync(session, "--all-extras", "--group", "dev")
    # Prism (from npm) referees our traffic against specs/; without it those tests skip.
    session.run("bash", "scripts/install_prism.sh", external=True)
    # One worker per core, each test file kept whole in one worker (its module fixtures,
    # such as an emulator on a socket, are built once): the suite in about half the time.
    # `uv run nox -s tests -- -n 0` runs it in one process.
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session
def conformance(session: nox.Session) -> None:
    """The official `pinecone` SDK, as shipped, against the emulator on a socket.

    The SDK is installed here only, pinned: its defects are documented per version.
    """
    sync(session, "--all-extras", "--group", "dev")
    session.install("pinecone==10.2.0")
    # importlib mode leaves sys.path alone: prepended, tests/ would make our tests/pinecone
    # package shadow the SDK.
    session.run(
        "pytest",
        "tests/conformance",
        "--import-mode=importlib",
        "-v",
        *session.posargs,
        env={"AWAITOPS_CONFORMANCE": "1"},
    )


@nox.session
def lint(session: nox.Session) -> None:
    sync(session, "--only-group", "dev")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on src/ and tests/."""
    sync(session, "--all-extras", "--group", "dev")
    session.run("mypy", *session.posargs)


# What a user of the codegen extra runs, on our own specs: one code path.
GENERATE = ("awaitops", "generate", "specs", "--out", "generated/awaitops_generated")


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from specs/ with the pinned generator (`awaitops generate`)."""
    sync(session, "--extra", "codegen")
    session.run(*GENERATE)


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail, naming the stale files, when generated/ is not exactly what specs/ produce."""
    sync(session, "--extra", "codegen")
    session.run(*GENERATE, "--check")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks against raw httpx and the official SDK; rewrites BENCHMARKS.md.

    The official `pinecone` SDK is installed here only, never in pyproject; pinned so the
    comparison rows stay comparable from one run to the next. So are starlette and
    python-multipart, which the emulator's routing and multipart parser are measured against.
    """
    sync(session, "--all-extras", "--group", "dev")
    session.install("pinecone==10.2.0", "starlette", "python-multipart")
    session.run("python", "-m", "scripts.bench.run", *session.posargs)


@nox.session
def demo(session: nox.Session) -> None:
    """The README's tour on the embedded emulator (`-- --faults` to watch retries work)."""
    sync(session, "--all-extras", "--group", "dev")
    session.run("awaitops", "demo", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/, failing on any warning.

    The API reference is read from the sources without importing them, so only the docs
    group is installed.
    """
    sync(session, "--only-group", "docs")
    # Material prints a banner about its successor on every build: not news for CI.
    env = {"NO_MKDOCS_2_WARNING": "1"}
    session.run("mkdocs", "build", "--strict", *session.posargs, env=env)
    # Every public name has an entry, no raw role or private default reached a page.
    session.run("python", "scripts/docs_reference.py")
