#!/usr/bin/env bash
# build-wheel.sh [ARCH]: builds the manylinux2014 wheel that users get on Linux ARCH (x86_64 or
# aarch64; default: this machine's), strips and checks it, and leaves it in bindings/python/dist/
# beside the other architecture's (a wheel of the same architecture is replaced):
#   1. `maturin build --release --zig --compatibility manylinux2014 --target ARCH-unknown-linux-gnu`:
#      zig (the `ziglang` package of setup.sh) links against glibc 2.17 symbols, so the wheel
#      installs on every Linux since 2014 (CentOS 7, Ubuntu 16.04+, Debian 9+, RHEL 8/9, Amazon
#      Linux 2), not only on glibc 2.34+. maturin compiles the FFI crate into
#      target/ARCH-unknown-linux-gnu/release/ and runs the workspace's own uniffi-bindgen (built
#      for this machine) on the UNSTRIPPED library (library mode reads UniFFI's metadata from it;
#      it reads any architecture's ELF file).
#   2. strip-wheel.sh drops the debug sections of the library inside the wheel afterwards
#      (the wheel goes from about 6.3 MB to about 2 MB).
#   3. check-wheel.sh: platform tag, architecture, glibc symbols, no debug section, size.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
arch="${1:-$(uname -m)}"
case "$arch" in
    x86_64 | aarch64) ;;
    *) echo "usage: build-wheel.sh [x86_64|aarch64]" >&2; exit 2 ;;
esac
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
        --target "$arch-unknown-linux-gnu" --out "$work/raw") >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "maturin build failed" >&2
    exit 1
fi
raw=("$work"/raw/cleverkit-*.whl)
echo "wheel built in $((SECONDS - started)) s: ${raw[0]##*/} ($(stat -c %s "${raw[0]}") bytes before stripping)"

mkdir -p "$dist"
rm -f "$dist"/cleverkit-*-manylinux2014_"$arch".*.whl
bash "$here/strip-wheel.sh" "${raw[0]}" "$dist"
wheels=("$dist"/cleverkit-*-manylinux2014_"$arch".*.whl)
bash "$here/check-wheel.sh" "${wheels[0]}" "$arch"
