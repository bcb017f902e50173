#!/usr/bin/env bash
# build-sdist.sh [OUT_DIR]: the source distribution, cleverkit-<version>.tar.gz (default OUT_DIR:
# bindings/python/dist), from which `pip install cleverkit-<version>.tar.gz` builds a wheel on a
# machine with Rust and nothing else.
#
# `maturin sdist` packs the FFI crate and every path dependency it reaches (core, the stand-in),
# and rewrites the workspace's members to those. The workspace's own `uniffi-bindgen` crate is no
# dependency of the FFI crate, so maturin leaves it out; a wheel built from that sdist would then
# need a `uniffi-bindgen` of exactly UniFFI 0.32.2 on PATH (PyPI's stops at 0.31). This script adds
# the crate and puts it back among the members, so that maturin, building from the sdist, runs it
# with `cargo run --bin uniffi-bindgen` as it does in the repository. Cargo.lock (the workspace's)
# already pins its dependencies.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${CLEVERKIT_PYTHON_VENV:-/opt/cleverkit/python-venv}"
out="${1:-$here/dist}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/cleverkit-sdist.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if ! (cd "$here" && "$venv/bin/maturin" sdist --out "$work") >"$work/sdist.log" 2>&1; then
    cat "$work/sdist.log" >&2
    echo "maturin sdist failed" >&2
    exit 1
fi
sdists=("$work"/cleverkit-*.tar.gz)
rm -f "$out/${sdists[0]##*/}"

# Rewrites the archive: same entries and metadata (maturin's deterministic mtime, uid/gid 0), plus
# uniffi-bindgen/ (its Cargo.toml and the sources git tracks) and that member.
"$venv/bin/python" - "${sdists[0]}" "$out/${sdists[0]##*/}" "$root" <<'PY'
import gzip, io, re, subprocess, sys, tarfile, tomllib
from pathlib import Path

source, target, root = sys.argv[1], sys.argv[2], Path(sys.argv[3])
crate = "uniffi-bindgen"
tracked = subprocess.run(
    ["git", "-C", str(root), "ls-files", "-z", "--", crate],
    check=True, capture_output=True, text=True,
).stdout.split("\0")
files = sorted(f for f in tracked if f)
if f"{crate}/Cargo.toml" not in files:
    sys.exit(f"build-sdist: git tracks no {crate}/Cargo.toml under {root}")

with tarfile.open(source, "r:gz") as archive:
    members = archive.getmembers()
    contents = {m.name: archive.extractfile(m).read() for m in members if m.isfile()}
prefix = members[0].name.split("/")[0]
template = next(m for m in members if m.name == f"{prefix}/Cargo.toml")

manifest = contents[f"{prefix}/Cargo.toml"].decode()
listed = tomllib.loads(manifest)["workspace"]["members"]
if crate not in listed:
    # maturin writes the rewritten list on one line: `members = ["core", ...]`.
    manifest, count = re.subn(
        r'^(members\s*=\s*\[)', lambda m: f'{m.group(1)}"{crate}", ', manifest, count=1, flags=re.M
    )
    if count != 1 or crate not in tomllib.loads(manifest)["workspace"]["members"]:
        sys.exit("build-sdist: could not add the bindgen to the sdist's workspace members")
contents[f"{prefix}/Cargo.toml"] = manifest.encode()

def entry(name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), template.mtime, template.mode
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info

buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
    for member in members:
        if member.isfile():
            data = contents[member.name]
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
        else:
            archive.addfile(member)
    for name in files:
        data = (root / name).read_bytes()
        archive.addfile(entry(f"{prefix}/{name}", data), io.BytesIO(data))
with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=template.mtime) as gz:
    gz.write(buffer.getvalue())
print(f"sdist: {target} (+ {len(files)} files of {crate}/, a workspace member again)")
PY
