#!/usr/bin/env bash
# Installs what scripts/platforms/{aarch64,windows}.sh need to build for and run on Linux aarch64
# (under qemu-user) and Windows x86-64 (under Wine) from this Linux x86-64 machine. Idempotent:
# a run with everything in place only checks, in a second or two.
#   - Rust's standard library for aarch64-unknown-linux-gnu and x86_64-pc-windows-gnu (rustup);
#   - from Debian: qemu-user-static (runs arm64 programs), binutils-aarch64-linux-gnu (strips
#     them), gcc-mingw-w64-x86-64 (the Windows target's linker and C compiler, for ring), wine64
#     (runs Windows programs);
#   - the arm64 sysroot at /opt/cleverkit/arm64-sysroot: Debian's arm64 packages of CPython 3.11
#     and OpenJDK 17 (headless) with the libraries they load, unpacked with `dpkg -x` (no arm64
#     program runs to build it), redone when a package's version changes;
#   - pytest and the other pure-Python packages the arm64 CPython imports, installed by the host's
#     pip for the manylinux2014_aarch64 platform into /opt/cleverkit/arm64-python-site;
#   - the Wine prefix /opt/cleverkit/wine-prefix, with the bcryptprimitives.dll Wine 8 lacks;
#   - JUnit's console launcher (junit-console.sh), from Maven Central.
# Runs after bindings/python/setup.sh (its venv has cargo-zigbuild and zig, which link the Linux
# builds against glibc 2.17).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/platforms/lib.sh
source "$here/lib.sh"

venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"

# Rust targets.
installed_targets="$(rustup target list --installed)"
for target in aarch64-unknown-linux-gnu x86_64-pc-windows-gnu; do
  if ! grep -qx "$target" <<<"$installed_targets"; then
    echo "platforms/setup: rustup target add $target"
    rustup target add "$target" >/dev/null
  fi
done

# cargo-zigbuild (build-cli.sh) comes with ziglang from bindings/python/setup.sh.
if [[ ! -x "$venv/bin/cargo-zigbuild" ]]; then
  echo "platforms/setup: no cargo-zigbuild in $venv: run bash bindings/python/setup.sh first" >&2
  exit 1
fi

# Debian packages, for the host (wine64 without recommends: no fonts, no Mono, no Gecko).
packages=()
command -v qemu-aarch64-static >/dev/null || packages+=(qemu-user-static)
command -v aarch64-linux-gnu-strip >/dev/null || packages+=(binutils-aarch64-linux-gnu)
command -v x86_64-w64-mingw32-gcc >/dev/null || packages+=(gcc-mingw-w64-x86-64)
[[ -x "$WINE" ]] || packages+=(wine64)
if [[ ${#packages[@]} -gt 0 ]]; then
  echo "platforms/setup: installing ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The arm64 sysroot. Only what the two runtimes load: CPython (with its standard library,
# ctypes' libffi, asyncio) and the JVM (libjvm needs libstdc++ and zlib; the desktop libraries
# of openjdk's Depends are for AWT, which a headless run never loads).
sysroot_packages=(
  libc6 libgcc-s1 libstdc++6 zlib1g
  python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
  libexpat1 libssl3 libffi8 libbz2-1.0 liblzma5 libuuid1 libcrypt1
  openjdk-17-jre-headless
)
arch_list="$(dpkg --print-foreign-architectures)"
if ! grep -qx arm64 <<<"$arch_list"; then
  echo "platforms/setup: dpkg --add-architecture arm64"
  dpkg --add-architecture arm64
  apt-get update -qq
fi
# The exact versions apt would download now: the sysroot is redone when one changes.
wanted="$(apt-cache policy "${sysroot_packages[@]/%/:arm64}" | awk '/^[^ ]/ {name=$1} /Candidate:/ {print name, $2}')"
if [[ "$(wc -l <<<"$wanted")" -ne ${#sysroot_packages[@]} ]] || grep -q '(none)' <<<"$wanted"; then
  apt-get update -qq
  wanted="$(apt-cache policy "${sysroot_packages[@]/%/:arm64}" | awk '/^[^ ]/ {name=$1} /Candidate:/ {print name, $2}')"
  if [[ "$(wc -l <<<"$wanted")" -ne ${#sysroot_packages[@]} ]] || grep -q '(none)' <<<"$wanted"; then
    echo "platforms/setup: apt has not every arm64 package of ${sysroot_packages[*]}:" >&2
    echo "$wanted" >&2
    exit 1
  fi
fi
stamp="$ARM64_SYSROOT/.cleverkit-packages"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  echo "platforms/setup: assembling the arm64 sysroot at $ARM64_SYSROOT"
  downloads="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-arm64-debs.XXXXXX")"
  trap 'rm -rf "$downloads"' EXIT
  # apt-get download runs as the _apt user where it can: the folder must be theirs to write.
  chmod 777 "$downloads"
  (cd "$downloads" && apt-get download -qq "${sysroot_packages[@]/%/:arm64}")
  rm -rf "$ARM64_SYSROOT"
  mkdir -p "$ARM64_SYSROOT"
  for deb in "$downloads"/*.deb; do
    dpkg -x "$deb" "$ARM64_SYSROOT"
  done
  # Debian's `java` is an alternatives link made at install time (by a maintainer script, which
  # dpkg -x does not run): the launcher is at its real path, used as such by aarch64.sh.
  printf '%s\n' "$wanted" >"$stamp"
  echo "platforms/setup: arm64 sysroot: $(du -sh "$ARM64_SYSROOT" | cut -f1)"
fi

# Pure-Python packages for the arm64 CPython, pinned as bindings/python/setup.sh pins them.
site_requirements=(
  "pytest==$(sed -nE 's/.*"pytest==([0-9.]+)".*/\1/p' "$here/../../bindings/python/setup.sh")"
  "pytest-asyncio==$(sed -nE 's/.*"pytest-asyncio==([0-9.]+)".*/\1/p' "$here/../../bindings/python/setup.sh")"
  "hypothesis==$(sed -nE 's/.*"hypothesis==([0-9.]+)".*/\1/p' "$here/../../bindings/python/setup.sh")"
  "oauthlib==$(sed -nE 's/.*"oauthlib==([0-9.]+)".*/\1/p' "$here/../../bindings/python/setup.sh")"
)
site_stamp="$ARM64_PYTHON_SITE/.cleverkit-requirements"
if [[ "$(cat "$site_stamp" 2>/dev/null)" != "${site_requirements[*]}" ]]; then
  echo "platforms/setup: installing ${site_requirements[*]} for the arm64 CPython"
  rm -rf "$ARM64_PYTHON_SITE"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-compile \
    --only-binary=:all: --platform manylinux2014_aarch64 --python-version 3.11 \
    --implementation cp --abi cp311 --target "$ARM64_PYTHON_SITE" "${site_requirements[@]}"
  printf '%s\n' "${site_requirements[*]}" >"$site_stamp"
fi

# Wine's prefix, and in it the stand-in of bcryptprimitives.dll that Wine 8.0 lacks
# (wine/bcryptprimitives.c says why), rebuilt when its source changes.
wine_env
if [[ ! -f "$WINE_PREFIX/system.reg" ]]; then
  echo "platforms/setup: creating the Wine prefix $WINE_PREFIX"
  "$WINE" wineboot --init >/dev/null 2>&1
  "$WINESERVER" -w
fi
shim_source="$here/wine/bcryptprimitives.c"
shim="$WINE_PREFIX/drive_c/windows/system32/bcryptprimitives.dll"
shim_stamp="$WINE_PREFIX/.cleverkit-bcryptprimitives.sha256"
if [[ ! -f "$shim" ]] || [[ "$(cat "$shim_stamp" 2>/dev/null)" != "$(sha256sum <"$shim_source")" ]]; then
  echo "platforms/setup: building bcryptprimitives.dll into the Wine prefix"
  x86_64-w64-mingw32-gcc -O2 -shared -s -Wl,--kill-at -o "$shim" "$shim_source" -ladvapi32
  sha256sum <"$shim_source" >"$shim_stamp"
fi

# JUnit's console launcher, which runs the Kotlin tests in the arm64 JVM (aarch64.sh).
bash "$here/junit-console.sh" >/dev/null
