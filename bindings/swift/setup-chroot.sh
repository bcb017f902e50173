#!/usr/bin/env bash
# Installs (or reuses) a Debian trixie chroot with swiftlang at a fixed path outside
# the checkout. Bookworm has no Swift package; trixie's swiftlang 6.0.3 does the job.
# Idempotent: a chroot that already has `swift` is left alone.
set -euo pipefail
CHROOT="${CLEVERKIT_SWIFT_CHROOT:-/opt/cleverkit-swift-chroot}"

if [ -x "$CHROOT/usr/bin/swift" ]; then
  echo "swift chroot: reusing $CHROOT"
  exit 0
fi

if ! command -v debootstrap >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

if [ ! -x "$CHROOT/usr/bin/apt-get" ]; then
  rm -rf "$CHROOT"
  debootstrap --variant=minbase trixie "$CHROOT" http://deb.debian.org/debian >/dev/null
fi

cleanup() { umount "$CHROOT/proc" 2>/dev/null || true; }
trap cleanup EXIT
mountpoint -q "$CHROOT/proc" || mount -t proc proc "$CHROOT/proc"
chroot "$CHROOT" apt-get update -qq
chroot "$CHROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends swiftlang libc6-dev >/dev/null
chroot "$CHROOT" apt-get clean
echo "swift chroot: installed at $CHROOT ($(chroot "$CHROOT" swift --version 2>&1 | head -n1))"
