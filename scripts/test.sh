#!/usr/bin/env bash
# Runs every test of every language: Rust (fmt, clippy, tests), the shared vectors' check
# against oauthlib, then each binding's own test script, then the other platforms users run
# (scripts/platforms/): the CLI as released for Linux x86-64, Linux aarch64 under qemu, Windows
# under Wine. Fails if anything fails.
# Installs what is missing first (idempotent: quick when everything is there).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# Everything is also logged, to add up the counts of every runner in one closing line.
log="$(mktemp "${TMPDIR:-/tmp}/cleverkit-tests.XXXXXX")"
exec > >(tee "$log") 2>&1

step "Toolchains: installing what is missing"
bash scripts/install-deps.sh
# Where install-deps.sh put the real clever-tools, for the CLI's interop test.
export CLEVER_TOOLS_BIN="${CLEVER_TOOLS_BIN:-/opt/cleverkit/clever-tools/node_modules/.bin/clever}"

step "Rust: format and lints"
cargo fmt --all --check
cargo clippy --quiet --workspace --all-targets -- -D warnings

step "Generated code: regenerated from the API's description (core/api), identical to the committed files"
cargo run --quiet -p cleverkit-codegen -- --check

step "Rust: tests"
cargo test --quiet --workspace

step "Shared vectors: regenerated with oauthlib, identical to the committed file"
bash tests/vectors/regenerate.sh --check

step "Bindings: building the cdylib and generating Kotlin and Swift"
./scripts/build-ffi.sh

for language in python kotlin swift; do
  step "Bindings: $language"
  bash "bindings/$language/test.sh"
done

# Each platform's step prints its own timings ("[time] …"), listed again at the end.
step "Linux x86-64: the CLI as released (zig, glibc 2.17), run here"
bash scripts/platforms/linux-x86_64.sh

step "Linux aarch64: the wheel, the jar's library and the CLI, built with zig and run under qemu"
bash scripts/platforms/aarch64.sh

step "Windows x86-64: the core's tests and the CLI under Wine, the FFI DLL built"
bash scripts/platforms/windows.sh

step "Release workflow: actionlint and shellcheck (it cannot run here; see the README's Install)"
bash .github/test.sh

step "Other platforms: time of each step"
grep -F '[time]' "$log" | sed 's/^ *\[time\] /  /'

step "All languages"
python3 scripts/summarize-tests.py "$log"
