#!/usr/bin/env bash
# Regenerate tests/vectors/oauth1.json with a pinned oauthlib.
#
#   bash tests/vectors/regenerate.sh           # rewrite oauth1.json
#   bash tests/vectors/regenerate.sh --check   # fail (with a diff) if stale
#
# The venv lives at ${VECTORS_VENV:-/tmp/cleverkit-vectors-venv} and is
# reused when it already has the pinned oauthlib.
set -euo pipefail

OAUTHLIB_VERSION="4.0.1"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${VECTORS_VENV:-/tmp/cleverkit-vectors-venv}"
committed="$here/oauth1.json"

check=0
case "${1:-}" in
    "") ;;
    --check) check=1 ;;
    -h | --help)
        sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "usage: $0 [--check]" >&2
        exit 2
        ;;
esac

python="$venv/bin/python"
if [[ ! -x "$python" ]]; then
    python3 -m venv "$venv"
fi
installed="$("$python" -c 'import oauthlib; print(oauthlib.__version__)' \
    2>/dev/null || true)"
if [[ "$installed" != "$OAUTHLIB_VERSION" ]]; then
    "$python" -m pip install --quiet --disable-pip-version-check \
        "oauthlib==$OAUTHLIB_VERSION"
fi

generate=("$python" "$here/generate.py" --require-oauthlib "$OAUTHLIB_VERSION")
count_cases() {
    "$python" -c 'import json, sys; print(len(json.load(open(sys.argv[1], encoding="utf-8"))["cases"]))' "$1"
}

if [[ "$check" -eq 0 ]]; then
    "${generate[@]}" --output "$committed" --quiet
    echo "wrote tests/vectors/oauth1.json ($(count_cases "$committed") cases, oauthlib $OAUTHLIB_VERSION)"
    exit 0
fi

fresh="$(mktemp "${TMPDIR:-/tmp}/oauth1.XXXXXX.json")"
trap 'rm -f "$fresh"' EXIT
"${generate[@]}" --output "$fresh" --quiet
if [[ ! -f "$committed" ]]; then
    echo "tests/vectors/oauth1.json is missing: run bash tests/vectors/regenerate.sh" >&2
    exit 1
fi
if ! diff -u --label committed/oauth1.json --label regenerated/oauth1.json \
    "$committed" "$fresh" >&2; then
    echo "tests/vectors/oauth1.json is stale: run bash tests/vectors/regenerate.sh" >&2
    exit 1
fi
echo "tests/vectors/oauth1.json is up to date ($(count_cases "$committed") cases, oauthlib $OAUTHLIB_VERSION)"
