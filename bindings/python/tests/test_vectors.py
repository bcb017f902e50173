"""The shared OAuth 1.0a vectors (tests/vectors/oauth1.json) through ``cleverkit.sign_request``."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote

import pytest

import cleverkit

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors" / "oauth1.json"

SIGNATURE_METHODS = {
    "HMAC-SHA1": cleverkit.SignatureMethod.HMAC_SHA1,
    "HMAC-SHA512": cleverkit.SignatureMethod.HMAC_SHA512,
    "PLAINTEXT": cleverkit.SignatureMethod.PLAINTEXT,
}

# `sign_request` has no realm, extra protocol parameters (oauth_callback, oauth_verifier) or
# way to leave out oauth_version: the cases that need one are the core's and the client's.
MIN_SIGNABLE_CASES = 30

HEADER_PARAM = re.compile(r'([A-Za-z0-9_]+)="([^"]*)"')


def load_cases() -> list[dict[str, Any]]:
    with VECTORS.open(encoding="utf-8") as file:
        cases: list[dict[str, Any]] = json.load(file)["cases"]
    return cases


def signable(case: dict[str, Any]) -> bool:
    return case["realm"] is None and not case["oauth_params"] and case["include_version"]


def parse_authorization(header: str) -> tuple[Optional[str], list[tuple[str, str]]]:
    """Splits ``OAuth name="value", ...`` into the realm and the percent-decoded parameters."""
    scheme, _, rest = header.partition(" ")
    assert scheme == "OAuth", header
    matches = list(HEADER_PARAM.finditer(rest))
    # Nothing but those pairs, separated by ", ".
    assert ", ".join(match.group(0) for match in matches) == rest, header
    params = [(match[1], unquote(match[2], errors="strict")) for match in matches]
    realm = dict(params).get("realm")
    return realm, sorted((name, value) for name, value in params if name != "realm")


CASES = load_cases()
SIGNABLE = [case for case in CASES if signable(case)]


def test_enough_cases_are_signable() -> None:
    assert len(SIGNABLE) >= MIN_SIGNABLE_CASES, f"only {len(SIGNABLE)} of {len(CASES)} cases"


@pytest.mark.parametrize("case", SIGNABLE, ids=[case["name"] for case in SIGNABLE])
def test_sign_request_matches_vector(case: dict[str, Any]) -> None:
    credentials = cleverkit.OAuth1Credentials(
        case["consumer_key"],
        case["consumer_secret"],
        token=case["token"],
        token_secret=case["token_secret"],
        signature_method=SIGNATURE_METHODS[case["signature_method"]],
    )
    request = cleverkit.RequestToSign(
        method=case["method"],
        url=case["url"],
        body=case["body"],
        content_type=case["content_type"],
        nonce=case["nonce"],
        timestamp=case["timestamp"],
    )
    signed = cleverkit.sign_request(request, credentials)
    expected = case["expected"]
    assert signed.base_string == expected["base_string"]
    assert signed.signature == expected["signature"]
    realm, header_params = parse_authorization(signed.authorization)
    assert realm == case["realm"]
    assert header_params == sorted((name, value) for name, value in expected["header_params"])


def test_request_to_sign_defaults() -> None:
    """Only a method and a URL: no body, and a fresh nonce and the current time at each call."""
    url = "https://api.clever-cloud.com/v2/self?a=1"
    request = cleverkit.RequestToSign(method="GET", url=url)
    assert request.body is None and request.content_type is None
    assert request.nonce is None and request.timestamp is None
    credentials = cleverkit.OAuth1Credentials("ck", "cs", token="tok", token_secret="ts")
    started = int(time.time())
    signatures = [cleverkit.sign_request(request, credentials) for _ in range(2)]
    ended = int(time.time())
    nonces = set()
    for signed in signatures:
        params = dict(parse_authorization(signed.authorization)[1])
        nonces.add(params["oauth_nonce"])
        assert started <= int(params["oauth_timestamp"]) <= ended
        cleverkit.verify_request("GET", url, None, None, signed.authorization, "cs", "ts")
    assert len(nonces) == 2, nonces
    assert request.nonce is None and request.timestamp is None  # the record is left as it was


def test_parse_authorization_decodes_and_sorts() -> None:
    realm, params = parse_authorization(
        'OAuth realm="Photos", oauth_signature="a%2Bb%3D", oauth_nonce="n"'
    )
    assert realm == "Photos"
    assert params == [("oauth_nonce", "n"), ("oauth_signature", "a+b=")]
