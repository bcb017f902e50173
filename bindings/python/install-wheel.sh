#!/usr/bin/env bash
# Builds the release wheel with maturin (which compiles the FFI crate and runs the workspace's own
# uniffi-bindgen) and installs it into the venv of setup.sh. Used by test.sh and bench.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
if [[ ! -x "$venv/bin/maturin" ]]; then
    echo "no maturin in $venv: run bash bindings/python/setup.sh first" >&2
    exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# maturin is chatty; its log is shown only when the build fails.
if ! (cd "$here" && "$venv/bin/maturin" build --release --out "$work/dist") >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "maturin build failed" >&2
    exit 1
fi
wheels=("$work"/dist/cleverkit-*.whl)
echo "wheel: ${wheels[0]##*/}"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "${wheels[0]}"
