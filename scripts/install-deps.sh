#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine with Rust, Python, a JDK and
# Maven: each binding's toolchain, via that binding's own setup script.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null 2>&1 || true
for language in python kotlin swift; do
  bash "bindings/$language/setup.sh"
done
# actionlint and shellcheck, which lint the release workflow (.github/test.sh).
bash .github/setup.sh
