"""The examples run against the installed package: sign_request.py on its own, quickstart.py
against the local stand-in, with credentials in environment variables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

from support import StandIn

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "python" / "sign_request.py"


def run_example(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CLEVER_CONSUMER_SECRET": "cs-SECRET-example",
        "CLEVER_SECRET": "ts-SECRET-example",
    }
    return subprocess.run(
        [sys.executable, str(EXAMPLE), *args], capture_output=True, text=True, env=env, check=False
    )


def test_example_prints_header_without_secrets() -> None:
    result = run_example("GET", "https://api.clever-cloud.com/v2/self?a=1")
    assert result.returncode == 0, result.stderr
    assert 'Authorization: OAuth oauth_consumer_key="demo-consumer-key"' in result.stdout
    assert "[redacted]" in result.stdout
    assert "SECRET" not in result.stdout + result.stderr


def test_example_refuses_relative_url() -> None:
    result = run_example("GET", "/v2/self")
    assert result.returncode == 2
    assert result.stderr.startswith("cannot sign GET /v2/self: invalid input: ")
    assert "SECRET" not in result.stdout + result.stderr


QUICKSTART = EXAMPLE.parent / "quickstart.py"
LOADER_VARIABLES = (
    "CLEVER_TOKEN",
    "CLEVER_SECRET",
    "CLEVER_API_TOKEN",
    "CONFIGURATION_FILE",
    "XDG_CONFIG_HOME",
    "API_HOST",
    "AUTH_BRIDGE_HOST",
    "OAUTH_CONSUMER_KEY",
    "OAUTH_CONSUMER_SECRET",
)


def run_quickstart(
    standin: StandIn, cwd: Path, *args: str, token_secret: Optional[str] = None
) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if name not in LOADER_VARIABLES}
    env.update(
        HOME=str(cwd),
        CLEVER_TOKEN=standin.token,
        CLEVER_SECRET=standin.token_secret if token_secret is None else token_secret,
        OAUTH_CONSUMER_KEY=standin.consumer_key,
        OAUTH_CONSUMER_SECRET=standin.consumer_secret,
        API_HOST=standin.api,
        AUTH_BRIDGE_HOST=standin.bridge,
    )
    return subprocess.run(
        [sys.executable, str(QUICKSTART), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_quickstart_is_short() -> None:
    assert len(QUICKSTART.read_text(encoding="utf-8").splitlines()) <= 40


def test_quickstart_against_the_standin(standin: StandIn, tmp_path: Path) -> None:
    result = run_quickstart(standin, tmp_path, standin.organisation_id, "4096")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Hello {standin.name} ({standin.user_id})"
    assert lines[1].startswith("Zones: ") and "par" in lines[1]
    assert any(line.startswith("- ") and "(app_" in line for line in lines)
    assert lines[-1] == "Saved invoice-4096.pdf (4096 bytes)"
    assert (tmp_path / "invoice-4096.pdf").stat().st_size == 4096
    for secret in standin.secrets:
        assert secret not in result.stdout + result.stderr


def test_quickstart_own_applications(standin: StandIn, tmp_path: Path) -> None:
    result = run_quickstart(standin, tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_quickstart_errors(standin: StandIn, tmp_path: Path) -> None:
    refused = run_quickstart(standin, tmp_path, token_secret="wrong-secret-in-env")
    assert refused.returncode == 1
    assert refused.stderr.startswith("Run `clever login` again: HTTP 401 Unauthorized: ")
    assert "wrong-secret-in-env" not in refused.stderr

    missing = run_quickstart(standin, tmp_path, "orga_00000000-0000-4000-8000-00000000dead")
    assert missing.returncode == 1
    assert missing.stderr.startswith("Not found (")
    assert "): HTTP 404 Not Found: " in missing.stderr
    assert ", request id " in missing.stderr

    standin.inject(status=500, path_prefix="/v4/products/zones")
    failed = run_quickstart(standin, tmp_path)
    assert failed.returncode == 1
    assert failed.stderr.startswith("Failed: HTTP 500 Internal Server Error: ")
