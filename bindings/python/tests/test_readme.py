"""The README's Python snippets are real: each one runs against the stand-in, and mypy --strict
passes on all of them.

The names a snippet uses without defining them (`client`, `api_token`, `organisation_id`…) are
the stand-in's: `PRELUDE` declares their types for mypy, `namespace` gives their values to run
with. The environment points `from_environment` at the stand-in, with a clever-tools.json that
has the profile "work"; the browser of the loopback login plays the user against the stand-in.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import webbrowser
from pathlib import Path
from typing import Any

import pytest
from support import StandIn
from test_config import VARIABLES, profile, write_config
from test_dance import BrowserOpener, play_browser

import cleverkit

README = Path(__file__).resolve().parents[1] / "README.md"
SNIPPETS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)

PRELUDE = '''\
import asyncio

import cleverkit

client: cleverkit.Client
api_token: str
consumer_key: str
consumer_secret: str
token: str
token_secret: str
email: str
password: str
organisation_id: str
invoice_number: str
url: str
config_path: str
options: cleverkit.ClientOptions
callback_url: str
request: cleverkit.RequestToSign
signed: cleverkit.Signed
commit: str


def store(secret: str) -> None: ...


def redirect_user_to(url: str) -> None: ...

'''


def test_readme_has_snippets() -> None:
    assert len(SNIPPETS) >= 10


def test_mypy_strict_passes_on_the_snippets(tmp_path: Path) -> None:
    files = []
    for number, snippet in enumerate(SNIPPETS):
        path = tmp_path / f"snippet_{number}.py"
        path.write_text(PRELUDE + snippet, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), *files],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stdout


@pytest.fixture
def namespace(
    standin: StandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("CLEVER_TOKEN", standin.token)
    monkeypatch.setenv("CLEVER_SECRET", standin.token_secret)
    monkeypatch.setenv("OAUTH_CONSUMER_KEY", standin.consumer_key)
    monkeypatch.setenv("OAUTH_CONSUMER_SECRET", standin.consumer_secret)
    monkeypatch.setenv("API_HOST", standin.api)
    monkeypatch.setenv("AUTH_BRIDGE_HOST", standin.bridge)
    config_path = write_config(tmp_path / "clever-tools.json", profile(standin, "work"))
    monkeypatch.setenv("CONFIGURATION_FILE", str(config_path))
    monkeypatch.chdir(tmp_path)  # the invoice lands here
    monkeypatch.setattr(webbrowser, "open", BrowserOpener().open_url)

    credentials = cleverkit.OAuth1Credentials(
        "consumer-key", "consumer-secret", token="token", token_secret="token-secret"
    )
    request = cleverkit.RequestToSign(method="GET", url=f"{standin.api}/v2/self")
    values: dict[str, Any] = {
        # The snippets import them once, in the first (and the first async one).
        "asyncio": asyncio,
        "cleverkit": cleverkit,
        "client": standin.oauth_client(),
        "api_token": standin.api_token,
        "consumer_key": standin.consumer_key,
        "consumer_secret": standin.consumer_secret,
        "token": standin.token,
        "token_secret": standin.token_secret,
        "email": standin.email,
        "password": standin.password,
        "organisation_id": standin.organisation_id,
        "invoice_number": "L4096",
        "url": f"{standin.api}/v2/self",
        "config_path": str(config_path),
        "options": standin.options(),
        "request": request,
        "signed": cleverkit.sign_request(request, credentials),
        "store": lambda secret: None,
        "commit": "0123456789abcdef0123456789abcdef01234567",
    }

    def redirect_user_to(url: str) -> None:
        values["callback_url"] = play_browser(url)

    values["redirect_user_to"] = redirect_user_to
    return values


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[f"snippet-{n}" for n in range(len(SNIPPETS))])
def test_snippet_runs_against_the_stand_in(snippet: str, namespace: dict[str, Any]) -> None:
    client: cleverkit.Client = namespace["client"]
    with client:
        exec(compile(snippet, str(README), "exec"), namespace)  # noqa: S102 - the README's code
