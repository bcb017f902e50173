"""What new users pass (issue 22, Python): a JSON body, native values for ``request_json``, a
mapping of environment variables, numbers in a query, seconds for a timeout; clear errors for
what cannot be sent; a tidy namespace; a Python ``repr`` of credentials."""

from __future__ import annotations

import datetime
import json

import pytest
from support import StandIn
from test_applications import new_application, newest

import cleverkit

BODY = {"name": "café", "tags": [1, True, None]}
BODY_TEXT = '{"name":"café","tags":[1,true,null]}'


def test_a_json_body_is_sent_with_its_content_type(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.NotFound):
            client.request("POST", "/v2/nowhere", json=BODY)
        # A Content-Type given in the headers is kept.
        with pytest.raises(cleverkit.CleverError.NotFound):
            client.request(
                "POST", "/v2/nowhere", headers={"content-type": "application/vnd+json"}, json=[]
            )
    sent, typed = standin.requests()
    assert sent.body == BODY_TEXT and json.loads(sent.body) == BODY
    assert sent.header("Content-Type") == "application/json"
    assert typed.body == "[]" and typed.header("Content-Type") == "application/vnd+json"


@pytest.mark.asyncio
async def test_a_json_body_from_the_async_client(standin: StandIn) -> None:
    async with cleverkit.AsyncClient.with_oauth1(standin.credentials(), standin.options()) as client:
        with pytest.raises(cleverkit.CleverError.NotFound):
            await client.request("PUT", "/v2/nowhere", json=BODY)
    (sent,) = standin.requests()
    assert sent.body == BODY_TEXT and sent.header("Content-Type") == "application/json"


@pytest.mark.parametrize("body", [{"a": 1}, [1, 2], 42])
def test_a_body_that_is_not_text_or_bytes_is_a_clear_type_error(
    standin: StandIn, body: object
) -> None:
    with standin.oauth_client() as client:
        with pytest.raises(TypeError, match=r"^body must be str, bytes or None, not \w+"):
            client.request("POST", "/v2/nowhere", body=body)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="pass body or json, not both"):
            client.request("POST", "/v2/nowhere", body="{}", json={})
    assert standin.requests() == []


def test_a_dict_body_points_to_json(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        with pytest.raises(TypeError, match="pass json=… to send it as JSON"):
            client.request("POST", "/v2/nowhere", body={"a": 1})  # type: ignore[arg-type]


def test_request_json_takes_and_returns_values(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        zones = client.request_json("GET", "/v4/products/zones")
        assert isinstance(zones, list)
        assert {zone["name"] for zone in zones} >= {"par", "rbx"}
        with pytest.raises(cleverkit.CleverError.NotFound):
            client.request_json("PUT", "/v2/nowhere", json=BODY)
        # JSON text, as before, is still sent as it is.
        with pytest.raises(cleverkit.CleverError.NotFound):
            client.request_json("PUT", "/v2/nowhere", '{"text": true}')
        with pytest.raises(TypeError, match="json_body is JSON text"):
            client.request_json("PUT", "/v2/nowhere", BODY)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="not both"):
            client.request_json("PUT", "/v2/nowhere", "{}", json={})
    _, value, text = standin.requests()
    assert value.body == BODY_TEXT and value.header("Content-Type") == "application/json"
    assert text.body == '{"text": true}'


@pytest.mark.asyncio
async def test_request_json_awaited_takes_and_returns_values(standin: StandIn) -> None:
    async with cleverkit.AsyncClient.with_oauth1(standin.credentials(), standin.options()) as client:
        me = await client.request_json("GET", "/v2/self")
        with pytest.raises(cleverkit.CleverError.NotFound):
            await client.request_json("POST", "/v2/nowhere", json=BODY)
    assert me["id"] == standin.user_id
    assert standin.requests()[-1].body == BODY_TEXT


def test_an_answer_that_is_not_json_is_an_invalid_response() -> None:
    from cleverkit import _client

    assert _client._parsed("", "/x") is None
    assert _client._parsed(" \n", "/x") is None
    with pytest.raises(cleverkit.CleverError.InvalidResponse) as raised:
        _client._parsed("<html>", "/v2/x")
    assert raised.value.endpoint == "/v2/x"
    assert "not JSON" in raised.value.detail


def test_replace_environment_takes_a_mapping_or_pairs(standin: StandIn) -> None:
    owner = standin.organisation_id
    with standin.oauth_client() as client:
        app = client.create_application(
            owner, new_application("env-mapping", newest(client.instance_types(), "node"))
        )
        try:
            client.replace_environment(owner, app.id, {"A": "1", "B": "two words"})
            assert {v.name: v.value for v in client.environment(owner, app.id)} == {
                "A": "1",
                "B": "two words",
            }
            client.replace_environment(owner, app.id, [("C", "3")])
            assert [(v.name, v.value) for v in client.environment(owner, app.id)] == [("C", "3")]
            with pytest.raises(TypeError, match="variables: a name and a value are str"):
                client.replace_environment(owner, app.id, {"PORT": 8080})  # type: ignore[dict-item]
        finally:
            client.delete_application(owner, app.id)


@pytest.mark.asyncio
async def test_replace_environment_awaited_takes_a_mapping(standin: StandIn) -> None:
    owner = standin.organisation_id
    async with cleverkit.AsyncClient.with_oauth1(standin.credentials(), standin.options()) as client:
        app = await client.create_application(
            owner, new_application("env-mapping-async", newest(await client.instance_types(), "node"))
        )
        try:
            await client.replace_environment(owner, app.id, {"X": "y"})
            assert [(v.name, v.value) for v in await client.environment(owner, app.id)] == [
                ("X", "y")
            ]
        finally:
            await client.delete_application(owner, app.id)


def test_query_values_may_be_ints(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        client.request("GET", "/v2/self", query={"limit": 10, "q": "a"}, headers={"X-N": 3})
    (sent,) = standin.requests()
    assert sent.target == "/v2/self?limit=10&q=a"
    assert sent.header("X-N") == "3"


@pytest.mark.parametrize(
    ("query", "headers", "message"),
    [
        ({"limit": 1.5}, {}, r"query\['limit'\] must be a str or an int, not float"),
        ({"flag": True}, {}, r"query\['flag'\] must be a str or an int, not bool"),
        ({}, {"X-Trace": None}, r"headers\['X-Trace'\] must be a str or an int, not NoneType"),
        ("limit=10", {}, r"query must be a mapping, \(name, value\) pairs or Param records"),
        ([("a", "1", "2")], {}, r"query must be a mapping, .*; found \('a', '1', '2'\)"),
    ],
)
def test_query_and_header_values_of_other_types_are_a_clear_type_error(
    standin: StandIn, query: object, headers: object, message: str
) -> None:
    with standin.oauth_client() as client:
        with pytest.raises(TypeError, match=message):
            client.request("GET", "/v2/self", query=query, headers=headers)  # type: ignore[arg-type]
    assert standin.requests() == []


def test_client_options_take_seconds(standin: StandIn) -> None:
    options = cleverkit.ClientOptions(timeout=5, connect_timeout=0.5, max_retry_wait=0)
    assert options.timeout == datetime.timedelta(seconds=5)
    assert options.connect_timeout == datetime.timedelta(milliseconds=500)
    assert options.max_retry_wait == datetime.timedelta(0)
    options.retry_base_delay = 0.001  # an input record: converted when set, too
    assert options.retry_base_delay == datetime.timedelta(milliseconds=1)
    options.api_host, options.bridge_host = standin.api, standin.bridge
    with cleverkit.Client.with_oauth1(standin.credentials(), options) as client:
        assert client.myself().id == standin.user_id


@pytest.mark.parametrize("value", ["5", True, [5]])
def test_client_options_refuse_other_durations_at_construction(value: object) -> None:
    with pytest.raises(
        TypeError,
        match=r"^ClientOptions.timeout must be a datetime.timedelta or a number of seconds, not",
    ):
        cleverkit.ClientOptions(timeout=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", [-1, float("inf"), float("nan"), datetime.timedelta(seconds=-1)]
)
def test_client_options_refuse_negative_or_infinite_durations(value: object) -> None:
    with pytest.raises(cleverkit.CleverError.InvalidInput, match="ClientOptions.max_retry_wait"):
        cleverkit.ClientOptions(max_retry_wait=value)  # type: ignore[arg-type]


PLUMBING = [
    "AsyncClientProtocol",
    "ClientProtocol",
    "CreatedApiTokenProtocol",
    "DownloadProgressImpl",
    "OAuth1CredentialsProtocol",
    "OAuthDanceProtocol",
    "RequestTokenProtocol",
]


@pytest.mark.parametrize("name", PLUMBING)
def test_uniffi_plumbing_is_importable_but_not_listed(name: str) -> None:
    from cleverkit.cleverkit import cleverkit_ffi

    assert name not in cleverkit.__all__
    assert name not in dir(cleverkit)
    assert getattr(cleverkit, name) is getattr(cleverkit_ffi, name)
    namespace: dict[str, object] = {}
    exec(f"from cleverkit import {name}", namespace)
    assert namespace[name] is getattr(cleverkit_ffi, name)


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        cleverkit.Nope  # type: ignore[attr-defined]  # noqa: B018
