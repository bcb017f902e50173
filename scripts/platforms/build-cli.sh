#!/usr/bin/env bash
# build-cli.sh ARCH: builds the `cleverkit` CLI for Linux ARCH (x86_64 or aarch64) as users get
# it, in release without debug information, linked by zig against glibc 2.17 (cargo zigbuild, as
# maturin links the wheel), into cargo's target/ARCH-unknown-linux-gnu/release/cleverkit, and
# checks it (architecture, at most GLIBC_2.17). Needs cargo-zigbuild and ziglang in the venv of bindings/python/setup.sh and
# the Rust target (`rustup target add ARCH-unknown-linux-gnu` when it is not this machine's).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/platforms/lib.sh
source "$here/lib.sh"

arch="${1:-}"
case "$arch" in
  x86_64 | aarch64) ;;
  *) echo "usage: build-cli.sh x86_64|aarch64" >&2; exit 2 ;;
esac
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
[[ -x "$venv/bin/cargo-zigbuild" ]] || { echo "build-cli: no cargo-zigbuild in $venv: run bash bindings/python/setup.sh" >&2; exit 1; }
# cargo-zigbuild runs zig as `python3 -m ziglang`: the venv's python3 first. The CLI ships without
# the release profile's line tables (31 MB -> 9 MB for aarch64).
timed "$arch CLI build (cargo zigbuild)" env PATH="$venv/bin:$PATH" CARGO_PROFILE_RELEASE_STRIP=debuginfo \
  cargo zigbuild --quiet --release -p cleverkit-cli --target "$arch-unknown-linux-gnu.2.17"
bash "$here/check-elf.sh" "$arch" "${CARGO_TARGET_DIR:-$root/target}/$arch-unknown-linux-gnu/release/cleverkit"
