"""Real defaults and types in the generated callables' signatures, for ``help()`` and
``inspect``.

UniFFI gives every defaulted parameter the sentinel ``_DEFAULT`` (shown as
``<object object at 0x…>``) and the annotation ``typing.Union[object, T]``, then assigns the real
default in the body (``if token is _DEFAULT: token = None``). ``install`` sets each such
callable's ``__signature__`` to the default its body assigns and the type ``T``; the code that
runs is unchanged.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from types import FunctionType, ModuleType
from typing import Any

__all__ = ["install"]

_ASSIGNED = re.compile(r"if (\w+) is _DEFAULT:\s+\1 = (.+)")
_WIDENED = re.compile(r"^typing\.Union\[object, (.+)\]$")


def _real_signature(function: FunctionType, sentinel: object) -> inspect.Signature:
    signature = inspect.signature(function)
    assigned = dict(_ASSIGNED.findall(inspect.getsource(function)))
    parameters = []
    for parameter in signature.parameters.values():
        if parameter.default is sentinel:
            parameter = parameter.replace(
                default=ast.literal_eval(assigned[parameter.name]),
                annotation=_WIDENED.sub(r"\1", parameter.annotation),
            )
        parameters.append(parameter)
    return signature.replace(parameters=parameters)


def _callables(module: ModuleType) -> Iterator[FunctionType]:
    for name in module.__all__:
        value = getattr(module, name)
        if inspect.isfunction(value):
            yield value
        elif inspect.isclass(value) and not getattr(value, "_is_protocol", False):
            # A protocol's methods only raise: their bodies assign no default.
            for member in vars(value).values():
                function: Any = getattr(member, "__func__", member)  # classmethods
                if inspect.isfunction(function):
                    yield function


def install(module: ModuleType) -> None:
    """Gives each generated callable of ``module`` with sentinel defaults its real signature."""
    sentinel = getattr(module, "_DEFAULT")
    for function in _callables(module):
        if any(p.default is sentinel for p in inspect.signature(function).parameters.values()):
            signature = _real_signature(function, sentinel)
            function.__signature__ = signature  # type: ignore[attr-defined]
