#!/usr/bin/env bash
# Builds and tests the Swift binding on Linux, inside the trixie chroot of setup.sh.
# Assumes ./scripts/build-ffi.sh ran (cdylib in target/release/, generated code in
# target/bindings/swift/). Copies the generated files into the package, mounts /proc and
# bind-mounts the checkout at the same path inside the chroot, runs `swift build` and
# `swift test`, then builds and runs the example in examples/swift/sign-request. Unmounts on every exit path; mounts left
# by a killed run are removed first.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd -P)"
# shellcheck source=bindings/swift/chroot-lib.sh
source "$HERE/chroot-lib.sh"
chroot_require_root "$HERE/test.sh" "$@"

GENERATED="$ROOT/target/bindings/swift"
CDYLIB="${CLEVERKIT_FFI_LIB_DIR:-$ROOT/target/release}/libcleverkit_ffi.so"
# The cdylib the tests link and load: a copy taken with the generated code, so that both match
# even if target/release is rebuilt meanwhile (Package.swift reads CLEVERKIT_FFI_LIB_DIR).
LIB_SNAPSHOT="$HERE/.build/cleverkit-ffi"
EXAMPLE="$ROOT/examples/swift/sign-request"

for file in "$GENERATED/CleverKit.swift" "$GENERATED/CleverKitFFI.h" "$GENERATED/CleverKitFFI.modulemap" "$CDYLIB"; do
  if [ ! -e "$file" ]; then
    echo "swift: $file is missing; run ./scripts/build-ffi.sh first" >&2
    exit 1
  fi
done
if ! chroot_has_swift; then
  echo "swift: no Swift chroot at $CHROOT; run bindings/swift/setup.sh first" >&2
  exit 1
fi

chroot_lock
chroot_trap_unmount

bash "$HERE/copy-generated.sh" "$GENERATED"
mkdir -p "$LIB_SNAPSHOT"
cmp -s "$CDYLIB" "$LIB_SNAPSHOT/libcleverkit_ffi.so" || cp "$CDYLIB" "$LIB_SNAPSHOT/libcleverkit_ffi.so"
export CLEVERKIT_FFI_LIB_DIR="$LIB_SNAPSHOT"

chroot_unmount_all
chroot_mount_proc
chroot_bind_same_path "$ROOT"

step() { printf '\n==> swift: %s\n' "$*"; }
timed() {
  local start=$SECONDS
  "$@"
  echo "    ($(( SECONDS - start )) s)"
}

echo "swift: $(chroot_run swift --version 2>&1 | head -n1)"
step "swift build ($HERE)"
timed chroot_run swift build --package-path "$HERE" 2>&1
step "swift test"
timed chroot_run swift test --package-path "$HERE" 2>&1
step "example: swift build ($EXAMPLE)"
timed chroot_run swift build --package-path "$EXAMPLE" 2>&1
step "example: sign-request"
BIN="$(chroot_run swift build --package-path "$EXAMPLE" --show-bin-path)"
chroot_run "$BIN/sign-request" GET "https://api.clever-cloud.com/v2/self?limit=10" 2>&1
