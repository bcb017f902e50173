#!/usr/bin/env bash
# Installs what the Swift binding's tests need: a Debian trixie chroot with swiftlang 6.0.3
# (reused when already there). Called by scripts/install-deps.sh.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/setup-chroot.sh" "$@"
