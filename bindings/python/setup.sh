#!/usr/bin/env bash
# Installs what the Python binding's build and tests need into one venv, reused when present:
# ${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}. Needs python3 with venv support and Rust
# (maturin compiles the FFI crate). Idempotent and quiet: a run with everything in place only
# checks the pinned versions.
set -euo pipefail

venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
requirements=(
    "maturin==1.16.0"
    "pytest==9.2.0"
    # tests/test_async.py: `async def` tests on a fresh event loop each.
    "pytest-asyncio==1.5.0"
    "oauthlib==4.0.1"
    "hypothesis==6.170.17"
    "mypy==2.4.1"
    # The linker of the manylinux2014 wheel: `maturin build --zig` (glibc 2.17 symbols).
    "ziglang==0.17.1"
    # The same linking for the CLI's Linux builds (scripts/platforms/build-cli.sh).
    "cargo-zigbuild==0.24.0"
    # Repacks the wheel after its library is stripped (RECORD hashes follow).
    "wheel==0.48.0"
)

# strip, readelf and objdump: install-wheel.sh strips the wheel's library and checks it.
if [[ "$(uname)" == Linux ]] && { ! command -v strip >/dev/null 2>&1 || ! command -v objdump >/dev/null 2>&1; }; then
    echo "python/setup: installing binutils"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null
fi

if [[ ! -x "$venv/bin/python" ]]; then
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
fi

# Installs only when a pin is missing or differs (pip's own check is slower and prints).
if ! "$venv/bin/python" - "${requirements[@]}" <<'PY' 2>/dev/null; then
import sys
from importlib.metadata import version

for requirement in sys.argv[1:]:
    name, pinned = requirement.split("==")
    if version(name) != pinned:
        sys.exit(1)
PY
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}"
fi
