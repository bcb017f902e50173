#!/usr/bin/env bash
# Builds, tests and installs the Kotlin/JVM library (JUnit 5 through Surefire, which prints its
# summary; the client tests start the stand-in API themselves), then compiles examples/kotlin/
# against the installed jar and runs it with a plain `java -cp jar:jna:stdlib`, no
# jna.library.path, to prove the jar carries its own cdylib: SignRequest offline, Quickstart
# against a stand-in API started here (OAuth from the environment, an API token, a config file,
# and two failures with their exit codes).
# Assumes ./scripts/build-ffi.sh ran (the pom's enforcer says so when it did not) and setup.sh.
set -euo pipefail
cd "$(dirname "$0")"
MODULE="$(pwd)"
ROOT="$(cd ../.. && pwd)"
MVN=(mvn -B -ntp -Dstyle.color=never)

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
jar tf "$(installed -javadoc.jar)" | grep -qx 'index.html' \
  || { echo "kotlin: the javadoc jar has no index.html" >&2; exit 1; }
jar tf "$(installed -javadoc.jar)" | grep -q 'dev\.cleverkit/-client/index\.html$' \
  || { echo "kotlin: the javadoc jar does not document dev.cleverkit.Client" >&2; exit 1; }
if jar tf "$(installed -sources.jar)" | grep -q 'cleverkit_ffi\.\(so\|dylib\|dll\)$'; then
  echo "kotlin: the sources jar carries the native library" >&2
  exit 1
fi
python3 - "$(installed .pom)" <<'PY' || { echo "kotlin: the POM lacks what Maven Central requires" >&2; exit 1; }
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
if missing:
    sys.exit(f"{sys.argv[1]}: missing {', '.join(missing)}")
print(f"==> kotlin: POM ok: {text('m:name')[0]}, licenses {' / '.join(text('m:licenses/m:license/m:name'))}, scm {text('m:scm/m:url')[0]}")
PY
echo "==> kotlin: installed cleverkit-$VERSION .jar, .pom, -sources.jar, -javadoc.jar"
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
  trap 'rm -rf "$out" "$MVN_LOG"' EXIT
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
  # The release jar's layout for every platform, from libraries built elsewhere.
  bash "$MODULE/test-multiplatform-jar.sh" "$JAR" "$EXAMPLE/target/classes:$(cat "$MODULE/target/runtime-classpath.txt")"
  # A bad URL is the library's InvalidInput, which the example turns into exit code 2.
  status=0
  (cd "$out" && java -cp "$CP" dev.cleverkit.examples.SignRequestKt GET /v2/self >/dev/null 2>&1) || status=$?
  if [ "$status" -ne 2 ]; then
    echo "kotlin: the example exited $status on a relative URL, expected 2" >&2
    exit 1
  fi

  echo "==> kotlin: Quickstart against the stand-in API"
  STANDIN="$ROOT/target/debug/cleverkit-standin"
  [ -x "$STANDIN" ] || { echo "kotlin: $STANDIN is missing: run ./scripts/build-ffi.sh" >&2; exit 1; }
  # The stand-in serves until its stdin reaches end of file: a coprocess keeps that pipe open.
  coproc STANDIN_PROC { exec "$STANDIN"; }
  STANDIN_IN="${STANDIN_PROC[1]}"
  STANDIN_PID="$STANDIN_PROC_PID"
  stop_standin() {
    if [ -n "${STANDIN_IN:-}" ]; then
      exec {STANDIN_IN}>&-
      STANDIN_IN=""
      wait "$STANDIN_PID" 2>/dev/null || true
    fi
  }
  trap 'stop_standin; rm -rf "$out" "$MVN_LOG"' EXIT
  IFS= read -r -t 30 info <&"${STANDIN_PROC[0]}" || { echo "kotlin: the stand-in printed nothing" >&2; exit 1; }
  field() { sed -nE "s/.*\"$1\":\"([^\"]*)\".*/\1/p" <<<"$info"; }
  API="$(field api)"; BRIDGE="$(field bridge)"; ORG="$(field organisation_id)"
  CONSUMER=(OAUTH_CONSUMER_KEY="$(field consumer_key)" OAUTH_CONSUMER_SECRET="$(field consumer_secret)")
  HOSTS=(API_HOST="$API" AUTH_BRIDGE_HOST="$BRIDGE")

  # quickstart NAME=VALUE… -- ARGS…: a clean environment (HOME too: no real clever-tools.json).
  quickstart() {
    local vars=()
    while [ "$1" != "--" ]; do vars+=("$1"); shift; done
    shift
    (cd "$out" && env -i PATH="$PATH" HOME="$out" "${vars[@]}" \
      java -cp "$CP" dev.cleverkit.examples.QuickstartKt "$@")
  }
  expect_output() { # FILE PATTERN…
    local file="$1"; shift
    for pattern in "$@"; do
      grep -qE "$pattern" "$file" || { cat "$file"; echo "kotlin: Quickstart printed no line matching $pattern" >&2; exit 1; }
    done
  }

  # OAuth 1.0a from the environment, with an invoice download.
  quickstart "${HOSTS[@]}" "${CONSUMER[@]}" CLEVER_TOKEN="$(field token)" CLEVER_SECRET="$(field token_secret)" \
    -- "$ORG" 4096 "$out/invoice.pdf" >"$out/oauth.txt" 2>&1 || { cat "$out/oauth.txt"; echo "kotlin: Quickstart (OAuth) failed" >&2; exit 1; }
  cat "$out/oauth.txt"
  expect_output "$out/oauth.txt" '^self: .*ada@example.com' '^zones \(4\)' "^applications of $ORG \([1-9]" '^invoice 4096: 4096 bytes'
  [ "$(wc -c <"$out/invoice.pdf")" -eq 4096 ] || { echo "kotlin: the invoice is not 4096 bytes" >&2; exit 1; }
  if grep -qF "$(field token_secret)" "$out/oauth.txt"; then echo "kotlin: Quickstart printed the token secret" >&2; exit 1; fi

  # An API token; the organisation comes from the summary.
  quickstart "${HOSTS[@]}" CLEVER_API_TOKEN="$(field api_token)" -- >"$out/token.txt" 2>&1 \
    || { cat "$out/token.txt"; echo "kotlin: Quickstart (API token) failed" >&2; exit 1; }
  expect_output "$out/token.txt" '^self: .*ada@example.com' '^applications of '
  if grep -qF "$(field api_token)" "$out/token.txt"; then echo "kotlin: Quickstart printed the API token" >&2; exit 1; fi

  # A clever-tools.json profile (what a JVM uses instead of setting environment variables).
  cat >"$out/clever-tools.json" <<JSON
{"version":1,"profiles":[{"alias":"t","token":"$(field token)","secret":"$(field token_secret)",
 "overrides":{"API_HOST":"$API","AUTH_BRIDGE_HOST":"$BRIDGE","OAUTH_CONSUMER_KEY":"$(field consumer_key)","OAUTH_CONSUMER_SECRET":"$(field consumer_secret)"}}]}
JSON
  quickstart -- --config "$out/clever-tools.json" --profile t "$ORG" >"$out/config.txt" 2>&1 \
    || { cat "$out/config.txt"; echo "kotlin: Quickstart (config file) failed" >&2; exit 1; }
  expect_output "$out/config.txt" '^self: .*ada@example.com'

  # Failures become exit codes: an unknown organisation (4), a wrong token secret (3).
  status=0
  quickstart "${HOSTS[@]}" "${CONSUMER[@]}" CLEVER_TOKEN="$(field token)" CLEVER_SECRET="$(field token_secret)" \
    -- orga_00000000-0000-4000-8000-00000000dead >"$out/notfound.txt" 2>&1 || status=$?
  [ "$status" -eq 4 ] || { cat "$out/notfound.txt"; echo "kotlin: Quickstart exited $status on an unknown organisation, expected 4" >&2; exit 1; }
  expect_output "$out/notfound.txt" 'not found' 'request id'
  status=0
  quickstart "${HOSTS[@]}" "${CONSUMER[@]}" CLEVER_TOKEN="$(field token)" CLEVER_SECRET=wrong-secret-value \
    -- >"$out/unauthorized.txt" 2>&1 || status=$?
  [ "$status" -eq 3 ] || { cat "$out/unauthorized.txt"; echo "kotlin: Quickstart exited $status on a wrong secret, expected 3" >&2; exit 1; }
  if grep -qF wrong-secret-value "$out/unauthorized.txt"; then echo "kotlin: an error printed the secret" >&2; exit 1; fi
  stop_standin
  echo "==> kotlin: Quickstart ran against the stand-in (OAuth, API token, config file, 2 failures)"
fi
echo "==> kotlin: OK"
