#!/usr/bin/env bash
# multiplatform-jar.sh [--platforms "P1 P2 …"] JAR OUT_JAR PLATFORM=DIR…
#
# Builds the release jar that runs on every desktop platform: a copy of JAR (the one `mvn package`
# made, which carries only the host's library) with each platform's cdylib under JNA's resource
# prefix for that platform, where JNA's classpath lookup finds it. The cdylibs are built
# elsewhere (one CI runner per platform) and given as one directory per platform:
#
#   linux-x86-64=DIR    DIR/libcleverkit_ffi.so     (ELF, x86-64)
#   linux-aarch64=DIR   DIR/libcleverkit_ffi.so     (ELF, AArch64)
#   darwin-aarch64=DIR  DIR/libcleverkit_ffi.dylib  (Mach-O, arm64, or universal with arm64)
#   darwin-x86-64=DIR   DIR/libcleverkit_ffi.dylib  (Mach-O, x86-64, or universal with x86-64)
#   win32-x86-64=DIR    DIR/cleverkit_ffi.dll       (PE, x86-64)
#
# Every platform of --platforms (default: all five) must be given, and each file must be a
# library of that platform's format and architecture: a missing platform or a library in the
# wrong folder fails with a message naming it, before anything is written. Give the libraries
# already stripped of debug sections (the release workflow strips each on its own runner).
set -euo pipefail

ALL_PLATFORMS="linux-x86-64 linux-aarch64 darwin-aarch64 darwin-x86-64 win32-x86-64"
usage() {
  echo "usage: multiplatform-jar.sh [--platforms \"P1 P2 …\"] JAR OUT_JAR PLATFORM=DIR…" >&2
  echo "       PLATFORM is one of: $ALL_PLATFORMS" >&2
  exit 2
}

platforms="$ALL_PLATFORMS"
if [ "${1:-}" = "--platforms" ]; then
  [ $# -ge 2 ] || usage
  platforms="$2"
  shift 2
fi
[ $# -ge 2 ] || usage
jar_in="$1"
jar_out="$2"
shift 2
[ -f "$jar_in" ] || { echo "multiplatform-jar: $jar_in: no such jar" >&2; exit 1; }
for platform in $platforms; do
  case " $ALL_PLATFORMS " in
    *" $platform "*) ;;
    *) echo "multiplatform-jar: unknown platform '$platform' (known: $ALL_PLATFORMS)" >&2; exit 2 ;;
  esac
done

library_name() {
  case "$1" in
    linux-*) echo libcleverkit_ffi.so ;;
    darwin-*) echo libcleverkit_ffi.dylib ;;
    win32-*) echo cleverkit_ffi.dll ;;
  esac
}

# PLATFORM=DIR arguments, each for a wanted platform, at most once.
declare -A dirs=()
for argument in "$@"; do
  platform="${argument%%=*}"
  dir="${argument#*=}"
  if [ "$platform" = "$argument" ] || [ -z "$dir" ]; then
    echo "multiplatform-jar: '$argument' is not PLATFORM=DIR" >&2
    exit 2
  fi
  case " $platforms " in
    *" $platform "*) ;;
    *) echo "multiplatform-jar: '$platform' is not among the platforms to build ($platforms)" >&2; exit 2 ;;
  esac
  [ -z "${dirs[$platform]:-}" ] || { echo "multiplatform-jar: $platform is given twice" >&2; exit 2; }
  dirs[$platform]="$dir"
done

# Everything is checked before the jar is written: all missing platforms are named at once.
missing=()
problems=()
for platform in $platforms; do
  if [ -z "${dirs[$platform]:-}" ]; then
    missing+=("$platform")
  elif [ ! -f "${dirs[$platform]}/$(library_name "$platform")" ]; then
    problems+=("$platform: ${dirs[$platform]}/$(library_name "$platform") does not exist")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "multiplatform-jar: missing platform(s): ${missing[*]} (give each as PLATFORM=DIR with its $(library_name linux-x86-64), .dylib or .dll)" >&2
fi
for problem in "${problems[@]}"; do echo "multiplatform-jar: $problem" >&2; done
[ ${#missing[@]} -eq 0 ] && [ ${#problems[@]} -eq 0 ] || exit 1

# The file's own header says its format and architecture (ELF e_machine, Mach-O cputype, or
# each slice of a universal binary, PE machine): a library put in the wrong folder would only
# fail at load time on a user's machine.
check_args=()
for platform in $platforms; do
  check_args+=("$platform" "${dirs[$platform]}/$(library_name "$platform")")
done
python3 - "${check_args[@]}" <<'PY'
import struct, sys

WANTED = {
    "linux-x86-64": ("ELF", "x86-64"), "linux-aarch64": ("ELF", "aarch64"),
    "darwin-aarch64": ("Mach-O", "aarch64"), "darwin-x86-64": ("Mach-O", "x86-64"),
    "win32-x86-64": ("PE", "x86-64"),
}
ELF_MACHINES = {0x3E: "x86-64", 0xB7: "aarch64", 0x03: "x86", 0x28: "arm"}
MACHO_CPUS = {0x01000007: "x86-64", 0x0100000C: "aarch64"}
PE_MACHINES = {0x8664: "x86-64", 0xAA64: "aarch64", 0x014C: "x86"}

def identify(path):
    with open(path, "rb") as file:
        head = file.read(4096)
    if head[:4] == b"\x7fELF":
        endian = "<" if head[5] == 1 else ">"
        (machine,) = struct.unpack_from(endian + "H", head, 18)
        return "ELF", {ELF_MACHINES.get(machine, f"machine {machine:#x}")}
    if head[:4] in (b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe"):
        (cpu,) = struct.unpack_from("<I", head, 4)
        return "Mach-O", {MACHO_CPUS.get(cpu, f"cpu {cpu:#x}")}
    if head[:4] == b"\xca\xfe\xba\xbe":  # universal: big-endian list of slices
        (count,) = struct.unpack_from(">I", head, 4)
        cpus = {struct.unpack_from(">I", head, 8 + 20 * i)[0] for i in range(count)}
        return "Mach-O", {MACHO_CPUS.get(cpu, f"cpu {cpu:#x}") for cpu in cpus}
    if head[:2] == b"MZ":
        (offset,) = struct.unpack_from("<I", head, 0x3C)
        if head[offset:offset + 4] == b"PE\0\0":
            (machine,) = struct.unpack_from("<H", head, offset + 4)
            return "PE", {PE_MACHINES.get(machine, f"machine {machine:#x}")}
    return "unknown format", set()

wrong = []
args = sys.argv[1:]
for platform, path in zip(args[::2], args[1::2]):
    fmt, arches = identify(path)
    want_fmt, want_arch = WANTED[platform]
    if fmt != want_fmt or want_arch not in arches:
        found = f"{fmt} {'/'.join(sorted(arches))}".strip()
        wrong.append(f"{platform}: {path} is {found}, not a {want_fmt} {want_arch} library")
for line in wrong:
    print(f"multiplatform-jar: {line}", file=sys.stderr)
sys.exit(1 if wrong else 0)
PY

stage="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-jar.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
entries=()
for platform in $platforms; do
  mkdir -p "$stage/$platform"
  cp "${dirs[$platform]}/$(library_name "$platform")" "$stage/$platform/"
  entries+=("$platform/$(library_name "$platform")")
done
mkdir -p "$(dirname "$jar_out")"
cp "$jar_in" "$stage/out.jar"
# `jar u` replaces an entry of the same name (the host library mvn package put there) and adds
# the others; the manifest is kept.
(cd "$stage" && jar uf out.jar "${entries[@]}")
mv "$stage/out.jar" "$jar_out"

listing="$(jar tf "$jar_out")"
for entry in "${entries[@]}"; do
  grep -qxF "$entry" <<<"$listing" || { echo "multiplatform-jar: $entry is not in $jar_out" >&2; exit 1; }
  printf '  %-40s %10s bytes\n' "$entry" "$(wc -c <"$stage/$entry")"
done
echo "multiplatform-jar: $jar_out carries ${#entries[@]} platform(s): $platforms"
