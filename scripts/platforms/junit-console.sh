#!/usr/bin/env bash
# Prints the path of JUnit's console launcher (junit-platform-console-standalone) of the JUnit
# the Kotlin binding's tests use (bindings/kotlin/pom.xml's junit.version 5.X.Y goes with the
# platform's 1.X.Y), fetching it from Maven Central into the local repository when missing.
# aarch64.sh runs the Kotlin tests with it in the arm64 JVM; setup.sh fetches it ahead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jupiter="$(sed -nE 's|.*<junit.version>5\.([0-9]+\.[0-9]+)</junit.version>.*|\1|p' "$here/../../bindings/kotlin/pom.xml")"
[[ -n "$jupiter" ]] || { echo "junit-console: no 5.x junit.version in bindings/kotlin/pom.xml" >&2; exit 1; }
version="1.$jupiter"
repository="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
jar="$repository/org/junit/platform/junit-platform-console-standalone/$version/junit-platform-console-standalone-$version.jar"
if [[ ! -s "$jar" ]]; then
  mvn -q -B -ntp -Dstyle.color=never dependency:get -Dartifact="org.junit.platform:junit-platform-console-standalone:$version" \
    -Dtransitive=false >&2
fi
[[ -s "$jar" ]] || { echo "junit-console: $jar is missing after mvn dependency:get" >&2; exit 1; }
echo "$jar"
