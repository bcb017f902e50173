#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine with Rust, Python, a JDK and
# Maven: each binding's toolchain, via that binding's own setup script.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null 2>&1 || true
# The CLI's tests compare `cleverkit curl` with curl itself.
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl; }
# The core's TLS tests serve a self-signed certificate with `openssl s_server`.
command -v openssl >/dev/null || { apt-get update -qq && apt-get install -y -qq openssl; }
for language in python kotlin swift; do
  bash "bindings/$language/setup.sh"
done
# actionlint and shellcheck, which lint the release workflow (.github/test.sh).
bash .github/setup.sh
