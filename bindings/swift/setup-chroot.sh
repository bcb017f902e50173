#!/usr/bin/env bash
# Installs (or reuses) a Debian trixie chroot with swiftlang at a fixed path outside
# the checkout. Bookworm has no Swift package; trixie's swiftlang 6.0.3 does the job. Also
# installs git (SwiftPM runs it for `.package(url:)`) and ca-certificates (for https URLs).
# Idempotent: a chroot that already has all of them is left alone, one that lacks some of the
# packages gets them (so a chroot made before git was added gets it on the next run), and one
# whose debootstrap was interrupted is started again. Path: $CLEVERKIT_SWIFT_CHROOT, by default
# /opt/cleverkit-swift-chroot (~2.6 GB).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=bindings/swift/chroot-lib.sh
source "$HERE/chroot-lib.sh"
chroot_require_root "$HERE/setup-chroot.sh" "$@"

if chroot_has_swift && chroot_has_packages; then
  echo "swift chroot: reusing $CHROOT"
  exit 0
fi

chroot_lock
chroot_trap_unmount
# Never delete or install through a stale mount (a bind-mounted checkout would be wiped).
chroot_unmount_all

if ! command -v debootstrap >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

# debootstrap removes its own $CHROOT/debootstrap folder when it finishes.
if [ ! -x "$CHROOT/usr/bin/apt-get" ] || [ -d "$CHROOT/debootstrap" ]; then
  rm -rf --one-file-system "$CHROOT"
  echo "swift chroot: debootstrap trixie into $CHROOT"
  debootstrap --variant=minbase trixie "$CHROOT" http://deb.debian.org/debian >/dev/null
fi

chroot_mount_proc
missing=()
for package in "${CHROOT_PACKAGES[@]}"; do
  chroot_has_package "$package" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "swift chroot: installing ${missing[*]}$(chroot_has_package swiftlang || echo ' (swiftlang: about 530 MB to download)')"
  chroot_run apt-get update -qq
  chroot_run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  chroot_run apt-get clean
fi
echo "swift chroot: installed at $CHROOT ($(chroot_run swift --version 2>&1 | head -n1))"
