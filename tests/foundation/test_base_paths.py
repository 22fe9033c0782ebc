"""The base path a generated package declares is where the service (and so the emulator)
serves its operations, and where the SDK sends them.

A publisher's server URL may leave the prefix out (Pinecone's data plane file says
``https://{assistant_host}`` while every call goes to ``host + /assistant``); the codegen
config then states it (``awaitops.base_path``), the package exports it as ``BASE_PATH`` and
the facades build their URLs from it. These tests hold the three together.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from _specs import all_specs

from awaitops.codegen import SpecFile
from awaitops.emulator._app import _route


def _endpoints(package: str) -> list[tuple[str, str]]:
    api = importlib.import_module(f"awaitops_generated.{package}.api")
    found = []
    for info in pkgutil.walk_packages(api.__path__, api.__name__ + "."):
        if not info.ispkg:
            module = importlib.import_module(info.name)
            found.append((module.METHOD, module.PATH_TEMPLATE))
    return found


@pytest.mark.parametrize("spec", all_specs(), ids=lambda s: s.package)
def test_every_generated_operation_is_served_at_the_packages_base_path(spec: SpecFile) -> None:
    package = importlib.import_module(f"awaitops_generated.{spec.package}")
    assert package.BASE_PATH == spec.base_path
    endpoints = _endpoints(spec.package)
    assert endpoints
    for method, template in endpoints:
        path = package.BASE_PATH + re.sub(r"\{[^}]+\}", "x", template)
        route = _route(path)
        assert route is not None, f"{method} {path}: the emulator serves no such path"
        assert method in route[1], f"{method} {path}: the emulator serves {sorted(route[1])}"
