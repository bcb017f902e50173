"""The types: ``__init__.pyi`` says what the installed package has, and mypy --strict checks
against it.

The stub is compared with the runtime, name by name: the module's names, each function's and
method's parameters (names, kinds, defaults and types), each record's fields and whether it is
frozen, each enum's members, each error variant's fields, and whether each callable is a coroutine
function (``async def``). The generated annotations are read in
the stub's spelling (``typing.Optional[str]`` is ``str | None``, ``Timestamp`` is
``datetime.datetime``, a frozen record's ``typing.List[X]`` is ``tuple[X, ...]``). Then mypy
--strict accepts typical code and flags wrongly typed arguments.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleverkit

STUB = Path(cleverkit.__file__).with_name("__init__.pyi")
TREE = ast.parse(STUB.read_text(encoding="utf-8"))
SENTINEL = vars(cleverkit.cleverkit.cleverkit_ffi)["_DEFAULT"]


class _StubSpelling(ast.NodeTransformer):
    def __init__(self, lists_as_tuples: bool) -> None:
        self.lists_as_tuples = lists_as_tuples

    def visit_Name(self, node: ast.Name) -> ast.expr:
        aliases = {"Timestamp": "datetime.datetime", "Duration": "datetime.timedelta"}
        if node.id in aliases:
            return ast.parse(aliases[node.id], mode="eval").body
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        self.generic_visit(node)
        generic = ast.unparse(node.value)
        if generic == "typing.Optional":
            return ast.BinOp(node.slice, ast.BitOr(), ast.Constant(None))
        if generic == "typing.List" and self.lists_as_tuples:
            items = ast.Tuple([node.slice, ast.Constant(...)], ast.Load())
            return ast.Subscript(ast.Name("tuple", ast.Load()), items, ast.Load())
        if generic == "typing.List":
            return ast.Subscript(ast.Name("list", ast.Load()), node.slice, ast.Load())
        return node


def stub_spelling(annotation: Any, lists_as_tuples: bool = False) -> str:
    """A runtime annotation (a string: the modules use postponed annotations) as the stub
    writes it."""
    if annotation is inspect.Parameter.empty:
        return ""
    tree = ast.parse(str(annotation), mode="eval")
    return ast.unparse(_StubSpelling(lists_as_tuples).visit(tree))


def stub_annotation(node: ast.expr | None) -> str:
    return "" if node is None else ast.unparse(node)


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def check_function(
    stub: ast.FunctionDef | ast.AsyncFunctionDef, runtime: Any, typed: bool = True
) -> None:
    where = f"{stub.name} ({runtime!r})"
    assert inspect.iscoroutinefunction(runtime) == isinstance(stub, ast.AsyncFunctionDef), where
    stub_arguments = stub.args
    positional = stub_arguments.posonlyargs + stub_arguments.args
    decorators = {ast.unparse(node) for node in stub.decorator_list}
    if "classmethod" in decorators:
        positional = positional[1:]  # the bound classmethod's signature has no `cls`
    defaults: list[ast.expr | None] = [None] * (
        len(positional) - len(stub_arguments.defaults)
    ) + list(stub_arguments.defaults)
    stub_parameters = [
        (argument, inspect.Parameter.POSITIONAL_OR_KEYWORD, default)
        for argument, default in zip(positional, defaults)
    ] + [
        (argument, inspect.Parameter.KEYWORD_ONLY, default)
        for argument, default in zip(stub_arguments.kwonlyargs, stub_arguments.kw_defaults)
    ]
    signature = inspect.signature(runtime)
    runtime_parameters = list(signature.parameters.values())
    assert [argument.arg for argument, _, _ in stub_parameters] == [
        parameter.name for parameter in runtime_parameters
    ], where
    for (argument, kind, default), parameter in zip(stub_parameters, runtime_parameters):
        assert parameter.kind == kind, f"{where}: {parameter.name}"
        if default is None:
            assert parameter.default is inspect.Parameter.empty, f"{where}: {parameter.name}"
        elif isinstance(default, ast.Constant) and default.value is Ellipsis:
            # A generated protocol's method keeps UniFFI's sentinel: its body assigns nothing.
            assert parameter.default is SENTINEL, f"{where}: {parameter.name}"
        else:
            assert ast.literal_eval(default) == parameter.default, f"{where}: {parameter.name}"
        if typed and argument.arg not in ("self", "cls"):
            runtime_type = parameter.annotation
            if parameter.default is SENTINEL:
                runtime_type = runtime_type.removeprefix("typing.Union[object, ")[:-1]
            assert stub_annotation(argument.annotation) == stub_spelling(runtime_type), (
                f"{where}: {parameter.name}"
            )
    if typed and stub.name != "__init__":  # the generated __init__s declare no return type
        assert stub_annotation(stub.returns) == stub_spelling(signature.return_annotation), where


def check_record(stub: ast.ClassDef, runtime: Any) -> None:
    assert dataclasses.is_dataclass(runtime), stub.name
    (decorator,) = stub.decorator_list
    assert isinstance(decorator, ast.Call)
    options = {keyword.arg: ast.literal_eval(keyword.value) for keyword in decorator.keywords}
    frozen = options.get("frozen", False)
    assert runtime.__dataclass_params__.frozen == frozen, stub.name
    stub_fields = [node for node in stub.body if isinstance(node, ast.AnnAssign)]
    runtime_fields = dataclasses.fields(runtime)
    assert [ast.unparse(node.target) for node in stub_fields] == [
        field.name for field in runtime_fields
    ], stub.name
    for node, field in zip(stub_fields, runtime_fields):
        assert field.kw_only, f"{stub.name}.{field.name}"
        assert ast.unparse(node.annotation) == stub_spelling(field.type, frozen), (
            f"{stub.name}.{field.name}"
        )
        expected = dataclasses.MISSING if node.value is None else ast.literal_eval(node.value)
        default = field.default
        if field.default_factory is not dataclasses.MISSING:  # a list: a fresh one each time
            default = field.default_factory()
        assert default == expected, f"{stub.name}.{field.name}"
    methods = {node.name: node for node in stub.body if isinstance(node, FUNCTIONS)}
    for name, node in methods.items():
        if name == "__init__":
            # The stub widens the `*_path` fields to os.PathLike: names and defaults only.
            check_function(node, runtime.__init__, typed=False)
        elif isinstance(inspect.getattr_static(runtime, name), property):
            assert "property" in {ast.unparse(d) for d in node.decorator_list}, name
        else:
            check_function(node, getattr(runtime, name))
    field_names = {field.name for field in runtime_fields}
    public = {name for name in dir(runtime) if not name.startswith("_")} - field_names
    assert public == {name for name in methods if not name.startswith("_")}, stub.name


def check_errors(stub: ast.ClassDef) -> None:
    variants = {node.name: node for node in stub.body if isinstance(node, ast.ClassDef)}
    runtime = {variant.__name__: variant for variant in cleverkit.CleverError.__subclasses__()}
    assert set(variants) == set(runtime)
    for name, node in variants.items():
        fields = [
            ast.unparse(item.target) for item in node.body if isinstance(item, ast.AnnAssign)
        ]
        parameters = list(inspect.signature(runtime[name].__init__).parameters)[1:]
        assert fields == parameters, name
        (init,) = [item for item in node.body if isinstance(item, FUNCTIONS)]
        check_function(init, runtime[name].__init__, typed=False)


def check_class(stub: ast.ClassDef, runtime: Any) -> None:
    methods = {node.name: node for node in stub.body if isinstance(node, FUNCTIONS)}
    for name, node in methods.items():
        attribute = inspect.getattr_static(runtime, name)
        if isinstance(attribute, property):
            assert "property" in {ast.unparse(d) for d in node.decorator_list}, name
        else:
            check_function(node, getattr(runtime, name))
    public = {name for name in dir(runtime) if not name.startswith("_")}
    if issubclass(runtime, BaseException):
        public -= set(dir(BaseException))
    assert public == {name for name in methods if not name.startswith("_")}, stub.name


def stub_names() -> dict[str, ast.stmt]:
    names: dict[str, ast.stmt] = {}
    for node in TREE.body:
        if isinstance(node, (ast.ClassDef, *FUNCTIONS)):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names[ast.unparse(target)] = node
    return names


def test_the_stub_has_every_public_name() -> None:
    # And UniFFI's plumbing, out of `__all__` but importable (the stub's base classes).
    assert set(stub_names()) == set(cleverkit.__all__) | cleverkit._HIDDEN


@pytest.mark.parametrize("name", sorted(stub_names()))
def test_the_stub_matches_the_runtime(name: str) -> None:
    node = stub_names()[name]
    runtime = getattr(cleverkit, name)
    if isinstance(node, FUNCTIONS):
        check_function(node, runtime)
    elif isinstance(node, ast.ClassDef):
        if node.decorator_list:
            check_record(node, runtime)
        elif issubclass(runtime, enum.Enum):
            members = {
                ast.unparse(item.targets[0]): ast.literal_eval(item.value)
                for item in node.body
                if isinstance(item, ast.Assign)
            }
            assert members == {member.name: member.value for member in runtime}
        elif name == "CleverError":
            check_errors(node)
        else:
            check_class(node, runtime)


def mypy(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *cache, *map(str, files)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )


def test_mypy_accepts_what_users_write(tmp_path: Path) -> None:
    code = tmp_path / "good.py"
    code.write_text(
        """
import datetime
import pathlib

import cleverkit

options = cleverkit.ClientOptions(max_retries=1, ca_bundle_path=pathlib.Path("ca.pem"))
with cleverkit.Client.with_api_token("token", options) as client:
    reveal_type(client)
    response = client.request("GET", "/v2/self", query={"limit": "1"}, headers=[("X", "y")])
    print(response.text, response.json(), response.header("content-type"))
    client.request("POST", "/v2/x", query={"limit": 10}, json={"a": [1, None]})
    reveal_type(client.request_json("PUT", "/v2/x", json={"a": 1}))
    client.replace_environment("orga", "app", {"A": "1"})
    client.replace_environment("orga", "app", [("A", "1")])
    cleverkit.ClientOptions(timeout=5, connect_timeout=0.5)
    client.download_invoice("orga", "1", pathlib.Path("invoice.pdf"))
    entry = client.instance_types()[0]
    new = cleverkit.NewApplication(
        name="orders", instance_type=entry.kind, instance_version=entry.version,
        instance_variant="v", environment=[cleverkit.EnvironmentVariable(name="A", value="1")],
    )
    new.max_instances = 2
    app = client.create_application("orga", new)
    reveal_type(client.update_application("orga", app.id, cleverkit.ApplicationUpdate(name="x")))
    reveal_type(client.redeploy_application("orga", app.id))
    reveal_type(client.deployments("orga", app.id, limit=5)[0].date)
    reveal_type(client.primary_domain("orga", app.id))
    reveal_type(entry.flavors)
try:
    pass
except cleverkit.CleverError.NotFound as error:
    reveal_type(error)
    print(error.request_id)
""",
        encoding="utf-8",
    )
    result = mypy(tmp_path, code)
    assert result.returncode == 0, result.stdout
    assert 'Revealed type is "cleverkit.Client"' in result.stdout
    assert 'Revealed type is "cleverkit.CleverError.NotFound"' in result.stdout
    for revealed in (
        "cleverkit.Application",
        "str | None",
        "datetime.datetime | None",
        "cleverkit.Vhost | None",
        "tuple[cleverkit.Flavor, ...]",
        "Any",
    ):
        assert f'Revealed type is "{revealed}"' in result.stdout, result.stdout


def test_mypy_accepts_async_code(tmp_path: Path) -> None:
    code = tmp_path / "good_async.py"
    code.write_text(
        """
import asyncio
import pathlib

import cleverkit


class Progress(cleverkit.DownloadProgress):
    def on_progress(self, written: int, total: int | None) -> None:
        print(written, total)


async def main() -> None:
    options = cleverkit.ClientOptions(worker_threads=4)
    async with cleverkit.AsyncClient.from_environment(options) as client:
        reveal_type(client)
        me = await client.myself()
        reveal_type(me)
        users = await asyncio.gather(*(client.myself() for _ in range(3)))
        reveal_type(users)
        await client.download_invoice("orga", "1", pathlib.Path("1.pdf"), progress=Progress())
        response = await client.request("GET", "/v2/self", query={"limit": "1"})
        print(response.json())
        addons, variables = await asyncio.gather(
            client.addons("orga"), client.environment("orga", "app")
        )
        reveal_type(addons)
        reveal_type(variables)
        await client.set_environment_variable("orga", "app", "A", "1")
    await client.aclose()
    with cleverkit.Client.from_environment() as sync:
        reveal_type(sync.async_client())
    dance = cleverkit.OAuthDance("key", "secret", "oob")
    reveal_type(await dance.request_token_async())


asyncio.run(main())
""",
        encoding="utf-8",
    )
    result = mypy(tmp_path, code)
    assert result.returncode == 0, result.stdout
    for revealed in (
        "cleverkit.AsyncClient",
        "cleverkit.User",
        "list[cleverkit.User]",
        "cleverkit.RequestToken",
        "list[cleverkit.Addon]",
        "list[cleverkit.EnvironmentVariable]",
    ):
        assert f'Revealed type is "{revealed}"' in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('cleverkit.OAuth1Credentials("key", "secret", token=42)', '"token"'),
        ('cleverkit.Client.with_api_token("token", options="nope")', '"options"'),
        ('cleverkit.Client.from_environment(profile=1)', '"profile"'),
        ('cleverkit.ClientOptions(max_retries="3")', '"max_retries"'),
        ('cleverkit.RequestToSign(method="GET")', '"url"'),
        ('cleverkit.User(id="u", email="e").name', '"name"'),
        # A coroutine is not its result: a forgotten `await` is an error.
        ('cleverkit.AsyncClient.with_api_token("t").myself().email', '"Coroutine'),
        ('cleverkit.Client.with_api_token("t").download_invoice("o", "1", "f", progress=1)',
         '"progress"'),
        ('cleverkit.NewApplication(name="x", instance_type="node")', '"instance_version"'),
        ('cleverkit.Client.with_api_token("t").deployments("o", "a", limit="5")', '"limit"'),
        ('cleverkit.ApplicationUpdate(max_instances="3")', '"max_instances"'),
        ('cleverkit.AsyncClient.with_api_token("t").application("o", "a").name', '"Coroutine'),
        ('cleverkit.Client.with_api_token("t").replace_environment("o", "a", {"A": 1})',
         '"replace_environment"'),
        ('cleverkit.Client.with_api_token("t").request("GET", "/", query={"a": 1.5})',
         '"request"'),
        ('cleverkit.ClientOptions(timeout="5")', '"timeout"'),
    ],
)
def test_mypy_flags_wrong_arguments(tmp_path: Path, call: str, expected: str) -> None:
    code = tmp_path / "bad.py"
    code.write_text(f"import cleverkit\n\n{call}\n", encoding="utf-8")
    result = mypy(tmp_path, code)
    assert result.returncode == 1, result.stdout
    assert expected in result.stdout
