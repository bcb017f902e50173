#!/usr/bin/env bash
# Cross-compiles the `cleverkit-ffi` cdylib for Android's four ABIs with cargo-ndk, into
# src/main/jniLibs/<abi>/libcleverkit_ffi.so, where the Gradle module packs it into the AAR.
#
# Needs the Android NDK (ANDROID_NDK_HOME, ANDROID_NDK_ROOT, or the newest of $ANDROID_HOME/ndk/*),
# rustup (to add the four Android targets) and cargo-ndk (installed from crates.io when missing).
# The project's own machines have no NDK: there this script stops with a message and builds nothing.
#
# The Kotlin is not generated here: ./scripts/build-ffi.sh generates it from the host cdylib, and
# it is the same for every platform.
set -euo pipefail
cd "$(dirname "$0")"
MODULE="$(pwd)"
ROOT="$(cd ../../.. && pwd)"

ABIS=(arm64-v8a armeabi-v7a x86_64 x86)
RUST_TARGETS=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android)

ndk="${ANDROID_NDK_HOME:-${ANDROID_NDK_ROOT:-}}"
if [ -z "$ndk" ] && [ -n "${ANDROID_HOME:-${ANDROID_SDK_ROOT:-}}" ]; then
  sdk="${ANDROID_HOME:-${ANDROID_SDK_ROOT:-}}"
  ndk="$(find "$sdk/ndk" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -V | tail -1 || true)"
fi
if [ -z "$ndk" ] || [ ! -d "$ndk" ]; then
  cat >&2 <<MSG
build-jni-libs: no Android NDK found. Install one (Android Studio's SDK Manager, or
  sdkmanager "ndk;<version>") and set ANDROID_NDK_HOME, or ANDROID_HOME with an ndk/ folder.
MSG
  exit 1
fi
export ANDROID_NDK_HOME="$ndk"

if ! command -v cargo-ndk >/dev/null 2>&1; then
  echo "build-jni-libs: installing cargo-ndk"
  cargo install --locked cargo-ndk
fi
rustup target add "${RUST_TARGETS[@]}"

target_args=()
for abi in "${ABIS[@]}"; do target_args+=(-t "$abi"); done

cd "$ROOT"
rm -rf "$MODULE/src/main/jniLibs"
cargo ndk "${target_args[@]}" -o "$MODULE/src/main/jniLibs" build --release -p cleverkit-ffi

for abi in "${ABIS[@]}"; do
  lib="$MODULE/src/main/jniLibs/$abi/libcleverkit_ffi.so"
  [ -f "$lib" ] || { echo "build-jni-libs: $lib was not built" >&2; exit 1; }
done
echo "build-jni-libs: src/main/jniLibs/{$(IFS=,; echo "${ABIS[*]}")}/libcleverkit_ffi.so"
