#!/usr/bin/env bash
# check-wheel.sh WHEEL [ARCH]: fails unless the Linux wheel is what users should get:
#   - tagged manylinux2014 (= manylinux_2_17) for ARCH (x86_64 or aarch64; default: this
#     machine's), and its native library built for ARCH;
#   - its native library needs no glibc symbol newer than GLIBC_2.17 (what the tag promises;
#     maturin's own audit checks it too, this proves it on the file that ships:
#     scripts/platforms/check-elf.sh, with readelf, which reads every architecture's files);
#   - the library has no .debug_* section left, and still exports UniFFI's functions;
#   - the generated bindings are inside, and RECORD matches every file (hash and size);
#   - the wheel is at most CLEVERKIT_WHEEL_MAX_BYTES (default 4,000,000 bytes: the budget with
#     every v2 operation typed).
set -euo pipefail

wheel_file="${1:?usage: check-wheel.sh WHEEL [ARCH]}"
arch="${2:-$(uname -m)}"
max_bytes="${CLEVERKIT_WHEEL_MAX_BYTES:-4000000}"
python="${PYTHON:-${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}/bin/python}"
check_elf="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../scripts/platforms" && pwd)/check-elf.sh"
fail() { echo "check-wheel: ${wheel_file##*/}: $*" >&2; exit 1; }

case "${wheel_file##*/}" in
    *-py3-none-manylinux2014_"$arch".manylinux_2_17_"$arch".whl) ;;
    *) fail "not tagged py3-none-manylinux2014_$arch.manylinux_2_17_$arch" ;;
esac

work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Extracts the wheel and checks RECORD against the files (what `wheel pack` must have written).
"$python" - "$wheel_file" "$work" <<'PY' || fail "RECORD or contents wrong"
import base64, csv, hashlib, io, sys, zipfile

wheel, dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as archive:
    names = set(archive.namelist())
    record_name = next(n for n in names if n.endswith(".dist-info/RECORD"))
    rows = list(csv.reader(io.TextIOWrapper(archive.open(record_name), "utf-8")))
    recorded = {row[0] for row in rows}
    if recorded != names:
        sys.exit(f"RECORD lists {sorted(recorded ^ names)} differently from the archive")
    for name, digest, size in rows:
        if name == record_name:
            continue
        data = archive.read(name)
        algorithm, _, expected = digest.partition("=")
        actual = base64.urlsafe_b64encode(hashlib.new(algorithm, data).digest()).rstrip(b"=")
        if actual.decode() != expected or int(size) != len(data):
            sys.exit(f"RECORD's hash or size of {name} does not match the file")
    for required in ("cleverkit/cleverkit/cleverkit_ffi.py", "cleverkit/cleverkit/libcleverkit_ffi.so"):
        if required not in names:
            sys.exit(f"{required} is missing")
    archive.extract("cleverkit/cleverkit/libcleverkit_ffi.so", dest)
PY
library="$work/cleverkit/cleverkit/libcleverkit_ffi.so"

if readelf -S -W "$library" | grep -qE '\.debug_'; then
    fail "libcleverkit_ffi.so still has debug sections"
fi
# Defined (not UND) dynamic symbols: what the library exports.
exported="$(readelf --dyn-syms -W "$library" | awk '$7 != "UND" && $8 ~ /^uniffi_cleverkit_ffi_checksum_/' | wc -l)"
[[ "$exported" -gt 0 ]] || fail "libcleverkit_ffi.so exports no UniFFI checksum function"
elf_report="$(CLEVERKIT_MAX_GLIBC=GLIBC_2.17 bash "$check_elf" "$arch" "$library")" \
    || fail "libcleverkit_ffi.so is not an $arch library needing at most GLIBC_2.17 (above)"
newest_glibc="${elf_report##* }"

size=$(stat -c %s "$wheel_file")
if [[ "$size" -gt "$max_bytes" ]]; then
    fail "$size bytes, over the limit of $max_bytes"
fi
echo "wheel ok: ${wheel_file##*/}: $size bytes (limit $max_bytes), needs at most $newest_glibc, no debug sections, $exported UniFFI checksums exported"
