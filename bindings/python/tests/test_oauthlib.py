"""An independent check of the signer: cleverkit signs and oauthlib verifies, oauthlib signs and
cleverkit verifies, and a tampered request is refused by both. Hypothesis makes the requests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Optional
from urllib.parse import quote, quote_plus, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oauthlib.common import Request
from oauthlib.oauth1 import Client
from oauthlib.oauth1.rfc5849 import signature as oauthlib_signature

import cleverkit

FORM = "application/x-www-form-urlencoded"
# Names and values mix reserved characters, RFC 3986's unreserved ones, a raw space, UTF-8 of
# one to four bytes, and anything else Hypothesis comes up with.
RESERVED = "~*+%&=!'() #/?:@[]$,;\"-._"
UNICODE = "éü中🙂\u00a0"
text_chars = st.one_of(st.sampled_from(RESERVED + UNICODE), st.characters(codec="utf-8"))
texts = st.text(text_chars, max_size=8)
# Repeated names are likely: most names come from a short list.
names = st.one_of(
    st.sampled_from(["a", "b", "A", "a b", "é", "x*y", "k~'()!"]),
    st.text(text_chars, min_size=1, max_size=6),
).filter(lambda name: not name.startswith("oauth_"))
pairs = st.lists(st.tuples(names, texts), max_size=6)
keys = st.text(text_chars, min_size=1, max_size=12)
secrets = st.text(text_chars, max_size=12)

METHODS = {
    "HMAC-SHA1": (cleverkit.SignatureMethod.HMAC_SHA1, oauthlib_signature.verify_hmac_sha1),
    "HMAC-SHA512": (cleverkit.SignatureMethod.HMAC_SHA512, oauthlib_signature.verify_hmac_sha512),
    "PLAINTEXT": (cleverkit.SignatureMethod.PLAINTEXT, oauthlib_signature.verify_plaintext),
}


@dataclass(frozen=True)
class Secrets:
    consumer_key: str
    consumer_secret: str
    token: Optional[str]
    token_secret: Optional[str]
    signature_method: str

    def credentials(self) -> cleverkit.OAuth1Credentials:
        return cleverkit.OAuth1Credentials(
            self.consumer_key,
            self.consumer_secret,
            token=self.token,
            token_secret=self.token_secret,
            signature_method=METHODS[self.signature_method][0],
        )


@dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    body: Optional[str]
    content_type: Optional[str]

    def to_sign(self) -> cleverkit.RequestToSign:
        """The request as `sign_request` takes it (a fresh nonce and the current time)."""
        return cleverkit.RequestToSign(
            method=self.method, url=self.url, body=self.body, content_type=self.content_type
        )


def encode_query(pairs: list[tuple[str, str]], style: str) -> str:
    """RFC 3986 percent-encoding, the form encoding (`+` for a space), or raw sub-delimiters."""
    if style == "form":
        return "&".join(f"{quote_plus(k, safe='')}={quote_plus(v, safe='')}" for k, v in pairs)
    safe = "!'()*:@,/?" if style == "raw-sub-delims" else ""
    return "&".join(f"{quote(k, safe=safe)}={quote(v, safe=safe)}" for k, v in pairs)


@st.composite
def credentials(draw: st.DrawFn) -> Secrets:
    token = draw(st.one_of(st.none(), keys))
    has_token_secret = token is not None or draw(st.booleans())
    return Secrets(
        consumer_key=draw(keys),
        consumer_secret=draw(secrets),
        token=token,
        token_secret=draw(secrets) if has_token_secret else None,
        signature_method=draw(st.sampled_from(sorted(METHODS))),
    )


@st.composite
def http_requests(draw: st.DrawFn, *, json_bodies: bool = True) -> HttpRequest:
    method = draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]))
    scheme = draw(st.sampled_from(["http", "https"]))
    host = draw(st.sampled_from(["api.clever-cloud.com", "API.Example.COM", "127.0.0.1", "h"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    segments = draw(st.lists(texts, max_size=4))
    path = "".join("/" + quote(segment, safe="") for segment in segments)
    query_pairs = draw(pairs)
    query = encode_query(query_pairs, draw(st.sampled_from(["rfc3986", "form", "raw-sub-delims"])))
    url = f"{scheme}://{host}{port}{path}" + (f"?{query}" if query else "")
    body: Optional[str] = None
    content_type: Optional[str] = None
    if method not in ("GET", "HEAD"):
        kind = draw(
            st.sampled_from(
                ["none", "form", "form-charset", "json"] if json_bodies else ["none", "form"]
            )
        )
        if kind.startswith("form"):
            body = urlencode(draw(pairs))
            content_type = FORM if kind == "form" else f"{FORM}; charset=utf-8"
        elif kind == "json":
            body = '{"a": "' + draw(texts).replace('"', "") + '"}'
            content_type = "application/json"
    return HttpRequest(method, url, body, content_type)


def oauthlib_verify(request: HttpRequest, authorization: str, secrets: Secrets) -> bool:
    """oauthlib's server-side check, fed as its endpoints feed it: the body counts only when it
    is a form, and oauth_signature is left out of the signed parameters."""
    headers = {"Authorization": authorization}
    if request.content_type is not None:
        headers["Content-Type"] = request.content_type
    is_form = request.content_type is not None and FORM in request.content_type
    oauth_request = Request(request.url, request.method, request.body if is_form else "", headers)
    oauth_request.params = oauthlib_signature.collect_parameters(
        uri_query=oauth_request.uri_query,
        body=oauth_request.body,
        headers=oauth_request.headers,
        exclude_oauth_signature=True,
    )
    header_params = dict(
        oauthlib_signature.collect_parameters(headers=headers, exclude_oauth_signature=False)
    )
    oauth_request.signature = header_params["oauth_signature"]
    method = header_params.get("oauth_signature_method", "PLAINTEXT")
    verify: Callable[..., bool] = METHODS[method][1]
    return verify(oauth_request, secrets.consumer_secret, secrets.token_secret or "")


def cleverkit_verify(request: HttpRequest, authorization: str, secrets: Secrets) -> bool:
    try:
        cleverkit.verify_request(
            request.method,
            request.url,
            request.body,
            request.content_type,
            authorization,
            secrets.consumer_secret,
            secrets.token_secret,
        )
    except cleverkit.CleverError.Unauthorized:
        return False
    return True


def tamper(request: HttpRequest, secrets: Secrets, how: str) -> tuple[HttpRequest, Secrets]:
    """One change that the signature covers."""
    if how == "method":
        method = "POST" if request.method != "POST" else "PUT"
        return replace(request, method=method), secrets
    if how == "path":
        base, sep, query = request.url.partition("?")
        return replace(request, url=f"{base}/x{sep}{query}"), secrets
    if how == "query":
        sep = "&" if "?" in request.url else "?"
        return replace(request, url=f"{request.url}{sep}tampered=1"), secrets
    if how == "body":
        if request.content_type is not None and FORM in request.content_type:
            body = f"{request.body}&tampered=1" if request.body else "tampered=1"
            return replace(request, body=body), secrets
        # No form body: sending one adds parameters to sign.
        return replace(request, body="tampered=1", content_type=FORM), secrets
    if how == "host":
        return replace(request, url=request.url.replace("://", "://evil.", 1)), secrets
    if how == "consumer_secret":
        return request, replace(secrets, consumer_secret=secrets.consumer_secret + "x")
    assert how == "token_secret"
    return request, replace(secrets, token_secret=(secrets.token_secret or "") + "x")


SECRET_TAMPERINGS = ["consumer_secret", "token_secret"]
# PLAINTEXT signs the secrets only: changing the request is not expected to be noticed.
REQUEST_TAMPERINGS = ["method", "path", "query", "body", "host"]


def tamperings(secrets: Secrets) -> st.SearchStrategy[str]:
    if secrets.signature_method == "PLAINTEXT":
        return st.sampled_from(SECRET_TAMPERINGS)
    return st.sampled_from(REQUEST_TAMPERINGS + SECRET_TAMPERINGS)


signers = credentials().flatmap(lambda secrets: st.tuples(st.just(secrets), tamperings(secrets)))
EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(request=http_requests(), signer=signers)
def test_cleverkit_signs_oauthlib_verifies(
    request: HttpRequest, signer: tuple[Secrets, str]
) -> None:
    secrets, how = signer
    signed = cleverkit.sign_request(request.to_sign(), secrets.credentials())
    assert oauthlib_verify(request, signed.authorization, secrets)
    assert cleverkit_verify(request, signed.authorization, secrets)

    tampered_request, tampered_secrets = tamper(request, secrets, how)
    assert not oauthlib_verify(tampered_request, signed.authorization, tampered_secrets)
    assert not cleverkit_verify(tampered_request, signed.authorization, tampered_secrets)


@EXAMPLES
@given(request=http_requests(json_bodies=False), signer=signers)
def test_oauthlib_signs_cleverkit_verifies(
    request: HttpRequest, signer: tuple[Secrets, str]
) -> None:
    secrets, how = signer
    client = Client(
        secrets.consumer_key,
        client_secret=secrets.consumer_secret,
        resource_owner_key=secrets.token,
        resource_owner_secret=secrets.token_secret,
        signature_method=secrets.signature_method,
    )
    headers = {"Content-Type": request.content_type} if request.content_type else {}
    url, signed_headers, body = client.sign(request.url, request.method, request.body, headers)
    sent = replace(request, url=url, body=body)
    authorization = signed_headers["Authorization"]
    assert cleverkit_verify(sent, authorization, secrets)
    assert oauthlib_verify(sent, authorization, secrets)

    tampered_request, tampered_secrets = tamper(sent, secrets, how)
    assert not cleverkit_verify(tampered_request, authorization, tampered_secrets)
    assert not oauthlib_verify(tampered_request, authorization, tampered_secrets)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_known_request_both_ways(method: str) -> None:
    """A fixed request with every awkward part at once, so a failure is easy to read."""
    secrets = Secrets("ck ~*+", "cs %&=!'()", "tok/é", "ts 中🙂", method)
    request = HttpRequest(
        "POST",
        "https://API.Clever-Cloud.com:443/v2/%C3%A9t%C3%A9%20x?b=%7E%2A%2B%25&a=2&a=1&c=%F0%9F%99%82",
        urlencode([("z", "a b+c"), ("a", "~*+%&=!'()"), ("a", "é")]),
        FORM,
    )
    signed = cleverkit.sign_request(request.to_sign(), secrets.credentials())
    assert oauthlib_verify(request, signed.authorization, secrets)
    client = Client(
        secrets.consumer_key,
        client_secret=secrets.consumer_secret,
        resource_owner_key=secrets.token,
        resource_owner_secret=secrets.token_secret,
        signature_method=method,
    )
    url, headers, body = client.sign(
        request.url, request.method, request.body, {"Content-Type": FORM}
    )
    assert cleverkit_verify(replace(request, url=url, body=body), headers["Authorization"], secrets)


def test_non_form_body_is_not_signed() -> None:
    """Neither side signs a JSON body (there is no oauth_body_hash): a changed one passes both."""
    secrets = Secrets("ck", "cs", "tok", "ts", "HMAC-SHA512")
    request = HttpRequest(
        "POST", "https://api.clever-cloud.com/v2/x", '{"a": 1}', "application/json"
    )
    signed = cleverkit.sign_request(request.to_sign(), secrets.credentials())
    changed = replace(request, body='{"a": 2}')
    assert cleverkit_verify(changed, signed.authorization, secrets)
    assert oauthlib_verify(changed, signed.authorization, secrets)
