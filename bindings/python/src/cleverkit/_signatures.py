"""Real defaults and types in the generated callables' signatures, for ``help()`` and
``inspect``.

UniFFI gives every defaulted parameter the sentinel ``_DEFAULT`` (shown as
``<object object at 0x…>``) and the annotation ``typing.Union[object, T]``, then assigns the real
default in the body (``if token is _DEFAULT: token = None``). ``install`` gives each such
callable a ``__signature__`` with the default its body assigns and the type ``T``; the code that
runs is unchanged.

Nothing is computed at import: the ``__signature__`` is a placeholder that works the real one
out when something first reads it (``help()``, ``inspect.signature``). The default is read from
the function's bytecode (``dis``), not from its source, so an install without ``.py`` files
(``compileall -b``, PyInstaller) shows the same signatures. A default the reader does not
understand keeps UniFFI's sentinel rather than raising; ``tests/test_sourceless.py`` compares
every default with the generated source, so a UniFFI upgrade that changes the pattern fails
there.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from types import FunctionType, ModuleType
from typing import Any

__all__ = ["defaults_assigned", "install"]

# Instructions that only steer (jumps, caches, 3.14's branch markers), skipped.
_STEERING = frozenset({"CACHE", "EXTENDED_ARG", "NOP", "NOT_TAKEN", "PUSH_NULL", "RESUME"})


class _Unknown(Exception):
    """An instruction the default reader does not evaluate."""


def _evaluate(instructions: list[Any], module: dict[str, Any]) -> Any:
    """The value that ``instructions`` (the right-hand side of ``x = …``) build."""
    stack: list[Any] = []
    for instruction in instructions:
        name, value = instruction.opname, instruction.argval
        if name in _STEERING or "JUMP" in name:
            continue
        if name in ("LOAD_CONST", "LOAD_SMALL_INT"):
            stack.append(value)
        elif name == "LOAD_GLOBAL":
            stack.append(module[value])
        elif name == "LOAD_ATTR":
            stack.append(getattr(stack.pop(), value))
        elif name in ("BUILD_LIST", "BUILD_TUPLE"):
            items = stack[len(stack) - value :]
            del stack[len(stack) - value :]
            stack.append(list(items) if name == "BUILD_LIST" else tuple(items))
        elif name == "BUILD_MAP" and value == 0:
            stack.append({})
        elif name == "LIST_EXTEND":
            extension = stack.pop()
            stack[-value].extend(extension)
        elif name == "UNARY_NEGATIVE":
            stack.append(-stack.pop())
        else:
            raise _Unknown(name)
    if len(stack) != 1:
        raise _Unknown("stack")
    return stack[0]


def defaults_assigned(function: FunctionType) -> dict[str, Any]:
    """The defaults the generated ``function`` assigns to its parameters given as ``_DEFAULT``
    (``if name is _DEFAULT: name = value``), read from its bytecode; a parameter whose default
    cannot be read is left out."""
    import dis  # only when a signature is read

    instructions = [i for i in dis.get_instructions(function) if i.opname != "CACHE"]
    found: dict[str, Any] = {}
    for index, instruction in enumerate(instructions):
        if not (
            instruction.opname == "LOAD_GLOBAL"
            and instruction.argval == "_DEFAULT"
            and index > 0
            and instructions[index - 1].opname.startswith("LOAD_FAST")
            and index + 1 < len(instructions)
            and instructions[index + 1].opname == "IS_OP"
        ):
            continue
        parameter = instructions[index - 1].argval
        for end in range(index + 2, len(instructions)):
            store = instructions[end]
            if store.opname.startswith("STORE_FAST"):
                stored = store.argval if isinstance(store.argval, str) else store.argval[0]
                if stored == parameter:
                    try:
                        found[parameter] = _evaluate(
                            instructions[index + 2 : end], function.__globals__
                        )
                    except (_Unknown, LookupError, AttributeError):
                        pass
                break
    return found


def _unwidened(annotation: Any) -> Any:
    if isinstance(annotation, str) and annotation.startswith("typing.Union[object, "):
        return annotation.removeprefix("typing.Union[object, ")[:-1]
    return annotation


def _real_signature(function: FunctionType, sentinel: object) -> inspect.Signature:
    # A copy without the placeholder, for the generated signature itself.
    bare = FunctionType(
        function.__code__,
        function.__globals__,
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    bare.__kwdefaults__ = function.__kwdefaults__
    bare.__annotations__ = function.__annotations__
    signature = inspect.signature(bare)
    assigned = defaults_assigned(function)
    parameters = []
    for parameter in signature.parameters.values():
        if parameter.default is sentinel and parameter.name in assigned:
            parameter = parameter.replace(
                default=assigned[parameter.name], annotation=_unwidened(parameter.annotation)
            )
        parameters.append(parameter)
    return signature.replace(parameters=parameters)


class _DeferredSignature(inspect.Signature):
    """A ``__signature__`` worked out on first use (``Signature`` keeps its two fields in
    slots: while they are unset, ``__getattr__`` is asked for them)."""

    __slots__ = ("_function", "_sentinel")

    _function: Any  # a FunctionType (so annotated, mypy would take it for a method)
    _sentinel: object

    @classmethod
    def of(cls, function: FunctionType, sentinel: object) -> _DeferredSignature:
        deferred = cls.__new__(cls)
        deferred._function = function
        deferred._sentinel = sentinel
        return deferred

    def __getattr__(self, name: str) -> Any:
        if name not in ("_parameters", "_return_annotation"):
            raise AttributeError(name)
        real = _real_signature(self._function, self._sentinel)
        self._parameters = real.parameters
        self._return_annotation = real.return_annotation
        return getattr(self, name)


def _callables(module: ModuleType) -> Iterator[FunctionType]:
    for name in module.__all__:
        value = getattr(module, name)
        if type(value) is FunctionType:
            yield value
        elif isinstance(value, type) and not getattr(value, "_is_protocol", False):
            # A protocol's methods only raise: their bodies assign no default.
            for member in vars(value).values():
                function: Any = getattr(member, "__func__", member)  # classmethods
                if type(function) is FunctionType:
                    yield function


def install(module: ModuleType) -> None:
    """Gives each generated callable of ``module`` with sentinel defaults a deferred real
    signature."""
    sentinel = getattr(module, "_DEFAULT")
    for function in _callables(module):
        given = (*(function.__defaults__ or ()), *(function.__kwdefaults__ or {}).values())
        if any(default is sentinel for default in given):
            function.__signature__ = _DeferredSignature.of(  # type: ignore[attr-defined]
                function, sentinel
            )
