#!/usr/bin/env bash
# Builds, tests and installs the Kotlin/JVM library (JUnit 5 through Surefire, which prints its
# summary), then compiles examples/kotlin/ against the installed jar and runs it with a plain
# `java -cp jar:jna:stdlib`, no jna.library.path, to prove the jar carries its own cdylib.
# Assumes ./scripts/build-ffi.sh ran (the pom's enforcer says so when it did not) and setup.sh.
set -euo pipefail
cd "$(dirname "$0")"
MODULE="$(pwd)"
ROOT="$(cd ../.. && pwd)"
MVN=(mvn -B -ntp -Dstyle.color=never)

echo "==> kotlin: mvn install (compile with -Werror, JUnit tests, jar)"
"${MVN[@]}" install 2>&1 | sed -u "s/\x1b\[0m//g"

# The jar plugin records what it just built; older jars in target/ are ignored.
VERSION="$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)"
JAR="$MODULE/target/cleverkit-$VERSION.jar"
NATIVE="$(jar tf "$JAR" | grep -E '^[a-z0-9-]+/(lib)?cleverkit_ffi\.(so|dylib|dll)$' || true)"
if [ -z "$NATIVE" ]; then
  echo "kotlin: $JAR carries no cdylib under a JNA platform folder" >&2
  exit 1
fi
echo "==> kotlin: $(basename "$JAR") carries $NATIVE"

EXAMPLE="$ROOT/examples/kotlin"
if [ -f "$EXAMPLE/pom.xml" ]; then
  echo "==> kotlin: examples/kotlin against the installed jar"
  "${MVN[@]}" -q -f "$EXAMPLE/pom.xml" -Dcleverkit.version="$VERSION" compile 2>&1 | sed -u "s/\x1b\[0m//g"
  # The example, the library jar, and its runtime dependencies (JNA, kotlin-stdlib) and no more.
  CP="$EXAMPLE/target/classes:$JAR:$(cat "$MODULE/target/runtime-classpath.txt")"
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
  # From an empty folder, with no library path: JNA can only find the cdylib inside the jar.
  (cd "$out" && env -u LD_LIBRARY_PATH -u DYLD_LIBRARY_PATH \
    java -Djna.debug_load=true -cp "$CP" dev.cleverkit.examples.SignRequestKt \
    >"$out/stdout" 2>"$out/stderr") || {
    cat "$out/stdout" "$out/stderr"
    echo "kotlin: the example failed" >&2
    exit 1
  }
  cat "$out/stdout"
  grep -q '^Authorization: OAuth oauth_consumer_key=' "$out/stdout" || {
    echo "kotlin: the example printed no Authorization header" >&2
    exit 1
  }
  grep -qF "Found library resource at jar:file:$JAR!/$NATIVE" "$out/stderr" || {
    cat "$out/stderr"
    echo "kotlin: JNA did not load the cdylib from $JAR" >&2
    exit 1
  }
  echo "==> kotlin: the example loaded $NATIVE from $(basename "$JAR")"
  # A bad URL is the library's InvalidInput, which the example turns into exit code 2.
  status=0
  (cd "$out" && java -cp "$CP" dev.cleverkit.examples.SignRequestKt GET /v2/self >/dev/null 2>&1) || status=$?
  if [ "$status" -ne 2 ]; then
    echo "kotlin: the example exited $status on a relative URL, expected 2" >&2
    exit 1
  fi
fi
echo "==> kotlin: OK"
