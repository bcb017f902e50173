"""An install without ``.py`` files, as slim Docker images and PyInstaller make them: the wheel in
a fresh venv, ``python -m compileall -b`` (legacy ``.pyc`` beside each module), then every
``.py`` source and ``__pycache__`` of the package removed. ``import cleverkit``, a sync call, an
``AsyncClient`` call (the replaced awaiting loop), errors, records and the signatures shown by
``help()`` behave as in the installed wheel.

The wheel is the one ``test.sh`` built (``bindings/python/dist/``; ``CLEVERKIT_WHEEL`` names
another).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import REPOSITORY, StandIn

# Run in both installs; prints what it saw as JSON.
SCRIPT = r'''
import dataclasses, inspect, json, sys
import cleverkit

standin = json.loads(sys.argv[1])
seen = {}
try:
    inspect.getsource(cleverkit.cleverkit.cleverkit_ffi)
    seen["source"] = True
except (OSError, TypeError):
    seen["source"] = False
seen["asyncio loaded by import"] = "asyncio" in sys.modules
import asyncio
credentials = cleverkit.OAuth1Credentials(
    standin["consumer_key"], standin["consumer_secret"],
    token=standin["token"], token_secret=standin["token_secret"],
)
options = cleverkit.ClientOptions(api_host=standin["api"], bridge_host=standin["bridge"], timeout=20)
with cleverkit.Client.with_oauth1(credentials, options) as client:
    me = client.myself()
    seen["sync"] = repr(me)
    seen["sync record"] = dataclasses.asdict(me)["id"]
    try:
        client.application(standin["organisation_id"], "app_nowhere")
    except cleverkit.CleverError.NotFound as error:
        seen["error"] = [type(error).__name__, str(error).split(":")[0]]

async def main():
    async with cleverkit.AsyncClient.with_oauth1(credentials, options) as client:
        users = await asyncio.gather(*(client.myself() for _ in range(20)))
        zones = await client.zones()
        try:
            await client.application(standin["organisation_id"], "app_nowhere")
        except cleverkit.CleverError.NotFound as error:
            seen["async error"] = type(error).__name__
        return [user.id for user in users], sorted(zone.name for zone in zones)

seen["async"] = asyncio.run(main())
seen["replaced"] = cleverkit.cleverkit.cleverkit_ffi._uniffi_rust_call_async.__module__
signatures = {}
for name in cleverkit.__all__:
    value = getattr(cleverkit, name)
    members = [(name, value)] if inspect.isfunction(value) else []
    # (A generated protocol's methods keep UniFFI's sentinel: their bodies assign nothing.)
    if inspect.isclass(value) and not issubclass(value, BaseException) \
            and not getattr(value, "_is_protocol", False):
        members = [(f"{name}.{attr}", getattr(value, attr)) for attr in dir(value)
                   if not attr.startswith("_") or attr == "__init__"]
    for qualified, member in members:
        if inspect.isfunction(member) or inspect.ismethod(member):
            signatures[qualified] = str(inspect.signature(member))
seen["signatures"] = signatures
print(json.dumps(seen))
'''


def wheel() -> Path:
    given = os.environ.get("CLEVERKIT_WHEEL")
    if given:
        return Path(given)
    found = sorted((REPOSITORY / "bindings" / "python" / "dist").glob("cleverkit-*.whl"))
    if not found:
        pytest.fail("no wheel in bindings/python/dist: run test.sh (or set CLEVERKIT_WHEEL)")
    return found[-1]


@pytest.fixture(scope="module")
def sourceless_python(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The python of a fresh venv with the wheel installed and its sources removed."""
    venv = tmp_path_factory.mktemp("sourceless") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--disable-pip-version-check", "--no-index", "--no-deps", str(wheel())],
        check=True,
    )  # fmt: skip
    package = Path(
        subprocess.run(
            [str(python), "-c", "import cleverkit, os; print(os.path.dirname(cleverkit.__file__))"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    subprocess.run([str(python), "-m", "compileall", "-b", "-q", str(package)], check=True)
    for source in package.rglob("*.py"):
        source.unlink()
    for cache in list(package.rglob("__pycache__")):
        shutil.rmtree(cache)
    assert not list(package.rglob("*.py")) and list(package.rglob("*.pyc"))
    yield python


def run(python: Path, standin: StandIn, folder: Path) -> Any:
    result = subprocess.run(
        [str(python), "-c", SCRIPT, json.dumps(vars(standin))],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,  # an empty folder: `cleverkit` is the installed one
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_an_install_without_sources_behaves_the_same(
    sourceless_python: Path, standin: StandIn, tmp_path: Path
) -> None:
    without = run(sourceless_python, standin, tmp_path)
    assert without.pop("source") is False
    installed = run(Path(sys.executable), standin, tmp_path)
    assert installed.pop("source") is True
    assert without["asyncio loaded by import"] is False
    assert without["async"] == [[standin.user_id] * 20, installed["async"][1]]
    assert without["async error"] == "NotFound"
    assert without["replaced"] == "cleverkit._async"
    assert without["sync record"] == standin.user_id
    assert without["error"][0] == "NotFound"
    # Every public signature as help() shows it: the real defaults, not UniFFI's sentinel.
    assert without["signatures"]["Client.from_environment"] == (
        "(options: 'typing.Optional[ClientOptions]' = None, "
        "profile: 'typing.Optional[str]' = None) -> 'Client'"
    )
    assert not any("object object" in text for text in without["signatures"].values())
    assert without == installed
