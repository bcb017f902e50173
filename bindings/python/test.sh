#!/usr/bin/env bash
# Builds the wheel with maturin (which compiles the FFI crate and runs the workspace's own
# uniffi-bindgen), installs it into the venv of setup.sh and runs the pytest suite.
# Fails when a test fails or when no test ran.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
if [[ ! -x "$venv/bin/maturin" ]]; then
    echo "no maturin in $venv: run bash bindings/python/setup.sh first" >&2
    exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-python.XXXXXX")"
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

# The tests that talk to an API start the local stand-in (scripts/build-ffi.sh builds it too).
root="$(cd "$here/../.." && pwd)"
export CLEVERKIT_STANDIN="${CLEVERKIT_STANDIN:-${CARGO_TARGET_DIR:-$root/target}/debug/cleverkit-standin}"
if [[ ! -x "$CLEVERKIT_STANDIN" ]]; then
    (cd "$root" && cargo build --quiet -p cleverkit-standin)
fi

# From the tests' folder, so `cleverkit` is the installed wheel, never the source tree.
status=0
(cd "$here" && "$venv/bin/python" -m pytest -q -p no:cacheprovider tests) || status=$?
if [[ "$status" -eq 5 ]]; then
    echo "pytest collected no tests" >&2
    exit 1
fi
exit "$status"
