#!/usr/bin/env bash
# Builds the release wheel that users get on this machine's Linux (build-wheel.sh: maturin with
# zig for manylinux2014, stripped, checked) and installs it into the venv of setup.sh. Used by
# test.sh and bench.sh, so the tests run against exactly that wheel. The wheel is left in
# bindings/python/dist/ (ignored by git) for whoever wants it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"

bash "$here/build-wheel.sh"
wheels=("$here"/dist/cleverkit-*-manylinux2014_"$(uname -m)".*.whl)
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "${wheels[0]}"
