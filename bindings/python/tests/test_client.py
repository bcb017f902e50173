"""`cleverkit.Client` against the local stand-in: every typed call with OAuth (HMAC-SHA512) and
with an API token, generic requests, the User-Agent, invoice downloads and `close()`."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
from support import StandIn, assert_no_secrets, wait_until

import cleverkit

MIB = 1024 * 1024


@pytest.fixture(params=["oauth1", "api_token"])
def client(request: pytest.FixtureRequest, standin: StandIn) -> Iterator[cleverkit.Client]:
    """A client of each kind: OAuth 1.0a (HMAC-SHA512, main API) or API token (bridge)."""
    made = standin.oauth_client() if request.param == "oauth1" else standin.token_client()
    with made:
        yield made


def expected_listener(client: cleverkit.Client) -> str:
    return "bridge" if "api_token=[redacted]" in str(client) else "api"


def test_myself(client: cleverkit.Client, standin: StandIn) -> None:
    user = client.myself()
    assert user.id == standin.user_id
    assert user.email == standin.email
    assert user.name == standin.name
    assert isinstance(user.creation_date, datetime.datetime)
    assert user.creation_date.tzinfo is not None
    recorded = standin.requests()
    assert [(item.listener, item.method, item.target) for item in recorded] == [
        (expected_listener(client), "GET", "/v2/self")
    ]


def test_every_request_authenticated_as_configured(
    client: cleverkit.Client, standin: StandIn
) -> None:
    client.myself()
    (recorded,) = standin.requests()
    authorization = recorded.header("Authorization") or ""
    if expected_listener(client) == "bridge":
        assert authorization == f"Bearer {standin.api_token}"
    else:
        params = recorded.oauth_params()
        assert params["oauth_signature_method"] == "HMAC-SHA512"
        assert params["oauth_consumer_key"] == standin.consumer_key
        assert params["oauth_token"] == standin.token


def test_summary(client: cleverkit.Client, standin: StandIn) -> None:
    summary = client.summary()
    assert summary.user.id == standin.user_id
    ids = {organisation.id for organisation in summary.organisations}
    assert {standin.user_id, standin.organisation_id} <= ids
    assert any(organisation.applications for organisation in summary.organisations)


def test_zones(client: cleverkit.Client) -> None:
    zones = {zone.name: zone for zone in client.zones()}
    assert {"par", "rbx", "mtl", "scw"} <= set(zones)
    assert zones["par"].city
    assert zones["par"].lat is not None
    # scw leaves out the optional fields: they come back as None and empty tuples.
    assert zones["scw"].city is None
    assert zones["scw"].display_name is None
    assert zones["scw"].outbound_ips == ()


def test_applications(client: cleverkit.Client, standin: StandIn) -> None:
    applications = client.applications(standin.organisation_id)
    assert applications
    for application in applications:
        assert application.id.startswith("app_")
        assert application.name
    assert any(application.vhosts for application in applications)


def test_download_invoice_exact_size(
    client: cleverkit.Client, standin: StandIn, tmp_path: Path
) -> None:
    destination = tmp_path / "invoice.pdf"
    written = client.download_invoice(standin.organisation_id, str(MIB), str(destination))
    assert written == MIB
    content = destination.read_bytes()
    assert len(content) == MIB
    assert content.startswith(b"%PDF-1.4\n")
    assert content.endswith(b"%%EOF\n")
    assert [path.name for path in tmp_path.iterdir()] == ["invoice.pdf"]


def test_download_invoice_legacy_path(
    client: cleverkit.Client, standin: StandIn, tmp_path: Path
) -> None:
    destination = tmp_path / "legacy.pdf"
    assert client.download_invoice(standin.organisation_id, "L4096", str(destination)) == 4096
    assert destination.stat().st_size == 4096
    targets = [item.target for item in standin.requests()]
    assert targets == [
        f"/v4/billing/organisations/{standin.organisation_id}/invoices/L4096.pdf",
        f"/v4/billing/organisations/{standin.organisation_id}/L4096.pdf",
    ]


def test_download_reset_mid_body_starts_again(
    client: cleverkit.Client, standin: StandIn, tmp_path: Path
) -> None:
    standin.inject(action="reset_mid_body", after_bytes=100000, path_prefix="/v4/billing")
    destination = tmp_path / "invoice.pdf"
    written = client.download_invoice(standin.organisation_id, str(MIB), destination)
    assert written == MIB == len(destination.read_bytes())
    assert list(tmp_path.iterdir()) == [destination]


def test_download_always_reset_leaves_nothing(standin: StandIn, tmp_path: Path) -> None:
    standin.inject(
        action="reset_mid_body", after_bytes=100000, times=0, path_prefix="/v4/billing"
    )
    destination = tmp_path / "invoice.pdf"
    with standin.oauth_client(max_retries=1) as client:
        with pytest.raises(cleverkit.CleverError.Transport) as raised:
            client.download_invoice(standin.organisation_id, str(MIB), destination)
    assert raised.value.kind == cleverkit.TransportKind.INTERRUPTED
    assert str(raised.value).startswith("connection interrupted: ")
    assert_no_secrets(raised.value, standin.secrets)
    assert not destination.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either


def test_api_tokens_lifecycle(client: cleverkit.Client, standin: StandIn) -> None:
    listed = client.list_api_tokens()
    assert standin.api_token_id in {token.api_token_id for token in listed}

    expiration = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
    created = client.create_api_token(
        standin.email,
        standin.password,
        "ci",
        expiration,
        mfa_code=standin.mfa_code,
        description="from pytest",
    )
    value = created.api_token()
    assert value
    token = created.token()
    assert token.name == "ci"
    assert token.description == "from pytest"
    assert token.expiration_date is not None
    assert abs((token.expiration_date - expiration).total_seconds()) < 1
    assert_no_secrets(created, (*standin.secrets, value))
    assert "[redacted]" in str(created)

    # The new token is a working Bearer token.
    with cleverkit.Client.with_api_token(value, standin.options()) as fresh:
        assert fresh.myself().id == standin.user_id

    updated = client.update_api_token(token.api_token_id, "ci-renamed", description="renamed")
    assert (updated.name, updated.description) == ("ci-renamed", "renamed")
    client.revoke_api_token(token.api_token_id)
    assert token.api_token_id not in {item.api_token_id for item in client.list_api_tokens()}
    with pytest.raises(cleverkit.CleverError.NotFound):
        client.revoke_api_token(token.api_token_id)

    # Every API token call went to the bridge (OAuth clients sign them with PLAINTEXT there).
    token_calls = [item for item in standin.requests() if item.target.startswith("/api-tokens")]
    assert token_calls and {item.listener for item in token_calls} == {"bridge"}
    if expected_listener(client) == "api":
        signed = [item for item in token_calls if item.method != "POST"]
        assert {item.oauth_params()["oauth_signature_method"] for item in signed} == {"PLAINTEXT"}


@pytest.mark.parametrize("wrong", ["password", "mfa"])
def test_create_api_token_refused(client: cleverkit.Client, standin: StandIn, wrong: str) -> None:
    password = "wrong password" if wrong == "password" else standin.password
    mfa_code = "000000" if wrong == "mfa" else standin.mfa_code
    assert mfa_code != standin.mfa_code or password != standin.password
    expiration = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    with pytest.raises(cleverkit.CleverError.Unauthorized) as raised:
        client.create_api_token(standin.email, password, "ci", expiration, mfa_code=mfa_code)
    assert_no_secrets(raised.value, (*standin.secrets, password))


def test_create_api_token_over_a_year_is_invalid_input(
    client: cleverkit.Client, standin: StandIn
) -> None:
    expiration = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=400)
    with pytest.raises(cleverkit.CleverError.InvalidInput):
        client.create_api_token(standin.email, standin.password, "ci", expiration)


def test_request_query_is_encoded_and_signed(client: cleverkit.Client, standin: StandIn) -> None:
    query = [
        cleverkit.Param(name="q", value="a b"),
        cleverkit.Param(name="q", value="c+d"),
        cleverkit.Param(name="q", value="é 中🙂"),
        cleverkit.Param(name="sp ace", value="~*'()!"),
    ]
    # The stand-in checks the signature over the target as received: a 200 means it matched.
    response = client.request("GET", "/v2/self", query=query)
    assert response.status == 200
    assert json.loads(response.body)["id"] == standin.user_id
    headers = {param.name.lower(): param.value for param in response.headers}
    assert headers["content-type"] == "application/json"
    assert headers["sozu-id"]
    (recorded,) = standin.requests()
    assert recorded.target == (
        "/v2/self?q=a%20b&q=c%2Bd&q=%C3%A9%20%E4%B8%AD%F0%9F%99%82&sp%20ace=~%2A%27%28%29%21"
    )


def test_request_headers_and_body(client: cleverkit.Client, standin: StandIn) -> None:
    response = client.request(
        "GET", "/v2/self", headers=[cleverkit.Param(name="X-Trace", value="t-1")]
    )
    assert response.status == 200
    (recorded,) = standin.requests()
    assert recorded.header("X-Trace") == "t-1"
    # A POST with a form body: the body is signed too (OAuth) and reaches the server unchanged.
    with pytest.raises(cleverkit.CleverError.NotFound):
        client.request(
            "POST",
            "/v2/nowhere",
            headers=[
                cleverkit.Param(name="Content-Type", value="application/x-www-form-urlencoded")
            ],
            body=b"a=1&b=%C3%A9",
        )
    assert standin.requests()[-1].body == "a=1&b=%C3%A9"


def test_request_json(client: cleverkit.Client, standin: StandIn) -> None:
    zones = client.request_json("GET", "/v4/products/zones")  # parsed (tests/test_arguments.py)
    assert {zone["name"] for zone in zones} >= {"par", "rbx"}


def test_user_agent_names_python(client: cleverkit.Client, standin: StandIn) -> None:
    client.myself()
    (recorded,) = standin.requests()
    assert recorded.header("User-Agent") == f"cleverkit/{version('cleverkit')} python"


def test_user_agent_suffix_option(standin: StandIn) -> None:
    with standin.oauth_client(user_agent_suffix="my-app/2.0") as client:
        client.myself()
    (recorded,) = standin.requests()
    assert recorded.header("User-Agent") == f"cleverkit/{version('cleverkit')} my-app/2.0"


def test_keep_alive_reuses_one_connection(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        for _ in range(5):
            client.myself()
    assert len({item.connection for item in standin.requests()}) == 1


def test_close_releases_connections(standin: StandIn) -> None:
    client = standin.oauth_client()
    client.myself()
    before = standin.open_connections()
    with client as entered:
        assert entered is client
        assert not client.closed
        assert not client.is_closed()
    assert client.closed
    assert client.is_closed()
    # Its pooled connection is closed (other tests' connections may close meanwhile, too).
    assert wait_until(lambda: standin.open_connections() <= before - 1)
    assert str(client) == "Client(closed)"
    with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
        client.myself()
    assert raised.value.detail == "the client is closed"
    client.close()  # again: nothing happens
    assert client.closed
    assert str(client) == "Client(closed)"


def test_close_without_with(standin: StandIn) -> None:
    client = standin.token_client()
    assert client.myself().id == standin.user_id
    client.close()
    for call in (client.zones, client.list_api_tokens, lambda: client.request("GET", "/v2/self")):
        with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
            call()
        assert raised.value.detail == "the client is closed"
    assert len(standin.requests()) == 1  # nothing was sent after close()


def test_client_is_the_generated_class() -> None:
    from cleverkit.cleverkit import cleverkit_ffi

    assert issubclass(cleverkit.Client, cleverkit_ffi.Client)
    with pytest.raises(ValueError):
        cleverkit.Client()


def test_client_string_forms_hide_secrets(client: cleverkit.Client, standin: StandIn) -> None:
    assert_no_secrets(client, standin.secrets)
    if expected_listener(client) == "api":
        auth = f"oauth1 consumer_key={standin.consumer_key}"
    else:
        auth = "api_token=[redacted]"
    assert str(client) == f"Client(api_host={standin.api}, bridge_host={standin.bridge}, {auth})"


def test_redirect_to_another_host_drops_credentials(standin: StandIn) -> None:
    standin.inject(action="redirect", status=307, location=standin.foreign + "/v2/self")
    with standin.oauth_client() as client:
        response = client.request("GET", "/v2/self")
    assert json.loads(response.body) == {"foreign": True}
    api, foreign = standin.requests()
    assert (api.listener, foreign.listener) == ("api", "foreign")
    assert api.header("Authorization") is not None
    assert foreign.header("Authorization") is None


def test_redirect_on_the_same_host_is_signed_again(standin: StandIn) -> None:
    standin.inject(action="redirect", status=302, location=standin.api + "/v2/summary")
    with standin.oauth_client() as client:
        response = client.request("GET", "/v2/self")
    assert response.status == 200
    first, second = standin.requests()
    assert second.target == "/v2/summary"
    assert first.oauth_params()["oauth_nonce"] != second.oauth_params()["oauth_nonce"]
