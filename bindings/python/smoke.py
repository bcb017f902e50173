"""Checks an INSTALLED cleverkit (a wheel, or one pip built from the sdist) with nothing but the
standard library: it must be imported from site-packages, sign the shared vectors exactly, and,
given the stand-in, sign and send real requests.

    python smoke.py VECTORS_JSON [STANDIN_BINARY]

Run it from outside the source tree. Used by test-sdist.sh; the release workflow runs it on every
wheel it builds (there without the stand-in, which is not built there).
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import cleverkit

METHODS = {
    "HMAC-SHA1": cleverkit.SignatureMethod.HMAC_SHA1,
    "HMAC-SHA512": cleverkit.SignatureMethod.HMAC_SHA512,
    "PLAINTEXT": cleverkit.SignatureMethod.PLAINTEXT,
}


def check_installed() -> None:
    # A platform wheel installs into platlib, which is purelib on most systems but not all.
    paths = sysconfig.get_paths()
    sites = {Path(paths[key]).resolve() for key in ("purelib", "platlib")}
    module = Path(cleverkit.__file__).resolve()
    if not sites.intersection(module.parents):
        sys.exit(f"cleverkit was imported from {module}, not from {' or '.join(map(str, sites))}")
    print(f"imported {module}")


def check_vectors(path: Path) -> None:
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    # The cases sign_request can express (no realm, no extra protocol parameters).
    signable = [c for c in cases if c["realm"] is None and not c["oauth_params"] and c["include_version"]]
    if len(signable) < 30:
        sys.exit(f"only {len(signable)} signable vectors in {path}")
    for case in signable:
        credentials = cleverkit.OAuth1Credentials(
            case["consumer_key"],
            case["consumer_secret"],
            token=case["token"],
            token_secret=case["token_secret"],
            signature_method=METHODS[case["signature_method"]],
        )
        signed = cleverkit.sign_request(
            cleverkit.RequestToSign(
                method=case["method"],
                url=case["url"],
                body=case["body"],
                content_type=case["content_type"],
                nonce=case["nonce"],
                timestamp=case["timestamp"],
            ),
            credentials,
        )
        if (signed.base_string, signed.signature) != (
            case["expected"]["base_string"],
            case["expected"]["signature"],
        ):
            sys.exit(f"vector {case['name']}: got signature {signed.signature!r}")
    print(f"signed {len(signable)} vectors exactly")


def check_standin(binary: str) -> None:
    process = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdin is not None and process.stdout is not None
    try:
        info = json.loads(process.stdout.readline())
        options = cleverkit.ClientOptions(api_host=info["api"], bridge_host=info["bridge"])
        credentials = cleverkit.OAuth1Credentials(
            info["consumer_key"],
            info["consumer_secret"],
            token=info["token"],
            token_secret=info["token_secret"],
        )
        with cleverkit.Client.with_oauth1(credentials, options) as client:
            me = client.myself()
        with cleverkit.Client.with_api_token(info["api_token"], options) as client:
            tokens = client.list_api_tokens()
        if me.id != info["user_id"] or not tokens:
            sys.exit(f"unexpected answers from the stand-in: {me!r}, {tokens!r}")
        print(f"stand-in: OAuth GET /v2/self -> {me.email}; API token -> {len(tokens)} token(s)")
    finally:
        process.stdin.close()
        process.wait(timeout=10)


def main() -> None:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    check_installed()
    check_vectors(Path(sys.argv[1]))
    if len(sys.argv) == 3:
        check_standin(sys.argv[2])


if __name__ == "__main__":
    main()
