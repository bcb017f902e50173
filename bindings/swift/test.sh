#!/usr/bin/env bash
# Builds and tests the Swift binding on Linux, inside the trixie chroot of setup.sh.
# Assumes ./scripts/build-ffi.sh ran (cdylib in target/release/, generated code in
# target/bindings/swift/, stand-in API in target/debug/cleverkit-standin). Copies the generated
# files into the package, mounts /proc and bind-mounts the checkout at the same path inside the
# chroot, runs `swift build` and `swift test` (the tests start their own stand-in), then builds
# the example package examples/swift/CleverKitExamples and runs `sign-request`, and `quickstart`
# against a stand-in started here. Unmounts on every exit path; mounts left by a killed run are
# removed first.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd -P)"
# shellcheck source=bindings/swift/chroot-lib.sh
source "$HERE/chroot-lib.sh"
chroot_require_root "$HERE/test.sh" "$@"

GENERATED="$ROOT/target/bindings/swift"
CDYLIB="${CLEVERKIT_FFI_LIB_DIR:-$ROOT/target/release}/libcleverkit_ffi.so"
STANDIN="${CLEVERKIT_STANDIN:-$ROOT/target/debug/cleverkit-standin}"
# The cdylib the tests link and load, and the stand-in they start: copies taken with the
# generated code, so that all match even if target/ is rebuilt meanwhile (Package.swift reads
# CLEVERKIT_FFI_LIB_DIR, the tests CLEVERKIT_STANDIN).
SNAPSHOT="$HERE/.build/cleverkit-ffi"
EXAMPLES="$ROOT/examples/swift/CleverKitExamples"

for file in "$GENERATED/CleverKit.swift" "$GENERATED/CleverKitFFI.h" "$GENERATED/CleverKitFFI.modulemap" "$CDYLIB" "$STANDIN"; do
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
mkdir -p "$SNAPSHOT"
cmp -s "$CDYLIB" "$SNAPSHOT/libcleverkit_ffi.so" || cp "$CDYLIB" "$SNAPSHOT/libcleverkit_ffi.so"
cmp -s "$STANDIN" "$SNAPSHOT/cleverkit-standin" || cp "$STANDIN" "$SNAPSHOT/cleverkit-standin"
export CLEVERKIT_FFI_LIB_DIR="$SNAPSHOT"
export CLEVERKIT_STANDIN="$SNAPSHOT/cleverkit-standin"

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
# The tests are XCTest: without this, Swift Testing adds a closing line about 0 tests.
timed chroot_run swift test --disable-swift-testing --package-path "$HERE" 2>&1
step "examples: swift build ($EXAMPLES)"
timed chroot_run swift build --package-path "$EXAMPLES" 2>&1
BIN="$(chroot_run swift build --package-path "$EXAMPLES" --show-bin-path)"
step "example: sign-request"
chroot_run "$BIN/sign-request" GET "https://api.clever-cloud.com/v2/self?limit=10" 2>&1

# The stand-in serves until its stdin closes: a coprocess whose stdin this script holds (the
# chroot shares the host's network, so its 127.0.0.1 URLs work inside).
step "example: quickstart against the stand-in"
coproc STANDIN_PROC { exec "$CLEVERKIT_STANDIN" 2>/dev/null; }
standin_pid=$STANDIN_PROC_PID
standin_stdin=${STANDIN_PROC[1]}
if ! IFS= read -r -t 30 standin_json <&"${STANDIN_PROC[0]}"; then
  echo "swift: the stand-in ($CLEVERKIT_STANDIN) did not print its URLs" >&2
  exit 1
fi
field() { sed -E 's/.*"'"$1"'":"([^"]*)".*/\1/' <<<"$standin_json"; }
timed chroot_run \
  CLEVER_TOKEN="$(field token)" CLEVER_SECRET="$(field token_secret)" \
  API_HOST="$(field api)" AUTH_BRIDGE_HOST="$(field bridge)" \
  OAUTH_CONSUMER_KEY="$(field consumer_key)" OAUTH_CONSUMER_SECRET="$(field consumer_secret)" \
  CLEVER_INVOICE_NUMBER=65536 "$BIN/quickstart" 2>&1
exec {standin_stdin}>&-  # end of file: the stand-in stops
wait "$standin_pid"
