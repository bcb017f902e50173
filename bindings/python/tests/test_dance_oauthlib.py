"""The dance against a real RFC 5849 provider: oauthlib's request-token and access-token
endpoints, served on loopback, with a validator that knows one consumer. oauthlib refuses
protocol parameters split between the header and the body (HTTP 400): cleverkit's dance sends
them all in the signed form body, and a resource call signed in the header verifies too."""

from __future__ import annotations

import secrets as random
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from oauthlib.oauth1 import (
    AccessTokenEndpoint,
    RequestTokenEndpoint,
    RequestValidator,
    ResourceEndpoint,
)

import cleverkit

# oauthlib takes letters and digits only in keys and verifiers (its safe_characters).
CONSUMER_KEY = "oauthlibConsumerKey000001"
CONSUMER_SECRET = "oauthlib-consumer-secret"
VERIFIER = "oauthlibVerifier0000000001"


class Validator(RequestValidator):  # type: ignore[misc]
    """One consumer, tokens in memory; plain http on loopback and cleverkit's 32-digit nonces."""

    enforce_ssl = False
    nonce_length = (20, 64)
    request_token_length = (20, 64)
    access_token_length = (20, 64)
    verifier_length = (20, 64)
    allowed_signature_methods = ("HMAC-SHA1", "HMAC-SHA512", "PLAINTEXT")

    def __init__(self) -> None:
        super().__init__()
        self.request_tokens: dict[str, str] = {}
        self.access_tokens: dict[str, str] = {}
        self.nonces: set[tuple[str, str, str]] = set()

    @property
    def dummy_client(self) -> str:
        return "dummyClientKey00000000000"

    @property
    def dummy_request_token(self) -> str:
        return "dummyRequestToken00000000"

    @property
    def dummy_access_token(self) -> str:
        return "dummyAccessToken000000000"

    def validate_client_key(self, client_key: str, request: Any) -> bool:
        return bool(client_key == CONSUMER_KEY)

    def get_client_secret(self, client_key: str, request: Any) -> str:
        return CONSUMER_SECRET if client_key == CONSUMER_KEY else "dummy"

    def validate_timestamp_and_nonce(
        self, client_key: str, timestamp: str, nonce: str, request: Any, **kwargs: Any
    ) -> bool:
        seen = (client_key, timestamp, nonce)
        if seen in self.nonces:
            return False
        self.nonces.add(seen)
        return True

    def validate_requested_realms(self, client_key: str, realms: Any, request: Any) -> bool:
        return True

    def get_default_realms(self, client_key: str, request: Any) -> list[str]:
        return []

    def validate_redirect_uri(self, client_key: str, redirect_uri: str, request: Any) -> bool:
        return True

    def save_request_token(self, token: dict[str, str], request: Any) -> None:
        self.request_tokens[token["oauth_token"]] = token["oauth_token_secret"]

    def validate_request_token(self, client_key: str, token: str, request: Any) -> bool:
        return token in self.request_tokens

    def get_request_token_secret(self, client_key: str, token: str, request: Any) -> str:
        return self.request_tokens.get(token, "dummy")

    def validate_verifier(
        self, client_key: str, token: str, verifier: str, request: Any
    ) -> bool:
        return verifier == VERIFIER

    def get_realms(self, token: str, request: Any) -> list[str]:
        return []

    def invalidate_request_token(self, client_key: str, request_token: str, request: Any) -> None:
        self.request_tokens.pop(request_token, None)

    def save_access_token(self, token: dict[str, str], request: Any) -> None:
        self.access_tokens[token["oauth_token"]] = token["oauth_token_secret"]

    def validate_access_token(self, client_key: str, token: str, request: Any) -> bool:
        return token in self.access_tokens

    def get_access_token_secret(self, client_key: str, token: str, request: Any) -> str:
        return self.access_tokens.get(token, "dummy")

    def validate_realms(self, *args: Any, **kwargs: Any) -> bool:
        return True


class Provider:
    """oauthlib's endpoints behind an HTTP server on 127.0.0.1; remembers every status."""

    def __init__(self) -> None:
        self.validator = Validator()
        self.statuses: list[tuple[str, int]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                uri = f"{provider.url}{self.path}"
                headers = dict(self.headers.items())
                path = self.path.split("?")[0]
                status, payload = provider.answer(path, self.command, uri, body, headers)
                provider.statuses.append((path, status))
                data = payload.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/x-www-form-urlencoded")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _answer
            do_POST = _answer

        return Handler

    def answer(
        self, path: str, method: str, uri: str, body: str, headers: dict[str, str]
    ) -> tuple[int, str]:
        if path == "/v2/oauth/request_token":
            endpoint = RequestTokenEndpoint(self.validator)
            _, payload, status = endpoint.create_request_token_response(
                uri, method, body, headers
            )
            return status, payload
        if path == "/v2/oauth/access_token":
            endpoint = AccessTokenEndpoint(self.validator)
            _, payload, status = endpoint.create_access_token_response(
                uri, method, body, headers
            )
            return status, payload
        if path == "/v2/self":
            valid, _ = ResourceEndpoint(self.validator).validate_protected_resource_request(
                uri, method, body, headers
            )
            return (200, "id=user_oauthlib") if valid else (401, "error=invalid")
        return 404, ""

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider() -> Iterator[Provider]:
    running = Provider()
    yield running
    running.close()


def options(provider: Provider) -> cleverkit.ClientOptions:
    return cleverkit.ClientOptions(
        api_host=provider.url, bridge_host=provider.url, max_retries=0
    )


@pytest.mark.parametrize(
    "method", [cleverkit.SignatureMethod.HMAC_SHA512, cleverkit.SignatureMethod.HMAC_SHA1]
)
def test_the_whole_dance_against_oauthlib(
    provider: Provider, method: cleverkit.SignatureMethod
) -> None:
    dance = cleverkit.OAuthDance(
        CONSUMER_KEY,
        CONSUMER_SECRET,
        "http://127.0.0.1:9/callback",
        signature_method=method,
        options=options(provider),
    )
    request_token = dance.request_token()
    assert request_token.token() in provider.validator.request_tokens
    callback = f"http://127.0.0.1:9/callback?oauth_token={request_token.token()}&oauth_verifier={VERIFIER}"
    verifier = dance.verify_callback(callback, request_token)
    credentials = dance.access_token(request_token, verifier)
    assert credentials.token() in provider.validator.access_tokens
    assert provider.statuses == [
        ("/v2/oauth/request_token", 200),
        ("/v2/oauth/access_token", 200),
    ]
    # And an API call signed in the header, with the new credentials.
    client = cleverkit.Client.with_oauth1(credentials, options(provider))
    response = client.request("GET", "/v2/self")
    assert response.status == 200
    assert dict(parse_qsl(response.body.decode())) == {"id": "user_oauthlib"}


def test_oauthlib_refuses_protocol_parameters_in_two_places(provider: Provider) -> None:
    """What the dance used to send: the callback in the body, the rest in the header."""
    callback = urlencode({"oauth_callback": "oob"})
    url = f"{provider.url}/v2/oauth/request_token"
    signed = cleverkit.sign_request(
        cleverkit.RequestToSign(
            method="POST",
            url=url,
            body=callback,
            content_type="application/x-www-form-urlencoded",
            nonce=random.token_hex(16),
        ),
        cleverkit.OAuth1Credentials(CONSUMER_KEY, CONSUMER_SECRET),
    )
    headers = {
        "Authorization": signed.authorization,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    status, _ = provider.answer("/v2/oauth/request_token", "POST", url, callback, headers)
    assert status == 400
