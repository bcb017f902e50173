#!/usr/bin/env bash
# Builds the manylinux2014 wheel, strips and checks it, and installs it into the venv of setup.sh
# (install-wheel.sh), then runs the pytest suite against that installed wheel. Then the packaging
# check: the sdist builds with Rust and nothing else (test-sdist.sh; skipped with
# CLEVERKIT_SKIP_SDIST_TEST=1, as the release workflow does: its sdist job tests the sdist).
# Fails when a test fails or when no test ran.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
bash "$here/install-wheel.sh"

# The tests that talk to an API start the local stand-in (scripts/build-ffi.sh builds it too).
root="$(cd "$here/../.." && pwd)"
export CLEVERKIT_STANDIN="${CLEVERKIT_STANDIN:-${CARGO_TARGET_DIR:-$root/target}/debug/cleverkit-standin}"
if [[ ! -x "$CLEVERKIT_STANDIN" ]]; then
    (cd "$root" && cargo build --quiet -p cleverkit-standin)
fi

# The examples type-check against the installed package (its __init__.pyi).
(cd "$root" && "$venv/bin/python" -m mypy --strict --cache-dir /dev/null examples/python)

# From the tests' folder, so `cleverkit` is the installed wheel, never the source tree.
status=0
(cd "$here" && "$venv/bin/python" -m pytest -q -p no:cacheprovider tests) || status=$?
if [[ "$status" -eq 5 ]]; then
    echo "pytest collected no tests" >&2
    exit 1
fi
[[ "$status" -eq 0 ]] || exit "$status"

# The same wheel in a brand-new venv, as a user gets it: nothing but the wheel (it has no
# dependencies), checked by smoke.py from an empty folder.
fresh="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-fresh-venv.XXXXXX")"
trap 'rm -rf "$fresh"' EXIT
python3 -m venv "$fresh/venv"
# (dist/ may also hold the aarch64 wheel of scripts/platforms/aarch64.sh: this machine's only.)
"$fresh/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --no-deps \
    "$here"/dist/cleverkit-*-manylinux2014_"$(uname -m)".*.whl
(cd "$fresh" && "$fresh/venv/bin/python" "$here/smoke.py" "$root/tests/vectors/oauth1.json" \
    "$CLEVERKIT_STANDIN")
echo "the wheel works from a fresh venv"

if [[ "${CLEVERKIT_SKIP_SDIST_TEST:-0}" != 1 ]]; then
    bash "$here/test-sdist.sh"
fi
