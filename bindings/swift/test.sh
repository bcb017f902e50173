#!/usr/bin/env bash
# Builds and tests the Swift binding on Linux, inside the trixie chroot of setup.sh.
# Assumes ./scripts/build-ffi.sh ran (cdylib in target/release/, generated code in
# target/bindings/swift/, stand-in API in target/debug/cleverkit-standin). Copies the generated
# files into the package, mounts /proc and bind-mounts the checkout at the same path inside the
# chroot, runs `swift build` and `swift test` of the package at the repository's root (the only
# manifest; its build folder is bindings/swift/.build; the tests start their own stand-in), then
# builds and runs throwaway packages outside the checkout that depend on the repository by path
# and by URL (`.package(url: "file://…", branch: "main")` on a Git repository made from HEAD
# plus the generated files, cloned by SwiftPM with the chroot's git), checks that SwiftPM
# refuses it with a version requirement (`from:`, `exact:`: unsafe flags), then builds the
# example package examples/swift/CleverKitExamples and runs `sign-request`, and `quickstart`
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
if ! chroot_has_swift || ! chroot_has_package git; then
  echo "swift: no Swift chroot with git at $CHROOT; run bindings/swift/setup.sh first" >&2
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

# Apps of their own, outside the checkout (in the chroot's /tmp), each adding the repository as a
# package in one way; their main.swift (Tests/DependentApp/) signs a request and calls the
# stand-in, blocking and async.
WORK="$(mktemp -d "$CHROOT/tmp/cleverkit-deps.XXXXXX")"
WORK_IN_CHROOT="${WORK#"$CHROOT"}"
# (SwiftPM leaves its lock files for those packages in /tmp too.)
trap 'rm -rf "$WORK" "$CHROOT/tmp/_tmp_${WORK##*/}_"*; chroot_unmount_all || true' EXIT
# dependent_app FOLDER DEPENDENCY PACKAGE: a package App in $WORK/FOLDER with that one dependency,
# using the product CleverKit of PACKAGE (a dependency's identity: the last component of its path
# or URL, lower-cased).
dependent_app() {
  mkdir -p "$WORK/$1/Sources/App"
  cat >"$WORK/$1/Package.swift" <<MANIFEST
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "App",
    dependencies: [$2],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [.product(name: "CleverKit", package: "$3")]
        )
    ]
)
MANIFEST
  cp "$HERE/Tests/DependentApp/main.swift" "$WORK/$1/Sources/App/main.swift"
}
# run_app SWIFT_BUILD_OPTIONS...: runs the App that `swift build` with those options built.
run_app() {
  local bin
  bin="$(chroot_run swift build "$@" --show-bin-path)"
  chroot_run "${standin_env[@]}" "$bin/App" 2>&1
}

# By path: by the folder holding the root Package.swift, known by that folder's name.
step "a package outside the checkout, depending on the repository by path"
dependent_app by-path ".package(path: \"$ROOT\")" "$(basename "$ROOT" | tr '[:upper:]' '[:lower:]')"
timed chroot_run swift build --package-path "$WORK_IN_CHROOT/by-path" 2>&1
run_app --package-path "$WORK_IN_CHROOT/by-path"

# By URL: a Git repository made from this checkout's HEAD as a release would be, the committed
# tree plus the generated files the manifest needs (git-ignored here, so added with -f there):
# CleverKit.swift, the C header and module.modulemap. The cdylib is not in it: the manifest of
# SwiftPM's clone links the one in $CLEVERKIT_FFI_LIB_DIR (the snapshot above), as an app does
# with a library built once elsewhere. SwiftPM clones it with the chroot's git, through a shared
# cache of its own in $WORK (so that nothing stays in the chroot's ~/.cache).
REPO="$WORK/repo/cleverkit"
REPO_URL="file://${REPO#"$CHROOT"}"
GENERATED_FILES=(
  bindings/swift/Sources/CleverKit/CleverKit.swift
  bindings/swift/Sources/CleverKitFFI/include/CleverKitFFI.h
  bindings/swift/Sources/CleverKitFFI/include/module.modulemap
)
step "a Git repository at $REPO_URL: HEAD ($(git -C "$ROOT" rev-parse --short HEAD)) and the generated files"
git -C "$ROOT" diff --quiet HEAD -- || echo "    (uncommitted changes of the checkout are not in it)"
mkdir -p "$REPO"
git -C "$ROOT" archive HEAD | tar -x -C "$REPO"
for file in "${GENERATED_FILES[@]}"; do
  mkdir -p "$(dirname "$REPO/$file")"
  cp "$ROOT/$file" "$REPO/$file"
done
repo_git() { git -C "$REPO" -c user.name=test.sh -c user.email=test.sh@localhost -c commit.gpgSign=false "$@"; }
repo_git init -q -b main
repo_git add -A
repo_git add -f "${GENERATED_FILES[@]}"
repo_git commit -q -m "CleverKit $(git -C "$ROOT" rev-parse --short HEAD) with its generated files"
repo_git tag 1.0.0
echo "    main = tag 1.0.0 = $(repo_git rev-parse HEAD), $(repo_git ls-files | wc -l) files"

step "a package outside the checkout, depending on that repository by URL (branch: \"main\")"
URL_OPTIONS=(--package-path "$WORK_IN_CHROOT/by-url" --cache-path "$WORK_IN_CHROOT/cache")
dependent_app by-url ".package(url: \"$REPO_URL\", branch: \"main\")" cleverkit
timed chroot_run swift package "${URL_OPTIONS[@]}" resolve 2>&1
# (The chroot's git: the clone's alternates are paths inside the chroot.)
CLONE="$WORK_IN_CHROOT/by-url/.build/checkouts/cleverkit"
if [ "$(chroot_run git -C "$CLONE" rev-parse HEAD)" != "$(repo_git rev-parse HEAD)" ]; then
  echo "swift: SwiftPM's clone $CLONE is not at main of $REPO_URL" >&2
  exit 1
fi
echo "    SwiftPM's clone: .build/checkouts/cleverkit at $(chroot_run git -C "$CLONE" rev-parse --short HEAD)"
timed chroot_run swift build "${URL_OPTIONS[@]}" 2>&1
run_app "${URL_OPTIONS[@]}"

# By version: SwiftPM refuses the unsafe flags (-L and the rpath of the Linux cdylib) of a
# dependency with a version requirement; the README says so, and this keeps it true.
for requirement in 'from: "1.0.0"' 'exact: "1.0.0"'; do
  step "the same repository by version ($requirement): refused for its unsafe flags"
  folder="by-version-${requirement%%:*}"
  options=(--package-path "$WORK_IN_CHROOT/$folder" --cache-path "$WORK_IN_CHROOT/cache")
  dependent_app "$folder" ".package(url: \"$REPO_URL\", $requirement)" cleverkit
  chroot_run swift package "${options[@]}" resolve 2>&1
  if output="$(chroot_run swift build "${options[@]}" 2>&1)"; then
    printf '%s\n' "$output"
    echo "swift: the build with $requirement passed: SwiftPM accepts the unsafe flags now; update the README" >&2
    exit 1
  fi
  if ! grep -q "unsafe build flags" <<<"$output"; then
    printf '%s\n' "$output"
    echo "swift: the build with $requirement failed, but not for the unsafe flags" >&2
    exit 1
  fi
  grep "unsafe build flags" <<<"$output" | sed 's/^/    SwiftPM: /'
done

step "examples: swift build ($EXAMPLES)"
timed chroot_run swift build --package-path "$EXAMPLES" 2>&1
BIN="$(chroot_run swift build --package-path "$EXAMPLES" --show-bin-path)"
step "example: sign-request"
chroot_run "$BIN/sign-request" GET "https://api.clever-cloud.com/v2/self?limit=10" 2>&1
step "example: quickstart against the stand-in"
timed chroot_run "${standin_env[@]}" CLEVER_INVOICE_NUMBER=65536 "$BIN/quickstart" 2>&1
exec {standin_stdin}>&-  # end of file: the stand-in stops
wait "$standin_pid"
