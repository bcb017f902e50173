#!/usr/bin/env bash
# Builds, tests and installs the Kotlin/JVM library (JUnit 5 through Surefire, which prints its
# summary; the client tests start the stand-in API themselves), checks that the jar carries its
# cdylib and that install published what Maven Central requires (POM metadata, sources jar,
# javadoc jar), then runs the JUnit tests of examples/kotlin against the installed jar: both
# programs in child JVMs with a plain `java -cp`, Quickstart against the stand-in. Last, the
# five-platform jar script with the one platform there is (test-multiplatform-jar.sh), and how
# the jar starts on the module path, on JDK 22+ and with a read-only home (test-jvm-launch.sh).
# Assumes ./scripts/build-ffi.sh ran (the pom's enforcer says so when it did not) and setup.sh.
# Arguments go to both Maven runs (e.g. -Dcleverkit.bindings.dir=DIR, see README.md).
set -euo pipefail
cd "$(dirname "$0")"
MODULE="$(pwd)"
ROOT="$(cd ../.. && pwd)"
# -DfailIfNoTests: a run in which no test ran fails, as a failing test does.
MVN=(mvn -B -ntp -Dstyle.color=never -DfailIfNoTests=true)
# On Linux the jar carries the library as the wheel carries it: linked by zig against glibc 2.17
# (maturin's build, which scripts/build-ffi.sh runs through bindings/python/build-wheel.sh), so
# that it loads on every Linux since 2014, not only on this machine's glibc 2.36.
LINUX_CDYLIB=""
if [ "$(uname -s)" = Linux ] && ! printf '%s\n' "$@" | grep -q '^-Dcleverkit.cdylib.dir='; then
  LINUX_CDYLIB="${CARGO_TARGET_DIR:-$ROOT/target}/$(uname -m)-unknown-linux-gnu/release"
  [ -f "$LINUX_CDYLIB/libcleverkit_ffi.so" ] || {
    echo "kotlin: $LINUX_CDYLIB/libcleverkit_ffi.so is missing: run ./scripts/build-ffi.sh first" >&2
    exit 1
  }
  MVN+=("-Dcleverkit.cdylib.dir=$LINUX_CDYLIB")
fi
MVN+=("$@")

echo "==> kotlin: mvn install (compile with -Werror, JUnit tests, jar, sources jar, javadoc jar)"
MVN_LOG="$(mktemp)"
trap 'rm -f "$MVN_LOG"' EXIT
"${MVN[@]}" install 2>&1 | sed -u "s/\x1b\[0m//g" | tee "$MVN_LOG"

# The jar plugin records what it just built; older jars in target/ are ignored.
VERSION="$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)"
JAR="$MODULE/target/cleverkit-$VERSION.jar"

# What Maven Central requires beside the jar, as install just published it to the local
# repository (the files deploy would upload): the POM with its metadata, a sources jar holding
# the Kotlin, a javadoc jar holding documentation.
installed() { # SUFFIX: where install wrote cleverkit-VERSION<SUFFIX>, from its own log
  local name="cleverkit-$VERSION$1"
  sed -nE "s#^\[INFO\] Installing .* to (.*/${name//./\\.})\$#\1#p" "$MVN_LOG" | tail -1
}
for suffix in .jar .pom -sources.jar -javadoc.jar; do
  file="$(installed "$suffix")"
  if [ -z "$file" ] || [ ! -s "$file" ]; then
    echo "kotlin: mvn install published no cleverkit-$VERSION$suffix" >&2
    exit 1
  fi
done
jar tf "$(installed -sources.jar)" | grep -qx 'dev/cleverkit/cleverkit_ffi.kt' \
  || { echo "kotlin: the sources jar has no dev/cleverkit/cleverkit_ffi.kt" >&2; exit 1; }
if jar tf "$(installed -sources.jar)" | grep -q 'cleverkit_ffi\.\(so\|dylib\|dll\)$'; then
  echo "kotlin: the sources jar carries the native library" >&2
  exit 1
fi
jar tf "$(installed -javadoc.jar)" | grep -qx 'index.html' \
  || { echo "kotlin: the javadoc jar has no index.html" >&2; exit 1; }
jar tf "$(installed -javadoc.jar)" | grep -q 'dev\.cleverkit/-client/index\.html$' \
  || { echo "kotlin: the javadoc jar does not document dev.cleverkit.Client" >&2; exit 1; }
python3 - "$(installed .pom)" <<'PY' || { echo "kotlin: the POM lacks what Maven Central or the library's users require" >&2; exit 1; }
import sys
import xml.etree.ElementTree as ET

ns = {"m": "http://maven.apache.org/POM/4.0.0"}
pom = ET.parse(sys.argv[1]).getroot()
def text(path):
    return [e.text.strip() for e in pom.findall(path, ns) if e.text and e.text.strip()]
required = {
    "name": "m:name", "description": "m:description", "url": "m:url",
    "license name": "m:licenses/m:license/m:name", "license url": "m:licenses/m:license/m:url",
    "scm url": "m:scm/m:url", "scm connection": "m:scm/m:connection",
    "developer": "m:developers/m:developer/m:name",
}
missing = [label for label, path in required.items() if not text(path)]
# What users' builds must pull in for the library to run: JNA and kotlin-stdlib, and
# kotlinx-coroutines-core, which AsyncClient's generated suspend funs await the Rust future with.
declared = {
    f"{dep.findtext('m:groupId', '', ns).strip()}:{dep.findtext('m:artifactId', '', ns).strip()}"
    for dep in pom.findall("m:dependencies/m:dependency", ns)
    if dep.findtext("m:scope", "compile", ns).strip() in ("compile", "runtime")
    and dep.findtext("m:optional", "false", ns).strip() != "true"
}
runtime = ["net.java.dev.jna:jna", "org.jetbrains.kotlin:kotlin-stdlib", "org.jetbrains.kotlinx:kotlinx-coroutines-core-jvm"]
missing += [f"the runtime dependency {name}" for name in runtime if name not in declared]
if missing:
    sys.exit(f"{sys.argv[1]}: missing {', '.join(missing)}")
print(f"==> kotlin: POM ok: {text('m:name')[0]}, licenses {' / '.join(text('m:licenses/m:license/m:name'))}, scm {text('m:scm/m:url')[0]}, runtime dependencies {', '.join(runtime)}")
PY
echo "==> kotlin: installed cleverkit-$VERSION .jar, .pom, -sources.jar, -javadoc.jar"
NATIVE="$(jar tf "$JAR" | grep -E '^[a-z0-9-]+/(lib)?cleverkit_ffi\.(so|dylib|dll)$' || true)"
if [ -z "$NATIVE" ]; then
  echo "kotlin: $JAR carries no cdylib under a JNA platform folder" >&2
  exit 1
fi
echo "==> kotlin: $(basename "$JAR") carries $NATIVE"
if [ -n "$LINUX_CDYLIB" ]; then
  # The copy the jar carries (mvn stripped it into target/classes): its architecture and glibc.
  bash "$ROOT/scripts/platforms/check-elf.sh" "$(uname -m)" "$MODULE/target/classes/$(dirname "$NATIVE")/libcleverkit_ffi.so"
fi

echo "==> kotlin: examples/kotlin against the installed jar (JUnit: SignRequest, Quickstart)"
"${MVN[@]}" -f "$ROOT/examples/kotlin/pom.xml" -Dcleverkit.version="$VERSION" verify 2>&1 | sed -u "s/\x1b\[0m//g"

# The release jar's layout for every platform, from libraries built elsewhere: loaded with the
# example's SignRequest (compiled by the verify above) and the jar's runtime dependencies.
bash "$MODULE/test-multiplatform-jar.sh" "$JAR" "$ROOT/examples/kotlin/target/classes:$(cat "$MODULE/target/runtime-classpath.txt")"
# The jar on the module path, the native-access warning of JDK 22+ and jna.tmpdir.
bash "$MODULE/test-jvm-launch.sh" "$JAR" "$(cat "$MODULE/target/runtime-classpath.txt")"
echo "==> kotlin: OK"
