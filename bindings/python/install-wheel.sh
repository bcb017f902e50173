#!/usr/bin/env bash
# Builds the release wheel that users get on Linux and installs it into the venv of setup.sh.
# Used by test.sh and bench.sh, so the tests run against exactly that wheel:
#   1. `maturin build --release --zig --compatibility manylinux2014`: zig (the `ziglang` package
#      of setup.sh) links against glibc 2.17 symbols, so the wheel installs on every Linux since
#      2014 (CentOS 7, Ubuntu 16.04+, Debian 9+, RHEL 8/9, Amazon Linux 2), not only on glibc 2.34+.
#      maturin compiles the FFI crate and runs the workspace's own uniffi-bindgen on the
#      UNSTRIPPED library (library mode reads UniFFI's metadata from it).
#   2. strip-wheel.sh drops the debug sections of the library inside the wheel afterwards
#      (the wheel goes from about 6.3 MB to about 2 MB).
#   3. check-wheel.sh: platform tag, glibc symbols, no debug section, size.
# The wheel is left in bindings/python/dist/ (ignored by git) for whoever wants it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
if [[ ! -x "$venv/bin/maturin" || ! -x "$venv/bin/python-zig" ]]; then
    echo "no maturin or zig (ziglang) in $venv: run bash bindings/python/setup.sh first" >&2
    exit 1
fi
# maturin (cargo-zigbuild) runs zig as `python3 -m ziglang`: the venv's python3 must come first.
export PATH="$venv/bin:$PATH"

dist="$here/dist"
work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# maturin is chatty; its log is shown only when the build fails.
started=$SECONDS
if ! (cd "$here" && maturin build --release --zig --compatibility manylinux2014 \
        --out "$work/raw") >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "maturin build failed" >&2
    exit 1
fi
raw=("$work"/raw/cleverkit-*.whl)
echo "wheel built in $((SECONDS - started)) s: ${raw[0]##*/} ($(stat -c %s "${raw[0]}") bytes before stripping)"

mkdir -p "$dist"
rm -f "$dist"/cleverkit-*.whl
bash "$here/strip-wheel.sh" "${raw[0]}" "$dist"
wheels=("$dist"/cleverkit-*.whl)
bash "$here/check-wheel.sh" "${wheels[0]}"

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "${wheels[0]}"
