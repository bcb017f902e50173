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
# The real clever-tools, for the interop test (examples/cli/tests/clever_tools.rs, which
# reads CLEVER_TOOLS_BIN, default below). Pinned; installed only when missing or another version.
clever_tools_prefix=/opt/cleverkit/clever-tools
clever_tools_version="4.11.0"
if ! grep -qs "\"version\": \"$clever_tools_version\"" "$clever_tools_prefix/node_modules/clever-tools/package.json" \
  || [[ ! -x "$clever_tools_prefix/node_modules/.bin/clever" ]]; then
  command -v npm >/dev/null || { echo "install-deps: npm (Node.js >= 20) is needed for clever-tools" >&2; exit 1; }
  mkdir -p "$clever_tools_prefix"
  # It wants node >= 22 and runs on 20: npm's engine warning is expected.
  npm install --prefix "$clever_tools_prefix" --no-audit --no-fund --loglevel=error \
    "clever-tools@$clever_tools_version"
fi
for language in python kotlin swift; do
  bash "bindings/$language/setup.sh"
done
# Other platforms (after Python's: its venv has zig and cargo-zigbuild): the Rust targets, qemu,
# the arm64 sysroot in /opt/cleverkit/arm64-sysroot, mingw-w64 and Wine.
bash scripts/platforms/setup.sh
# actionlint and shellcheck, which lint the release workflow (.github/test.sh).
bash .github/setup.sh
