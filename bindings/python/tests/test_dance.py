"""The OAuth 1.0a dance against the stand-in, step by step and with `login_with_loopback`."""

from __future__ import annotations

import datetime
import http.client
import threading
import time
from typing import Optional
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from support import DIRECT_OPENER, StandIn, assert_no_secrets

import cleverkit

CALLBACK = "https://app.example/oauth/callback?state=s1"


def play_browser(url: str) -> str:
    """GETs the authorization page like a browser would, without following the redirect:
    returns the `Location` the stand-in sends the browser to."""
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.hostname is not None
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", f"{parts.path}?{parts.query}")
        response = connection.getresponse()
        response.read()
        assert response.status == 302, response.status
        location = response.getheader("Location")
    finally:
        connection.close()
    assert location is not None
    return location


def dance(
    standin: StandIn, method: cleverkit.SignatureMethod
) -> tuple[cleverkit.OAuthDance, cleverkit.RequestToken, str]:
    """The first two steps: a request token, then the browser's trip to the callback."""
    oauth = cleverkit.OAuthDance(
        standin.consumer_key,
        standin.consumer_secret,
        CALLBACK,
        signature_method=method,
        options=standin.options(),
    )
    request_token = oauth.request_token()
    url = oauth.authorization_url(request_token)
    assert url.startswith(f"{standin.api}/v2/oauth/authorize?")
    assert parse_qs(urlsplit(url).query)["oauth_token"] == [request_token.token()]
    location = play_browser(url)
    assert location.startswith("https://app.example/oauth/callback?")
    return oauth, request_token, location


@pytest.mark.parametrize(
    "method",
    [cleverkit.SignatureMethod.HMAC_SHA512, cleverkit.SignatureMethod.HMAC_SHA1],
    ids=["hmac-sha512", "hmac-sha1"],
)
def test_dance_step_by_step(standin: StandIn, method: cleverkit.SignatureMethod) -> None:
    oauth, request_token, location = dance(standin, method)
    verifier = oauth.verify_callback(location, request_token)
    assert verifier == parse_qs(urlsplit(location).query)["oauth_verifier"][0]

    credentials = oauth.access_token(request_token, verifier)
    assert credentials.consumer_key() == standin.consumer_key
    assert credentials.token() not in (None, standin.token, request_token.token())
    assert credentials.signature_method() == method
    assert credentials.expires_at() is not None
    with cleverkit.Client.with_oauth1(credentials, standin.options()) as client:
        assert client.myself().id == standin.user_id

    steps = [item.target.split("?")[0] for item in standin.requests()]
    assert steps == [
        "/v2/oauth/request_token",
        "/v2/oauth/authorize",
        "/v2/oauth/access_token",
        "/v2/self",
    ]


def test_mismatched_callback_is_oauth_callback_error(standin: StandIn) -> None:
    oauth, request_token, location = dance(standin, cleverkit.SignatureMethod.HMAC_SHA512)
    forged = location.replace(request_token.token(), "someone-elses-token")
    assert forged != location
    with pytest.raises(cleverkit.CleverError.OAuth) as raised:
        oauth.verify_callback(forged, request_token)
    assert raised.value.step == cleverkit.OAuthStep.CALLBACK
    assert raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


def test_callback_without_verifier_is_oauth_callback_error(standin: StandIn) -> None:
    oauth, request_token, _ = dance(standin, cleverkit.SignatureMethod.HMAC_SHA512)
    with pytest.raises(cleverkit.CleverError.OAuth) as raised:
        oauth.verify_callback(f"{CALLBACK}&oauth_token={request_token.token()}", request_token)
    assert raised.value.step == cleverkit.OAuthStep.CALLBACK
    assert "oauth_verifier" in raised.value.detail


def test_wrong_verifier_is_refused(standin: StandIn) -> None:
    oauth, request_token, _ = dance(standin, cleverkit.SignatureMethod.HMAC_SHA512)
    with pytest.raises(cleverkit.CleverError.OAuth) as raised:
        oauth.access_token(request_token, "not-the-verifier")
    assert raised.value.step == cleverkit.OAuthStep.ACCESS_TOKEN
    assert "oauth_verifier" in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


def plaintext_secret(standin: StandIn, target_prefix: str) -> str:
    """The token secret of a PLAINTEXT request: its signature is `consumer&token` secrets."""
    (recorded,) = [item for item in standin.requests() if item.target.startswith(target_prefix)]
    consumer_part, _, token_part = recorded.protocol_params()["oauth_signature"].partition("&")
    assert unquote(consumer_part) == standin.consumer_secret
    return unquote(token_part)


def test_dance_objects_never_show_their_secrets(standin: StandIn) -> None:
    """With PLAINTEXT the secrets travel in the signature, so the test can learn them from the
    stand-in's recordings and check the string forms of what holds them."""
    plaintext = cleverkit.SignatureMethod.PLAINTEXT
    oauth, request_token, location = dance(standin, plaintext)
    credentials = oauth.access_token(request_token, oauth.verify_callback(location, request_token))
    request_secret = plaintext_secret(standin, "/v2/oauth/access_token")
    with cleverkit.Client.with_oauth1(credentials, standin.options()) as client:
        client.myself()
        access_secret = plaintext_secret(standin, "/v2/self")
        assert_no_secrets(client, (*standin.secrets, request_secret, access_secret))
    assert request_secret and access_secret and request_secret != access_secret

    assert "[redacted]" in str(request_token)
    assert request_token.token() in str(request_token)
    assert_no_secrets(request_token, (*standin.secrets, request_secret))
    token = credentials.token()
    assert token is not None and token in str(credentials)
    assert_no_secrets(credentials, (*standin.secrets, request_secret, access_secret))


class BrowserOpener(cleverkit.UrlOpener):
    """Plays the user's browser: GETs the authorization page and follows its redirect to the
    loopback callback, as urllib does."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.landed_on: Optional[str] = None
        self.page = b""
        self.error: Optional[BaseException] = None
        self.thread: Optional[str] = None
        # The login returns as soon as the callback arrives; the browser may still be reading
        # the page the loopback server answered with.
        self.finished = threading.Event()

    def open_url(self, url: str) -> None:
        self.urls.append(url)
        self.thread = threading.current_thread().name
        try:
            with DIRECT_OPENER.open(url, timeout=10) as response:
                self.landed_on = response.geturl()
                self.page = response.read()
        except Exception as error:  # noqa: BLE001 - kept for the test to report
            self.error = error
        finally:
            self.finished.set()


def test_login_with_loopback(standin: StandIn) -> None:
    opener = BrowserOpener()
    credentials = cleverkit.login_with_loopback(
        standin.consumer_key,
        standin.consumer_secret,
        opener,
        options=standin.options(),
        timeout=datetime.timedelta(seconds=20),
    )
    assert opener.finished.wait(10)
    assert opener.error is None, opener.error
    assert len(opener.urls) == 1
    assert opener.urls[0].startswith(f"{standin.api}/v2/oauth/authorize?oauth_token=")
    assert opener.landed_on is not None
    assert opener.landed_on.startswith("http://127.0.0.1:")
    assert urlsplit(opener.landed_on).path == "/callback"
    assert b"logged in" in opener.page  # the page the loopback server shows the user
    assert credentials.signature_method() == cleverkit.SignatureMethod.HMAC_SHA512
    with cleverkit.Client.with_oauth1(credentials, standin.options()) as client:
        assert client.myself().id == standin.user_id
    assert_no_secrets(credentials, standin.secrets)


class SilentOpener(cleverkit.UrlOpener):
    """A user who never comes back."""

    def open_url(self, url: str) -> None:
        pass


def test_login_with_loopback_times_out(standin: StandIn) -> None:
    with pytest.raises(cleverkit.CleverError.OAuth) as raised:
        cleverkit.login_with_loopback(
            standin.consumer_key,
            standin.consumer_secret,
            SilentOpener(),
            options=standin.options(),
            timeout=datetime.timedelta(milliseconds=300),
        )
    assert raised.value.step == cleverkit.OAuthStep.CALLBACK
    assert "no callback" in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


class BrokenOpener(cleverkit.UrlOpener):
    """A browser that cannot be started."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def open_url(self, url: str) -> None:
        self.urls.append(url)
        raise RuntimeError("no browser on this machine")


def test_login_with_loopback_ends_when_the_opener_raises(standin: StandIn) -> None:
    opener = BrokenOpener()
    started = time.monotonic()
    with pytest.raises(cleverkit.CleverError.OAuth) as raised:
        cleverkit.login_with_loopback(
            standin.consumer_key,
            standin.consumer_secret,
            opener,
            options=standin.options(),
            timeout=datetime.timedelta(seconds=30),
        )
    assert time.monotonic() - started < 10  # at once, not at the time-out
    assert len(opener.urls) == 1
    assert raised.value.step == cleverkit.OAuthStep.CALLBACK
    assert "no browser on this machine" in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


class RefusingOpener(cleverkit.UrlOpener):
    """An opener that reports a failure as a `CleverError` of its own."""

    def open_url(self, url: str) -> None:
        raise cleverkit.CleverError.InvalidInput("the user closed the window")


def test_login_with_loopback_ends_when_the_opener_raises_a_clever_error(
    standin: StandIn,
) -> None:
    started = time.monotonic()
    with pytest.raises(cleverkit.CleverError.OAuth) as raised:
        # The default time-out (None: the core's 5 minutes) is never reached either.
        cleverkit.login_with_loopback(
            standin.consumer_key,
            standin.consumer_secret,
            RefusingOpener(),
            options=standin.options(),
            timeout=None,
        )
    assert time.monotonic() - started < 10
    assert raised.value.step == cleverkit.OAuthStep.CALLBACK
    assert "the user closed the window" in raised.value.detail


def test_the_dance_sends_its_protocol_parameters_in_the_form_body(standin: StandIn) -> None:
    """RFC 5849 §3.5: one location only. Clever Cloud's API documents the form body."""
    oauth, request_token, location = dance(standin, cleverkit.SignatureMethod.HMAC_SHA512)
    oauth.access_token(request_token, oauth.verify_callback(location, request_token))
    steps = [item for item in standin.requests() if item.target.startswith("/v2/oauth/")]
    assert [item.target for item in steps][0] == "/v2/oauth/request_token"
    for step in (steps[0], steps[-1]):
        assert step.header("Authorization") is None
        assert {"oauth_consumer_key", "oauth_signature", "oauth_nonce"} <= set(
            step.protocol_params()
        )
    assert "oauth_callback" in steps[0].protocol_params()
    assert "oauth_verifier" in steps[-1].protocol_params()
