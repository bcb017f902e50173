"""The local stand-in API (tests/standin), started once per session for the tests that ask for it.

`target/debug/cleverkit-standin` (built by scripts/build-ffi.sh; CLEVERKIT_STANDIN names another
binary) prints one JSON line, then serves until its stdin reaches end of file. The `standin`
fixture clears faults and recorded requests before each test.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator

import pytest
from support import STANDIN_BINARY, StandIn


@pytest.fixture(scope="session")
def standin_process() -> Iterator[StandIn]:
    if not STANDIN_BINARY.is_file():
        pytest.fail(
            f"{STANDIN_BINARY} is missing: run scripts/build-ffi.sh (or set CLEVERKIT_STANDIN)"
        )
    process = subprocess.Popen(
        [str(STANDIN_BINARY)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"the stand-in exited at once (status {process.wait(10)})")
        standin = StandIn(**json.loads(line))
        yield standin
    finally:
        process.stdin.close()  # end of file on stdin: the stand-in stops and exits 0
        try:
            status = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            status = process.wait()
        process.stdout.close()
    assert status == 0, f"the stand-in exited with status {status}"


@pytest.fixture
def standin(standin_process: StandIn) -> StandIn:
    """The session's stand-in, without faults or recorded requests."""
    standin_process.reset()
    return standin_process
