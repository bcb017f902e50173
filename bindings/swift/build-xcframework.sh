#!/usr/bin/env bash
# Builds CleverKitFFI.xcframework for the Apple platforms and zips it for a SwiftPM
# `binaryTarget(url:checksum:)`. Needs macOS with Xcode (xcodebuild, lipo) and rustup.
#
#   iOS device     aarch64-apple-ios
#   iOS simulator  aarch64-apple-ios-sim + x86_64-apple-ios   (joined with lipo)
#   macOS          aarch64-apple-darwin + x86_64-apple-darwin (joined with lipo)
#
# Each slice is the crate's static library with the generated header and modulemap under
# Headers/CleverKitFFI/ (a subfolder, so the modulemap cannot collide with another
# framework's). Output:
#   bindings/swift/CleverKitFFI.xcframework        (what the root Package.swift's binaryTarget uses)
#   bindings/swift/Sources/CleverKit/CleverKit.swift (the generated Swift, copied)
#   target/swift/CleverKitFFI.xcframework.zip        (+ its checksum printed and in .sha256)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd -P)"

if [ "$(uname)" != "Darwin" ]; then
  echo "build-xcframework.sh needs macOS with Xcode (xcodebuild, lipo): it cannot run on $(uname)." >&2
  echo "On Linux, bindings/swift/test.sh builds and tests the package against the host cdylib." >&2
  exit 1
fi
for tool in xcodebuild lipo cargo rustup swift ditto; do
  command -v "$tool" >/dev/null || { echo "build-xcframework.sh: $tool not found" >&2; exit 1; }
done

cd "$ROOT"
IOS=aarch64-apple-ios
IOS_SIM=(aarch64-apple-ios-sim x86_64-apple-ios)
MACOS=(aarch64-apple-darwin x86_64-apple-darwin)
# Keep in step with `platforms:` in the root Package.swift.
export IPHONEOS_DEPLOYMENT_TARGET="${IPHONEOS_DEPLOYMENT_TARGET:-15.0}"
export MACOSX_DEPLOYMENT_TARGET="${MACOSX_DEPLOYMENT_TARGET:-12.0}"
LIB=libcleverkit_ffi.a

rustup target add "$IOS" "${IOS_SIM[@]}" "${MACOS[@]}"
for target in "$IOS" "${IOS_SIM[@]}" "${MACOS[@]}"; do
  echo "==> cargo build --release -p cleverkit-ffi --target $target"
  cargo build --quiet --release -p cleverkit-ffi --target "$target"
done

# The generated Swift, header and modulemap (library mode, from the host dylib).
./scripts/build-ffi.sh
GENERATED="$ROOT/target/bindings/swift"

WORK="$ROOT/target/swift/xcframework"
rm -rf "$WORK"
mkdir -p "$WORK/headers/CleverKitFFI" "$WORK/ios" "$WORK/ios-simulator" "$WORK/macos"
# Into Sources/ (the Swift file the CleverKit target compiles, and the fixed-up header).
bash "$HERE/copy-generated.sh" "$GENERATED"
cp "$HERE/Sources/CleverKitFFI/include/CleverKitFFI.h" "$WORK/headers/CleverKitFFI/"
cp "$HERE/Sources/CleverKitFFI/include/module.modulemap" "$WORK/headers/CleverKitFFI/module.modulemap"

cp "target/$IOS/release/$LIB" "$WORK/ios/$LIB"
lipo -create "target/${IOS_SIM[0]}/release/$LIB" "target/${IOS_SIM[1]}/release/$LIB" -output "$WORK/ios-simulator/$LIB"
lipo -create "target/${MACOS[0]}/release/$LIB" "target/${MACOS[1]}/release/$LIB" -output "$WORK/macos/$LIB"

XCFRAMEWORK="$HERE/CleverKitFFI.xcframework"
rm -rf "$XCFRAMEWORK"
xcodebuild -create-xcframework \
  -library "$WORK/ios/$LIB" -headers "$WORK/headers" \
  -library "$WORK/ios-simulator/$LIB" -headers "$WORK/headers" \
  -library "$WORK/macos/$LIB" -headers "$WORK/headers" \
  -output "$XCFRAMEWORK"

ZIP="$ROOT/target/swift/CleverKitFFI.xcframework.zip"
rm -f "$ZIP"
(cd "$HERE" && ditto -c -k --sequesterRsrc --keepParent CleverKitFFI.xcframework "$ZIP")
CHECKSUM="$(swift package --package-path "$ROOT" compute-checksum "$ZIP")"
echo "$CHECKSUM" >"$ZIP.sha256"

echo "xcframework: $XCFRAMEWORK"
echo "zip:         $ZIP"
echo "checksum:    $CHECKSUM"
echo "(for a release: .binaryTarget(name: \"CleverKitFFI\", url: \"<URL of the zip>\", checksum: \"$CHECKSUM\"))"
