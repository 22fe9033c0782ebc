"""Snapshots: read-only, typed views over one JSON object a server sent.

A snapshot keeps the decoded JSON object as it came and declares its fields as descriptors
(:func:`text`, :func:`value`, :func:`timestamp`, :func:`mapping`, :func:`nested`). Building one checks, at
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
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from typing import Any, ClassVar, Generic, Literal, Never, Protocol, Self, TypeVar, overload

from awaitops._redaction import redact

from ._operations import OperationHandle, OperationSource

__all__ = [
    "Field",
    "GeneratedModel",
    "OperationSnapshot",
    "Snapshot",
    "mapping",
    "nested",
    "text",
    "timestamp",
    "value",
]

T = TypeVar("T")
M = TypeVar("M", bound="GeneratedModel")
N = TypeVar("N", bound="Snapshot[Any]")
H = TypeVar("H", bound="OperationHandle[Any]")
_MISSING: Any = object()
_parse_time = datetime.datetime.fromisoformat


def _unix_time(seconds: float) -> datetime.datetime:
    """Unix seconds as an aware UTC time; ValueError when no datetime can hold them."""
    try:
        return datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"{seconds!r} is not a time in unix seconds") from None


def _is_number(found: Any) -> bool:
    return not isinstance(found, bool) and isinstance(found, int | float)


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

    def __set__(self, snapshot: Snapshot[Any], new: Never) -> None:
        raise AttributeError(f"{type(snapshot).__name__}.{self.name} is read-only")


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
    __slots__ = ("maximum", "minimum")

    def __init__(self, key: str | None, minimum: float | None, maximum: float | None) -> None:
        super().__init__(key)
        self.minimum = minimum
        self.maximum = maximum


class _Timestamp(Field[T]):
    """An ISO 8601 time (or, with ``unix``, unix seconds too), parsed on first read and
    cached. One that must be readable (required, not nullable, or ``checked``) is checked
    when the snapshot is built; any other that is unreadable reads as None (``to_dict``
    and ``model`` keep what the server sent)."""

    __slots__ = ("checked", "nullable", "required", "unix")

    def __init__(
        self, key: str | None, required: bool, nullable: bool, checked: bool, unix: bool
    ) -> None:
        super().__init__(key)
        self.required = required
        self.nullable = nullable
        self.checked = checked or required or not nullable
        self.unix = unix

    def __get__(self, snapshot: Snapshot[Any] | None, owner: type) -> Any:
        if snapshot is None:
            return self
        cache = snapshot._cache
        if cache is not None and self.key in cache:
            return cache[self.key]
        found: Any = snapshot._raw.get(self.key)
        parsed = None
        if type(found) is str:
            with suppress(ValueError):
                parsed = _parse_time(found)
        elif self.unix and _is_number(found):
            with suppress(ValueError):
                parsed = _unix_time(found)
        snapshot._remember(self.key, parsed)
        return parsed


class _Nested(Field[T]):
    """A JSON object read as a snapshot of its own, checked when the outer one is built and
    made on first read."""

    __slots__ = ("kind", "required")

    def __init__(self, key: str | None, kind: type[Snapshot[Any]], required: bool) -> None:
        super().__init__(key)
        self.kind = kind
        self.required = required

    def __get__(self, snapshot: Snapshot[Any] | None, owner: type) -> Any:
        if snapshot is None:
            return self
        cache = snapshot._cache
        if cache is not None and self.key in cache:
            return cache[self.key]
        found = snapshot._raw.get(self.key)
        inner = None if found is None else self.kind(found)
        snapshot._remember(self.key, inner)
        return inner


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


def _refuse_number(key: str, found: Any, low: float, high: float) -> None:
    if isinstance(found, bool) or not isinstance(found, int | float):
        raise TypeError(f"{key} must be a number, got {type(found).__name__}")
    if not low <= found <= high:  # NaN fails this too
        raise ValueError(f"{key} must be from {low} to {high}, got {found!r}")


def _refuse_object(key: str, found: Any) -> None:
    if not isinstance(found, dict):
        raise TypeError(f"{key} must be a JSON object, got {type(found).__name__}")


def _refuse_time(key: str, found: Any, required: bool, unix: bool = False) -> None:
    """Refuse a time that must be readable, unless it is absent and allowed to be."""
    if found is _MISSING:
        if required:
            raise KeyError(key)
        return
    if unix and _is_number(found):
        _unix_time(found)
        return
    if not isinstance(found, str):
        expected = "an ISO 8601 time or unix seconds" if unix else "an ISO 8601 time"
        raise TypeError(f"{key} must be {expected}, got {type(found).__name__}")
    _parse_time(found)


def _refuse_nested(key: str, found: Any, kind: type[Snapshot[Any]], required: bool) -> None:
    """Refuse a nested object its snapshot class would refuse; absent or null is allowed
    unless it is required."""
    if found is _MISSING or found is None:
        if required:
            raise KeyError(key) if found is _MISSING else TypeError(f"{key} must not be null")
        return
    _refuse_object(key, found)
    kind(found)


def _compile(
    cls: type[Snapshot[Any]], fields: Iterable[Field[Any]], extra: tuple[str, ...]
) -> tuple[Callable[..., None], Callable[..., list[Any]]]:
    """A snapshot class's ``__init__`` and its page reader, their checks as straight-line
    code.

    Generated once per class, as attrs and dataclasses generate theirs: one snapshot is
    built per listed item, and a loop over field descriptors (or one more call) costs
    several times the checks themselves. ``extra`` names arguments after ``data`` that are
    kept as attributes of the same name. A time is parsed here only to be checked (it is
    parsed again, and cached, when read): keeping it would cost a dict per snapshot.

    The page reader, ``read_page(items, *extra)``, builds the snapshots of a whole list page
    in one loop, running the same checks inline rather than a call of ``__init__`` per item
    (which costs more than the checks). An item that is not a dict, or any check that
    raises, sends the whole page back through ``__init__`` item by item: the snapshots, or
    the error, are then exactly those of ``__init__``.
    """
    scope: dict[str, Any] = {
        "_MISSING": _MISSING,
        "_parse_time": _parse_time,
        "_refuse_nested": _refuse_nested,
        "_refuse_number": _refuse_number,
        "_refuse_object": _refuse_object,
        "_refuse_text": _refuse_text,
        "_refuse_time": _refuse_time,
    }
    checks: list[str] = []
    for field in fields:
        key = repr(field.key)  # a JSON key, quoted as a Python literal
        if isinstance(field, _Text) and field.required:
            checks += [
                f"if type(raw.get({key})) is not str:",
                f"    _refuse_text({key}, raw.get({key}, _MISSING))",
            ]
        elif isinstance(field, _Timestamp) and field.checked:
            refused = "else:" if not field.nullable else "elif found is not None:"
            checks += [
                f"found = raw.get({key}, _MISSING)",
                "if type(found) is str:",
                "    _parse_time(found)",
                f"{refused}",
                f"    _refuse_time({key}, found, {field.required!r}, {field.unix!r})",
            ]
        elif isinstance(field, _Nested):
            scope[f"_kind_{field.name}"] = field.kind
            checks += [
                f"_refuse_nested({key}, raw.get({key}, _MISSING), _kind_{field.name},"
                f" {field.required!r})",
            ]
        elif isinstance(field, _Mapping):
            absent_ok = "found is not None" if field.nullable else f"{key} in raw"
            checks += [
                f"found = raw.get({key})",
                f"if type(found) is not dict and ({absent_ok}):",
                f"    _refuse_object({key}, found)",
            ]
        elif isinstance(field, _Value) and (field.minimum, field.maximum) != (None, None):
            low = float("-inf") if field.minimum is None else field.minimum
            high = float("inf") if field.maximum is None else field.maximum
            bounds = f"_low_{field.name}, _high_{field.name}"
            scope[f"_low_{field.name}"], scope[f"_high_{field.name}"] = low, high
            # Only the bounds given, as given: an int compared with an int is the fast case.
            within = ["type(found) is int"]
            if field.minimum is not None:
                within.append(f"_low_{field.name} <= found")
            if field.maximum is not None:
                within.append(f"found <= _high_{field.name}")
            checks += [
                f"found = raw.get({key})",
                f"if found is not None and not ({' and '.join(within)}):",
                f"    _refuse_number({key}, found, {bounds})",
            ]
    arguments = "".join(", " + name for name in extra)
    keep = ["self._raw = raw", "self._cache = cache"]
    keep += [f"self.{name} = {name}" for name in extra]
    init_lines = [
        f"def __init__(self, data{arguments}):",
        "    if type(data) is dict:",
        "        raw = data",
        "        cache = None",
        "    else:",
        "        raw, cache = self._adopt(data)",
        *("    " + line for line in checks + keep),
    ]
    page_lines = [
        f"def read_page(items{arguments}):",
        "    snapshots = []",
        "    append = snapshots.append",
        "    cache = None",
        "    try:",
        "        for raw in items:",
        "            if type(raw) is not dict:",
        "                break",
        *("            " + line for line in checks),
        "            self = _new(_cls)",
        *("            " + line for line in keep),
        "            append(self)",
        "        else:",
        "            return snapshots",
        "    except Exception:",
        "        pass",
        f"    return [_cls(raw{arguments}) for raw in items]",
    ]
    scope |= {"_cls": cls, "_new": object.__new__}
    source = "\n".join(init_lines + page_lines)
    exec(compile(source, f"<snapshot code of {cls.__qualname__}>", "exec"), scope)
    return scope["__init__"], scope["read_page"]


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
    kind: type[T],
    *,
    key: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
) -> Field[T | None]:
    """An optional scalar of type ``kind`` (numbers, booleans), read as sent; None when
    absent or null. With ``minimum`` or ``maximum`` it must be a number (not a boolean)
    within them, checked when the snapshot is built; otherwise it is not checked."""
    del kind  # the reading type: for type checkers and readers only
    return _Value(key, minimum, maximum)


@overload
def timestamp(
    *, key: str | None = None, required: Literal[True], unix: bool = False
) -> Field[datetime.datetime]: ...
@overload
def timestamp(
    *, key: str | None = None, nullable: bool = True, checked: bool = False, unix: bool = False
) -> Field[datetime.datetime | None]: ...
def timestamp(
    *,
    key: str | None = None,
    required: bool = False,
    nullable: bool = True,
    checked: bool = False,
    unix: bool = False,
) -> Field[Any]:
    """A time, read as a :class:`datetime.datetime`: ISO 8601 text, and with ``unix=True``
    also unix seconds (an integer or a float, read as UTC), for APIs that send those (their
    generated models hold the number). Without it a number is refused, as a generated
    model reading ``format: date-time`` would refuse it.

    ``nullable=False``: a value that is present must be a time (null included), so it is
    parsed when the snapshot is built; a nullable one on first read, and one that is
    unreadable then reads as None. ``checked=True``: null (or absent) reads as None, but
    any other value must be a time, checked when the snapshot is built."""
    return _Timestamp(key, required, nullable and not required, checked, unix)


@overload
def nested(kind: type[N], *, key: str | None = None, required: Literal[True]) -> Field[N]: ...
@overload
def nested(kind: type[N], *, key: str | None = None) -> Field[N | None]: ...
def nested(kind: type[N], *, key: str | None = None, required: bool = False) -> Field[Any]:
    """A JSON object read as a :class:`Snapshot` of class ``kind`` (which declares its own
    fields), such as a batch's ``request_counts``. Checked with ``kind``'s checks when the
    outer snapshot is built; absent or null reads as None unless ``required``."""
    if not (isinstance(kind, type) and issubclass(kind, Snapshot)) or kind._init_extra:
        raise TypeError(f"nested() takes a Snapshot class built from data alone, got {kind!r}")
    return _Nested(key, kind, required)


def mapping(*, key: str | None = None, nullable: bool = True) -> Field[dict[str, Any] | None]:
    """A free-form JSON object, read as a plain dict (a fresh shallow copy per read)."""
    return _Mapping(key, nullable)


class Snapshot(Generic[M]):
    """What the server said about one thing, read-only and typed.

    Subclasses declare their fields with ``awaitops.fields`` (:func:`text`, :func:`value`,
    :func:`timestamp`, :func:`mapping`, :func:`nested`) and may name the generated model in
    the class statement::

        class Job(Snapshot[JobModel], model=JobModel, repr_fields=("id", "state")):
            id = fields.text(required=True)
            state = fields.text()
            started_at = fields.timestamp()

    The repr shows the declared fields, or those named in ``repr_fields`` (a subclass keeps
    its base's choice unless it makes its own); leave out any a server may fill with a
    secret.

    ``Job(raw)`` checks ``raw`` (the decoded JSON object) and raises ``KeyError``,
    ``TypeError`` or ``ValueError`` if a declared field could not be read; ``Job(model)``
    wraps a generated model instance. Two snapshots of one class are equal when the server
    said the same thing; snapshots are not hashable.
    """

    __slots__ = ("_cache", "_raw")
    _raw: dict[str, Any]  # the JSON object as the server sent it
    _cache: dict[str, Any] | None  # what was converted on first read ("": the model)
    _model_type: ClassVar[Any] = None
    _repr_fields: ClassVar[tuple[str, ...]] = ()
    # Whether _repr_fields were chosen (by repr_fields= or in a class body), not defaulted.
    _repr_chosen: ClassVar[bool] = False
    # Arguments of __init__ after ``data``, kept as attributes of the same name.
    _init_extra: ClassVar[tuple[str, ...]] = ()
    # ``read_page(items, *extra)``: the snapshots of a list page's items, as ``__init__``
    # would build them one by one (None: build them one by one).
    _read_page: ClassVar[Callable[..., list[Any]] | None] = None

    def __init_subclass__(
        cls, model: Any = None, repr_fields: Iterable[str] | None = None, **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if model is not None:
            cls._model_type = model
        fields = {
            name: member
            for klass in reversed(cls.__mro__)
            for name, member in vars(klass).items()
            if isinstance(member, Field)
        }
        if repr_fields is not None:
            if isinstance(repr_fields, str):
                raise TypeError("repr_fields is a sequence of names, not a string")
            cls._repr_fields = tuple(repr_fields)
            cls._repr_chosen = True
        elif "_repr_fields" in vars(cls):
            cls._repr_chosen = True
        elif not cls._repr_chosen:
            cls._repr_fields = tuple(fields)
        missing = [name for name in cls._repr_fields if not hasattr(cls, name)]
        if missing:
            raise TypeError(f"{cls.__qualname__}: repr_fields names no attribute {missing}")
        if "__init__" in vars(cls) or cls.__new__ is not object.__new__:
            # A base such as OperationSnapshot (its subclasses get theirs), or a class
            # building its own: a page is read through it item by item.
            cls._read_page = None
            return
        init, cls._read_page = _compile(cls, fields.values(), cls._init_extra)
        cls.__init__ = init  # type: ignore[method-assign]

    def __init__(self, data: Mapping[str, Any] | M) -> None:
        # Each subclass gets its own, generated from its fields with their checks.
        self._raw, self._cache = (data, None) if type(data) is dict else self._adopt(data)

    def _adopt(self, data: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The JSON object of a mapping or of a generated model instance, and the cache to
        start with (holding that model)."""
        if isinstance(data, Mapping):
            return dict(data), None
        if isinstance(data, self._model_type or ()):
            return data.to_dict(), {"": data}
        raise TypeError(f"expected a JSON object, got {type(data).__name__}")

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
        # The server's text may echo a credential; errors quote snapshots through repr.
        text: str = redact(f"{type(self).__name__}({shown})")
        return text

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return bool(self._raw == other._raw)

    __hash__ = None  # type: ignore[assignment]  # equal snapshots, mutable contents: unhashable


class OperationSnapshot(Snapshot[M], OperationHandle[H]):
    """A snapshot of one operation that can follow itself: ``refresh``, ``watch``, ``wait``.

    ``class Operation(OperationSnapshot[OperationModel, "Operation"], model=OperationModel)``
    declares fields as any snapshot does, plus ``done`` and ``failed``; ``source`` is the
    vendor's operations resource the snapshot came from.
    """

    __slots__ = ("source",)
    _init_extra = ("source",)
    source: OperationSource[H]

    def __init__(self, data: Mapping[str, Any] | M, source: OperationSource[H]) -> None:
        # Each subclass gets its own, generated from its fields with their checks.
        self._raw, self._cache = (data, None) if type(data) is dict else self._adopt(data)
        self.source = source
