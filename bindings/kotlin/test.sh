#!/usr/bin/env bash
# Builds, tests and installs the Kotlin/JVM library (JUnit 5 through Surefire, which prints its
# summary; the client tests start the stand-in API themselves), checks that the jar carries its
# cdylib, then runs the JUnit tests of examples/kotlin against the installed jar: both programs in
# child JVMs with a plain `java -cp`, Quickstart against the stand-in.
# Assumes ./scripts/build-ffi.sh ran (the pom's enforcer says so when it did not) and setup.sh.
# Arguments go to both Maven runs (e.g. -Dcleverkit.bindings.dir=DIR, see README.md).
set -euo pipefail
cd "$(dirname "$0")"
MODULE="$(pwd)"
ROOT="$(cd ../.. && pwd)"
# -DfailIfNoTests: a run in which no test ran fails, as a failing test does.
MVN=(mvn -B -ntp -Dstyle.color=never -DfailIfNoTests=true "$@")

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

echo "==> kotlin: examples/kotlin against the installed jar (JUnit: SignRequest, Quickstart)"
"${MVN[@]}" -f "$ROOT/examples/kotlin/pom.xml" -Dcleverkit.version="$VERSION" verify 2>&1 | sed -u "s/\x1b\[0m//g"
echo "==> kotlin: OK"
