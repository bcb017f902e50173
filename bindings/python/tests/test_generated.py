"""What the hand-written modules assume of UniFFI's generated code, checked against the
installed generated module (its source is there at test time; the package does not read it at
run time), and what they cost at import.

- ``_async.py`` replaces the generated ``_uniffi_rust_call_async``: its text is ``GENERATED``.
- ``_signatures.py`` reads the defaults from the bytecode: they are the source's, for every
  generated callable.
- ``bindings/ffi/src/python_wake.rs`` calls UniFFI's future-poll functions itself (its build
  checks the Rust side): the generated module's ctypes declarations are the ABI it assumes, and
  ``_async.py`` declares ``python_wake.rs``'s functions with the Rust types they have.
- ``import cleverkit`` loads no ``asyncio`` and makes no record.
"""

from __future__ import annotations

import ast
import ctypes
import json
import re
import subprocess
import sys
from pathlib import Path
from types import FunctionType, ModuleType, SimpleNamespace
from typing import Any

import pytest
from support import REPOSITORY, StandIn

import cleverkit
from cleverkit import _async, _signatures
from cleverkit.cleverkit import cleverkit_ffi

GENERATED_SOURCE = Path(cleverkit_ffi.__file__).read_text(encoding="utf-8")
PYTHON_WAKE = REPOSITORY / "bindings" / "ffi" / "src" / "python_wake.rs"


def test_the_generated_awaiting_loop_is_the_one_async_py_replaces() -> None:
    """A UniFFI upgrade that changes the generated loop fails here: read the new template, then
    adapt cleverkit/_async.py (and GENERATED)."""
    assert _async.GENERATED in GENERATED_SOURCE


def module_with(text: str) -> ModuleType:
    module = ModuleType("changed_ffi")
    # What the generated module defines before that text, as far as running it needs.
    vars(module).update(
        _UNIFFI_RUST_FUTURE_CONTINUATION_CALLBACK=lambda function: function,
        _uniffi_get_event_loop=None,
    )
    exec(compile(text, "changed_ffi.py", "exec"), vars(module))
    return module


def test_install_accepts_the_generated_loop_without_its_source() -> None:
    _async.check_generated(module_with(_async.GENERATED))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("lift_func", "lift_function"),  # a parameter renamed
        ("error_ffi_converter)", "error_ffi_converter, extra)"),  # one more
        ("_UNIFFI_RUST_FUTURE_POLL_READY:", "0:"),  # a name no longer used
        ("ffi_poll, ffi_complete", "ffi_complete, ffi_poll"),  # reordered
    ],
)
def test_install_refuses_a_generated_loop_it_does_not_know(old: str, new: str) -> None:
    """What the code object shows is checked at import, with or without the source."""
    assert old in _async.GENERATED
    with pytest.raises(ImportError, match="_uniffi_rust_call_async"):
        _async.check_generated(module_with(_async.GENERATED.replace(old, new)))


ASSIGNED = re.compile(r"if (\w+) is _DEFAULT:\s+\1 = (.+)")


def generated_callables() -> list[tuple[str, FunctionType]]:
    found = []
    for name in cleverkit_ffi.__all__:
        value = getattr(cleverkit_ffi, name)
        members = {name: value} if isinstance(value, FunctionType) else {}
        if isinstance(value, type) and not getattr(value, "_is_protocol", False):
            # The generated classes (Client's and AsyncClient's are under the subclasses).
            generated = next(c for c in value.__mro__ if c.__module__ == cleverkit_ffi.__name__)
            members = {
                f"{name}.{attribute}": getattr(member, "__func__", member)
                for attribute, member in vars(generated).items()
            }
        for qualified, member in members.items():
            if not isinstance(member, FunctionType):
                continue
            defaults = (*(member.__defaults__ or ()), *(member.__kwdefaults__ or {}).values())
            if any(default is cleverkit_ffi._DEFAULT for default in defaults):
                found.append((qualified, member))
    return found


def test_some_generated_callables_have_sentinel_defaults() -> None:
    assert len(generated_callables()) >= 20


@pytest.mark.parametrize(("name", "function"), generated_callables())
def test_defaults_read_from_the_bytecode_are_the_sources(name: str, function: Any) -> None:
    import inspect

    expected = {
        parameter: ast.literal_eval(value)
        for parameter, value in ASSIGNED.findall(inspect.getsource(function))
    }
    assert expected, name
    assert _signatures.defaults_assigned(function) == expected, name


def test_a_default_the_reader_does_not_know_keeps_the_sentinel() -> None:
    namespace: dict[str, Any] = {"_DEFAULT": object()}
    exec(
        "def f(a=_DEFAULT, b=_DEFAULT, c=_DEFAULT):\n"
        "    if a is _DEFAULT:\n        a = [1, 2]\n"
        "    if b is _DEFAULT:\n        b = -3\n"
        "    if c is _DEFAULT:\n        c = len('xy')\n"
        "    return a, b, c\n",
        namespace,
    )
    assert _signatures.defaults_assigned(namespace["f"]) == {"a": [1, 2], "b": -3}


# The future-poll ABI of bindings/ffi/src/python_wake.rs.

CTYPES_OF_RUST = {"u64": ctypes.c_uint64, "i32": ctypes.c_int32, "i8": ctypes.c_int8}


def poll_abi_differences(lib: Any, callback_type: Any, ready: int, wake: int) -> list[str]:
    """How the generated declarations of UniFFI's poll functions differ from what
    ``python_wake.rs`` assumes (its build checks the same against uniffi's Rust types): the
    handle and the data are ``u64``, the callback takes ``(u64 data, i8 code)`` and returns
    nothing, 0 is ready and 1 wake."""
    differences = []
    polls = [name for name in vars(lib) if re.fullmatch(r"ffi_\w+_rust_future_poll_\w+", name)]
    if len(polls) != 12:
        differences.append(f"{len(polls)} poll functions declared, not 12")
    for name in polls:
        function = getattr(lib, name)
        if tuple(function.argtypes) != (ctypes.c_uint64, callback_type, ctypes.c_uint64):
            differences.append(f"{name} takes {function.argtypes}")
        if function.restype is not None:
            differences.append(f"{name} returns {function.restype}")
    if tuple(callback_type._argtypes_) != (ctypes.c_uint64, ctypes.c_int8):
        differences.append(f"the callback takes {callback_type._argtypes_}")
    if callback_type._restype_ is not None:
        differences.append(f"the callback returns {callback_type._restype_}")
    if (ready, wake) != (0, 1):
        differences.append(f"ready is {ready} and wake {wake}, not 0 and 1")
    return differences


def test_the_generated_poll_abi_is_the_one_python_wake_assumes() -> None:
    assert (
        poll_abi_differences(
            cleverkit_ffi._UniffiLib,
            cleverkit_ffi._UNIFFI_RUST_FUTURE_CONTINUATION_CALLBACK,
            cleverkit_ffi._UNIFFI_RUST_FUTURE_POLL_READY,
            cleverkit_ffi._UNIFFI_RUST_FUTURE_POLL_WAKE,
        )
        == []
    )


def test_a_changed_poll_abi_is_reported() -> None:
    callback = ctypes.CFUNCTYPE(None, ctypes.c_uint64, ctypes.c_int8)
    polls = {}
    for suffix in ("u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64", "rb", "v"):
        polls[f"ffi_x_rust_future_poll_{suffix}"] = SimpleNamespace(
            argtypes=(ctypes.c_uint64, callback, ctypes.c_uint64), restype=None
        )
    lib = SimpleNamespace(**polls)
    assert poll_abi_differences(lib, callback, 0, 1) == []
    # A handle as a pointer, a callback with an i32 code, other poll codes: each is reported.
    lib.ffi_x_rust_future_poll_u8.argtypes = (ctypes.c_void_p, callback, ctypes.c_uint64)
    assert poll_abi_differences(lib, callback, 0, 1) == [
        f"ffi_x_rust_future_poll_u8 takes {lib.ffi_x_rust_future_poll_u8.argtypes}"
    ]
    wider = ctypes.CFUNCTYPE(None, ctypes.c_uint64, ctypes.c_int32)
    assert any("the callback takes" in d for d in poll_abi_differences(lib, wider, 0, 1))
    assert poll_abi_differences(lib, callback, 1, 2)[-1].startswith("ready is 1")


def rust_signatures() -> dict[str, tuple[list[str], str | None]]:
    """The parameter and return types of python_wake.rs's exported functions."""
    text = PYTHON_WAKE.read_text(encoding="utf-8")
    found = {}
    pattern = r'pub (?:unsafe )?extern "C" fn (cleverkit_python_\w+)\(([^)]*)\)(?: -> (\w+))?'
    for name, parameters, returned in re.findall(pattern, text):
        types = [part.split(":")[1].strip() for part in parameters.split(",") if part.strip()]
        found[name] = (types, returned or None)
    return found


def test_async_py_declares_python_wake_with_its_rust_types() -> None:
    signatures = rust_signatures()
    assert set(signatures) == {
        "cleverkit_python_channel_open",
        "cleverkit_python_channel_close",
        "cleverkit_python_channel_take",
        "cleverkit_python_continuation",
        "cleverkit_python_poll",
    }
    lib = cleverkit_ffi._UniffiLib
    assert _async._native(lib)
    pointers = {"Poll": ctypes.c_void_p, "*mut u64": ctypes.POINTER(ctypes.c_uint64)}
    rust_types = {**CTYPES_OF_RUST, **pointers, "usize": ctypes.c_size_t}
    for name, (parameters, returned) in signatures.items():
        if name == "cleverkit_python_continuation":
            continue  # Rust calls it, never Python (its type is checked by the Rust build)
        function = getattr(lib, name)
        assert list(function.argtypes) == [rust_types[t] for t in parameters], name
        assert function.restype == (rust_types[returned] if returned else None), name


# Import cost.


def run_python(code: str, standin: StandIn | None = None) -> Any:
    """The JSON that ``code`` prints, run in a fresh interpreter."""
    arguments = [] if standin is None else [json.dumps(vars(standin))]
    result = subprocess.run(
        [sys.executable, "-c", code, *arguments], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_import_loads_no_asyncio_until_an_async_call(standin: StandIn) -> None:
    code = """
import json, sys
import cleverkit
from cleverkit.cleverkit import cleverkit_ffi
standin = json.loads(sys.argv[1])
seen = {"after import": "asyncio" in sys.modules, "placeholder": type(cleverkit_ffi.asyncio).__name__}
options = cleverkit.ClientOptions(api_host=standin["api"], bridge_host=standin["bridge"])
with cleverkit.Client.with_api_token(standin["api_token"], options) as client:
    seen["sync call"] = client.myself().id
seen["after a sync call"] = "asyncio" in sys.modules
import asyncio

async def main():
    async with cleverkit.AsyncClient.with_api_token(standin["api_token"], options) as client:
        return (await client.myself()).id

seen["async call"] = asyncio.run(main())
seen["generated asyncio"] = cleverkit_ffi.asyncio is asyncio
print(json.dumps(seen))
"""
    assert run_python(code, standin) == {
        "after import": False,
        "placeholder": "_DeferredAsyncio",
        "sync call": standin.user_id,
        "after a sync call": False,
        "async call": standin.user_id,
        "generated asyncio": True,
    }


def test_with_asyncio_loaded_first_the_generated_module_gets_it() -> None:
    code = """
import asyncio, json
import cleverkit
from cleverkit.cleverkit import cleverkit_ffi
print(json.dumps(cleverkit_ffi.asyncio is asyncio))
"""
    assert run_python(code) is True


def test_records_are_made_dataclasses_on_first_use() -> None:
    code = """
import dataclasses, json, pickle, sys
import cleverkit
from cleverkit import _records
pending = sorted(c.__name__ for c in _records._pending)
param = cleverkit.Param(name="a", value="b")
fields = [f.name for f in dataclasses.fields(cleverkit.Zone)]  # the class alone
print(json.dumps({"pending": pending, "param": repr(param), "zone": fields,
                  "still pending": sorted(c.__name__ for c in _records._pending)}))
"""
    seen = run_python(code)
    assert {"User", "Param", "Zone", "ClientOptions", "HttpResponse"} <= set(seen["pending"])
    assert seen["param"] == "Param(name='a', value='b')"
    assert seen["zone"][:2] == ["id", "name"]
    assert set(seen["pending"]) - set(seen["still pending"]) == {"Param", "Zone"}


def test_a_record_unpickled_first_is_a_dataclass() -> None:
    """Unpickling builds a record without ``__init__``: it is made a dataclass all the same."""
    data = cleverkit.Param(name="a", value="b")
    import pickle

    code = f"""
import json, pickle
import cleverkit
param = pickle.loads({pickle.dumps(data)!r})
print(json.dumps([repr(param), param == cleverkit.Param(name="a", value="b"), hash(param) != 0]))
"""
    assert run_python(code) == ["Param(name='a', value='b')", True, True]


def test_the_generated_records_skip_their_dataclass_decoration() -> None:
    """Only the generated module's `@dataclass` is skipped (and noted); anyone importing
    `dataclasses` meanwhile (another thread) gets the real behaviour."""
    import dataclasses

    from cleverkit import _records

    assert sys.modules["dataclasses"] is dataclasses
    namespace: dict[str, Any] = {"__name__": "some.generated.module"}
    with _records.deferred_dataclass("some.generated.module"):
        import dataclasses as during

        @during.dataclass(frozen=True)
        class Point:
            x: int

        @during.dataclass
        class Other:
            y: int = 0

        exec(
            "from dataclasses import dataclass\n"
            "@dataclass\nclass Record:\n    def __init__(self, *, a):\n        self.a = a\n",
            namespace,
        )
    assert sys.modules["dataclasses"] is dataclasses
    assert dataclasses.is_dataclass(Point) and Point(x=1) == Point(x=1)
    assert [field.name for field in dataclasses.fields(Other)] == ["y"]
    record = namespace["Record"]
    try:
        assert not dataclasses.is_dataclass(record)
        assert record in _records._decorated
    finally:
        _records._decorated.remove(record)
    # The installed package's records were all noted, none decorated by the generated module.
    assert {cls.__name__ for cls in _records._decorated} >= {"User", "Param", "ClientOptions"}
