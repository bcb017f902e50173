#!/usr/bin/env bash
# Builds and tests the Swift binding on Linux, inside the trixie chroot of setup.sh.
# Assumes ./scripts/build-ffi.sh ran (cdylib in target/release/, generated code in
# target/bindings/swift/, stand-in API in target/debug/cleverkit-standin). Copies the generated
# files into the package, mounts /proc and bind-mounts the checkout at the same path inside the
# chroot, runs `swift build` and `swift test` of the package at the repository's root (the only
# manifest; its build folder is bindings/swift/.build; the tests start their own stand-in), then
# builds a throwaway package outside the checkout that depends on the repository by path (what
# `.package(url:)` resolves to) and runs it, then builds the example package
# examples/swift/CleverKitExamples and runs `sign-request`, and `quickstart` against a stand-in
# started here. Unmounts on every exit path; mounts left by a killed run are removed first.
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
step "swift build ($ROOT)"
timed chroot_run swift build --package-path "$ROOT" --scratch-path "$HERE/.build" 2>&1
step "swift test"
# The tests are XCTest: without this, Swift Testing adds a closing line about 0 tests.
timed chroot_run swift test --disable-swift-testing --package-path "$ROOT" --scratch-path "$HERE/.build" 2>&1

# The stand-in serves until its stdin closes: a coprocess whose stdin this script holds (the
# chroot shares the host's network, so its 127.0.0.1 URLs work inside).
coproc STANDIN_PROC { exec "$CLEVERKIT_STANDIN" 2>/dev/null; }
standin_pid=$STANDIN_PROC_PID
standin_stdin=${STANDIN_PROC[1]}
if ! IFS= read -r -t 30 standin_json <&"${STANDIN_PROC[0]}"; then
  echo "swift: the stand-in ($CLEVERKIT_STANDIN) did not print its URLs" >&2
  exit 1
fi
field() { sed -E 's/.*"'"$1"'":"([^"]*)".*/\1/' <<<"$standin_json"; }
standin_env=(
  CLEVER_TOKEN="$(field token)" CLEVER_SECRET="$(field token_secret)"
  API_HOST="$(field api)" AUTH_BRIDGE_HOST="$(field bridge)"
  OAUTH_CONSUMER_KEY="$(field consumer_key)" OAUTH_CONSUMER_SECRET="$(field consumer_secret)"
)

# An app of its own, outside the checkout (in the chroot's /tmp), that adds the repository as a
# package the way `.package(url:)` does once SwiftPM has cloned it: by the folder holding the
# root Package.swift, known by that folder's name. Its main.swift (Tests/DependentApp/) signs a
# request and calls the stand-in.
step "a package outside the checkout, depending on the repository by path"
APP="$(mktemp -d "$CHROOT/tmp/cleverkit-app.XXXXXX")"
# (SwiftPM leaves its lock files for that package in /tmp too.)
trap 'rm -rf "$APP" "$CHROOT/tmp/_tmp_${APP##*/}_"*; chroot_unmount_all || true' EXIT
APP_IN_CHROOT="${APP#"$CHROOT"}"
mkdir -p "$APP/Sources/App"
cat >"$APP/Package.swift" <<MANIFEST
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "App",
    dependencies: [.package(path: "$ROOT")],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [.product(name: "CleverKit", package: "$(basename "$ROOT" | tr '[:upper:]' '[:lower:]')")]
        )
    ]
)
MANIFEST
cp "$HERE/Tests/DependentApp/main.swift" "$APP/Sources/App/main.swift"
timed chroot_run swift build --package-path "$APP_IN_CHROOT" 2>&1
APP_BIN="$(chroot_run swift build --package-path "$APP_IN_CHROOT" --show-bin-path)"
chroot_run "${standin_env[@]}" "$APP_BIN/App" 2>&1

step "examples: swift build ($EXAMPLES)"
timed chroot_run swift build --package-path "$EXAMPLES" 2>&1
BIN="$(chroot_run swift build --package-path "$EXAMPLES" --show-bin-path)"
step "example: sign-request"
chroot_run "$BIN/sign-request" GET "https://api.clever-cloud.com/v2/self?limit=10" 2>&1
step "example: quickstart against the stand-in"
timed chroot_run "${standin_env[@]}" CLEVER_INVOICE_NUMBER=65536 "$BIN/quickstart" 2>&1
exec {standin_stdin}>&-  # end of file: the stand-in stops
wait "$standin_pid"
