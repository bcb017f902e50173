#!/usr/bin/env bash
# Fuzzes cleverkit's parsers and signer with cargo-fuzz (libFuzzer + AddressSanitizer).
#
#   scripts/fuzz.sh [SECONDS]        every target for SECONDS each (default 600), one at a time
#   FUZZ_JOBS=2 scripts/fuzz.sh 600  two targets at a time (one libFuzzer process each)
#   FUZZ_TARGETS="config models" scripts/fuzz.sh 60
#
# The corpus grows in fuzz/corpus/<target> (not committed), seeded from fuzz/seeds/<target>
# (committed; regenerate with fuzz/make_seeds.py). Crashes land in fuzz/artifacts/<target>/.
# Prints executions, executions per second, corpus (units/bytes, as libFuzzer counts it after
# merging), coverage and findings per target; exits 1 if any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${1:-600}"
JOBS="${FUZZ_JOBS:-1}"
TARGETS="${FUZZ_TARGETS:-authorization_header sign_url form_pairs config models client_options}"
LOGS=fuzz/logs
mkdir -p "$LOGS"

if ! command -v cargo-fuzz >/dev/null; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
# cargo-fuzz needs -Z flags: a nightly toolchain when there is one, else stable with
# RUSTC_BOOTSTRAP=1 (which allows them).
if rustup run nightly rustc --version >/dev/null 2>&1; then
  FUZZ=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  FUZZ=(cargo fuzz)
fi

echo "==> building the fuzz targets (${FUZZ[*]})"
(cd fuzz && "${FUZZ[@]}" build)

run_target() {
  local target="$1"
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  local before
  before=$(find "fuzz/artifacts/$target" -type f | wc -l)
  # libFuzzer exits non-zero on a finding; the summary below reports it.
  (cd fuzz && "${FUZZ[@]}" run "$target" "corpus/$target" "seeds/$target" -- \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1) >"$LOGS/$target.log" 2>&1 || true
  local after runs rate corpus cov
  after=$(find "fuzz/artifacts/$target" -type f | wc -l)
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$LOGS/$target.log" | grep -oE '[0-9]+$' || echo "?")
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$LOGS/$target.log" | grep -oE '[0-9]+$' || echo "?")
  # libFuzzer's last status line: "cov: N ft: N corp: UNITS/SIZE".
  corpus=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$LOGS/$target.log" | tail -1 | cut -d' ' -f2 || true)
  cov=$(grep -oE 'cov: [0-9]+' "$LOGS/$target.log" | tail -1 | cut -d' ' -f2 || true)
  printf '%-22s %10s execs %6s exec/s  corpus %-14s cov %-6s %s new findings (log: %s)\n' \
    "$target" "$runs" "$rate" "${corpus:-?}" "${cov:-?}" "$((after - before))" "$LOGS/$target.log"
  if [ "$after" -gt "$before" ]; then
    find "fuzz/artifacts/$target" -type f -newer "$LOGS/$target.log.start" -printf '    %p\n' 2>/dev/null || true
    return 1
  fi
}

echo "==> fuzzing ${TARGETS} for ${SECONDS_EACH} s each, ${JOBS} at a time"
status=0
pids=()
for target in $TARGETS; do
  touch "$LOGS/$target.log.start"
  run_target "$target" &
  pids+=("$!")
  if [ "${#pids[@]}" -ge "$JOBS" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
exit "$status"
