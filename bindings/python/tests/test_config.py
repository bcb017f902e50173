"""Credentials found the clever-tools way: environment variables and clever-tools.json files,
through `Client.from_environment` and `Client.from_config_file`."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Optional

import pytest
from support import StandIn, assert_no_secrets

import cleverkit

VARIABLES = [
    "CLEVER_TOKEN",
    "CLEVER_SECRET",
    "CLEVER_API_TOKEN",
    "CONFIGURATION_FILE",
    "XDG_CONFIG_HOME",
    "APPDATA",
    "API_HOST",
    "AUTH_BRIDGE_HOST",
    "OAUTH_CONSUMER_KEY",
    "OAUTH_CONSUMER_SECRET",
]
WRONG_SECRET = "wrong-profile-secret-4e0d"
CLEVER_CLOUD_API = "https://api.clever-cloud.com"
CLEVER_CLOUD_BRIDGE = "https://api-bridge.clever-cloud.com"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """An environment with none of the variables the loader reads, and an empty HOME (so no
    real clever-tools.json is found)."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return monkeypatch


def profile(
    standin: StandIn, alias: str, secret: Optional[str] = None, **extra: Any
) -> dict[str, Any]:
    return {
        "alias": alias,
        "token": standin.token,
        "secret": standin.token_secret if secret is None else secret,
        "overrides": {
            "API_HOST": standin.api,
            "AUTH_BRIDGE_HOST": standin.bridge,
            "OAUTH_CONSUMER_KEY": standin.consumer_key,
            "OAUTH_CONSUMER_SECRET": standin.consumer_secret,
        },
        **extra,
    }


def write_config(path: Path, *profiles: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "profiles": list(profiles)}), encoding="utf-8")
    return path


def assert_works_on(client: cleverkit.Client, standin: StandIn, listener: str) -> None:
    with client:
        assert client.myself().id == standin.user_id
        assert_no_secrets(client, standin.secrets)
    (recorded,) = standin.requests()
    assert recorded.listener == listener
    if listener == "api":
        params = recorded.oauth_params()
        assert params["oauth_consumer_key"] == standin.consumer_key
        assert params["oauth_signature_method"] == "HMAC-SHA512"


def test_clever_token_and_secret(env: pytest.MonkeyPatch, standin: StandIn) -> None:
    env.setenv("CLEVER_TOKEN", standin.token)
    env.setenv("CLEVER_SECRET", standin.token_secret)
    env.setenv("OAUTH_CONSUMER_KEY", standin.consumer_key)
    env.setenv("OAUTH_CONSUMER_SECRET", standin.consumer_secret)
    env.setenv("API_HOST", standin.api)
    env.setenv("AUTH_BRIDGE_HOST", standin.bridge)
    assert_works_on(cleverkit.Client.from_environment(), standin, "api")


def test_clever_tools_consumer_is_the_default(env: pytest.MonkeyPatch, standin: StandIn) -> None:
    """Without OAUTH_CONSUMER_*, the tokens of `clever login` go with clever-tools' consumer
    (which the stand-in also accepts)."""
    env.setenv("CLEVER_TOKEN", standin.token)
    env.setenv("CLEVER_SECRET", standin.token_secret)
    env.setenv("API_HOST", standin.api)
    with cleverkit.Client.from_environment() as client:
        assert client.myself().id == standin.user_id
    (recorded,) = standin.requests()
    assert recorded.oauth_params()["oauth_consumer_key"] == standin.clever_tools_consumer_key


def test_clever_api_token(env: pytest.MonkeyPatch, standin: StandIn) -> None:
    env.setenv("CLEVER_API_TOKEN", standin.api_token)
    env.setenv("AUTH_BRIDGE_HOST", standin.bridge)
    assert_works_on(cleverkit.Client.from_environment(), standin, "bridge")
    (recorded,) = standin.requests()
    assert recorded.header("Authorization") == f"Bearer {standin.api_token}"


def test_options_still_apply(env: pytest.MonkeyPatch, standin: StandIn) -> None:
    env.setenv("CLEVER_API_TOKEN", standin.api_token)
    env.setenv("AUTH_BRIDGE_HOST", standin.bridge)
    options = cleverkit.ClientOptions(user_agent_suffix="env-test")
    with cleverkit.Client.from_environment(options=options) as client:
        client.myself()
    (recorded,) = standin.requests()
    assert (recorded.header("User-Agent") or "").endswith(" env-test")


def test_configuration_file_variable(
    env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path
) -> None:
    path = write_config(tmp_path / "conf" / "clever-tools.json", profile(standin, "t"))
    env.setenv("CONFIGURATION_FILE", str(path))
    assert_works_on(cleverkit.Client.from_environment(), standin, "api")


def test_xdg_config_home(env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path) -> None:
    write_config(tmp_path / "xdg" / "clever-cloud" / "clever-tools.json", profile(standin, "t"))
    env.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert_works_on(cleverkit.Client.from_environment(), standin, "api")


def test_named_profile(env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path) -> None:
    path = write_config(
        tmp_path / "clever-tools.json",
        profile(standin, "first", secret=WRONG_SECRET),
        profile(standin, "t"),
    )
    env.setenv("CONFIGURATION_FILE", str(path))
    assert_works_on(cleverkit.Client.from_environment(profile="t"), standin, "api")

    # Without a name, the first profile is the active one: its secret is wrong.
    standin.reset()
    with cleverkit.Client.from_environment() as client:
        with pytest.raises(cleverkit.CleverError.Unauthorized) as raised:
            client.myself()
    assert_no_secrets(raised.value, (*standin.secrets, WRONG_SECRET))


def test_unknown_profile_is_config_error(
    env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path
) -> None:
    path = write_config(tmp_path / "clever-tools.json", profile(standin, "t"))
    env.setenv("CONFIGURATION_FILE", str(path))
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_environment(profile="nobody")
    assert str(path) in raised.value.detail
    assert '"nobody"' in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


def test_malformed_file_is_config_error_without_the_secret(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = "MALFORMED-FILE-SECRET-61c2"
    path = tmp_path / "clever-tools.json"
    path.write_text(
        '{"version": 1, "profiles": [{"alias": "t", "token": "tok", "secret": "'
        + secret
        + '", "overrides": {"API_HOST": 12}} ,, ]}',
        encoding="utf-8",
    )
    env.setenv("CONFIGURATION_FILE", str(path))
    for load in (
        lambda: cleverkit.Client.from_environment(),
        lambda: cleverkit.Client.from_config_file(str(path)),
    ):
        with pytest.raises(cleverkit.CleverError.Config) as raised:
            load()
        assert str(path) in raised.value.detail
        assert_no_secrets(raised.value, (secret,))


def test_wrong_types_in_file_are_config_error_without_the_secret(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Valid JSON of the wrong shape: serde's messages could quote a value; they must not."""
    secret = "TYPED-FILE-SECRET-0b9e"
    path = tmp_path / "clever-tools.json"
    path.write_text(json.dumps({"profiles": [{"token": 42, "secret": secret}]}), encoding="utf-8")
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_config_file(str(path))
    assert str(path) in raised.value.detail
    assert_no_secrets(raised.value, (secret,))


def test_expired_profile_is_config_error(
    env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path
) -> None:
    yesterday = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    expired = profile(standin, "t", expirationDate=yesterday.strftime("%Y-%m-%dT%H:%M:%SZ"))
    path = write_config(tmp_path / "clever-tools.json", expired)
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_config_file(str(path))
    assert "expired" in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


def test_profile_expiration_reaches_the_credentials(
    env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path
) -> None:
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=10)
    path = write_config(
        tmp_path / "clever-tools.json",
        profile(standin, "t", expirationDate=later.strftime("%Y-%m-%dT%H:%M:%SZ")),
    )
    with cleverkit.Client.from_config_file(str(path)) as client:
        assert client.myself().id == standin.user_id


def test_no_credentials_is_config_error(env: pytest.MonkeyPatch) -> None:
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_environment()
    assert "CLEVER_API_TOKEN" in raised.value.detail


def test_token_without_secret_is_config_error(env: pytest.MonkeyPatch, standin: StandIn) -> None:
    env.setenv("CLEVER_TOKEN", standin.token)
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_environment()
    assert "CLEVER_SECRET" in raised.value.detail


def test_environment_token_wins_over_file_and_api_token(
    env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path
) -> None:
    path = write_config(tmp_path / "clever-tools.json", profile(standin, "t", secret=WRONG_SECRET))
    env.setenv("CONFIGURATION_FILE", str(path))
    env.setenv("CLEVER_API_TOKEN", "not-used")
    env.setenv("CLEVER_TOKEN", standin.token)
    env.setenv("CLEVER_SECRET", standin.token_secret)
    env.setenv("OAUTH_CONSUMER_KEY", standin.consumer_key)
    env.setenv("OAUTH_CONSUMER_SECRET", standin.consumer_secret)
    env.setenv("API_HOST", standin.api)
    assert_works_on(cleverkit.Client.from_environment(), standin, "api")


def test_from_config_file(env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path) -> None:
    path = write_config(
        tmp_path / "elsewhere.json",
        profile(standin, "first", secret=WRONG_SECRET),
        profile(standin, "t"),
    )
    assert_works_on(cleverkit.Client.from_config_file(str(path), profile="t"), standin, "api")
    standin.reset()
    # Options passed by the caller win over the file's hosts only where they are set.
    options = cleverkit.ClientOptions(max_retries=0)
    client = cleverkit.Client.from_config_file(str(path), "t", options)
    assert_works_on(client, standin, "api")


def test_from_config_file_missing(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_config_file(str(path))
    # The file named first, not the other ways to log in (issue 22).
    assert raised.value.detail.startswith(f"the clever-tools configuration file {path} does not")


def set_expired_token(env: pytest.MonkeyPatch, standin: StandIn) -> None:
    """CLEVER_TOKEN and CLEVER_SECRET hold a token the stand-in refuses (expired): a test that
    still gets through proves they were not used."""
    env.setenv("CLEVER_TOKEN", standin.expired_token)
    env.setenv("CLEVER_SECRET", standin.expired_token_secret)


def test_expired_environment_token_is_unauthorized(
    env: pytest.MonkeyPatch, standin: StandIn
) -> None:
    set_expired_token(env, standin)
    env.setenv("API_HOST", standin.api)
    with cleverkit.Client.from_environment() as client:
        with pytest.raises(cleverkit.CleverError.Unauthorized) as raised:
            client.myself()
    assert "token expired" in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


def test_from_config_file_wins_over_environment_token(
    env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path
) -> None:
    path = write_config(tmp_path / "chosen.json", profile(standin, "t"))
    set_expired_token(env, standin)
    assert_works_on(cleverkit.Client.from_config_file(str(path)), standin, "api")
    standin.reset()
    assert_works_on(cleverkit.Client.from_config_file(str(path), profile="t"), standin, "api")


def test_from_config_file_missing_with_environment_token(
    env: pytest.MonkeyPatch, standin: StandIn
) -> None:
    set_expired_token(env, standin)
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_config_file("/nonexistent.json")
    assert "/nonexistent.json" in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


def test_named_profile_wins_over_environment_token(
    env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path
) -> None:
    path = write_config(tmp_path / "clever-tools.json", profile(standin, "t"))
    env.setenv("CONFIGURATION_FILE", str(path))
    set_expired_token(env, standin)
    assert_works_on(cleverkit.Client.from_environment(profile="t"), standin, "api")


def test_unknown_profile_with_environment_token_is_config_error(
    env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path
) -> None:
    write_config(tmp_path / "xdg" / "clever-cloud" / "clever-tools.json", profile(standin, "t"))
    env.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    set_expired_token(env, standin)
    with pytest.raises(cleverkit.CleverError.Config) as raised:
        cleverkit.Client.from_environment(profile="nope")
    assert '"nope"' in raised.value.detail
    assert_no_secrets(raised.value, standin.secrets)


def test_unset_hosts_are_clever_clouds(standin: StandIn) -> None:
    options = cleverkit.ClientOptions()
    assert (options.api_host, options.bridge_host, options.timeout) == (None, None, None)
    with cleverkit.Client.with_api_token(standin.api_token, options) as client:
        assert str(client) == (
            f"Client(api_host={CLEVER_CLOUD_API}, bridge_host={CLEVER_CLOUD_BRIDGE}, "
            "api_token=[redacted])"
        )


def test_host_precedence(env: pytest.MonkeyPatch, standin: StandIn, tmp_path: Path) -> None:
    """Profile overrides < environment variables < hosts set in the options, even when the
    options set Clever Cloud's own hosts."""
    path = write_config(tmp_path / "clever-tools.json", profile(standin, "t"))
    auth = f"oauth1 consumer_key={standin.consumer_key}"

    with cleverkit.Client.from_config_file(str(path)) as client:
        assert (
            str(client) == f"Client(api_host={standin.api}, bridge_host={standin.bridge}, {auth})"
        )

    env.setenv("API_HOST", standin.foreign)
    with cleverkit.Client.from_config_file(str(path)) as client:
        assert str(client) == (
            f"Client(api_host={standin.foreign}, bridge_host={standin.bridge}, {auth})"
        )

    defaults = cleverkit.ClientOptions(api_host=CLEVER_CLOUD_API, bridge_host=CLEVER_CLOUD_BRIDGE)
    with cleverkit.Client.from_config_file(str(path), options=defaults) as client:
        assert str(client) == (
            f"Client(api_host={CLEVER_CLOUD_API}, bridge_host={CLEVER_CLOUD_BRIDGE}, {auth})"
        )
    env.setenv("CONFIGURATION_FILE", str(path))
    with cleverkit.Client.from_environment(options=defaults) as client:
        assert str(client) == (
            f"Client(api_host={CLEVER_CLOUD_API}, bridge_host={CLEVER_CLOUD_BRIDGE}, {auth})"
        )
    assert standin.requests() == []  # str() sends nothing
