"""Small value classes at the cost of a plain class: equality, repr and hash from ``__slots__``.

attrs writes ``__init__``, ``__repr__``, ``__eq__`` and the rest of each class with
``compile()``, about a millisecond a class at import. The classes every client needs
(policies, credentials, stats) are written out by hand instead, like httpx's ``Timeout`` and
``Limits``, and get the rest from here.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from attrs.exceptions import FrozenInstanceError


def seconds_repr(value: float) -> str:
    """A measured duration as a repr shows it: to the millisecond, not ``101.81599999999798``."""
    return repr(round(value, 3))


class Record:
    """Equality and repr over the fields named in ``__slots__``, in order; fields named in
    ``_unshown`` (secrets) stay out of the repr, those in ``_measured`` (seconds summed or
    timed) show to the millisecond. Unhashable, as its fields may change.

    A subclass names its fields in ``__match_args__`` (so that ``case RetryPolicy(4)``
    matches by position, as on the attrs classes these replace, and mypy knows it) and sets
    ``__slots__ = __match_args__``."""

    __slots__: ClassVar[tuple[str, ...]] = ()
    _unshown: ClassVar[frozenset[str]] = frozenset()
    _measured: ClassVar[frozenset[str]] = frozenset()

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={seconds_repr(value) if name in self._measured else repr(value)}"
            for name in self.__slots__
            if name not in self._unshown
            for value in (getattr(self, name),)
        )
        return f"{type(self).__name__}({shown})"


class Frozen(Record):
    """A :class:`Record` that cannot change once ``__init__`` has set its fields (with
    :meth:`_set`): assigning raises attrs' ``FrozenInstanceError`` (an ``AttributeError``),
    as the attrs classes these replace did. Hashable; copied and pickled by calling the class
    again with its fields, so they are listed in the constructor's positional order (and a
    copy is validated like the original)."""

    __slots__: ClassVar[tuple[str, ...]] = ()

    def _set(self, *values: object) -> None:
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError

    def __hash__(self) -> int:
        return hash((self.__class__, self._fields()))

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        return self.__class__, self._fields()
