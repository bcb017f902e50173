"""UniFFI's records as real dataclasses, made on first use from the generated classes.

The generated record classes are decorated with ``@dataclass`` but declare their fields only as
``__init__`` parameters, so the decorator finds none: ``repr(user)`` is ``User()``,
``dataclasses.asdict`` is empty and ``==`` with another type raises. Each one becomes a dataclass
built from the generated ``__init__``'s own parameters (names, annotations, order and the
defaults its body assigns); the class object stays the same, so ``cleverkit.User``, the
generated module's ``User`` (which UniFFI's converters call when they lift a record, and whose
attributes they read when they lower one) and ``isinstance`` all agree.

The generated module's own ``@dataclass`` decorations (about 0.2 ms per record at import, and
useless: they find no field) are skipped: while it is imported, ``deferred_dataclass`` gives it
a ``dataclasses`` module whose ``dataclass`` only notes the class when the generated module
calls it (and is the real one for anyone else).

The dataclass is made per record on its first use, not at import: ``install`` only puts a few
placeholders on each class (``__init__``, ``__dataclass_fields__``, ``__dataclass_params__``,
``__setstate__``); the first of them touched (building or lifting a record, ``fields()``,
``inspect.signature``, unpickling) makes the dataclass with ``dataclasses.make_dataclass`` and
copies its methods onto the class. A program pays for the records it uses, whatever the size of
the API.

Records the API returns are frozen, their lists held as tuples, so they are hashable; the
records a caller builds as input (``ClientOptions``, ``RequestToSign``, ``NewApplication``,
``ApplicationUpdate``) stay mutable, and a list default is a fresh list for each record.
``ClientOptions`` takes ``os.PathLike`` paths and numbers of seconds for its durations.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from ._described import INPUT_RECORDS

__all__ = ["deferred_dataclass", "install", "materialize"]

# Records a caller builds and may change field by field: those of the API's description, and
# the FFI's own.
MUTABLE = INPUT_RECORDS | {"ClientOptions", "RequestToSign"}

# What a placeholder stands for until its record is made.
_PLACEHOLDERS = ("__dataclass_fields__", "__dataclass_params__", "__setstate__", "__init__")
# What the generated class has that the dataclass replaces or drops.
_GENERATED = ("__repr__", "__eq__", "__hash__", "__str__", "__match_args__")
# What the made dataclass brings, copied onto the generated class (`__init__` last: until then
# the placeholder makes a concurrent construction wait for the lock).
_MADE = (
    "__dataclass_fields__",
    "__dataclass_params__",
    "__annotations__",
    "__match_args__",
    "__post_init__",
    "__setattr__",
    "__delattr__",
    "__repr__",
    "__eq__",
    "__hash__",
    "__init__",
)

_lock = threading.RLock()
# The classes the generated module decorated with `@dataclass` (its records).
_decorated: list[type] = []


class _DeferredDataclasses(ModuleType):
    """``dataclasses`` while the generated module is imported: ``dataclass`` notes the
    generated module's records; anything else is the real module's."""

    def __init__(self, generated_name: str) -> None:
        super().__init__("dataclasses")
        real = dataclasses.dataclass

        def dataclass(cls: Any = None, /, **options: Any) -> Any:
            if sys._getframe(1).f_globals.get("__name__") != generated_name:
                return real(cls, **options)  # another module (another thread meanwhile)
            if cls is None:
                return lambda decorated: dataclass(decorated)
            _decorated.append(cls)
            return cls

        self.dataclass = dataclass

    def __getattr__(self, name: str) -> Any:
        return getattr(dataclasses, name)


@contextmanager
def deferred_dataclass(generated_name: str) -> Iterator[None]:
    """While the generated module ``generated_name`` is imported, its ``from dataclasses
    import dataclass`` gets a decorator that only notes its records (``install`` makes them
    dataclasses, on first use). A thread importing ``dataclasses`` meanwhile gets a module that
    behaves as the real one."""
    placeholder = _DeferredDataclasses(generated_name)
    sys.modules["dataclasses"] = placeholder
    try:
        yield
    finally:
        if sys.modules.get("dataclasses") is placeholder:
            sys.modules["dataclasses"] = dataclasses
# Generated class -> (its generated __init__, the error class for `InvalidInput`).
_pending: dict[type, tuple[Callable[..., None], Any]] = {}


class _HttpResponseMethods:
    """What Python users expect of a response, on top of ``status``, ``headers`` and ``body``."""

    headers: tuple[Any, ...]
    body: bytes

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (the API's charset)."""
        return self.body.decode("utf-8")

    def json(self) -> Any:
        """The body parsed as JSON (``json.JSONDecodeError`` when it is not)."""
        import json  # not at import: a script that never parses JSON does not pay for it

        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        """The first value of the header ``name``, compared case-insensitively; None if absent."""
        wanted = name.lower()
        return next((item.value for item in self.headers if item.name.lower() == wanted), None)


class _Placeholder:
    """Stands for one attribute of a record class until its dataclass is made."""

    __slots__ = ("_name", "_owner")

    def __init__(self, owner: type, name: str) -> None:
        self._owner = owner
        self._name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        materialize(self._owner)
        return getattr(self._owner if instance is None else instance, self._name)


def _tuples_for(names: tuple[str, ...]) -> Callable[[Any], None]:
    """A ``__post_init__``: a frozen record holds its lists (the fields ``names``) as tuples, so
    it cannot change, and it hashes. Only the list fields are visited: every typed call lifts
    records, and most have none."""

    def tuples_for_lists(self: Any) -> None:
        for name in names:
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))

    return tuples_for_lists


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _options_setattr(durations: frozenset[str], invalid_input: Any) -> Callable[..., None]:
    """``ClientOptions``' ``__setattr__``: ``*_path`` fields take ``os.PathLike`` (kept as
    ``str``), duration fields a number of seconds (kept as ``timedelta``); a value of another
    type, or a negative or infinite duration, is refused here rather than when a client is
    built from the options."""

    def setattr_options(self: Any, name: str, value: Any) -> None:
        if name.endswith("_path") and isinstance(value, os.PathLike):
            value = os.fspath(value)
        elif name in durations and value is not None:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                if not math.isfinite(value) or value < 0:
                    raise invalid_input(
                        f"ClientOptions.{name} must be a finite, non-negative number of seconds"
                        f" or a datetime.timedelta, not {value!r}"
                    )
                value = datetime.timedelta(seconds=value)
            elif not isinstance(value, datetime.timedelta):
                raise TypeError(
                    f"ClientOptions.{name} must be a datetime.timedelta or a number of seconds,"
                    f" not {type(value).__name__}"
                )
            elif value < datetime.timedelta(0):
                raise invalid_input(f"ClientOptions.{name} must not be negative, not {value!r}")
        object.__setattr__(self, name, value)

    return setattr_options


def _default(value: Any) -> Any:
    """A field's default: a list (``NewApplication.environment``'s ``[]``) is a fresh copy for
    each record, as ``dataclasses`` requires of a mutable default."""
    if isinstance(value, list):
        return dataclasses.field(default_factory=value.copy)
    return dataclasses.field(default=value)


def _made(generated: type, generated_init: Callable[..., None], invalid_input: Any) -> type:
    """The dataclass of the generated record class (a new class, whose methods are copied)."""
    import inspect  # imported by dataclasses already: no cost

    parameters = [
        parameter
        for parameter in inspect.signature(generated_init).parameters.values()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    # The defaults are what the generated __init__ assigns for its `_DEFAULT` sentinel.
    blank: Any = object.__new__(generated)
    generated_init(
        blank, **{p.name: None for p in parameters if p.default is inspect.Parameter.empty}
    )
    fields = [
        (p.name, p.annotation)
        if p.default is inspect.Parameter.empty
        else (p.name, p.annotation, _default(vars(blank)[p.name]))
        for p in parameters
    ]
    name = generated.__name__
    mutable = name in MUTABLE
    namespace: dict[str, Any] = {"__doc__": generated.__doc__, "__module__": generated.__module__}
    if name == "ClientOptions":
        durations = frozenset(p.name for p in parameters if "Duration" in str(p.annotation))
        namespace["__setattr__"] = _options_setattr(durations, invalid_input)
    elif not mutable:
        lists = tuple(p.name for p in parameters if "List[" in str(p.annotation))
        if lists:
            namespace["__post_init__"] = _tuples_for(lists)
    made = dataclasses.make_dataclass(
        name, fields, namespace=namespace, frozen=not mutable, kw_only=True
    )
    if not mutable:
        # Not the made ones: they compare `type(self)` with the made class.
        made.__setattr__ = _frozen_setattr  # type: ignore[method-assign, assignment]
        made.__delattr__ = _frozen_delattr  # type: ignore[method-assign, assignment]
    return made


def materialize(generated: type) -> None:
    """Makes the record class ``generated`` a dataclass now, if it is not one yet."""
    with _lock:
        entry = _pending.pop(generated, None)
        if entry is None:
            return
        generated_init, invalid_input = entry
        try:
            made = _made(generated, generated_init, invalid_input)
        except BaseException:
            _pending[generated] = entry
            raise
        own = vars(made)
        for attribute in _MADE:
            if attribute in own:
                setattr(generated, attribute, own[attribute])
        for field in dataclasses.fields(made):  # the defaults, as a dataclass has them
            if field.name in own:
                setattr(generated, field.name, own[field.name])
        for attribute in (*_GENERATED, *_PLACEHOLDERS):
            if attribute not in own and attribute in vars(generated):
                delattr(generated, attribute)


def install(module: ModuleType) -> None:
    """Puts placeholders on every record class of the generated ``module``: each becomes a
    dataclass on its first use."""
    invalid_input = module.CleverError.InvalidInput
    records = {id(record) for record in _decorated}
    for name in module.__all__:
        generated = getattr(module, name)
        if isinstance(generated, type) and (
            id(generated) in records or "__dataclass_fields__" in vars(generated)
        ):
            _pending[generated] = (vars(generated)["__init__"], invalid_input)
            for attribute in _PLACEHOLDERS:
                setattr(generated, attribute, _Placeholder(generated, attribute))
            if name == "HttpResponse":
                for attribute in ("text", "json", "header"):
                    setattr(generated, attribute, vars(_HttpResponseMethods)[attribute])
