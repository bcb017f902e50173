#!/usr/bin/env bash
# Windows x86-64, built here with Rust's x86_64-pc-windows-gnu target (mingw-w64 links) and run
# under Wine 8 (setup.sh installs both, and the Wine prefix):
#   0. clippy with -D warnings for that target (host.rs's lookup and the Windows tests);
#   1. the core's tests (`cargo test -p cleverkit`, Wine as cargo's runner): config paths under
#      %APPDATA%, the atomic download (a temporary file renamed over the destination), the client
#      against the in-process stand-in; the tests that need the openssl command are ignored on
#      Windows, with their reason (the run lists them);
#   2. the FFI crate's unit tests, among them the host-language lookup over the loaded modules;
#   3. release builds in target/x86_64-pc-windows-gnu/release/: cleverkit.exe and
#      cleverkit_ffi.dll (debug information stripped by cargo), the DLL checked to be a PE x86-64
#      file exporting the same UniFFI functions as the Linux library;
#   4. cleverkit.exe under Wine (check-cli.py): `sign` on every shared vector, `curl` to the
#      stand-in (the Linux build, on loopback), `login --save` into %APPDATA%\clever-cloud\ and
#      `self` reading it back.
# Needs scripts/build-ffi.sh first (the Linux library to compare exports with, the stand-in).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/platforms/lib.sh
source "$here/lib.sh"

target=x86_64-pc-windows-gnu
release="${CARGO_TARGET_DIR:-$root/target}/$target/release"
linux_library="${CARGO_TARGET_DIR:-$root/target}/release/libcleverkit_ffi.so"
standin="${CLEVERKIT_STANDIN:-${CARGO_TARGET_DIR:-$root/target}/debug/cleverkit-standin}"
for file in "$linux_library" "$standin"; do
  [[ -f "$file" ]] || { echo "windows: $file is missing: run ./scripts/build-ffi.sh first" >&2; exit 1; }
done
step() { printf '\n==> windows: %s\n' "$*"; }

wine_start
trap wine_stop EXIT
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$WINE"
# The Windows programs are built only here: stripping their debug information costs no rebuild
# of anything else (the Linux builds keep the release profile's line tables).
export CARGO_PROFILE_RELEASE_STRIP=debuginfo

step "clippy for the Windows target (its cfg(windows) code is compiled nowhere else)"
timed "clippy for Windows" cargo clippy --quiet --target "$target" -p cleverkit -p cleverkit-ffi \
  -p cleverkit-cli --all-targets -- -D warnings

step "the core's tests under Wine (cargo test -p cleverkit --target $target)"
# Every result but the passing tests' lines: the ignored ones are listed with their reason.
timed "core tests (build + run under Wine)" cargo test -p cleverkit --target "$target" 2>&1 \
  | grep -vE '^test .* \.\.\. ok$|^ *(Compiling|Finished|Running|Doc-tests) '

step "the FFI crate's unit tests under Wine (host-language lookup, workers)"
timed "FFI unit tests (build + run under Wine)" cargo test --quiet -p cleverkit-ffi --lib --target "$target"

step "release build: cleverkit.exe and cleverkit_ffi.dll"
timed "release build of cleverkit.exe and cleverkit_ffi.dll" \
  cargo build --quiet --release --target "$target" -p cleverkit-cli -p cleverkit-ffi
exe="$release/cleverkit.exe"
dll="$release/cleverkit_ffi.dll"
for file in "$exe" "$dll"; do
  format="$(objdump -f "$file" | sed -nE 's/.*file format (.*)$/\1/p')"
  [[ "$format" == pei-x86-64 ]] || { echo "windows: $file is $format, not pei-x86-64" >&2; exit 1; }
  echo "windows: ${file##*/}: PE x86-64, $(stat -c %s "$file") bytes"
done

# The UniFFI functions the bindings call: the DLL must export exactly the Linux library's.
uniffi_symbols='^(uniffi_cleverkit_ffi_|ffi_cleverkit_ffi_)'
windows_exports="$(objdump -p "$dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' \
  | awk '{print $NF}' | grep -E "$uniffi_symbols" | sort)"
linux_exports="$(readelf --dyn-syms -W "$linux_library" | awk '$7 != "UND" {print $8}' \
  | sed 's/@.*//' | grep -E "$uniffi_symbols" | sort)"
if [[ "$windows_exports" != "$linux_exports" ]]; then
  diff <(echo "$linux_exports") <(echo "$windows_exports") >&2 || true
  echo "windows: cleverkit_ffi.dll does not export the Linux library's UniFFI functions (< Linux, > Windows)" >&2
  exit 1
fi
checksums="$(grep -c '^uniffi_cleverkit_ffi_checksum_' <<<"$windows_exports")"
echo "windows: cleverkit_ffi.dll exports the same $(wc -l <<<"$windows_exports") UniFFI functions as the Linux library ($checksums checksums)"

step "cleverkit.exe under Wine: sign the vectors, curl the stand-in, login --save into %APPDATA%"
timed "cleverkit.exe under Wine" python3 "$here/check-cli.py" --windows \
  --vectors tests/vectors/oauth1.json --standin "$standin" -- "$WINE" "$exe"
