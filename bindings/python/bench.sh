#!/usr/bin/env bash
# Runs bench.py: builds the wheel (release) and the stand-in API (release), installs the wheel and
# the bench-only packages into the venv of setup.sh, then prints the figures. Not part of CI:
# the test suite needs none of these packages. Arguments go to bench.py (--quick, --json FILE);
# with --async first, bench_async.py runs instead (AsyncClient against the SDK and to_thread);
# with --import first, bench_import.py (import time against requests_oauthlib, same run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
# Pinned, like setup.sh's; clevercloud-sdk (module clever_cloud) is Clever Cloud's official SDK.
bench_requirements=(
    "requests==2.34.2"
    "requests-oauthlib==2.0.0"
    "clevercloud-sdk==0.2.2"
)

bash "$here/setup.sh"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${bench_requirements[@]}"

bash "$here/install-wheel.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [[ "${1:-}" == --import ]]; then
    shift
    cd "$work"  # outside the source tree: `cleverkit` is the installed wheel
    "$venv/bin/python" "$here/bench_import.py" "$@"
    exit
fi

# An optimised server, so that the figures measure the clients rather than a debug build.
(cd "$root" && cargo build --quiet --release -p cleverkit-standin)
standin="${CARGO_TARGET_DIR:-$root/target}/release/cleverkit-standin"

script=bench.py
if [[ "${1:-}" == --async ]]; then
    script=bench_async.py
    shift
fi
# From outside the source tree, so `cleverkit` is the installed wheel.
cd "$work"
"$venv/bin/python" "$here/$script" --standin "$standin" "$@"
