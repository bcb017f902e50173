#!/usr/bin/env bash
# Installs what the Kotlin/JVM binding needs on a fresh Debian 12 machine, then fills the local
# Maven repository with every plugin and dependency that test.sh uses, so the test run needs no
# download. Idempotent: installed packages are kept, and a warm cache makes the second run quick.
#
# The generated Kotlin and the cdylib usually do not exist yet when this runs (build-ffi.sh comes
# later), so the pre-fetch builds a throwaway copy of pom.xml against a stub source and a stub
# test: same plugins, same dependencies, same lifecycle up to `install` (skipped). The strip step
# is skipped there (its plugin is still fetched): the stub cdylib is an empty file.
set -euo pipefail
cd "$(dirname "$0")"

java_major() {
  javac -version 2>&1 | sed -nE 's/^javac ([0-9]+).*/\1/p'
}

packages=()
if ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  packages+=(openjdk-17-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
  packages+=(maven)
fi
if ! command -v strip >/dev/null 2>&1; then
  packages+=(binutils) # strips the debug sections of the cdylib copy the jar carries
fi
if [ "${#packages[@]}" -gt 0 ]; then
  echo "kotlin/setup: installing ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
if [ "$(java_major)" -lt 17 ]; then
  # A newer default JDK can be missing from the alternatives: point at 17 explicitly.
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
  if [ ! -d "$JAVA_HOME" ]; then
    for home in /usr/lib/jvm/java-17-openjdk-*; do JAVA_HOME="$home"; done
  fi
  export PATH="$JAVA_HOME/bin:$PATH"
fi

stub="$(mktemp -d)"
trap 'rm -rf "$stub"' EXIT
cp pom.xml "$stub/pom.xml"
mkdir -p "$stub/generated/dev/cleverkit" "$stub/cdylib" "$stub/src/test/kotlin" "$stub/src/main/java"
# The module descriptor the pom compiles at prepare-package (it exports the stub's package).
cp src/main/java/module-info.java "$stub/src/main/java/"
cat >"$stub/generated/dev/cleverkit/cleverkit_ffi.kt" <<'KT'
package dev.cleverkit

internal object SetupStub {
    fun loaded(): Boolean = com.sun.jna.Platform.RESOURCE_PREFIX.isNotEmpty()
}
KT
cat >"$stub/src/test/kotlin/SetupStubTest.kt" <<'KT'
class SetupStubTest {
    @org.junit.jupiter.api.Test
    fun dependenciesResolve() {
        org.json.JSONObject("{}")
    }
}
KT
: >"$stub/cdylib/libcleverkit_ffi.so"
: >"$stub/cdylib/libcleverkit_ffi.dylib"

echo "kotlin/setup: pre-fetching Maven plugins and dependencies"
mvn -q -B -ntp -f "$stub/pom.xml" install \
  -Dcleverkit.bindings.dir="$stub/generated" \
  -Dcleverkit.cdylib.dir="$stub/cdylib" \
  -Dcleverkit.standin="$stub/cleverkit-standin" \
  -Dcleverkit.strip.skip=true \
  -Dmaven.install.skip=true >"$stub/mvn.log" 2>&1 || {
  cat "$stub/mvn.log"
  echo "kotlin/setup: the Maven pre-fetch failed" >&2
  exit 1
}
echo "kotlin/setup: $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
