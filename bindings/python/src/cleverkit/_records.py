"""UniFFI's records as real dataclasses, made at import time from the generated classes.

The generated record classes are decorated with ``@dataclass`` but declare their fields only as
``__init__`` parameters, so the decorator finds none: ``repr(user)`` is ``User()``,
``dataclasses.asdict`` is empty and ``==`` with another type raises. ``install`` rebuilds each
one with ``dataclasses.make_dataclass`` from the generated ``__init__``'s own parameters (names,
annotations, order and the defaults its body assigns) and rebinds the module's name, so
UniFFI's converters, which look the class up by name when they lift a record, build the
dataclass, and lower it by reading its attributes as before.

Records the API returns are frozen, their lists held as tuples, so they are hashable; the
records a caller builds as input (``ClientOptions``, ``RequestToSign``, ``NewApplication``,
``ApplicationUpdate``) stay mutable, and a list default is a fresh list for each record.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
from types import ModuleType
from typing import Any

from ._described import INPUT_RECORDS

__all__ = ["install"]

# Records a caller builds and may change field by field: those of the API's description, and
# the FFI's own.
MUTABLE = INPUT_RECORDS | {"ClientOptions", "RequestToSign"}


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
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        """The first value of the header ``name``, compared case-insensitively; None if absent."""
        wanted = name.lower()
        return next((item.value for item in self.headers if item.name.lower() == wanted), None)


def _tuples_for(names: tuple[str, ...]) -> Any:
    """A ``__post_init__``: a frozen record holds its lists (the fields ``names``) as tuples, so
    it cannot change, and it hashes. Only the list fields are visited: every typed call lifts
    records, and most have none."""

    def tuples_for_lists(self: Any) -> None:
        for name in names:
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))

    return tuples_for_lists


def _fspath_for_paths(self: Any) -> None:
    """``ClientOptions``' ``*_path`` fields take ``os.PathLike`` too; they cross as ``str``."""
    for field in dataclasses.fields(self):
        value = getattr(self, field.name)
        if field.name.endswith("_path") and isinstance(value, os.PathLike):
            setattr(self, field.name, os.fspath(value))


def _default(value: Any) -> Any:
    """A field's default: a list (``NewApplication.environment``'s ``[]``) is a fresh copy for
    each record, as ``dataclasses`` requires of a mutable default."""
    if isinstance(value, list):
        return dataclasses.field(default_factory=value.copy)
    return dataclasses.field(default=value)


def _as_dataclass(generated: Any) -> type:
    parameters = [
        parameter
        for parameter in inspect.signature(generated.__init__).parameters.values()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    # The defaults are what the generated __init__ assigns for its `_DEFAULT` sentinel.
    blank = object.__new__(generated)
    generated.__init__(
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
        namespace["__post_init__"] = _fspath_for_paths
    elif not mutable:
        lists = tuple(p.name for p in parameters if "List[" in str(p.annotation))
        if lists:
            namespace["__post_init__"] = _tuples_for(lists)
    bases = (_HttpResponseMethods,) if name == "HttpResponse" else ()
    return dataclasses.make_dataclass(
        name, fields, bases=bases, namespace=namespace, frozen=not mutable, kw_only=True
    )


def install(module: ModuleType) -> None:
    """Replaces every record class of the generated ``module`` with its dataclass."""
    for name in module.__all__:
        generated = getattr(module, name)
        if inspect.isclass(generated) and dataclasses.is_dataclass(generated):
            setattr(module, name, _as_dataclass(generated))
