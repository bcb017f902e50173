"""Each failure as its `CleverError` class, with its fields, and the retries around them."""

from __future__ import annotations

import datetime
import json
import socket

import pytest
from support import StandIn, assert_no_secrets

import cleverkit

V4_BODY = {"apiRequestId": "r", "code": "clever.boom", "context": {}, "error": "It broke"}


def test_unknown_organisation_is_not_found(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.NotFound) as raised:
            client.applications("orga_00000000-0000-4000-8000-00000000dead")
    error = raised.value
    assert isinstance(error, cleverkit.CleverError)
    assert "orga_00000000-0000-4000-8000-00000000dead" in error.detail
    # The request id is the response's Sozu-Id, to quote to Clever Cloud's support.
    assert error.request_id
    assert len(error.request_id) == 32
    assert_no_secrets(error, standin.secrets)


def test_wrong_token_secret_is_unauthorized(standin: StandIn) -> None:
    wrong_secret = "not-the-token-secret-8c1f"
    credentials = standin.credentials(token_secret=wrong_secret)
    with cleverkit.Client.with_oauth1(credentials, standin.options()) as client:
        with pytest.raises(cleverkit.CleverError.Unauthorized) as raised:
            client.myself()
    error = raised.value
    assert "bad signature" in error.detail
    assert error.expired_at is None
    assert error.request_id
    assert_no_secrets(error, (*standin.secrets, wrong_secret))
    assert len(standin.requests()) == 1  # a 401 is not retried


def test_wrong_api_token_is_unauthorized(standin: StandIn) -> None:
    wrong_token = "not-an-api-token-77aa"
    with cleverkit.Client.with_api_token(wrong_token, standin.options()) as client:
        with pytest.raises(cleverkit.CleverError.Unauthorized) as raised:
            client.myself()
    assert "bad bearer token" in raised.value.detail
    assert_no_secrets(raised.value, (*standin.secrets, wrong_token))


def test_injected_403_is_forbidden(standin: StandIn) -> None:
    standin.inject(status=403, path_prefix="/v2/self")
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.Forbidden) as raised:
            client.myself()
    assert raised.value.detail
    assert raised.value.request_id
    assert_no_secrets(raised.value, standin.secrets)


def test_injected_500_is_http_with_the_v4_body(standin: StandIn) -> None:
    standin.inject(status=500, path_prefix="/v4/products/zones", body=json.dumps(V4_BODY))
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.Http) as raised:
            client.zones()
    error = raised.value
    assert error.status == 500
    assert error.code == "clever.boom"
    assert error.detail == "It broke"
    assert error.body is not None and json.loads(error.body) == V4_BODY
    assert error.request_id  # the Sozu-Id header
    assert_no_secrets(error, standin.secrets)
    assert len(standin.requests()) == 1  # a 500 is not retried


def test_malformed_json_is_invalid_response(standin: StandIn) -> None:
    standin.inject(action="malformed_json", path_prefix="/v2/self")
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.InvalidResponse) as raised:
            client.myself()
    assert raised.value.endpoint == "/v2/self"
    assert raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


@pytest.mark.parametrize("kind", ["oauth1", "api_token"])
def test_foreign_absolute_url_is_invalid_input(standin: StandIn, kind: str) -> None:
    client = standin.oauth_client() if kind == "oauth1" else standin.token_client()
    with client:
        with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
            client.request("GET", standin.foreign + "/v2/self")
    assert "refusing to send credentials" in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)
    assert standin.requests() == []  # nothing was sent anywhere


def test_absolute_url_on_the_api_host_is_allowed(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        response = client.request("GET", standin.api + "/v2/self")
    assert response.status == 200


def test_503_twice_then_success(standin: StandIn) -> None:
    standin.inject(status=503, times=2, retry_after="0", path_prefix="/v2/self")
    with standin.oauth_client() as client:
        assert client.myself().id == standin.user_id
    recorded = standin.requests()
    assert [item.target for item in recorded] == ["/v2/self"] * 3
    # Each attempt is signed afresh: three different nonces.
    assert len({item.oauth_params()["oauth_nonce"] for item in recorded}) == 3


def test_503_beyond_max_retries_is_http(standin: StandIn) -> None:
    standin.inject(status=503, times=0, retry_after="0", path_prefix="/v2/self")
    with standin.oauth_client(max_retries=2) as client:
        with pytest.raises(cleverkit.CleverError.Http) as raised:
            client.myself()
    assert raised.value.status == 503
    assert len(standin.requests()) == 3


def test_429_with_long_retry_after_is_rate_limited(standin: StandIn) -> None:
    standin.inject(status=429, retry_after="3600", path_prefix="/v2/self")
    with standin.oauth_client(max_retry_wait=datetime.timedelta(milliseconds=100)) as client:
        with pytest.raises(cleverkit.CleverError.RateLimited) as raised:
            client.myself()
    error = raised.value
    assert error.retry_after == datetime.timedelta(seconds=3600)
    assert error.request_id
    assert_no_secrets(error, standin.secrets)
    # A wait beyond max_retry_wait ends the retries at once.
    assert len(standin.requests()) == 1


def test_post_is_not_retried(standin: StandIn) -> None:
    standin.inject(status=503, times=2, retry_after="0", path_prefix="/v2/self")
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.Http) as raised:
            client.request("POST", "/v2/self")
    assert raised.value.status == 503
    assert len(standin.requests()) == 1


def test_connection_refused_is_transport(standin: StandIn) -> None:
    # A port that was just free: nothing listens there.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = standin.options(api_host=f"http://127.0.0.1:{port}", max_retries=0)
    with cleverkit.Client.with_oauth1(standin.credentials(), options) as client:
        with pytest.raises(cleverkit.CleverError.Transport) as raised:
            client.myself()
    assert raised.value.kind == cleverkit.TransportKind.CONNECT
    assert raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


def test_unresolvable_host_is_transport_dns(standin: StandIn) -> None:
    # `.invalid` never resolves (RFC 6761).
    options = standin.options(
        api_host="https://cleverkit-test.invalid", max_retries=0, use_environment_proxy=False
    )
    with cleverkit.Client.with_oauth1(standin.credentials(), options) as client:
        with pytest.raises(cleverkit.CleverError.Transport) as raised:
            client.myself()
    assert raised.value.kind == cleverkit.TransportKind.DNS
    assert_no_secrets(raised.value, standin.secrets)


def test_slow_answer_is_timeout(standin: StandIn) -> None:
    standin.inject(action="delay", before_headers_ms=1500, path_prefix="/v2/self")
    timeout = datetime.timedelta(milliseconds=300)
    with standin.oauth_client(timeout=timeout, max_retries=0) as client:
        with pytest.raises(cleverkit.CleverError.Timeout):
            client.myself()


def test_bad_host_option_is_an_error(standin: StandIn) -> None:
    with pytest.raises(cleverkit.CleverError) as raised:
        cleverkit.Client.with_oauth1(standin.credentials(), standin.options(api_host="not a url"))
    expected = (cleverkit.CleverError.InvalidInput, cleverkit.CleverError.Config)
    assert isinstance(raised.value, expected)
    assert_no_secrets(raised.value, standin.secrets)


def test_str_is_the_core_sentence_for_a_404(standin: StandIn) -> None:
    organisation = "orga_00000000-0000-4000-8000-00000000dead"
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.NotFound) as raised:
            client.applications(organisation)
    error = raised.value
    assert error.code is not None and error.request_id is not None
    assert str(error) == (
        f"HTTP 404 Not Found: {error.detail}"
        f" (API code {error.code}, request id {error.request_id})"
    )
    assert organisation in str(error)
    # repr() keeps the fields.
    assert repr(error) == (
        f"CleverError.NotFound(detail={error.detail!r}, code={error.code!r},"
        f" request_id={error.request_id!r})"
    )


def test_str_is_the_core_sentence_for_a_rate_limit(standin: StandIn) -> None:
    standin.inject(status=429, retry_after="30", path_prefix="/v2/self")
    with standin.oauth_client(max_retry_wait=datetime.timedelta(seconds=1)) as client:
        with pytest.raises(cleverkit.CleverError.RateLimited) as raised:
            client.myself()
    request_id = raised.value.request_id
    assert str(raised.value) == f"rate limited: retry after 30 s (request id {request_id})"


def test_str_is_the_core_sentence_for_a_refused_connection(standin: StandIn) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = standin.options(api_host=f"http://127.0.0.1:{port}", max_retries=0)
    with cleverkit.Client.with_oauth1(standin.credentials(), options) as client:
        with pytest.raises(cleverkit.CleverError.Transport) as raised:
            client.myself()
    assert str(raised.value).startswith(f"connection failed: http://127.0.0.1:{port}/v2/self: ")
    assert "Connection refused" in str(raised.value)


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (
            cleverkit.CleverError.Unauthorized(
                "token expired",
                datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.timezone.utc),
                None,
                None,
            ),
            "unauthorized: the token expired at 2026-03-01T10:00:00Z, log in again",
        ),
        (
            cleverkit.CleverError.Unauthorized("bad signature", None, "4010", "3f62"),
            "HTTP 401 Unauthorized: bad signature; log in again or check the credentials"
            " (API code 4010, request id 3f62)",
        ),
        (
            cleverkit.CleverError.Forbidden("not a member", None, None),
            "HTTP 403 Forbidden: not a member",
        ),
        (
            cleverkit.CleverError.Http(500, "clever.boom", "It broke", "r-1", None),
            "HTTP 500 Internal Server Error: It broke (API code clever.boom, request id r-1)",
        ),
        (
            cleverkit.CleverError.RateLimited(datetime.timedelta(seconds=30), None),
            "rate limited: retry after 30 s",
        ),
        (
            cleverkit.CleverError.InvalidInput("empty consumer key"),
            "invalid input: empty consumer key",
        ),
        (
            cleverkit.CleverError.Io("No space left on device"),
            "local I/O error: No space left on device",
        ),
        (cleverkit.CleverError.Config("no profile work"), "configuration error: no profile work"),
        (
            cleverkit.CleverError.Transport(cleverkit.TransportKind.CERTIFICATE, "unknown issuer"),
            "certificate not trusted: unknown issuer",
        ),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else "",
)
def test_str_is_the_core_sentence(error: cleverkit.CleverError, sentence: str) -> None:
    assert str(error) == sentence
    assert repr(error).startswith(f"CleverError.{type(error).__name__}(")
    assert "=" in repr(error)  # the fields, as UniFFI lists them


def test_negative_option_is_invalid_input() -> None:
    with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
        cleverkit.Client.with_api_token("token", cleverkit.ClientOptions(max_retries=-1))
    assert str(raised.value) == "invalid input: max_retries -1 is negative or too large"


@pytest.mark.parametrize(
    "option",
    [
        {"api_host": "https://api.example.com/prefix"},
        {"bridge_host": "https://bridge.example.com/prefix"},
        {"user_agent_suffix": "app\r\nX-Injected: 1"},
        {"timeout": datetime.timedelta(days=31)},
        {"max_retry_wait": datetime.timedelta(days=31)},
        {"max_response_bytes": -1},
        {"max_idle_connections": -1},
    ],
    ids=lambda option: next(iter(option)),
)
def test_unusable_option_fails_at_construction(option: dict[str, object]) -> None:
    options = cleverkit.ClientOptions(**option)  # type: ignore[arg-type]
    refusals = (cleverkit.CleverError.Config, cleverkit.CleverError.InvalidInput)
    with pytest.raises(refusals) as raised:
        cleverkit.Client.with_api_token("token", options)
    # The sentence names the option ("bridge host" or "max_idle_connections").
    (name,) = option
    assert name.replace("_", " ") in str(raised.value).replace("_", " ").lower()
