"""Snapshots: read-only, typed views over one JSON object a server sent.

A snapshot keeps the decoded JSON object as it came and declares its fields as descriptors
(:func:`text`, :func:`value`, :func:`timestamp`, :func:`mapping`). Building one checks, at
once and cheaply, what must hold for every field to read without error (required keys,
their types, dates a generated model would refuse); everything else (optional dates, the
generated ``model``) is converted on first access and cached. So a malformed answer fails
where it is parsed (:func:`parse_model` and the pager turn the failure into
``ResponseValidationError`` with the raw body), never later at attribute access.

A field the server left out reads as None (nothing of a generator's "unset" placeholder
reaches the caller); fields the snapshot does not declare are kept in :meth:`to_dict` and in
the generated model's ``additional_properties``.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Mapping
from contextlib import suppress
from typing import Any, ClassVar, Generic, Literal, Protocol, Self, TypeVar, overload

__all__ = ["Field", "GeneratedModel", "Snapshot", "mapping", "text", "timestamp", "value"]

T = TypeVar("T")
M = TypeVar("M", bound="GeneratedModel")
_MISSING: Any = object()
_parse_time = datetime.datetime.fromisoformat


class GeneratedModel(Protocol):
    """What a snapshot needs of a generated model (openapi-python-client's shape)."""

    def to_dict(self) -> dict[str, Any]: ...


class Field(Generic[T]):
    """One declared field of a :class:`Snapshot`, read from the JSON key ``key``.

    Reading never raises: whatever could fail is checked when the snapshot is built.
    """

    __slots__ = ("key", "name")

    def __init__(self, key: str | None) -> None:
        self.key = key or ""
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.key = self.key or name

    @overload
    def __get__(self, snapshot: None, owner: type) -> Self: ...
    @overload
    def __get__(self, snapshot: Snapshot[Any], owner: type) -> T: ...
    def __get__(self, snapshot: Snapshot[Any] | None, owner: type) -> Self | T:
        if snapshot is None:
            return self
        return snapshot._raw.get(self.key)  # type: ignore[return-value]

    def __set__(self, snapshot: Snapshot[Any], new: Any) -> None:
        raise AttributeError(f"{type(snapshot).__name__}.{self.name} is read-only")

    def check(self, found: Any) -> None:
        """Refuse a value (never None: absent or null) this field could not read."""


class _Text(Field[T]):
    __slots__ = ("default", "empty_is_none", "required")

    def __init__(
        self, key: str | None, required: bool, default: str | None, empty_is_none: bool
    ) -> None:
        super().__init__(key)
        self.required = required
        self.default = default
        self.empty_is_none = empty_is_none

    def __get__(self, snapshot: Snapshot[Any] | None, owner: type) -> Any:
        if snapshot is None:
            return self
        found = snapshot._raw.get(self.key)
        if self.empty_is_none and not (type(found) is str and found):
            return self.default
        return self.default if found is None else found


class _Value(Field[T]):
    __slots__ = ("validate",)

    def __init__(self, key: str | None, validate: Callable[[Any], object] | None) -> None:
        super().__init__(key)
        self.validate = validate

    def check(self, found: Any) -> None:
        if self.validate is not None:
            self.validate(found)


class _Timestamp(Field[T]):
    """An ISO 8601 time. Parsed when the snapshot is built if a bad one must be refused
    (required, or not nullable); otherwise parsed on first read, and an unreadable one reads
    as None (``to_dict`` and ``model`` keep what the server sent)."""

    __slots__ = ("nullable", "required")

    def __init__(self, key: str | None, required: bool, nullable: bool) -> None:
        super().__init__(key)
        self.required = required
        self.nullable = nullable

    def __get__(self, snapshot: Snapshot[Any] | None, owner: type) -> Any:
        if snapshot is None:
            return self
        cache = snapshot._cache
        if cache is not None and self.key in cache:
            return cache[self.key]
        found = snapshot._raw.get(self.key)
        parsed = None
        if type(found) is str:
            with suppress(ValueError):
                parsed = _parse_time(found)
        snapshot._remember(self.key, parsed)
        return parsed


class _Mapping(Field[T]):
    __slots__ = ("nullable",)

    def __init__(self, key: str | None, nullable: bool) -> None:
        super().__init__(key)
        self.nullable = nullable

    def __get__(self, snapshot: Snapshot[Any] | None, owner: type) -> Any:
        if snapshot is None:
            return self
        found = snapshot._raw.get(self.key)
        # A copy each time: the snapshot stays as the server sent it.
        return None if found is None else dict(found)


def _refuse_text(key: str, found: Any) -> None:
    if found is _MISSING:
        raise KeyError(key)
    if not isinstance(found, str):
        raise TypeError(f"{key} must be a string, got {type(found).__name__}")


def _refuse_object(key: str, found: Any) -> None:
    if not isinstance(found, dict):
        raise TypeError(f"{key} must be a JSON object, got {type(found).__name__}")


def _time_now(key: str, found: Any, required: bool) -> datetime.datetime | None:
    """A time checked when the snapshot is built: parsed (None when absent and allowed)."""
    if type(found) is str:
        return _parse_time(found)
    if found is _MISSING and not required:
        return None
    if found is _MISSING:
        raise KeyError(key)
    if not isinstance(found, str):
        raise TypeError(f"{key} must be an ISO 8601 time, got {type(found).__name__}")
    return _parse_time(found)


@overload
def text(*, key: str | None = None, required: Literal[True]) -> Field[str]: ...
@overload
def text(*, key: str | None = None, default: str, empty_is_none: bool = False) -> Field[str]: ...
@overload
def text(*, key: str | None = None, empty_is_none: bool = False) -> Field[str | None]: ...
def text(
    *,
    key: str | None = None,
    required: bool = False,
    default: str | None = None,
    empty_is_none: bool = False,
) -> Field[Any]:
    """A string. ``required``: the answer must carry it (as a string). ``empty_is_none``:
    an empty string (or a value of another type) means "no value", as in protobuf JSON,
    where absent and zero are one; ``default`` is what "no value" reads as (None if not
    given). An optional string is otherwise read as the server sent it."""
    return _Text(key, required, default, empty_is_none)


def value(
    kind: type[T], *, key: str | None = None, check: Callable[[Any], object] | None = None
) -> Field[T | None]:
    """An optional scalar of type ``kind`` (numbers, booleans), read as sent; None when
    absent or null. ``check`` raises on a value that must be refused (None is not checked).
    """
    del kind  # the reading type: for type checkers and readers only
    return _Value(key, check)


@overload
def timestamp(*, key: str | None = None, required: Literal[True]) -> Field[datetime.datetime]: ...
@overload
def timestamp(
    *, key: str | None = None, nullable: bool = True
) -> Field[datetime.datetime | None]: ...
def timestamp(
    *, key: str | None = None, required: bool = False, nullable: bool = True
) -> Field[Any]:
    """An ISO 8601 time. ``nullable=False``: a value that is present must be a time (null
    included), so it is parsed when the snapshot is built; a nullable one on first read."""
    return _Timestamp(key, required, nullable and not required)


def mapping(*, key: str | None = None, nullable: bool = True) -> Field[dict[str, Any] | None]:
    """A free-form JSON object, read as a plain dict (a fresh shallow copy per read)."""
    return _Mapping(key, nullable)


class Snapshot(Generic[M]):
    """What the server said about one thing, read-only and typed.

    Subclasses declare their fields with :func:`text`, :func:`value`, :func:`timestamp` and
    :func:`mapping`, and name the generated model in the class statement::

        class Job(Snapshot[JobModel], model=JobModel):
            id = text(required=True)
            started_at = timestamp()

    ``Job(raw)`` checks ``raw`` (the decoded JSON object) and raises ``KeyError``,
    ``TypeError`` or ``ValueError`` if a declared field could not be read; ``Job(model)``
    wraps a generated model instance. Two snapshots of one class are equal when the server
    said the same thing; snapshots are not hashable.
    """

    __slots__ = ("_cache", "_raw")
    _model_type: ClassVar[Any] = None
    # What a new snapshot checks, worked out once per class from its fields: the keys of
    # required strings, (key, required) of times parsed at once, (key, nullable) of JSON
    # objects, and (key, field) of values with a check.
    _plan: ClassVar[
        tuple[
            tuple[str, ...],
            tuple[tuple[str, bool], ...],
            tuple[tuple[str, bool], ...],
            tuple[tuple[str, Field[Any]], ...],
        ]
    ] = ((), (), (), ())
    _repr_fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, model: Any = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if model is not None:
            cls._model_type = model
        found = {
            name: member
            for klass in reversed(cls.__mro__)
            for name, member in vars(klass).items()
            if isinstance(member, Field)
        }.values()
        cls._plan = (
            tuple(f.key for f in found if isinstance(f, _Text) and f.required),
            tuple(
                (f.key, f.required)
                for f in found
                if isinstance(f, _Timestamp) and (f.required or not f.nullable)
            ),
            tuple((f.key, f.nullable) for f in found if isinstance(f, _Mapping)),
            tuple((f.key, f) for f in found if isinstance(f, _Value) and f.validate is not None),
        )

    def __init__(self, data: Mapping[str, Any] | M) -> None:
        if type(data) is dict:
            raw = data
            cache = None
        elif isinstance(data, Mapping):
            raw = dict(data)
            cache = None
        elif isinstance(data, self._model_type or ()):
            raw = data.to_dict()
            cache = {"": data}
        else:
            raise TypeError(f"expected a JSON object, got {type(data).__name__}")
        self._raw: dict[str, Any] = raw
        # Inline loops rather than a call per field: one snapshot is built per listed item.
        texts, times, objects, checked = self._plan
        for key in texts:
            if type(raw.get(key)) is not str:
                _refuse_text(key, raw.get(key, _MISSING))
        if times:
            if cache is None:
                cache = {}
            for key, required in times:
                found = raw.get(key, _MISSING)
                cache[key] = (
                    _parse_time(found) if type(found) is str else _time_now(key, found, required)
                )
        self._cache: dict[str, Any] | None = cache
        for key, nullable in objects:
            found = raw.get(key)
            if type(found) is not dict and (found is not None or (not nullable and key in raw)):
                _refuse_object(key, found)
        for key, field in checked:
            found = raw.get(key)
            if found is not None:
                field.check(found)

    def _remember(self, key: str, converted: Any) -> None:
        if self._cache is None:
            self._cache = {key: converted}
        else:
            self._cache[key] = converted

    @property
    def model(self) -> M:
        """The generated model of this answer, built on first access (fields this SDK does
        not know yet are in its ``additional_properties``)."""
        cache = self._cache
        if cache is not None and "" in cache:
            built: M = cache[""]
            return built
        built = self._model_type.from_dict(self._raw)
        self._remember("", built)
        return built

    def to_dict(self) -> dict[str, Any]:
        """The object as the server sent it, unknown fields included (a copy)."""
        return copy.deepcopy(self._raw)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._repr_fields)
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return bool(self._raw == other._raw)

    __hash__ = None  # type: ignore[assignment]  # equal snapshots, mutable contents: unhashable
