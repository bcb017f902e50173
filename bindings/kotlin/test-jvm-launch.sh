#!/usr/bin/env bash
# How the jar starts in the JVM configurations new users hit (issue 22), with a small Java
# program compiled and run against it:
# - the module path: a module that says only `requires dev.cleverkit;` compiles and runs (the
#   jar's module-info brings kotlin.stdlib, kotlinx.coroutines.core and com.sun.jna);
# - JDK 22 and later (Temurin 25 when installed): the native-access warning appears without a
#   setting, and is silenced by `--enable-native-access=ALL-UNNAMED` and by the manifest entry
#   `Enable-Native-Access: ALL-UNNAMED` of the jar `java -jar` runs; the same entry in the
#   library's jar does not count (the JDK reads it only from the launched jar);
# - a read-only home: JNA cannot unpack its native library there, `-Djna.tmpdir=DIR` fixes it.
# Usage: test-jvm-launch.sh CLEVERKIT_JAR RUNTIME_CLASSPATH
set -euo pipefail
[ -n "${DEBUG:-}" ] && set -x
JAR="$1"
DEPS="$2"
WORK="$(mktemp -d)"
[ -n "${DEBUG:-}" ] || trap 'rm -rf "$WORK"' EXIT
JAVA_HOME_17="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"

# The program: signs a request (the native library is loaded) and prints the header's scheme.
mkdir -p "$WORK/src/app/example"
cat > "$WORK/src/app/module-info.java" <<'JAVA'
module example.app {
    requires dev.cleverkit;
}
JAVA
cat > "$WORK/src/app/example/Main.java" <<'JAVA'
package example;

import dev.cleverkit.CleverException;
import dev.cleverkit.CleverKit;
import dev.cleverkit.OAuth1Credentials;
import dev.cleverkit.RequestToSign;

public class Main {
    public static void main(String[] args) throws CleverException {
        try (var credentials = new OAuth1Credentials("key", "secret")) {
            var signed = CleverKit.signRequest(new RequestToSign("GET", "https://api.clever-cloud.com/v2/self"), credentials);
            System.out.println("signed: " + signed.getAuthorization().split(" ")[0]);
        }
    }
}
JAVA

echo "==> kotlin: the module path (requires dev.cleverkit, nothing else)"
"$JAVA_HOME_17/bin/javac" -Xlint:all -Werror --module-path "$JAR:$DEPS" -d "$WORK/mods/example.app" \
  "$WORK/src/app/module-info.java" "$WORK/src/app/example/Main.java"
out="$("$JAVA_HOME_17/bin/java" -Djna.tmpdir="$WORK/jna" --module-path "$JAR:$DEPS:$WORK/mods" -m example.app/example.Main 2>&1)"
[ "$out" = "signed: OAuth" ] || { echo "kotlin: on the module path the program printed: $out" >&2; exit 1; }
echo "    $out"

# The same program on the class path, as a jar java -jar can run, and its manifest's variant.
"$JAVA_HOME_17/bin/javac" -cp "$JAR:$DEPS" -d "$WORK/classes" "$WORK/src/app/example/Main.java"
# Class-Path entries relative to the launched jar (the JDK ignores absolute ones).
mkdir -p "$WORK/lib"
echo "$JAR:$DEPS" | tr ':' '\n' | while read -r dependency; do cp "$dependency" "$WORK/lib/"; done
classpath_entries="$(cd "$WORK" && ls lib/*.jar | tr '\n' ' ')"
printf 'Main-Class: example.Main\nClass-Path: %s\n' "$classpath_entries" > "$WORK/plain.mf"
printf 'Main-Class: example.Main\nClass-Path: %s\nEnable-Native-Access: ALL-UNNAMED\n' "$classpath_entries" > "$WORK/native.mf"
"$JAVA_HOME_17/bin/jar" --create --file "$WORK/plain.jar" --manifest "$WORK/plain.mf" -C "$WORK/classes" .
"$JAVA_HOME_17/bin/jar" --create --file "$WORK/native.jar" --manifest "$WORK/native.mf" -C "$WORK/classes" .
unzip -p "$JAR" META-INF/MANIFEST.MF | grep -q '^Enable-Native-Access: ALL-UNNAMED' \
  || { echo "kotlin: $JAR's manifest has no Enable-Native-Access: ALL-UNNAMED" >&2; exit 1; }

echo "==> kotlin: a read-only home: jna.tmpdir"
out="$("$JAVA_HOME_17/bin/java" -Duser.home=/proc/nonexistent -Djna.tmpdir=/proc/nonexistent -cp "$WORK/classes:$JAR:$DEPS" example.Main 2>&1 || true)"
echo "$out" | grep -q "UnsatisfiedLinkError" || { echo "kotlin: an unwritable jna.tmpdir did not fail: $out" >&2; exit 1; }
out="$("$JAVA_HOME_17/bin/java" -Duser.home=/proc/nonexistent -Djna.tmpdir="$WORK/jna-tmp" -cp "$WORK/classes:$JAR:$DEPS" example.Main 2>&1)"
[ "$out" = "signed: OAuth" ] || { echo "kotlin: with -Djna.tmpdir the program printed: $out" >&2; exit 1; }
echo "    unwritable: UnsatisfiedLinkError; -Djna.tmpdir=DIR: $out"

NEWER=""
for java in /usr/lib/jvm/*/bin/java /opt/*/bin/java /opt/*/*/bin/java; do
  [ -x "$java" ] || continue
  feature="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  if [ "${feature%%.*}" -ge 22 ] 2>/dev/null; then NEWER="$java"; break; fi
done
if [ -z "$NEWER" ]; then
  echo "==> kotlin: no JDK 22 or later here: the native-access warning is not checked (the manifest entry is)"
else
  echo "==> kotlin: native access on $("$NEWER" -version 2>&1 | head -1)"
  run() { "$NEWER" -Djna.tmpdir="$WORK/jna" "$@" 2>&1; }
  warned() { echo "$1" | grep -q "WARNING: A restricted method"; }
  out="$(run -cp "$WORK/classes:$JAR:$DEPS" example.Main)"
  warned "$out" || { echo "kotlin: no native-access warning without a setting: $out" >&2; exit 1; }
  echo "    class path, no setting: warned"
  out="$(run -jar "$WORK/plain.jar")"
  warned "$out" || { echo "kotlin: no warning with the library's manifest entry only: $out" >&2; exit 1; }
  echo "    java -jar app.jar, the entry only in cleverkit.jar: warned (the JDK reads the launched jar's manifest)"
  for setting in "--enable-native-access=ALL-UNNAMED -cp $WORK/classes:$JAR:$DEPS example.Main" "-jar $WORK/native.jar"; do
    # shellcheck disable=SC2086
    out="$(run $setting)"
    if warned "$out" || [ "$(echo "$out" | tail -1)" != "signed: OAuth" ]; then
      echo "kotlin: $setting did not silence the warning: $out" >&2; exit 1
    fi
    echo "    ${setting%% *}: silent"
  done
  out="$(run --enable-native-access=com.sun.jna --module-path "$JAR:$DEPS:$WORK/mods" -m example.app/example.Main)"
  if warned "$out" || [ "$(echo "$out" | tail -1)" != "signed: OAuth" ]; then
    echo "kotlin: --enable-native-access=com.sun.jna on the module path did not silence the warning: $out" >&2; exit 1
  fi
  echo "    module path, --enable-native-access=com.sun.jna: silent"
fi
echo "==> kotlin: launch checks OK"
