#!/usr/bin/env bash
# Proves that the sdist builds on a machine with Rust and nothing else: build-sdist.sh makes it,
# then `pip install cleverkit-<version>.tar.gz` runs in a fresh venv whose PATH holds only the
# system's directories and cargo's (no uniffi-bindgen, no zig, not the venv of setup.sh), with a
# fresh cargo target directory. pip fetches the build backend (maturin) from PyPI; maturin builds
# the FFI crate and runs the bindgen that came inside the sdist. smoke.py then imports the
# installed package, signs the shared vectors and calls the local stand-in.
# Called by test.sh; takes a few minutes (a cold release build of the FFI crate).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
standin="${CLEVERKIT_STANDIN:-${CARGO_TARGET_DIR:-$root/target}/debug/cleverkit-standin}"
cargo_bin="$(dirname "$(command -v cargo)")"
fail() { echo "test-sdist: $*" >&2; exit 1; }
if [[ ! -x "$standin" ]]; then
    (cd "$root" && cargo build --quiet -p cleverkit-standin)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-sdist-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT

bash "$here/build-sdist.sh" "$work/dist"
sdists=("$work"/dist/cleverkit-*.tar.gz)
sdist="${sdists[0]}"
listing="$(tar tzf "$sdist")"
for required in uniffi-bindgen/Cargo.toml uniffi-bindgen/src/main.rs bindings/ffi/Cargo.toml \
        core/Cargo.toml Cargo.lock pyproject.toml src/cleverkit/__init__.py; do
    grep -qx "cleverkit-[^/]*/$required" <<<"$listing" || fail "$required is not in ${sdist##*/}"
done

# Rust and nothing else: the system's PATH plus cargo's, and nothing named uniffi-bindgen on it.
clean_path="$cargo_bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
if PATH="$clean_path" command -v uniffi-bindgen >/dev/null; then
    fail "a uniffi-bindgen is on the clean PATH ($(PATH="$clean_path" command -v uniffi-bindgen)): the test would prove nothing"
fi
python3 -m venv "$work/venv"
started=$SECONDS
if ! env -u CARGO_TARGET_DIR -u VIRTUAL_ENV PATH="$clean_path" CARGO_TARGET_DIR="$work/target" \
        "$work/venv/bin/python" -m pip install --disable-pip-version-check --no-cache-dir \
        "$sdist" >"$work/pip.log" 2>&1; then
    tail -60 "$work/pip.log" >&2
    fail "pip install ${sdist##*/} failed"
fi
echo "pip install ${sdist##*/}: built and installed in $((SECONDS - started)) s"
# The bindgen that ran must be the one from the sdist, built by cargo in the fresh target dir.
[[ -x "$work/target/debug/uniffi-bindgen" ]] || fail "the sdist's uniffi-bindgen was not built"

# From an empty folder, so that only the installed package can be imported.
mkdir "$work/run"
(cd "$work/run" && env -i PATH="$clean_path" "$work/venv/bin/python" "$here/smoke.py" \
    "$root/tests/vectors/oauth1.json" "$standin")
echo "test-sdist: OK"
