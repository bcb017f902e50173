#!/usr/bin/env bash
# Runs the signing benchmark (src/bench/kotlin, a main class, not a test): CleverKit's
# signRequest against ScribeJava's OAuth 1.0a signing in one JVM, with warm-up, and the bare JNA
# call overhead. Prints per-call times and ratios.
#
#   bash bindings/kotlin/bench.sh [ROUND_MS] [ROUNDS]     # defaults: 500 ms, 7 rounds
#   bash bindings/kotlin/bench.sh --memory                # 100,000 credentials and clients: RSS
#   bash bindings/kotlin/bench.sh --async [ROUNDS] [CALLS] # defaults: 7 rounds of 1,000 concurrent calls
#
# --async: AsyncClient's suspend myself() against the sync Client on 8 threads, requests/s and
# the process's peak thread count, against the RELEASE stand-in (built here: a debug stand-in
# would be what is measured).
#
# Assumes ./scripts/build-ffi.sh ran (the cdylib and the generated Kotlin) and setup.sh.
set -euo pipefail
cd "$(dirname "$0")"
MVN=(mvn -B -ntp -q -Dstyle.color=never)

# Compiles the library and the benchmark (with the tests); the cdylib copy in target/classes is
# the stripped one the jar carries.
mkdir -p target
log="target/bench-build.log"
{
  "${MVN[@]}" test-compile &&
  "${MVN[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
} >"$log" 2>&1 || { sed "s/\x1b\[[0-9;]*m//g" "$log"; echo "kotlin/bench: the build failed" >&2; exit 1; }
main=dev.cleverkit.bench.SigningBenchmarkKt
properties=()
case "${1:-}" in
  --memory)
    main=dev.cleverkit.bench.MemoryChurnKt
    shift
    ;;
  --async)
    main=dev.cleverkit.bench.AsyncBenchmarkKt
    shift
    (cd ../.. && cargo build --quiet --release -p cleverkit-standin)
    properties=("-Dcleverkit.standin=$(cd ../.. && pwd)/target/release/cleverkit-standin")
    ;;
esac
# A fixed heap for --memory: RSS then shows native memory, not the heap growing into free RAM.
[ "$main" = dev.cleverkit.bench.MemoryChurnKt ] && heap=(-Xms96m -Xmx96m) || heap=()
exec java "${heap[@]}" "${properties[@]}" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main" "$@"
