#!/usr/bin/env python3
"""Generate the shared OAuth 1.0a signature test vectors (oauth1.json).

The INPUTS of every case are written by hand below, each with its source.
Every EXPECTED value (base string, signature, Authorization header
parameters) is computed with oauthlib's own RFC 5849 functions, never by
hand. Values published by a specification or by oauthlib's test-suite are
asserted against what oauthlib computes: the script fails loudly when they
disagree.

Run it through ``regenerate.sh``, which pins the oauthlib version.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import oauthlib
from oauthlib.common import extract_params, urldecode
from oauthlib.oauth1 import Client
from oauthlib.oauth1.rfc5849 import parameters, signature, utils

FORM_URLENCODED = "application/x-www-form-urlencoded"
GENERATOR_PATH = "tests/vectors/generate.py"
MIN_CASES = 45

Pair = Tuple[str, str]


@dataclass(frozen=True)
class Published:
    """Values printed by a specification or a test-suite, asserted as-is."""

    signature: Optional[str] = None
    base_string: Optional[str] = None
    base_string_uri: Optional[str] = None


@dataclass(frozen=True)
class Case:
    """The hand-written inputs of one vector."""

    name: str
    source: str
    method: str
    url: str
    consumer_key: str
    consumer_secret: str
    signature_method: str
    nonce: str
    timestamp: int
    token: Optional[str] = None
    token_secret: Optional[str] = None
    body: Optional[str] = None
    content_type: Optional[str] = None
    realm: Optional[str] = None
    oauth_params: Tuple[Pair, ...] = ()
    include_version: bool = True
    note: Optional[str] = None
    published: Optional[Published] = None


@dataclass(frozen=True)
class Secrets:
    """The two attributes oauthlib's ``sign_*_with_client`` functions read."""

    client_secret: Optional[str]
    resource_owner_secret: Optional[str]


@dataclass(frozen=True)
class Expected:
    base_string: str
    signature: str
    header_params: List[Pair]


SIGNERS: Dict[str, Callable[[str, Secrets], str]] = {
    "HMAC-SHA1": signature.sign_hmac_sha1_with_client,
    "HMAC-SHA512": signature.sign_hmac_sha512_with_client,
    "PLAINTEXT": signature.sign_plaintext_with_client,
}

# ---------------------------------------------------------------------------
# Published values, copied from their documents.

# RFC 5849 §3.4.1.1 (its parameters: §3.4.1.3.1; secrets: §3.1).
RFC_3_4_1_1_URL = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"
RFC_3_4_1_1_BODY = "c2&a3=2+q"
RFC_3_4_1_1_BASE_STRING = (
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
    "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
    "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m"
    "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk"
    "9d7dh3k39sjv7"
)
# What RFC 5849 §3.1 prints as oauth_signature for that request: wrong.
RFC_3_1_PRINTED_SIGNATURE = "bYT5CMsGcbgUdFHObYMEfcx6bsw="
# OAuth Core 1.0 Appendix A.5's signature, sometimes misattributed to the
# RFC 5849 §3.1 example; it is not that request's signature either.
OAUTH_CORE_A5_SIGNATURE = "tR3+Ty81lMeYAr/Fid0kMTYa/WM="
RFC_3_4_1_1_CORRECT_SIGNATURE = "r6/TJjbCOr97/+UU0NsvSne7s5g="

# RFC 5849 §1.2 and OAuth Core 1.0 Appendix A.5.
PHOTOS_URL = "http://photos.example.net/photos?file=vacation.jpg&size=original"

# OAuth Core 1.0 Appendix A.5.1.
OAUTH_CORE_A5_BASE_STRING = (
    "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
    "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh"
    "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096"
    "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal"
)

# oauthlib's tests/oauth1/rfc5849/test_signatures.py (SignatureTests).
OAUTHLIB_SIG_TESTS = "oauthlib tests/oauth1/rfc5849/test_signatures.py"
OAUTHLIB_CLIENT_TESTS = "oauthlib tests/oauth1/rfc5849/test_client.py"
OAUTHLIB_EG_CLIENT_SECRET = "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ"
OAUTHLIB_EG_RESOURCE_OWNER_SECRET = "just-a-string    asdasd"
# test_sign_hmac_sha512_with_client signs RFC_3_4_1_1_BASE_STRING (which
# names HMAC-SHA1) with HMAC-SHA512: not a consistent request, so it is
# asserted on its own rather than as a case.
OAUTHLIB_EG_HMAC_SHA512 = (
    "u/vlyZFDxOWOZ9UUXwRBJHvq8/T4jCA74ocRmn2ECnjUBTAeJiZIRU8hDTjS88Tz"
    "1fGONffMpdZxUkUTW3k1kg=="
)

RFC_3_1_NOTE = (
    "RFC 5849 §3.1 prints oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\" "
    "for this request (secrets j49sk3j29djd / dh893hdasih9). That value is "
    "wrong, a known erratum; the base string of §3.4.1.1 is right. HMAC-SHA1 "
    "of that base string with the key \"j49sk3j29djd&dh893hdasih9\" is "
    "r6/TJjbCOr97/+UU0NsvSne7s5g=, which is recorded here. No "
    "oauth_version: the RFC's request does not send it."
)

# ---------------------------------------------------------------------------
# Constructed-case building blocks (made-up credentials).

CK = "cleverkit-test-consumer"
CS = "consumer-secret-0123456789"
TK = "token-4b2f9c1e7a"
TS = "token-secret-9f8e7d6c5b"
TS_NOW = 1700000000
NONCE = "9b1d2c3e4f5a6b7c"
API = "https://api.clever-cloud.com"
BRIDGE = "https://api-bridge.clever-cloud.com"
SPECIAL_CS = "c&s %a+b"
SPECIAL_TS = "t s&%2F=~"


def constructed(
    name: str,
    what: str,
    method: str,
    url: str,
    signature_method: str = "HMAC-SHA1",
    **kwargs: Any,
) -> Case:
    """A constructed case with the default made-up credentials."""
    values: Dict[str, Any] = {
        "consumer_key": CK,
        "consumer_secret": CS,
        "token": TK,
        "token_secret": TS,
        "nonce": NONCE,
        "timestamp": TS_NOW,
    }
    values.update(kwargs)
    return Case(
        name=name,
        source=f"constructed: {what}",
        method=method,
        url=url,
        signature_method=signature_method,
        **values,
    )


def published_cases() -> List[Case]:
    """Cases whose inputs and (some) outputs come from published documents."""
    photos: Dict[str, Any] = {
        "consumer_key": "dpf43f3p2l4k3l03",
        "consumer_secret": "kd94hf93k423kf44",
    }
    rfc_3_4_1_1: Dict[str, Any] = {
        "method": "POST",
        "url": RFC_3_4_1_1_URL,
        "body": RFC_3_4_1_1_BODY,
        "content_type": FORM_URLENCODED,
        "consumer_key": "9djdj82h48djs9d2",
        "token": "kkk9d7dh3k39sjv7",
        "nonce": "7d8f3e4a",
        "timestamp": 137131201,
        "realm": "Example",
        "include_version": False,
    }
    oauthlib_eg: Dict[str, Any] = dict(
        rfc_3_4_1_1,
        consumer_secret=OAUTHLIB_EG_CLIENT_SECRET,
        token_secret=OAUTHLIB_EG_RESOURCE_OWNER_SECRET,
    )
    oauthlib_eg_note = (
        "oauthlib's example test vector: the RFC 5849 §3.4.1.1 request "
        "(its base string is asserted) signed with oauthlib's own secrets."
    )
    return [
        Case(
            name="rfc5849-1-2-temporary-credentials",
            source="RFC 5849 §1.2",
            method="POST",
            url="https://photos.example.net/initiate",
            signature_method="HMAC-SHA1",
            nonce="wIjqoS",
            timestamp=137131200,
            realm="Photos",
            oauth_params=(
                ("oauth_callback", "http://printer.example.com/ready"),
            ),
            include_version=False,
            published=Published(signature="74KNZJeDHnMBp0EMJ9ZHt/XKycU="),
            **photos,
        ),
        Case(
            name="rfc5849-1-2-token-credentials",
            source="RFC 5849 §1.2",
            method="POST",
            url="https://photos.example.net/token",
            signature_method="HMAC-SHA1",
            token="hh5s93j4hdidpola",
            token_secret="hdhd0244k9j7ao03",
            nonce="walatlh",
            timestamp=137131201,
            realm="Photos",
            oauth_params=(("oauth_verifier", "hfdp7dh39dks9884"),),
            include_version=False,
            published=Published(signature="gKgrFCywp7rO0OXSjdot/IHF7IU="),
            **photos,
        ),
        Case(
            name="rfc5849-1-2-protected-resource",
            source="RFC 5849 §1.2",
            method="GET",
            url=PHOTOS_URL,
            signature_method="HMAC-SHA1",
            token="nnch734d00sl2jdk",
            token_secret="pfkkdhi9sl3r4s00",
            nonce="chapoH",
            timestamp=137131202,
            realm="Photos",
            include_version=False,
            published=Published(signature="MdpQcU8iPSUjWoN/UDMsK2sui9I="),
            **photos,
        ),
        Case(
            name="rfc5849-3-4-1-1-base-string-example",
            source="RFC 5849 §3.4.1.1",
            signature_method="HMAC-SHA1",
            consumer_secret="j49sk3j29djd",
            token_secret="dh893hdasih9",
            note=RFC_3_1_NOTE,
            published=Published(
                signature=RFC_3_4_1_1_CORRECT_SIGNATURE,
                base_string=RFC_3_4_1_1_BASE_STRING,
                base_string_uri="http://example.com/request",
            ),
            **rfc_3_4_1_1,
        ),
        Case(
            name="rfc5849-3-4-1-2-uppercase-host-default-port",
            source="RFC 5849 §3.4.1.2",
            method="GET",
            url="http://EXAMPLE.COM:80/r%20v/X?id=123",
            signature_method="HMAC-SHA1",
            consumer_key=CK,
            consumer_secret=CS,
            token=TK,
            token_secret=TS,
            nonce=NONCE,
            timestamp=TS_NOW,
            note=(
                "The RFC publishes only the base string URI "
                "(http://example.com/r%20v/X); the credentials are made up."
            ),
            published=Published(base_string_uri="http://example.com/r%20v/X"),
        ),
        Case(
            name="rfc5849-3-4-1-2-non-default-port",
            source="RFC 5849 §3.4.1.2",
            method="GET",
            url="https://www.example.net:8080/?q=1",
            signature_method="HMAC-SHA1",
            consumer_key=CK,
            consumer_secret=CS,
            token=TK,
            token_secret=TS,
            nonce=NONCE,
            timestamp=TS_NOW,
            note=(
                "The RFC publishes only the base string URI "
                "(https://www.example.net:8080/); the credentials are made up."
            ),
            published=Published(
                base_string_uri="https://www.example.net:8080/"),
        ),
        Case(
            name="rfc5849-3-4-4-plaintext",
            source="RFC 5849 §3.4.4",
            method="GET",
            url="http://example.com/request",
            signature_method="PLAINTEXT",
            consumer_key="jd83jd92dhsh93js",
            consumer_secret="ja893SD9",
            token=None,
            token_secret="xyz4992k83j47x0b",
            nonce="ignored-by-plaintext",
            timestamp=137131200,
            realm="Example",
            include_version=False,
            note=(
                "The RFC's header shows only realm, oauth_consumer_key, "
                "oauth_signature_method and oauth_signature: it sends a token "
                "secret but no oauth_token. The URL, nonce and timestamp are "
                "filled in here; PLAINTEXT does not depend on them."
            ),
            published=Published(signature="ja893SD9&xyz4992k83j47x0b"),
        ),
        Case(
            name="oauth-core-1-0-a2-request-token-plaintext",
            source="OAuth Core 1.0 Appendix A.2",
            method="POST",
            url="https://photos.example.net/request_token",
            signature_method="PLAINTEXT",
            nonce="hsu94j3884jdopsl",
            timestamp=1191242090,
            published=Published(signature="kd94hf93k423kf44&"),
            **photos,
        ),
        Case(
            name="oauth-core-1-0-a4-access-token-plaintext",
            source="OAuth Core 1.0 Appendix A.4",
            method="POST",
            url="https://photos.example.net/access_token",
            signature_method="PLAINTEXT",
            token="hh5s93j4hdidpola",
            token_secret="hdhd0244k9j7ao03",
            nonce="dji430splmx33448",
            timestamp=1191242092,
            published=Published(signature="kd94hf93k423kf44&hdhd0244k9j7ao03"),
            **photos,
        ),
        Case(
            name="oauth-core-1-0-a5-protected-resource",
            source="OAuth Core 1.0 Appendix A.5",
            method="GET",
            url=PHOTOS_URL,
            signature_method="HMAC-SHA1",
            token="nnch734d00sl2jdk",
            token_secret="pfkkdhi9sl3r4s00",
            nonce="kllo9940pd9333jh",
            timestamp=1191242096,
            realm="http://photos.example.net/",
            published=Published(
                signature=OAUTH_CORE_A5_SIGNATURE,
                base_string=OAUTH_CORE_A5_BASE_STRING,
            ),
            **photos,
        ),
        Case(
            name="oauthlib-example-hmac-sha1",
            source=(f"{OAUTHLIB_SIG_TESTS}::SignatureTests::"
                    "test_sign_hmac_sha1_with_client"),
            signature_method="HMAC-SHA1",
            note=oauthlib_eg_note,
            published=Published(
                signature="wsdNmjGB7lvis0UJuPAmjvX/PXw=",
                base_string=RFC_3_4_1_1_BASE_STRING,
            ),
            **oauthlib_eg,
        ),
        Case(
            name="oauthlib-example-hmac-sha512",
            source=("constructed: oauthlib's example request and secrets "
                    "signed with HMAC-SHA512"),
            signature_method="HMAC-SHA512",
            note=(
                f"{OAUTHLIB_SIG_TESTS}::SignatureTests::"
                "test_sign_hmac_sha512_with_client signs the HMAC-SHA1 base "
                "string of oauthlib-example-hmac-sha1 with HMAC-SHA512 (its "
                "published value is checked by generate.py on its own); here "
                "oauth_signature_method says HMAC-SHA512, so the base string "
                "and signature differ from that pair."
            ),
            **oauthlib_eg,
        ),
        Case(
            name="oauthlib-example-plaintext",
            source=(f"{OAUTHLIB_SIG_TESTS}::SignatureTests::"
                    "test_sign_plaintext_with_client"),
            signature_method="PLAINTEXT",
            note=oauthlib_eg_note,
            published=Published(
                signature=("ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ"
                           "&just-a-string%20%20%20%20asdasd"),
            ),
            **oauthlib_eg,
        ),
        Case(
            name="oauthlib-client-hmac-sha1-no-secrets",
            source=f"{OAUTHLIB_CLIENT_TESTS}::test_hmac_sha1_method",
            method="GET",
            url="http://example.com",
            signature_method="HMAC-SHA1",
            consumer_key="client_key",
            consumer_secret="",
            nonce="abc",
            timestamp=1234567890,
            note="No secrets at all: the HMAC key is \"&\".",
            published=Published(signature="hH5BWYVqo7QI4EmPBUUe9owRUUQ="),
        ),
        Case(
            name="oauthlib-client-plaintext",
            source=f"{OAUTHLIB_CLIENT_TESTS}::test_plaintext_method",
            method="GET",
            url="http://example.com",
            signature_method="PLAINTEXT",
            consumer_key="client_key",
            consumer_secret="foo",
            token_secret="bar",
            nonce="abc",
            timestamp=1234567890,
            note="A token secret without a token, as in oauthlib's test.",
            published=Published(signature="foo&bar"),
        ),
        Case(
            name="oauthlib-client-params-in-body",
            source=f"{OAUTHLIB_CLIENT_TESTS}::test_params_in_body",
            method="POST",
            url="http://i.b/path",
            body="a=b",
            content_type=FORM_URLENCODED,
            signature_method="HMAC-SHA1",
            consumer_key="client_key",
            consumer_secret="",
            nonce="14205877133089081931378988215",
            timestamp=1378988215,
            note=(
                "oauthlib sends the protocol parameters in the body; the "
                "signature does not depend on where they are sent."
            ),
            published=Published(signature="2JAQomgbShqoscqKWBiYQZwWq94="),
        ),
        Case(
            name="oauthlib-client-params-in-query",
            source=f"{OAUTHLIB_CLIENT_TESTS}::test_params_in_query",
            method="POST",
            url="http://i.b/path",
            signature_method="HMAC-SHA1",
            consumer_key="client_key",
            consumer_secret="",
            nonce="14205877133089081931378988215",
            timestamp=1378988215,
            note=(
                "oauthlib sends the protocol parameters in the query; the "
                "signature does not depend on where they are sent."
            ),
            published=Published(signature="08G5Snvw+gDAzBF+CmT5KqlrPKo="),
        ),
    ]


def constructed_cases() -> List[Case]:
    """Cases written for this project; expected values from oauthlib only."""
    return [
        # ---- base string URI ------------------------------------------------
        constructed(
            "uppercase-scheme-and-host",
            "upper-case scheme and host are lower-cased, the path keeps "
            "its case",
            "GET", "HTTP://EXAMPLE.COM/Photos/Summer?Size=Big",
        ),
        constructed(
            "https-default-port-443-dropped",
            "https with its default port 443: the port is dropped",
            "GET", "https://example.com:443/v2/self",
        ),
        constructed(
            "http-explicit-port-80-dropped",
            "http with its default port 80 written out: the port is dropped",
            "GET", "http://example.com:80/v2/self",
        ),
        constructed(
            "http-port-8080-kept",
            "a non-default port is kept",
            "GET", "http://localhost:8080/v2/self?x=1",
        ),
        constructed(
            "https-port-80-kept",
            "port 80 is not the default for https, so it is kept",
            "GET", "https://h:80/v2/self",
        ),
        constructed(
            "http-port-443-kept",
            "port 443 is not the default for http, so it is kept",
            "GET", "http://example.com:443/",
        ),
        constructed(
            "empty-path",
            "no path: the base string URI gets \"/\"",
            "GET", "http://example.com",
        ),
        constructed(
            "empty-path-with-query",
            "no path but a query: the base string URI gets \"/\"",
            "GET", "http://example.com?a=1&b=2",
        ),
        constructed(
            "fragment-dropped",
            "a fragment is neither in the base string URI nor a parameter",
            "GET", "http://example.com/path?a=1#frag",
        ),
        constructed(
            "empty-query-string",
            "a bare \"?\" with nothing after it: no query parameters",
            "GET", "https://example.com/path?",
        ),
        constructed(
            "percent-encoded-path",
            "a path with canonical percent-encoding (space, UTF-8) and "
            "unreserved characters, kept as written and encoded again in "
            "the base string",
            "GET", "https://example.com/caf%C3%A9/a%20b/~user/x-y_z.json",
        ),
        constructed(
            "ipv4-host-with-port",
            "an IPv4 host with a port",
            "GET", "http://127.0.0.1:9000/v4/products/zones",
            signature_method="HMAC-SHA512",
        ),
        # ---- query parameter encoding --------------------------------------
        constructed(
            "query-special-values",
            "~ * + %2B %25 %26 %3D and a raw = in query values",
            "GET",
            "https://example.com/search?tilde=a~b&star=a*b&plus=a+b"
            "&enc_plus=a%2Bb&pct=100%25&amp=a%26b&eq=a%3Db&raw_eq=a=b",
        ),
        constructed(
            "query-special-names",
            "~ * + %2B %25 %26 %3D in query names",
            "GET",
            "https://example.com/search?a~=1&a*=2&a+b=3&a%2Bb=4&a%25=5"
            "&a%26=6&a%3D=7",
        ),
        constructed(
            "query-plus-is-space",
            "+ in a query decodes to a space, like %20; %2B stays a plus",
            "GET",
            "https://example.com/search?q=hello+world&r=hello%20world"
            "&s=1%2B1",
            signature_method="HMAC-SHA512",
        ),
        constructed(
            "query-raw-sub-delims",
            "raw ! ' ( ) * $ , : @ / ? in query values, which oauthlib "
            "accepts; all are percent-encoded in the base string",
            "GET",
            "https://example.com/p?x=(a)!b'c*d&y=$e,f:g@h/i?j",
        ),
        constructed(
            "query-lowercase-escapes",
            "lower-case percent escapes in the query (%2b, %2f, %e6...) "
            "decode like upper-case ones",
            "GET",
            "https://example.com/p?a=%2b%2f%3d&b=%e6%97%a5",
        ),
        constructed(
            "query-cjk",
            "CJK text, percent-encoded UTF-8 in the URL, in a value and a "
            "name",
            "GET",
            "https://example.com/p?q=%E6%97%A5%E6%9C%AC%E8%AA%9E"
            "&%E5%90%8D=%E5%80%A4",
        ),
        constructed(
            "query-emoji",
            "an emoji (4-byte UTF-8), percent-encoded in the URL",
            "GET",
            "https://example.com/p?mood=%F0%9F%98%80"
            "&flag=%F0%9F%87%AB%F0%9F%87%B7",
            signature_method="HMAC-SHA512",
        ),
        constructed(
            "query-empty-values",
            "empty values: \"a=\" and a bare \"b\" both give an empty value",
            "GET", "https://example.com/p?a=&b&c=3",
        ),
        constructed(
            "query-repeated-keys",
            "a repeated key: all values kept (a duplicate pair too), "
            "sorted by encoded value",
            "GET", "https://example.com/p?a=3&a=1&a=10&a=2&a=&a=1",
        ),
        constructed(
            "query-keys-sort-encoded",
            "names whose order differs encoded vs decoded (\"a:\" > \"a9\" "
            "decoded, \"a%3A\" < \"a9\" encoded; likewise \"ä\" vs \"z\")",
            "GET", "https://example.com/p?a9=1&a%3A=2&z=3&%C3%A4=4",
        ),
        constructed(
            "query-values-sort-encoded",
            "values of one name whose order differs encoded vs decoded",
            "GET", "https://example.com/p?k=z&k=%C3%A4&k=Z&k=%20&k=-",
        ),
        # ---- bodies ---------------------------------------------------------
        constructed(
            "form-body-and-query",
            "query and form body parameters are signed together",
            "POST", "https://example.com/v2/items?page=2&sort=name",
            body="name=My+App&description=caf%C3%A9+%26+th%C3%A9&tag=b&tag=a",
            content_type=FORM_URLENCODED,
        ),
        constructed(
            "form-body-repeats-query-key",
            "the same name in query and body: both pairs kept",
            "POST", "https://example.com/p?a=2&b=x",
            body="a=1&a=2&c=",
            content_type=FORM_URLENCODED,
            signature_method="HMAC-SHA512",
        ),
        constructed(
            "form-body-charset-param",
            "a form body whose content type has \"; charset=utf-8\" is signed",
            "POST", "https://example.com/p",
            body="q=%E6%97%A5%E6%9C%AC&emoji=%F0%9F%98%80&x=1+2",
            content_type="application/x-www-form-urlencoded; charset=utf-8",
        ),
        constructed(
            "form-body-content-type-case",
            "the form content type matches case-insensitively",
            "POST", "https://example.com/p",
            body="b=2&a=1",
            content_type="Application/X-WWW-Form-URLEncoded",
        ),
        constructed(
            "form-body-empty",
            "an empty form body adds no parameters",
            "POST", "https://example.com/p?a=1",
            body="",
            content_type=FORM_URLENCODED,
        ),
        constructed(
            "json-body-not-signed",
            "a JSON body is not signed; only the query is",
            "POST",
            "https://example.com/v2/organisations/orga_x/applications?dry=1",
            body='{"name":"app","description":"a=b&c=d"}',
            content_type="application/json",
            signature_method="HMAC-SHA512",
        ),
        constructed(
            "text-body-looks-like-form-not-signed",
            "a text/plain body is not signed even if it looks form-encoded",
            "PUT", "https://example.com/p",
            body="a=1&b=2",
            content_type="text/plain",
        ),
        constructed(
            "delete-json-body-not-signed",
            "DELETE with a JSON body and no query: only protocol parameters",
            "DELETE", "https://example.com/api-tokens/tok_123",
            body='{"reason":"x"}',
            content_type="application/json; charset=utf-8",
            signature_method="PLAINTEXT",
        ),
        # ---- secrets --------------------------------------------------------
        constructed(
            "plaintext-special-secrets",
            "PLAINTEXT with &, %, + and spaces in both secrets",
            "GET", "https://example.com/v2/self",
            signature_method="PLAINTEXT",
            consumer_secret=SPECIAL_CS, token_secret=SPECIAL_TS,
        ),
        constructed(
            "hmac-sha1-special-secrets",
            "HMAC-SHA1 key from secrets with &, %, + and spaces",
            "GET", "https://example.com/v2/self",
            signature_method="HMAC-SHA1",
            consumer_secret=SPECIAL_CS, token_secret=SPECIAL_TS,
        ),
        constructed(
            "hmac-sha512-special-secrets",
            "HMAC-SHA512 key from secrets with &, %, + and spaces",
            "GET", "https://example.com/v2/self",
            signature_method="HMAC-SHA512",
            consumer_secret=SPECIAL_CS, token_secret=SPECIAL_TS,
        ),
        constructed(
            "plaintext-non-ascii-secrets",
            "PLAINTEXT with non-ASCII secrets (UTF-8, then percent-encoded)",
            "GET", "https://example.com/v2/self",
            signature_method="PLAINTEXT",
            consumer_secret="sécret-日本", token_secret="tøken-😀",
        ),
        constructed(
            "hmac-sha512-non-ascii-secrets",
            "HMAC-SHA512 with non-ASCII secrets",
            "GET", "https://example.com/v2/self",
            signature_method="HMAC-SHA512",
            consumer_secret="sécret-日本", token_secret="tøken-😀",
        ),
        constructed(
            "hmac-sha1-empty-token-secret",
            "a token with an empty token secret: the key ends with \"&\"",
            "GET", "https://example.com/v2/self",
            token_secret="",
        ),
        constructed(
            "token-with-reserved-chars",
            "a token and a nonce with characters that must be encoded",
            "GET", "https://example.com/v2/self",
            signature_method="HMAC-SHA512",
            token="ab/cd+ef==", nonce="n o+n/c=e~",
        ),
        # ---- the OAuth dance (Clever Cloud-like endpoints) ---------------
        constructed(
            "request-token-oob-hmac-sha512",
            "request-token step: no token, oauth_callback=oob",
            "POST", f"{API}/v2/oauth/request_token",
            signature_method="HMAC-SHA512",
            token=None, token_secret=None,
            oauth_params=(("oauth_callback", "oob"),),
        ),
        constructed(
            "request-token-oob-plaintext",
            "request-token step with PLAINTEXT: secret is \"enc(cs)&\"",
            "POST", f"{API}/v2/oauth/request_token",
            signature_method="PLAINTEXT",
            token=None, token_secret=None,
            oauth_params=(("oauth_callback", "oob"),),
        ),
        constructed(
            "request-token-callback-url",
            "request-token step with a callback URL holding a query, a "
            "space and a non-ASCII character, no oauth_version",
            "POST", f"{API}/v2/oauth/request_token",
            signature_method="HMAC-SHA1",
            token=None, token_secret=None,
            oauth_params=(
                ("oauth_callback",
                 "http://localhost:8080/callback?state=a b&next=/é"),
            ),
            include_version=False,
        ),
        constructed(
            "request-token-form-body",
            "request-token step with oauth_callback in the header and "
            "other parameters in a form body",
            "POST", f"{API}/v2/oauth/request_token",
            signature_method="HMAC-SHA512",
            token=None, token_secret=None,
            body="scope=read+write&lang=fr",
            content_type=FORM_URLENCODED,
            oauth_params=(("oauth_callback", "https://app.example.org/cb"),),
        ),
        constructed(
            "access-token-verifier-hmac-sha512",
            "access-token step: request token and oauth_verifier, signed "
            "with the request-token secret",
            "POST", f"{API}/v2/oauth/access_token",
            signature_method="HMAC-SHA512",
            token="rt-7f3a9c", token_secret="rts-0c9b8a",
            oauth_params=(("oauth_verifier", "v3r1f13r-4e5d"),),
        ),
        constructed(
            "access-token-verifier-plaintext",
            "access-token step with PLAINTEXT",
            "POST", f"{API}/v2/oauth/access_token",
            signature_method="PLAINTEXT",
            token="rt-7f3a9c", token_secret="rts-0c9b8a",
            oauth_params=(("oauth_verifier", "v3r1f13r-4e5d"),),
        ),
        constructed(
            "access-token-verifier-hmac-sha1-no-version",
            "access-token step with HMAC-SHA1 and no oauth_version",
            "POST", f"{API}/v2/oauth/access_token",
            signature_method="HMAC-SHA1",
            token="rt-7f3a9c", token_secret="rts-0c9b8a",
            oauth_params=(("oauth_verifier", "v3r1f13r-4e5d"),),
            include_version=False,
        ),
        # ---- realm, methods, versions -------------------------------------
        constructed(
            "realm-not-signed",
            "a realm is sent in the header but never signed",
            "GET", f"{API}/v2/summary",
            signature_method="HMAC-SHA512",
            realm="https://api.clever-cloud.com/",
        ),
        constructed(
            "hmac-sha512-get-self",
            "HMAC-SHA512 GET without query",
            "GET", f"{API}/v2/self",
            signature_method="HMAC-SHA512",
        ),
        constructed(
            "hmac-sha512-get-query-no-version",
            "HMAC-SHA512 GET with a query and no oauth_version",
            "GET",
            f"{API}/v4/billing/organisations/orga_1/invoices"
            "?limit=10&since=2024-01-01T00:00:00Z",
            signature_method="HMAC-SHA512",
            include_version=False,
        ),
        constructed(
            "hmac-sha512-post-form",
            "HMAC-SHA512 POST with a form body",
            "POST", f"{API}/v2/organisations/orga_1/consumers",
            signature_method="HMAC-SHA512",
            body="name=my+consumer&baseUrl=https%3A%2F%2Fexample.org%2F",
            content_type=FORM_URLENCODED,
        ),
        constructed(
            "hmac-sha1-put-form-no-version",
            "HMAC-SHA1 PUT with a form body and no oauth_version",
            "PUT", f"{API}/v2/self",
            body="name=Jane+Doe&city=Nantes",
            content_type=FORM_URLENCODED,
            include_version=False,
        ),
        constructed(
            "plaintext-bridge-get",
            "PLAINTEXT on the API bridge (query still present, not used "
            "by the signature)",
            "GET", f"{BRIDGE}/v2/self?with=orgs",
            signature_method="PLAINTEXT",
        ),
        constructed(
            "plaintext-no-version",
            "PLAINTEXT without oauth_version",
            "GET", f"{API}/v2/self",
            signature_method="PLAINTEXT",
            include_version=False,
        ),
    ]


# Inputs that oauthlib refuses; the script checks it still does, so the
# README's list of uncovered inputs stays true.
EXPECTED_REFUSALS: List[Pair] = [
    ("raw space in the query", "a=b c"),
    ("raw non-ASCII in the query", "q=日本"),
    ("raw double quote in the query", 'a="x"'),
    ("raw [ ] in the query", "a[]=1"),
    ("raw { } | ^ ` in the query", "a={x}|^`"),
    ("malformed percent escape", "a=%zz"),
]


def is_form(content_type: Optional[str]) -> bool:
    """The brief's rule: form-encoded, case-insensitive, parameters allowed."""
    if content_type is None:
        return False
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == FORM_URLENCODED


def protocol_params(case: Case) -> List[Pair]:
    params: List[Pair] = [("oauth_consumer_key", case.consumer_key)]
    if case.token is not None:
        params.append(("oauth_token", case.token))
    params += [
        ("oauth_signature_method", case.signature_method),
        ("oauth_timestamp", str(case.timestamp)),
        ("oauth_nonce", case.nonce),
    ]
    if case.include_version:
        params.append(("oauth_version", "1.0"))
    params.extend(case.oauth_params)
    return params


def authorization_header(params: List[Pair], realm: Optional[str]) -> str:
    header: str = parameters.prepare_headers(
        params, realm=realm)["Authorization"]
    return header


def decoded_header_params(header: str) -> Tuple[Optional[str], List[Pair]]:
    """Parse an Authorization header with oauthlib: (realm, sorted params)."""
    realm: Optional[str] = None
    params: List[Pair] = []
    for name, value in utils.parse_authorization_header(header):
        if name == "realm":
            realm = value
        else:
            params.append((name, utils.unescape(value)))
    return realm, sorted(params, key=lambda pair: pair[0])


def fail(case: Case, message: str) -> None:
    raise SystemExit(f"{case.name}: {message}")


def compute(case: Case) -> Expected:
    """Compute a case's expected values with oauthlib's RFC 5849 functions."""
    proto = protocol_params(case)
    query = urllib.parse.urlparse(case.url).query
    body = case.body if is_form(case.content_type) else None

    # oauthlib un-escapes the value of every parameter named oauth_* a second
    # time, wherever it comes from: keep such names out of query and body.
    sources = [urldecode(query)]
    if body is not None:
        body_params = extract_params(body)
        if body_params is None:
            fail(case, "oauthlib cannot decode the form body")
        sources.append(body_params)
    for source in sources:
        for name, _ in source:
            if name.startswith("oauth_"):
                fail(case, f"query/body parameter {name!r} is reserved")

    collected = signature.collect_parameters(
        uri_query=query,
        body=body,
        headers={"Authorization": authorization_header(proto, case.realm)},
        exclude_oauth_signature=True,
        with_realm=False,
    )
    normalized = signature.normalize_parameters(collected)
    base_uri = signature.base_string_uri(case.url)
    base_string = signature.signature_base_string(
        case.method, base_uri, normalized)
    secrets = Secrets(case.consumer_secret, case.token_secret)
    sig = SIGNERS[case.signature_method](base_string, secrets)

    signed = authorization_header(
        proto + [("oauth_signature", sig)], case.realm)
    realm, header_params = decoded_header_params(signed)
    if realm != case.realm:
        fail(case, f"realm round-trip gave {realm!r}")
    want = sorted(proto + [("oauth_signature", sig)], key=lambda p: p[0])
    if header_params != want:
        fail(case, f"header round-trip gave {header_params!r}")

    if case.published is not None:
        check_published(case, base_uri, base_string, sig)
    return Expected(base_string, sig, header_params)


def check_published(case: Case, base_uri: str, base_string: str,
                    sig: str) -> None:
    published = case.published
    assert published is not None
    checks = [
        ("signature", published.signature, sig),
        ("base string", published.base_string, base_string),
        ("base string URI", published.base_string_uri, base_uri),
    ]
    for what, want, got in checks:
        if want is not None and want != got:
            fail(case, f"oauthlib's {what} {got!r} differs from the "
                       f"published {want!r}")


def client_cross_check(case: Case, expected: Expected) -> bool:
    """Sign with oauthlib's high-level Client where it can express the case.

    Returns whether the check ran; exits if the Client disagrees.
    """
    extra = dict(case.oauth_params)
    if (not case.include_version
            or len(extra) != len(case.oauth_params)
            or set(extra) - {"oauth_callback", "oauth_verifier"}
            or not all(extra.values())
            or case.token == ""
            or (case.body is None) != (case.content_type is None)
            or case.content_type not in (None, FORM_URLENCODED)):
        # The Client always sends oauth_version, knows only these two extra
        # parameters, drops empty ones, adds oauth_body_hash to non-form
        # bodies and refuses a form content type with parameters.
        return False
    client = Client(
        case.consumer_key,
        client_secret=case.consumer_secret,
        resource_owner_key=case.token,
        resource_owner_secret=case.token_secret,
        callback_uri=extra.get("oauth_callback"),
        verifier=extra.get("oauth_verifier"),
        signature_method=case.signature_method,
        realm=case.realm,
        nonce=case.nonce,
        timestamp=str(case.timestamp),
    )
    headers = {"Content-Type": case.content_type} if case.content_type else {}
    _, signed_headers, _ = client.sign(
        case.url, http_method=case.method, body=case.body, headers=headers)
    realm, header_params = decoded_header_params(
        signed_headers["Authorization"])
    if realm != case.realm or header_params != expected.header_params:
        fail(case, "oauthlib's Client disagrees: "
                   f"{signed_headers['Authorization']!r}")
    return True


def check_known_facts(cases: Dict[str, Expected]) -> None:
    """Published facts that span cases."""
    rfc = cases["rfc5849-3-4-1-1-base-string-example"]
    eg_sha512 = signature.sign_hmac_sha512_with_client(
        RFC_3_4_1_1_BASE_STRING,
        Secrets(OAUTHLIB_EG_CLIENT_SECRET, OAUTHLIB_EG_RESOURCE_OWNER_SECRET))
    if eg_sha512 != OAUTHLIB_EG_HMAC_SHA512:
        raise SystemExit("oauthlib's own HMAC-SHA512 test value differs: "
                         f"{eg_sha512!r}")
    for wrong in (RFC_3_1_PRINTED_SIGNATURE, OAUTH_CORE_A5_SIGNATURE):
        if rfc.signature == wrong:
            raise SystemExit(f"RFC 5849 §3.1 example signed as {wrong}")
    for query_desc, query in EXPECTED_REFUSALS:
        try:
            signature.collect_parameters(uri_query=query)
        except ValueError:
            continue
        raise SystemExit(f"oauthlib now accepts {query_desc} ({query!r}): "
                         "update README.md and add a case")


def to_json(case: Case, expected: Expected) -> Dict[str, Any]:
    out: Dict[str, Any] = {
        "name": case.name,
        "source": case.source,
        "method": case.method,
        "url": case.url,
        "body": case.body,
        "content_type": case.content_type,
        "consumer_key": case.consumer_key,
        "consumer_secret": case.consumer_secret,
        "token": case.token,
        "token_secret": case.token_secret,
        "signature_method": case.signature_method,
        "nonce": case.nonce,
        "timestamp": case.timestamp,
        "realm": case.realm,
        "oauth_params": [list(pair) for pair in case.oauth_params],
        "include_version": case.include_version,
        "expected": {
            "base_string": expected.base_string,
            "signature": expected.signature,
            "header_params": [list(pair) for pair in expected.header_params],
        },
    }
    if case.note is not None:
        out["note"] = case.note
    return out


NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def validate_inputs(cases: List[Case]) -> None:
    seen = set()
    for case in cases:
        if not NAME_RE.match(case.name):
            fail(case, "name is not kebab-case")
        if case.name in seen:
            fail(case, "duplicate name")
        seen.add(case.name)
        if case.signature_method not in SIGNERS:
            fail(case, f"unknown signature method {case.signature_method}")
        if case.method != case.method.upper():
            fail(case, "method must be upper-case")
        for name, _ in case.oauth_params:
            if not name.startswith("oauth_"):
                fail(case, f"oauth_params entry {name!r}")
    if len(cases) < MIN_CASES:
        raise SystemExit(f"only {len(cases)} cases, want {MIN_CASES}+")


def build() -> Tuple[Dict[str, Any], int]:
    cases = published_cases() + constructed_cases()
    validate_inputs(cases)
    results: Dict[str, Expected] = {}
    cross_checked = 0
    for case in cases:
        expected = compute(case)
        results[case.name] = expected
        cross_checked += client_cross_check(case, expected)
    check_known_facts(results)
    document = {
        "generator": f"{GENERATOR_PATH}, oauthlib {oauthlib.__version__}",
        "cases": [to_json(case, results[case.name]) for case in cases],
    }
    return document, cross_checked


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True,
                        help="where to write the JSON")
    parser.add_argument("--require-oauthlib", metavar="VERSION",
                        help="fail unless this oauthlib version is imported")
    parser.add_argument("--quiet", action="store_true",
                        help="print nothing on success")
    args = parser.parse_args(argv)

    if args.require_oauthlib and oauthlib.__version__ != args.require_oauthlib:
        raise SystemExit(f"oauthlib {oauthlib.__version__} imported, "
                         f"{args.require_oauthlib} required")
    document, cross_checked = build()
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    if not args.quiet:
        print(f"wrote {args.output}: {len(document['cases'])} cases, "
              f"oauthlib {oauthlib.__version__}, {cross_checked} "
              "cross-checked with oauthlib's Client")
    return 0


if __name__ == "__main__":
    sys.exit(main())
