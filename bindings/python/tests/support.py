"""Helpers for the tests against the local stand-in API (tests/standin in the repository):
its identities, control requests (faults, recorded requests), client options pointing at it."""

from __future__ import annotations

import datetime
import json
import os
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional
from urllib.parse import parse_qsl, unquote

import cleverkit

REPOSITORY = Path(__file__).resolve().parents[3]
STANDIN_BINARY = Path(
    os.environ.get("CLEVERKIT_STANDIN", REPOSITORY / "target" / "debug" / "cleverkit-standin")
)
EXAMPLES = REPOSITORY / "examples" / "python"

# Control requests go straight to the loopback listeners, whatever proxy the environment names.
DIRECT_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Recorded:
    """One request as the stand-in received it."""

    listener: str
    connection: int
    method: str
    target: str
    headers: list[tuple[str, str]]
    body: str

    def header(self, name: str) -> Optional[str]:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def oauth_params(self) -> dict[str, str]:
        """The decoded parameters of an `Authorization: OAuth ...` header."""
        authorization = self.header("Authorization") or ""
        scheme, _, rest = authorization.partition(" ")
        assert scheme == "OAuth", authorization
        params = {}
        for item in rest.split(", "):
            name, _, quoted = item.partition("=")
            params[name] = unquote(quoted.strip('"'))
        return params

    def protocol_params(self) -> dict[str, str]:
        """The OAuth protocol parameters, wherever they are: the dance sends them in its form
        body, API calls in the `Authorization` header."""
        if self.header("Authorization") is None:
            return dict(parse_qsl(self.body))
        return self.oauth_params()


@dataclass(frozen=True)
class StandIn:
    """The running stand-in: its listeners and every identity it announced (its JSON line)."""

    api: str
    bridge: str
    foreign: str
    consumer_key: str
    consumer_secret: str
    token: str
    token_secret: str
    expired_token: str
    expired_token_secret: str
    clever_tools_consumer_key: str
    clever_tools_consumer_secret: str
    api_token: str
    api_token_id: str
    organisation_id: str
    user_id: str
    email: str
    name: str
    password: str
    mfa_code: str

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret a string form must never show."""
        return (
            self.consumer_secret,
            self.token_secret,
            self.expired_token_secret,
            self.clever_tools_consumer_secret,
            self.api_token,
            self.password,
        )

    def control(self, method: str, path: str, payload: Optional[dict[str, Any]] = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(self.api + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with DIRECT_OPENER.open(request, timeout=10) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def inject(self, **fault: Any) -> None:
        self.control("POST", "/__standin/faults", fault)

    def reset(self) -> None:
        self.control("POST", "/__standin/reset")

    def requests(self, listener: Optional[str] = None) -> list[Recorded]:
        recorded = [
            Recorded(
                listener=item["listener"],
                connection=item["connection"],
                method=item["method"],
                target=item["target"],
                headers=[(name, value) for name, value in item["headers"]],
                body=item["body"],
            )
            for item in self.control("GET", "/__standin/requests")
        ]
        return [item for item in recorded if listener is None or item.listener == listener]

    def open_connections(self) -> int:
        count: int = self.control("GET", "/__standin/connections")["open"]
        return count

    def options(self, **overrides: Any) -> cleverkit.ClientOptions:
        """Options for the stand-in: its hosts, short waits between retries."""
        settings: dict[str, Any] = {
            "api_host": self.api,
            "bridge_host": self.bridge,
            "retry_base_delay": datetime.timedelta(milliseconds=1),
            "timeout": datetime.timedelta(seconds=20),
        }
        settings.update(overrides)
        return cleverkit.ClientOptions(**settings)

    def credentials(
        self,
        signature_method: cleverkit.SignatureMethod = cleverkit.SignatureMethod.HMAC_SHA512,
        token_secret: Optional[str] = None,
    ) -> cleverkit.OAuth1Credentials:
        return cleverkit.OAuth1Credentials(
            self.consumer_key,
            self.consumer_secret,
            token=self.token,
            token_secret=self.token_secret if token_secret is None else token_secret,
            signature_method=signature_method,
        )

    def oauth_client(self, **overrides: Any) -> cleverkit.Client:
        return cleverkit.Client.with_oauth1(self.credentials(), self.options(**overrides))

    def token_client(self, **overrides: Any) -> cleverkit.Client:
        return cleverkit.Client.with_api_token(self.api_token, self.options(**overrides))


def assert_no_secrets(value: object, secrets: tuple[str, ...]) -> None:
    """`repr`, `str` and, for an exception, each field's text show none of `secrets`."""
    texts = [repr(value), str(value), f"{value}", f"{value!r}"]
    if isinstance(value, BaseException):
        texts.extend(repr(field_value) for field_value in vars(value).values())
        texts.extend(repr(arg) for arg in value.args)
    for text in texts:
        for secret in secrets:
            assert secret not in text, f"{secret!r} shows in {text!r}"


def wait_until(condition: Any, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())
