# shellcheck shell=bash
# Shared by the scripts of scripts/platforms/: where things are, and how foreign programs run.
# Sourced, never run.

# shellcheck disable=SC2034 # the paths are used by the scripts that source this file
# The arm64 Debian sysroot (setup.sh assembles it from Debian's arm64 packages with dpkg -x;
# no arm64 program runs to build it) and the pure-Python packages the arm64 CPython imports.
ARM64_SYSROOT="${CLEVERKIT_ARM64_SYSROOT:-/opt/cleverkit/arm64-sysroot}"
ARM64_PYTHON_SITE="${CLEVERKIT_ARM64_PYTHON_SITE:-/opt/cleverkit/arm64-python-site}"
# Wine's prefix (its C: drive and registry), made on first use by wineboot.
WINE_PREFIX="${CLEVERKIT_WINEPREFIX:-/opt/cleverkit/wine-prefix}"

# There is no binfmt_misc here: an arm64 program runs through qemu-user explicitly, with the
# sysroot as the root of its absolute library paths (-L), and a program it spawns does not run
# unless spawned the same way.
qemu_arm64() { # PROGRAM ARGS…
  qemu-aarch64-static -L "$ARM64_SYSROOT" "$@"
}

WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver

# Wine without a display, quiet, in the project's prefix, with UTF-8 command lines (the vectors'
# URLs are not all ASCII). WINEDLLOVERRIDES keeps wineboot from installing Mono and Gecko (which
# it would try to download).
wine_env() {
  export WINEPREFIX="$WINE_PREFIX" WINEDEBUG="${WINEDEBUG:--all}" WINEARCH=win64 LANG=C.UTF-8
  export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
  unset DISPLAY
}

# A wineserver kept up for the whole run: otherwise every program starts Wine's services anew
# (about 2.7 s each, against 0.1 s). wine_stop ends it (and every Windows program of the prefix).
wine_start() {
  wine_env
  "$WINESERVER" -p
  "$WINE" cmd /c exit </dev/null
}
wine_stop() {
  "$WINESERVER" -k 2>/dev/null || true
}

# timed LABEL COMMAND…: runs COMMAND and prints how long it took, for the measurements.
timed() {
  local label="$1" started=$SECONDS
  shift
  "$@"
  echo "    [time] $label: $((SECONDS - started)) s"
}
