#!/usr/bin/env bash
# test-multiplatform-jar.sh JAR CLASSPATH_REST: tests multiplatform-jar.sh with the one platform
# this machine builds (linux-x86-64, from the stripped copy of the cdylib mvn put in
# target/classes), then its refusals. Called by test.sh after `mvn install`; CLASSPATH_REST is the
# example's classes and the runtime dependencies (JNA, kotlin-stdlib), to load the assembled jar.
set -euo pipefail
cd "$(dirname "$0")"
MODULE="$(pwd)"
JAR="${1:?usage: test-multiplatform-jar.sh JAR CLASSPATH_REST}"
CP_REST="${2:?usage: test-multiplatform-jar.sh JAR CLASSPATH_REST}"
SCRIPT="$MODULE/multiplatform-jar.sh"
fail() { echo "kotlin: multiplatform-jar: $*" >&2; exit 1; }

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || { echo "kotlin: multiplatform-jar test skipped: not on Linux x86-64"; exit 0; }
HOST_DIR="$MODULE/target/classes/linux-x86-64"
[ -f "$HOST_DIR/libcleverkit_ffi.so" ] || fail "$HOST_DIR/libcleverkit_ffi.so is missing: run mvn package first"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The one platform there is: the library lands under JNA's prefix, byte for byte, and JNA
#    loads it from the assembled jar (no library path: the jar is the only place it can be).
bash "$SCRIPT" --platforms linux-x86-64 "$JAR" "$work/one.jar" linux-x86-64="$HOST_DIR" >"$work/one.log"
cat "$work/one.log"
(cd "$work" && jar xf one.jar linux-x86-64/libcleverkit_ffi.so)
cmp -s "$work/linux-x86-64/libcleverkit_ffi.so" "$HOST_DIR/libcleverkit_ffi.so" \
  || fail "the jar's linux-x86-64/libcleverkit_ffi.so differs from the input"
(cd "$work" && env -u LD_LIBRARY_PATH java -Djna.debug_load=true -cp "$CP_REST:$work/one.jar" \
  dev.cleverkit.examples.SignRequestKt >"$work/run.out" 2>"$work/run.err") \
  || { cat "$work/run.out" "$work/run.err"; fail "the example failed against the assembled jar"; }
grep -q '^Authorization: OAuth ' "$work/run.out" || fail "the example printed no Authorization header"
grep -qF "Found library resource at jar:file:$work/one.jar!/linux-x86-64/libcleverkit_ffi.so" "$work/run.err" \
  || { cat "$work/run.err"; fail "JNA did not load the library from the assembled jar"; }
echo "==> kotlin: the assembled jar loads its linux-x86-64 library"

# expect_refusal NAME PATTERN ARGS…: the script must fail, say PATTERN, and write no jar.
expect_refusal() {
  local name="$1" pattern="$2"
  shift 2
  local status=0
  bash "$SCRIPT" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
  [ "$status" -ne 0 ] || fail "$name: succeeded, expected a refusal"
  grep -qF -- "$pattern" "$work/$name.err" || { cat "$work/$name.err"; fail "$name: no message '$pattern'"; }
  [ ! -e "$work/$name.jar" ] || fail "$name: wrote $work/$name.jar anyway"
  echo "==> kotlin: refused ($name): $(head -1 "$work/$name.err")"
}

# 2. A release needs all five platforms: the four not given are named, and nothing is written.
expect_refusal missing "missing platform(s): linux-aarch64 darwin-aarch64 darwin-x86-64 win32-x86-64" \
  "$JAR" "$work/missing.jar" linux-x86-64="$HOST_DIR"
# 3. A library in the wrong platform's folder: this x86-64 ELF given as linux-aarch64.
expect_refusal wrong-arch "linux-aarch64: $HOST_DIR/libcleverkit_ffi.so is ELF x86-64, not a ELF aarch64 library" \
  --platforms linux-aarch64 "$JAR" "$work/wrong-arch.jar" linux-aarch64="$HOST_DIR"
# 4. A folder without the library, and a Linux library given for Windows.
mkdir "$work/empty"
expect_refusal no-file "darwin-aarch64: $work/empty/libcleverkit_ffi.dylib does not exist" \
  --platforms "linux-x86-64 darwin-aarch64" "$JAR" "$work/no-file.jar" linux-x86-64="$HOST_DIR" darwin-aarch64="$work/empty"
cp "$HOST_DIR/libcleverkit_ffi.so" "$work/empty/cleverkit_ffi.dll"
expect_refusal wrong-format "win32-x86-64: $work/empty/cleverkit_ffi.dll is ELF x86-64, not a PE x86-64 library" \
  --platforms win32-x86-64 "$JAR" "$work/wrong-format.jar" win32-x86-64="$work/empty"
echo "==> kotlin: multiplatform-jar.sh OK"
