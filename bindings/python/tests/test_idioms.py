"""What Python users expect: records that are dataclasses, signatures with real defaults,
paths, mappings and ``str`` bodies accepted, a clear error for a naive ``datetime``, and the
conveniences of ``HttpResponse`` and ``CreatedApiToken``."""

from __future__ import annotations

import dataclasses
import datetime
import inspect
import json
import pydoc
import re
from pathlib import Path

import pytest
from support import StandIn

import cleverkit

ZONE = cleverkit.Zone(
    id="z",
    name="par",
    city="Paris",
    country=None,
    country_code=None,
    display_name=None,
    lat=48.8,
    lon=2.3,
    outbound_ips=["192.0.2.1"],
    tags=["for:applications"],
)


def test_a_returned_record_shows_its_fields(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        me = client.myself()
    assert repr(me).startswith(f"User(id={standin.user_id!r}, email={standin.email!r}, ")
    assert dataclasses.asdict(me)["email"] == standin.email
    assert me == dataclasses.replace(me)
    assert me != "not a user"
    assert hash(me) == hash(dataclasses.replace(me))
    with pytest.raises(dataclasses.FrozenInstanceError):
        me.email = "someone@example.com"  # type: ignore[misc]


def test_nested_records_are_dataclasses_too(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        summary = client.summary()
    as_dict = dataclasses.asdict(summary)
    assert as_dict["user"]["id"] == standin.user_id
    assert isinstance(as_dict["organisations"], tuple)
    assert {organisation.id for organisation in summary.organisations} >= {
        standin.organisation_id
    }
    hash(summary)  # lists are held as tuples: the whole tree hashes


def test_lists_in_a_frozen_record_are_tuples() -> None:
    assert ZONE.outbound_ips == ("192.0.2.1",)
    assert len({ZONE, dataclasses.replace(ZONE)}) == 1
    assert ZONE != dataclasses.replace(ZONE, tags=())


def test_records_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        cleverkit.Param("name", "value")  # type: ignore[misc]


def test_input_records_keep_defaults_and_stay_mutable() -> None:
    options = cleverkit.ClientOptions(max_retries=2)
    assert options.timeout is None and options.max_retries == 2
    options.max_retries = 3
    assert options == cleverkit.ClientOptions(max_retries=3)
    assert options != cleverkit.ClientOptions()
    assert "max_retries=3" in repr(options)
    request = cleverkit.RequestToSign(method="GET", url="https://example.com/")
    assert dataclasses.asdict(request) == {
        "method": "GET",
        "url": "https://example.com/",
        "body": None,
        "content_type": None,
        "nonce": None,
        "timestamp": None,
    }


def test_a_dataclass_record_lowers_into_rust(standin: StandIn) -> None:
    # RequestToSign and ClientOptions cross the FFI as the dataclasses they now are.
    credentials = cleverkit.OAuth1Credentials("key", "secret", token="t", token_secret="ts")
    request = cleverkit.RequestToSign(
        method="GET", url="https://example.com/?a=1", nonce="abc", timestamp=1_700_000_000
    )
    signed = cleverkit.sign_request(request, credentials)
    assert 'oauth_nonce="abc"' in signed.authorization
    assert signed.base_string.startswith("GET&https%3A%2F%2Fexample.com%2F&a%3D1")
    cleverkit.verify_request("GET", request.url, None, None, signed.authorization, "secret", "ts")
    options = dataclasses.replace(standin.options(), max_retries=0)
    with cleverkit.Client.with_oauth1(standin.credentials(), options) as client:
        assert client.myself().id == standin.user_id


def test_path_options_take_pathlike(standin: StandIn, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-ca.pem"
    options = cleverkit.ClientOptions(ca_bundle_path=missing)
    assert options.ca_bundle_path == str(missing)
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.with_api_token("token", options)
    assert str(missing) in str(raised.value)


def test_from_config_file_takes_pathlike(tmp_path: Path) -> None:
    missing = tmp_path / "clever-tools.json"
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_config_file(missing)
    assert str(missing) in str(raised.value)


def test_request_takes_mappings_pairs_and_str_bodies(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        response = client.request(
            "GET", "/v2/self", query={"q": "a b"}, headers={"X-Trace": "t-1"}
        )
        assert response.status == 200
        client.request("GET", "/v2/self", query=[("q", "1"), ("q", "2")], headers=[("X-A", "b")])
        with pytest.raises(cleverkit.CleverError.NotFound):
            client.request(
                "POST",
                "/v2/nowhere",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                body="b=é",
            )
    first, second, third = standin.requests()
    assert first.target == "/v2/self?q=a%20b" and first.header("X-Trace") == "t-1"
    assert second.target == "/v2/self?q=1&q=2" and second.header("X-A") == "b"
    assert third.body == "b=é"  # sent as UTF-8


def test_http_response_text_json_and_header(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        response = client.request("GET", "/v2/self")
    assert response.json()["id"] == standin.user_id
    assert json.loads(response.text) == response.json()
    assert response.header("content-type") == "application/json"
    assert response.header("CONTENT-TYPE") == "application/json"
    assert response.header("Sozu-Id")
    assert response.header("X-Not-Sent") is None


def test_created_api_token_exposes_its_id_and_expiry(standin: StandIn) -> None:
    expiration = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
    with standin.oauth_client() as client:
        created = client.create_api_token(
            standin.email, standin.password, "ci", expiration, mfa_code=standin.mfa_code
        )
        assert created.api_token_id == created.token().api_token_id
        assert created.expiration_date == created.token().expiration_date
        assert created.expiration_date is not None
        assert abs(created.expiration_date - expiration) < datetime.timedelta(seconds=1)
        client.revoke_api_token(created.api_token_id)


def test_a_naive_expiration_is_a_clear_error(standin: StandIn) -> None:
    naive = datetime.datetime.now() + datetime.timedelta(days=30)
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
            client.create_api_token(standin.email, standin.password, "ci", naive)
    assert "naive datetime: pass an aware one" in str(raised.value)
    assert standin.requests() == []


@pytest.mark.parametrize(
    ("function", "parameter", "default"),
    [
        (cleverkit.OAuth1Credentials.__init__, "token", None),
        (cleverkit.Client.from_environment, "profile", None),
        (cleverkit.Client.request, "query", ()),
        (cleverkit.Client.request_json, "json_body", None),
        (cleverkit.login_with_loopback, "timeout", None),
        (cleverkit.ClientOptions.__init__, "timeout", None),
    ],
)
def test_signatures_show_real_defaults(function: object, parameter: str, default: object) -> None:
    found = inspect.signature(function).parameters[parameter]  # type: ignore[arg-type]
    assert found.default == default
    assert "Union[object" not in str(found.annotation)
    assert "object object at" not in pydoc.render_doc(function)




GENERATED = cleverkit.cleverkit.cleverkit_ffi
# The generated classes (Client's and AsyncClient's are under the subclasses).
OWNERS = {
    "": GENERATED,
    "Client": GENERATED.Client.__mro__[1],
    "AsyncClient": GENERATED.AsyncClient.__mro__[1],
    "OAuth1Credentials": GENERATED.OAuth1Credentials,
    "OAuthDance": GENERATED.OAuthDance,
}
# A doc comment may refer to another callable's errors: "As `Client.myself`.", "Errors: as
# `access_token`." (a bare name is on the same owner).
REFERENCE = re.compile(r"\b[Aa]s `(?:(\w+)\.)?(\w+)`")


def raising_callables() -> list[str]:
    """The public functions and methods whose generated body can raise a ``CleverError``."""
    names = []
    for prefix, owner in OWNERS.items():
        for name, member in vars(owner).items():
            function = getattr(member, "__func__", member)
            public = name == "__init__" or not name.startswith("_")
            if public and inspect.isfunction(function):
                source = inspect.getsource(function)
                if "_uniffi_error_converter = _UniffiFfiConverterTypeCleverError" in source:
                    names.append(f"{prefix}.{name}" if prefix else name)
    return sorted(names)


def errors_documented(owner: str, attribute: str) -> set[str]:
    """The names in backquotes of the callable's doc comment, and of those it refers to."""
    documented = getattr(OWNERS[owner], attribute).__doc__ or ""
    # The doc comments are shared by every language: `CleverError::NotFound`, `NotFound`…
    named = set(re.findall(r"`(?:CleverError(?:::|\.))?(\w+)`", documented))
    for other_owner, other in REFERENCE.findall(documented):
        named |= errors_documented(other_owner or owner, other)
    return named


@pytest.mark.parametrize("name", raising_callables())
def test_docstrings_name_the_errors_raised(name: str) -> None:
    owner, _, attribute = name.rpartition(".")
    named = errors_documented(owner, attribute)
    assert named & {variant.__name__ for variant in cleverkit.CleverError.__subclasses__()}
