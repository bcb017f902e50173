#!/usr/bin/env bash
# The `cleverkit` CLI for Linux x86-64 as users get it: built in release with zig against glibc
# 2.17 (cargo zigbuild, as maturin builds the wheel), target/x86_64-unknown-linux-gnu/release/
# cleverkit, checked (architecture, at most GLIBC_2.17), then run here by check-cli.py: `sign` on
# every shared vector, `curl` to the stand-in, `login --save` and `self` reading it back.
# Needs scripts/build-ffi.sh first (the stand-in).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/platforms/lib.sh
source "$here/lib.sh"

targets="${CARGO_TARGET_DIR:-$root/target}"
standin="${CLEVERKIT_STANDIN:-$targets/debug/cleverkit-standin}"
[[ -x "$standin" ]] || { echo "linux-x86_64: $standin is missing: run ./scripts/build-ffi.sh first" >&2; exit 1; }
cli="$targets/x86_64-unknown-linux-gnu/release/cleverkit"

bash "$here/build-cli.sh" x86_64
timed "x86-64 CLI checks" python3 "$here/check-cli.py" --vectors tests/vectors/oauth1.json \
  --standin "$standin" -- "$cli"
