#!/usr/bin/env bash
# Builds the manylinux2014 wheel, strips and checks it, and installs it into the venv of setup.sh
# (install-wheel.sh), then runs the pytest suite against that installed wheel. Then the packaging
# checks: the sdist builds with Rust and nothing else (test-sdist.sh; skipped with
# CLEVERKIT_SKIP_SDIST_TEST=1) and the release workflow that builds these wheels passes
# actionlint (.github/test.sh; skipped with CLEVERKIT_SKIP_WORKFLOW_LINT=1). The release workflow
# skips both: its sdist job tests the sdist, and linting is this machine's CI's job.
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

if [[ "${CLEVERKIT_SKIP_SDIST_TEST:-0}" != 1 ]]; then
    bash "$here/test-sdist.sh"
fi
# Here rather than in scripts/test.sh: the workflow is this binding's release.
if [[ "${CLEVERKIT_SKIP_WORKFLOW_LINT:-0}" != 1 ]]; then
    bash "$root/.github/test.sh"
fi
