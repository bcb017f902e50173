"""The README's Python snippets follow the installed API: each one parses, every `cleverkit.<name>`
chain exists, and the methods, attributes and keyword arguments they use on `cleverkit` objects
(and on the variables the snippets name after them) are real. A renamed option, record or
argument fails here, snippet by snippet."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from typing import Any, Optional

import pytest

import cleverkit

README = Path(__file__).resolve().parents[1] / "README.md"
SNIPPETS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)

# What the snippets' variables hold.
VARIABLES: dict[str, Any] = {
    "client": cleverkit.Client,
    "credentials": cleverkit.OAuth1Credentials,
    "dance": cleverkit.OAuthDance,
    "created": cleverkit.CreatedApiToken,
    "signed": cleverkit.Signed,
    "response": cleverkit.HttpResponse,
    "me": cleverkit.User,
    "options": cleverkit.ClientOptions,
}


def members(owner: Any) -> set[str]:
    """Attributes of `owner`; for a class, also the fields its constructor sets (records)."""
    names = set(dir(owner))
    if inspect.isclass(owner):
        names |= set(inspect.signature(owner.__init__).parameters)
    return names


def resolve(node: ast.expr) -> Optional[Any]:
    """The object a `cleverkit.a.b` chain, or an attribute of a known variable, names; None for
    anything else. Fails when a name in the chain does not exist."""
    if isinstance(node, ast.Name):
        if node.id == "cleverkit":
            return cleverkit
        return VARIABLES.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = resolve(node.value)
        if owner is None:
            return None
        assert node.attr in members(owner), f"{ast.unparse(node)}: no {node.attr!r}"
        return getattr(owner, node.attr, None)
    return None


def check_keywords(call: ast.Call) -> None:
    target = resolve(call.func)
    if target is None or not callable(target):
        return
    parameters = inspect.signature(target).parameters
    for keyword in call.keywords:
        if keyword.arg is not None:
            assert keyword.arg in parameters, f"{ast.unparse(call.func)}: no {keyword.arg}="


def test_readme_has_snippets() -> None:
    assert len(SNIPPETS) >= 10


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[f"snippet-{n}" for n in range(len(SNIPPETS))])
def test_snippet_uses_the_real_api(snippet: str) -> None:
    tree = ast.parse(snippet)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            resolve(node)
        elif isinstance(node, ast.Call):
            check_keywords(node)
