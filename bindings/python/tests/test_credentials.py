"""Credentials never show their secrets, and bad input is ``CleverError.InvalidInput``."""

from __future__ import annotations

from typing import Callable, Optional

import pytest

import cleverkit

CONSUMER_KEY = "ck-public-7f3a"
CONSUMER_SECRET = "cs-SECRET-do-not-print-91b2"
TOKEN = "tok-public-5d8e"
TOKEN_SECRET = "ts-SECRET-do-not-print-c4e6"
SECRETS = (CONSUMER_SECRET, TOKEN_SECRET)


def full_credentials() -> cleverkit.OAuth1Credentials:
    return cleverkit.OAuth1Credentials(
        CONSUMER_KEY, CONSUMER_SECRET, token=TOKEN, token_secret=TOKEN_SECRET
    )


@pytest.mark.parametrize("render", [repr, str, "{}".format, "{!r}".format])
def test_string_forms_redact_secrets(render: Callable[[object], str]) -> None:
    text = render(full_credentials())
    assert CONSUMER_KEY in text
    assert TOKEN in text
    for secret in SECRETS:
        assert secret not in text


def test_repr_is_pythons_and_names_no_secret() -> None:
    assert repr(full_credentials()) == (
        f"OAuth1Credentials(consumer_key={CONSUMER_KEY!r}, consumer_secret=<redacted>, "
        f"token={TOKEN!r}, token_secret=<redacted>, "
        "signature_method=SignatureMethod.HMAC_SHA512)"
    )
    assert repr(cleverkit.OAuth1Credentials(CONSUMER_KEY, CONSUMER_SECRET)) == (
        f"OAuth1Credentials(consumer_key={CONSUMER_KEY!r}, consumer_secret=<redacted>, "
        "token=None, token_secret=None, signature_method=SignatureMethod.HMAC_SHA512)"
    )
    alone = cleverkit.OAuth1Credentials(
        CONSUMER_KEY,
        CONSUMER_SECRET,
        token_secret=TOKEN_SECRET,
        signature_method=cleverkit.SignatureMethod.PLAINTEXT,
    )
    assert repr(alone) == (
        f"OAuth1Credentials(consumer_key={CONSUMER_KEY!r}, consumer_secret=<redacted>, "
        "token=None, token_secret=<redacted>, signature_method=SignatureMethod.PLAINTEXT)"
    )


def test_str_is_the_cores_text() -> None:
    assert str(full_credentials()) == (
        f"Credentials(consumer_key={CONSUMER_KEY}, consumer_secret=[redacted], token={TOKEN}, "
        "token_secret=[redacted], signature_method=HMAC-SHA512)"
    )


def test_string_forms_without_token() -> None:
    credentials = cleverkit.OAuth1Credentials(CONSUMER_KEY, CONSUMER_SECRET)
    assert str(credentials) == (
        f"Credentials(consumer_key={CONSUMER_KEY}, consumer_secret=[redacted], token=none, "
        "token_secret=none, signature_method=HMAC-SHA512)"
    )
    for text in (repr(credentials), str(credentials)):
        assert CONSUMER_KEY in text
        assert CONSUMER_SECRET not in text


def test_token_secret_alone_is_redacted() -> None:
    credentials = cleverkit.OAuth1Credentials(
        CONSUMER_KEY, CONSUMER_SECRET, token_secret=TOKEN_SECRET
    )
    assert credentials.token() is None
    for text in (repr(credentials), str(credentials)):
        assert TOKEN_SECRET not in text


def test_accessors() -> None:
    credentials = full_credentials()
    assert credentials.consumer_key() == CONSUMER_KEY
    assert credentials.token() == TOKEN
    # HMAC-SHA512 unless told otherwise, as Clever Cloud recommends.
    assert credentials.signature_method() == cleverkit.SignatureMethod.HMAC_SHA512
    assert credentials.expires_at() is None
    plaintext = cleverkit.OAuth1Credentials(
        CONSUMER_KEY, CONSUMER_SECRET, signature_method=cleverkit.SignatureMethod.PLAINTEXT
    )
    assert plaintext.signature_method() == cleverkit.SignatureMethod.PLAINTEXT


def test_signature_method_in_header() -> None:
    request = cleverkit.RequestToSign(method="GET", url="https://api.clever-cloud.com/v2/self")
    signed = cleverkit.sign_request(request, full_credentials())
    assert isinstance(signed, cleverkit.Signed)
    assert 'oauth_signature_method="HMAC-SHA512"' in signed.authorization
    for secret in SECRETS:
        assert secret not in signed.authorization
        assert secret not in str(signed)


def assert_invalid_input(error: pytest.ExceptionInfo[cleverkit.CleverError]) -> None:
    assert isinstance(error.value, cleverkit.CleverError)
    assert isinstance(error.value, Exception)
    assert error.value.detail
    for text in (str(error.value), repr(error.value), error.value.detail):
        for secret in SECRETS:
            assert secret not in text


@pytest.mark.parametrize(
    "url",
    [
        "/v2/self",
        "api.clever-cloud.com/v2/self",
        "ftp://api.clever-cloud.com/v2/self",
        "https://api.clever-cloud.com/v2/self?a=%zz",
        "https://api.clever-cloud.com/v2/self?a=%4",
    ],
)
def test_invalid_url_is_invalid_input(url: str) -> None:
    with pytest.raises(cleverkit.CleverError.InvalidInput) as error:
        cleverkit.sign_request(cleverkit.RequestToSign(method="GET", url=url), full_credentials())
    assert_invalid_input(error)


def test_bad_escape_in_form_body_is_invalid_input() -> None:
    with pytest.raises(cleverkit.CleverError.InvalidInput) as error:
        cleverkit.sign_request(
            cleverkit.RequestToSign(
                method="POST",
                url="https://api.clever-cloud.com/v2/x",
                body="a=%zz",
                content_type="application/x-www-form-urlencoded",
            ),
            full_credentials(),
        )
    assert_invalid_input(error)


@pytest.mark.parametrize(
    ("consumer_key", "token", "token_secret"),
    [
        ("", None, None),
        ("", TOKEN, TOKEN_SECRET),
        (CONSUMER_KEY, TOKEN, None),
    ],
    ids=["empty-consumer-key", "empty-consumer-key-with-token", "token-without-secret"],
)
def test_invalid_credentials_are_invalid_input(
    consumer_key: str, token: Optional[str], token_secret: Optional[str]
) -> None:
    with pytest.raises(cleverkit.CleverError.InvalidInput) as error:
        cleverkit.OAuth1Credentials(
            consumer_key, CONSUMER_SECRET, token=token, token_secret=token_secret
        )
    assert_invalid_input(error)


def test_refused_signature_is_unauthorized_without_secrets() -> None:
    url = "https://api.clever-cloud.com/v2/self"
    signed = cleverkit.sign_request(
        cleverkit.RequestToSign(method="GET", url=url), full_credentials()
    )
    with pytest.raises(cleverkit.CleverError.Unauthorized) as error:
        cleverkit.verify_request(
            "GET", url + "?x=1", None, None, signed.authorization, CONSUMER_SECRET, TOKEN_SECRET
        )
    assert isinstance(error.value, cleverkit.CleverError)
    for text in (str(error.value), repr(error.value)):
        for secret in SECRETS:
            assert secret not in text


def test_error_variants_are_exception_classes() -> None:
    variants = [
        "InvalidInput",
        "Unauthorized",
        "Forbidden",
        "NotFound",
        "RateLimited",
        "Http",
        "Transport",
        "Timeout",
        "InvalidResponse",
        "Config",
        "OAuth",
    ]
    for name in variants:
        variant = getattr(cleverkit.CleverError, name)
        assert issubclass(variant, cleverkit.CleverError)
        assert issubclass(variant, Exception)


def test_reexports_generated_module() -> None:
    from cleverkit.cleverkit import cleverkit_ffi

    # Plus the type aliases of what Client's methods take (src/cleverkit/_client.py), less
    # UniFFI's plumbing (protocols, a callback's implementation class), importable by name.
    hidden = {
        name for name in cleverkit_ffi.__all__ if name.endswith(("Protocol", "Impl"))
    }
    assert "ClientProtocol" in hidden and "DownloadProgressImpl" in hidden
    assert set(cleverkit.__all__) == (set(cleverkit_ffi.__all__) - hidden) | {
        "Params",
        "StrPath",
        "Variables",
    }
    for name in cleverkit_ffi.__all__:
        # The records, Client and CreatedApiToken are rebound in the generated module itself,
        # so that what it lifts is what users see.
        assert getattr(cleverkit, name) is getattr(cleverkit_ffi, name)
