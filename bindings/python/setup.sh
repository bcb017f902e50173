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
    "oauthlib==4.0.1"
    "hypothesis==6.170.17"
    "mypy==2.4.1"
)

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
