#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (workflow syntax, expressions, job dependencies,
# runner labels, the inputs of well-known actions) and, through it, shellcheck on every `run:`
# script. The workflows themselves cannot run on this machine (no hosted runners): linting is all
# that is checked here. Installed by setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

actionlint="${CLEVERKIT_BIN_DIR:-/opt/cleverkit/bin}/actionlint"
[ -x "$actionlint" ] || { echo "github: $actionlint is missing: run bash .github/setup.sh" >&2; exit 1; }
command -v shellcheck >/dev/null 2>&1 || { echo "github: shellcheck is missing: run bash .github/setup.sh" >&2; exit 1; }

# First, a workflow with two known faults must be refused, each by its check: proof that the
# linter runs with its shellcheck integration on (actionlint skips shellcheck silently otherwise).
# shellcheck disable=SC2016 # the unexpanded $UNQUOTED is the fault
bad="$(printf '%s\n' 'on: push' 'jobs:' '  a:' '    runs-on: ubuntu-24.04' '    needs: [missing]' \
  '    steps:' '      - run: echo $UNQUOTED')"
if report="$("$actionlint" -no-color -stdin-filename known-bad.yml - <<<"$bad")"; then
  echo "github: actionlint accepted a workflow with known faults" >&2
  exit 1
fi
for check in '[job-needs]' '[shellcheck]'; do
  grep -qF "$check" <<<"$report" || { echo "$report"; echo "github: actionlint did not report $check" >&2; exit 1; }
done

workflows=(.github/workflows/*.yml)
"$actionlint" -no-color -shellcheck="$(command -v shellcheck)" "${workflows[@]}"
echo "github: actionlint $("$actionlint" -version | head -1) and shellcheck found no problem in ${workflows[*]}"
