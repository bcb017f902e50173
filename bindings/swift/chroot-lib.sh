# shellcheck shell=bash
# Shared by setup-chroot.sh and test.sh (sourced, not run): the chroot's path, a lock so that
# two runs never mount or unmount under each other, and mount helpers that clean up after a
# run that was killed before its trap could unmount.

CHROOT="${CLEVERKIT_SWIFT_CHROOT:-/opt/cleverkit-swift-chroot}"
CHROOT="${CHROOT%/}"

# Re-runs the calling script as root through sudo when it is not root already: debootstrap,
# mount and chroot need root.
chroot_require_root() {
  [ "$(id -u)" = 0 ] && return 0
  if command -v sudo >/dev/null 2>&1; then
    echo "swift chroot: re-running as root through sudo" >&2
    exec sudo --preserve-env=CLEVERKIT_SWIFT_CHROOT,CLEVERKIT_FFI_LIB_DIR,CLEVERKIT_STANDIN bash "$@"
  fi
  echo "swift chroot: must run as root (debootstrap, mount and chroot need it)" >&2
  exit 1
}

# Whether the chroot has swift and the C headers. Its /usr/bin/swift is an absolute symlink,
# so the test runs inside the chroot rather than on the host's paths.
chroot_has_swift() {
  [ -x "$CHROOT/usr/bin/test" ] \
    && chroot "$CHROOT" /usr/bin/test -x /usr/bin/swift \
    && chroot "$CHROOT" /usr/bin/test -e /usr/include/stdio.h
}

# What setup-chroot.sh installs with apt in the chroot: the toolchain, the C headers, git (SwiftPM
# runs it to clone a `.package(url:)` dependency) and ca-certificates (https URLs).
CHROOT_PACKAGES=(swiftlang libc6-dev git ca-certificates)

# Whether dpkg in the chroot has the package installed.
chroot_has_package() {
  # shellcheck disable=SC2016 # ${Status} is dpkg-query's, not the shell's
  [ "$(chroot "$CHROOT" /usr/bin/dpkg-query -W -f '${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

chroot_has_packages() {
  local package
  for package in "${CHROOT_PACKAGES[@]}"; do
    chroot_has_package "$package" || return 1
  done
}

# Takes an exclusive lock for the chroot's mounts, held until the calling shell exits.
chroot_lock() {
  mkdir -p "$(dirname "$CHROOT")"
  exec 9>"$CHROOT.lock"
  if ! flock -n 9; then
    echo "swift chroot: waiting for another run to release $CHROOT.lock" >&2
    flock 9
  fi
}

# Mount points at or under the chroot, deepest first (mountinfo escapes spaces as \040).
chroot_mounts() {
  local mount_point
  awk '{ print $5 }' /proc/self/mountinfo | while IFS= read -r mount_point; do
    mount_point="$(printf '%b' "$mount_point")"
    case "$mount_point" in
      "$CHROOT" | "$CHROOT"/*) printf '%s\n' "$mount_point" ;;
    esac
  done | sort -r
}

# Unmounts everything under the chroot; with the lock held, any mount left there is stale.
# Falls back to a lazy unmount when a mount is still busy.
chroot_unmount_all() {
  local mount_point
  chroot_mounts | while IFS= read -r mount_point; do
    umount "$mount_point" 2>/dev/null || umount -l "$mount_point" || true
  done
  if [ -n "$(chroot_mounts)" ]; then
    echo "swift chroot: could not unmount: $(chroot_mounts | tr '\n' ' ')" >&2
    return 1
  fi
}

chroot_mount_proc() {
  mount -t proc proc "$CHROOT/proc"
}

# Bind-mounts a host directory at the same path inside the chroot (so absolute paths such as
# #filePath and the cdylib's rpath are the same on both sides).
chroot_bind_same_path() {
  mkdir -p "$CHROOT$1"
  mount --bind "$1" "$CHROOT$1"
}

# Runs a command inside the chroot as root with a clean environment and a writable HOME.
# Leading NAME=VALUE arguments add variables (they go to env(1) after the fixed ones).
chroot_run() {
  local environment=(
    HOME=/root
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    LANG=C.UTF-8
    TERM="${TERM:-dumb}"
  )
  [ -n "${CLEVERKIT_FFI_LIB_DIR:-}" ] && environment+=(CLEVERKIT_FFI_LIB_DIR="$CLEVERKIT_FFI_LIB_DIR")
  [ -n "${CLEVERKIT_STANDIN:-}" ] && environment+=(CLEVERKIT_STANDIN="$CLEVERKIT_STANDIN")
  mkdir -p "$CHROOT/root"
  chroot "$CHROOT" /usr/bin/env -i "${environment[@]}" "$@"
}

# Installs the EXIT trap that unmounts, and turns signals into an exit so that it runs.
chroot_trap_unmount() {
  trap 'chroot_unmount_all || true' EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
