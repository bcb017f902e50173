#!/usr/bin/env bash
# Linux aarch64 (AWS Graviton, Raspberry Pi, Docker's linux/arm64 on an Apple-silicon Mac),
# built here with zig against glibc 2.17 and run under qemu-user with the arm64 Debian sysroot of
# setup.sh (/opt/cleverkit/arm64-sysroot: Debian 12's arm64 CPython 3.11 and OpenJDK 17):
#   1. the manylinux2014 aarch64 wheel (bindings/python/build-wheel.sh aarch64: stripped, checked
#      like the x86-64 one), left beside it in bindings/python/dist/;
#   2. the `cleverkit` CLI, target/aarch64-unknown-linux-gnu/release/cleverkit (cargo zigbuild,
#      glibc 2.17, checked);
#   3. the jar for both Linux platforms: bindings/kotlin/target/linux/cleverkit-VERSION.jar, the
#      mvn-built jar with the wheel's stripped aarch64 library added under linux-aarch64/ by
#      multiplatform-jar.sh (as the release assembles its five-platform jar);
#   4. under qemu-aarch64-static:
#      - the wheel, installed for the manylinux2014_aarch64 platform into a venv of the arm64
#        CPython: smoke.py (imported from site-packages, the vectors byte for byte, sync calls to
#        the stand-in), then the pytest suite (sync and async calls to the stand-in), but for the
#        tests that type-check with mypy (static checks of the .pyi, the same on every platform;
#        run on x86-64);
#      - the jar in the arm64 JVM: JNA loads linux-aarch64/libcleverkit_ffi.so from it, and the
#        Kotlin suite's VectorTest (the vectors) and ClientTest's calls to the stand-in run there
#        (JUnit's console launcher);
#      - the CLI (check-cli.py): `sign` on every vector, `curl` to the stand-in, `login --save`.
# The stand-in is the x86-64 build on loopback. Needs scripts/build-ffi.sh, bindings/kotlin/test.sh
# (the jar, its test classes and classpaths) and setup.sh first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
# shellcheck source=scripts/platforms/lib.sh
source "$here/lib.sh"

venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
targets="${CARGO_TARGET_DIR:-$root/target}"
standin="${CLEVERKIT_STANDIN:-$targets/debug/cleverkit-standin}"
kotlin="$root/bindings/kotlin"
[[ -x "$standin" ]] || { echo "aarch64: $standin is missing: run ./scripts/build-ffi.sh first" >&2; exit 1; }
[[ -f "$kotlin/target/maven-archiver/pom.properties" && -f "$kotlin/target/test-classpath.txt" ]] \
  || { echo "aarch64: no jar or test classpath in $kotlin/target: run bash bindings/kotlin/test.sh first" >&2; exit 1; }
[[ -x "$ARM64_SYSROOT/usr/bin/python3.11" ]] \
  || { echo "aarch64: no arm64 sysroot at $ARM64_SYSROOT: run bash scripts/platforms/setup.sh first" >&2; exit 1; }
step() { printf '\n==> aarch64: %s\n' "$*"; }
work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-aarch64.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step "the manylinux2014 aarch64 wheel"
timed "aarch64 wheel (maturin --zig, strip, check)" bash bindings/python/build-wheel.sh aarch64
wheels=(bindings/python/dist/cleverkit-*-manylinux2014_aarch64.*.whl)
wheel="${wheels[0]}"

step "the cleverkit CLI for aarch64 (glibc 2.17)"
cli="$targets/aarch64-unknown-linux-gnu/release/cleverkit"
bash "$here/build-cli.sh" aarch64

step "the jar for linux-x86-64 and linux-aarch64"
version="$(sed -n 's/^version=//p' "$kotlin/target/maven-archiver/pom.properties")"
libraries="$kotlin/target/cdylib"
rm -rf "$libraries"
mkdir -p "$libraries/linux-aarch64"
# The wheel's stripped library is the jar's, as in the release workflow.
python3 - "$wheel" "$libraries/linux-aarch64" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open("cleverkit/cleverkit/libcleverkit_ffi.so") as lib:
    with open(f"{sys.argv[2]}/libcleverkit_ffi.so", "wb") as out:
        shutil.copyfileobj(lib, out)
PY
linux_jar="$kotlin/target/linux/cleverkit-$version.jar"
bash bindings/kotlin/multiplatform-jar.sh --platforms "linux-x86-64 linux-aarch64" \
  "$kotlin/target/cleverkit-$version.jar" "$linux_jar" \
  linux-x86-64="$kotlin/target/classes/linux-x86-64" linux-aarch64="$libraries/linux-aarch64"
bash "$here/check-elf.sh" x86_64 "$kotlin/target/classes/linux-x86-64/libcleverkit_ffi.so"
bash "$here/check-elf.sh" aarch64 "$libraries/linux-aarch64/libcleverkit_ffi.so"

step "the wheel in the arm64 CPython (qemu-aarch64-static)"
# A venv of the arm64 CPython. Its `python` is a script that starts the real one under qemu with
# argv[0] set to the script: sys.executable is then the script, and a test that starts
# `sys.executable` starts Python under qemu again (there is no binfmt_misc to do it).
python_venv="$work/venv"
qemu_arm64 "$ARM64_SYSROOT/usr/bin/python3.11" -m venv --without-pip "$python_venv"
site="$python_venv/lib/python3.11/site-packages"
rm -f "$python_venv"/bin/python*
cat >"$python_venv/bin/python" <<SH
#!/bin/sh
exec qemu-aarch64-static -L "$ARM64_SYSROOT" -0 "\$0" "$ARM64_SYSROOT/usr/bin/python3.11" "\$@"
SH
chmod +x "$python_venv/bin/python"
# pip (the host's) installs the wheel for the aarch64 platform, refusing it if its tag does not fit.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-compile \
  --only-binary=:all: --platform manylinux2014_aarch64 --python-version 3.11 --implementation cp \
  --target "$site" "$wheel"
# pytest, pytest-asyncio, hypothesis, oauthlib: pure Python, installed by setup.sh.
echo "$ARM64_PYTHON_SITE" >"$site/cleverkit-test-packages.pth"
machine="$("$python_venv/bin/python" -c 'import platform; print(platform.machine())')"
[[ "$machine" == aarch64 ]] || { echo "aarch64: the arm64 CPython says it runs on $machine" >&2; exit 1; }
(cd "$work" && timed "smoke.py under qemu" "$python_venv/bin/python" "$root/bindings/python/smoke.py" \
  "$root/tests/vectors/oauth1.json" "$standin")
status=0
(cd bindings/python && CLEVERKIT_STANDIN="$standin" timed "pytest under qemu" \
  "$python_venv/bin/python" -m pytest -q -p no:cacheprovider -k "not mypy" tests) || status=$?
[[ "$status" -ne 5 ]] || { echo "aarch64: pytest collected no tests" >&2; exit 1; }
[[ "$status" -eq 0 ]] || exit "$status"

step "the jar in the arm64 JVM (qemu-aarch64-static)"
java_arm64="$ARM64_SYSROOT/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
# The test classes and their dependencies (JUnit's own jars come with the console launcher),
# and the jar for both Linux platforms instead of target/classes, so that JNA can only find the
# aarch64 library in it.
launcher="$(bash "$here/junit-console.sh")"
test_classpath="$(tr ':' '\n' <"$kotlin/target/test-classpath.txt" \
  | grep -vE '/(org/junit|org/opentest4j|org/apiguardian)/' | paste -sd:)"
# launchMechanism=FORK: the JVM's default starts programs through its jspawnhelper, an arm64
# program that the kernel cannot run here (no binfmt_misc); forking runs the stand-in directly.
(cd "$work" && timed "JUnit under qemu" qemu_arm64 "$java_arm64" -Djna.debug_load=true \
  -Djdk.lang.Process.launchMechanism=FORK \
  -Dcleverkit.vectors="$root/tests/vectors/oauth1.json" -Dcleverkit.standin="$standin" \
  -jar "$launcher" execute --disable-banner --details=summary --fail-if-no-tests \
  --class-path "$kotlin/target/test-classes:$linux_jar:$test_classpath" \
  --select-class dev.cleverkit.tests.VectorTest --select-class dev.cleverkit.tests.ClientTest \
  >"$work/junit.out" 2>"$work/junit.err") || { cat "$work/junit.out" "$work/junit.err"; exit 1; }
cat "$work/junit.out"
# The launcher's summary: no container (a class's setup) failed, every test found ran and passed.
summary() { sed -nE "s/^\[ *([0-9]+) $1 *\]$/\1/p" "$work/junit.out"; }
found="$(summary "tests found")"
if [[ "$(summary "containers failed")" != 0 || "$(summary "tests failed")" != 0 \
  || "$(summary "tests successful")" != "$found" || "${found:-0}" -lt 40 ]]; then
  echo "aarch64: the Kotlin tests did not all run and pass in the arm64 JVM (summary above)" >&2
  exit 1
fi
grep -qF "Found library resource at jar:file:$linux_jar!/linux-aarch64/libcleverkit_ffi.so" "$work/junit.err" \
  || { cat "$work/junit.err"; echo "aarch64: JNA did not load linux-aarch64/libcleverkit_ffi.so from $linux_jar" >&2; exit 1; }
echo "aarch64: JNA loaded linux-aarch64/libcleverkit_ffi.so from ${linux_jar#"$root"/}"

step "the CLI under qemu: sign the vectors, curl the stand-in, login --save"
timed "CLI under qemu" python3 "$here/check-cli.py" --vectors tests/vectors/oauth1.json \
  --standin "$standin" -- qemu-aarch64-static -L "$ARM64_SYSROOT" "$cli"
