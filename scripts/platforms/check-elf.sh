#!/usr/bin/env bash
# check-elf.sh ARCH FILE…: fails unless each FILE is an ELF binary or library for ARCH (x86_64 or
# aarch64) that needs no glibc symbol version newer than GLIBC_2.17 (CLEVERKIT_MAX_GLIBC): what
# manylinux2014 promises, so it loads on every Linux since 2014 (CentOS 7, RHEL 8, Amazon Linux 2,
# Ubuntu 16.04+, Debian 9+). Uses readelf, which reads every architecture's ELF files.
set -euo pipefail

max_glibc="${CLEVERKIT_MAX_GLIBC:-GLIBC_2.17}"
if [[ $# -lt 2 ]]; then
  echo "usage: check-elf.sh ARCH FILE…" >&2
  exit 2
fi
arch="$1"
shift
case "$arch" in
  x86_64) machine="Advanced Micro Devices X86-64" ;;
  aarch64) machine="AArch64" ;;
  *) echo "check-elf: unknown architecture $arch (x86_64 or aarch64)" >&2; exit 2 ;;
esac

for file in "$@"; do
  fail() { echo "check-elf: $file: $*" >&2; exit 1; }
  [[ -f "$file" ]] || fail "no such file"
  header="$(readelf -h -W "$file" 2>/dev/null)" || fail "not an ELF file"
  found="$(sed -nE 's/^ *Machine: *(.*)$/\1/p' <<<"$header")"
  [[ "$found" == "$machine" ]] || fail "built for $found, not $arch"
  # Every glibc version the file asks the dynamic linker for (.gnu.version_r).
  versions="$(readelf -V -W "$file" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sort -uV)"
  [[ -n "$versions" ]] || fail "asks for no GLIBC symbol version (not dynamically linked against glibc?)"
  newest="$(tail -1 <<<"$versions")"
  if [[ "$(printf '%s\n' "$newest" "$max_glibc" | sort -V | tail -1)" != "$max_glibc" ]]; then
    symbols="$(readelf --dyn-syms -W "$file" | grep -oE "[A-Za-z0-9_]+@$newest" | sort -u | head -5 | tr '\n' ' ')"
    fail "needs $newest (${symbols% }), newer than $max_glibc"
  fi
  echo "check-elf: ${file##*/} ($arch): $(stat -c %s "$file") bytes, needs at most $newest"
done
