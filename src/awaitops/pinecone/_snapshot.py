"""What the Pinecone snapshots share: a read-only view over one generated model."""

from __future__ import annotations

from typing import Generic, TypeVar

M = TypeVar("M")


class ModelSnapshot(Generic[M]):
    """A snapshot of what the server said, kept as the generated ``model``.

    Two snapshots of the same kind are equal when the server said the same thing. Plain
    slots rather than attrs: one is built per listed item, and this is the cheapest way.
    """

    __slots__ = ("_model",)

    def __init__(self, model: M) -> None:
        self._model = model

    @property
    def model(self) -> M:
        return self._model

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return bool(self._model == other._model)

    __hash__ = None  # type: ignore[assignment]  # equal snapshots, mutable model: unhashable
