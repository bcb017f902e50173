#!/usr/bin/env bash
# strip-wheel.sh WHEEL OUT_DIR: writes into OUT_DIR the same wheel with the debug sections of its
# native library removed (symbols are kept: UniFFI's checksum and scaffolding functions are
# exported symbols, and ctypes loads them by name). Run AFTER maturin has generated the bindings:
# library mode reads UniFFI's metadata from the unstripped library, so never feed a stripped
# one to uniffi-bindgen. `wheel pack` rewrites RECORD with the new file's hash and size.
#   Linux: GNU strip --strip-debug (the library's architecture's: aarch64-linux-gnu-strip, from
#   Debian's binutils-aarch64-linux-gnu, for an aarch64 library built on x86-64); macOS: strip -S, then an ad-hoc signature again; Windows:
#   nothing to do (MSVC keeps debug information in a separate .pdb, which the wheel lacks).
set -euo pipefail

if [[ $# -ne 2 || ! -f "$1" ]]; then
    echo "usage: strip-wheel.sh WHEEL OUT_DIR" >&2
    exit 2
fi
wheel_file="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out="$2"
python="${PYTHON:-${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}/bin/python}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-strip.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$python" -m wheel unpack --dest "$work" "$wheel_file" >/dev/null
unpacked=("$work"/*/)
# (No mapfile: macOS's bash 3.2 has none, and the release workflow strips the macOS wheel too.)
libraries=()
while IFS= read -r found; do
    libraries+=("$found")
done < <(find "${unpacked[0]}" -type f \
    \( -name 'libcleverkit_ffi.so' -o -name 'libcleverkit_ffi.dylib' -o -name 'cleverkit_ffi.dll' \))
if [[ ${#libraries[@]} -ne 1 ]]; then
    echo "strip-wheel: expected one cleverkit_ffi library in $wheel_file, found ${#libraries[@]}" >&2
    exit 1
fi
library="${libraries[0]}"
before=$(stat -c %s "$library" 2>/dev/null || stat -f %z "$library")
# A GNU strip reads only its own architecture's ELF files (and, on x86-64, PE ones).
elf_strip() {
    local machine
    machine="$(readelf -h "$1" | sed -nE 's/^ *Machine: *(.*)$/\1/p')"
    case "$machine:$(uname -m)" in
        AArch64:aarch64 | "Advanced Micro Devices X86-64:x86_64") echo strip ;;
        AArch64:*) echo aarch64-linux-gnu-strip ;;
        "Advanced Micro Devices X86-64:"*) echo x86_64-linux-gnu-strip ;;
        *) echo "strip-wheel: no strip known for a $machine library on $(uname -m)" >&2; return 1 ;;
    esac
}
case "$library" in
    *.so) strip_command="$(elf_strip "$library")" && "$strip_command" --strip-debug "$library" ;;
    # strip invalidates the linker's ad-hoc signature, without which Apple silicon refuses to
    # load the library: sign it again (ad hoc, as the linker did).
    *.dylib) strip -S "$library" && codesign --force --sign - "$library" ;;
    *.dll) ;;
esac
after=$(stat -c %s "$library" 2>/dev/null || stat -f %z "$library")

"$python" -m wheel pack --dest-dir "$out" "${unpacked[0]}" >/dev/null
echo "stripped ${library##*/}: $before -> $after bytes"
