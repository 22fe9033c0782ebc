"""Snapshots and scripted polls shared by the watcher tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import anyio
import anyio.lowlevel

T = TypeVar("T")


class Snapshot(Protocol):
    """What the predicates below read: any test's operation snapshot."""

    @property
    def status(self) -> str: ...
    @property
    def percent(self) -> int: ...
    @property
    def error(self) -> str | None: ...


@dataclass(frozen=True)
class Op:
    id: str
    status: str
    percent: int = 0
    error: str | None = None


def done(op: Snapshot) -> bool:
    return op.status == "Completed"


def failed(op: Snapshot) -> bool:
    return op.status == "Failed"


def message(op: Snapshot) -> str | None:
    return op.error


def key(op: Op) -> str:
    return op.id


def percent(op: Snapshot) -> float:
    return op.percent


class Script(Generic[T]):
    """A poll answering from a list of snapshots or exceptions; the last answer repeats."""

    def __init__(self, *answers: T | Exception) -> None:
        self.answers = list(answers)
        self.times: list[float] = []

    async def __call__(self) -> T:
        self.times.append(anyio.current_time())
        await anyio.lowlevel.checkpoint()
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer
