"""examples/python/sign_request.py runs against the installed package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    assert "cannot sign GET /v2/self" in result.stderr
    assert "SECRET" not in result.stdout + result.stderr
