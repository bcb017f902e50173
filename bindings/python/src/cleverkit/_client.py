"""``Client``, ``AsyncClient`` and ``CreatedApiToken`` as Python expects them: thin conversions
around the generated classes.

``Client`` adds the context manager protocol and ``closed`` over the generated ``close()`` and
``is_closed()`` (the Rust object lets go of the core client and its pooled connections; calls in
progress in other threads finish with their own reference, later calls raise
``CleverError.InvalidInput``). It also widens what four methods take to what Python users pass
(``os.PathLike`` paths, a mapping or pairs for a query or headers, a ``str`` body, a JSON
value, a mapping of environment variables, an aware ``datetime``) and converts it to what the
FFI takes; every call is still the generated one, and
the constructors build ``cls``, so they build this class.

``AsyncClient`` is the same for asyncio: ``async with`` and ``aclose()`` over the same
``close()`` (which does not wait: the calls still running finish on their worker threads), and
the same widened arguments for its coroutines.

``CreatedApiToken`` adds ``api_token_id`` and ``expiration_date``, read from ``token()``;
``install`` gives ``OAuth1Credentials`` a Python ``repr`` (never a secret).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from types import ModuleType, TracebackType
from typing import Any, Union

from .cleverkit import cleverkit_ffi as _ffi
from .cleverkit.cleverkit_ffi import (
    ClientOptions,
    DownloadProgress,
    EnvironmentVariable,
    HttpResponse,
    Param,
)

__all__ = [
    "AsyncClient",
    "Client",
    "CreatedApiToken",
    "Params",
    "StrPath",
    "Variables",
    "install",
]

StrPath = Union[str, "os.PathLike[str]"]
"""A path: a ``str`` or any ``os.PathLike`` (``pathlib.Path``)."""

Params = Union[
    Mapping[str, Union[str, int]], Iterable[tuple[str, Union[str, int]]], Iterable[Param]
]
"""Query parameters or headers: a mapping, ``(name, value)`` pairs or ``Param`` records, in
order; pairs and records may repeat a name. A value is a ``str`` or an ``int`` (sent in
decimal)."""

Variables = Union[
    Mapping[str, str], Iterable[tuple[str, str]], Iterable[EnvironmentVariable]
]
"""Environment variables: a mapping, ``(name, value)`` pairs or ``EnvironmentVariable``
records."""

_JSON = "application/json"


def _text(value: object, argument: str, name: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(
        f"{argument}[{name!r}] must be a str or an int, not {type(value).__name__}"
    )


def _params(given: Params, argument: str) -> list[Param]:
    """``given`` as ``Param`` records; a clear ``TypeError`` naming ``argument`` otherwise."""
    if isinstance(given, (str, bytes)):
        raise TypeError(
            f"{argument} must be a mapping, (name, value) pairs or Param records, not"
            f" {type(given).__name__}"
        )
    items = given.items() if isinstance(given, Mapping) else given
    params = []
    for item in items:
        if isinstance(item, Param):
            params.append(item)
            continue
        if not isinstance(item, tuple) or len(item) != 2:
            raise TypeError(
                f"{argument} must be a mapping, (name, value) pairs or Param records; found"
                f" {item!r}"
            )
        name, value = item
        if not isinstance(name, str):
            raise TypeError(f"{argument}: a name must be a str, not {type(name).__name__}")
        params.append(Param(name=name, value=_text(value, argument, name)))
    return params


def _body(body: str | bytes | None) -> bytes | None:
    if body is None or isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    hint = ": pass json=… to send it as JSON" if isinstance(body, (dict, list)) else ""
    raise TypeError(f"body must be str, bytes or None, not {type(body).__name__}{hint}")


def _request_arguments(
    query: Params, headers: Params, body: str | bytes | None, json: Any
) -> tuple[list[Param], list[Param], bytes | None]:
    """What the generated ``request`` takes; with ``json``, its text as the body and
    ``Content-Type: application/json`` unless ``headers`` name one."""
    params = _params(headers, "headers")
    if json is None:
        return _params(query, "query"), params, _body(body)
    if body is not None:
        raise TypeError("pass body or json, not both")
    if not any(param.name.lower() == "content-type" for param in params):
        params.append(Param(name="Content-Type", value=_JSON))
    import json as json_module  # on first use only, as below

    text = json_module.dumps(json, ensure_ascii=False, separators=(",", ":"))
    return _params(query, "query"), params, text.encode("utf-8")


def _json_body(json_body: str | None, json: Any) -> str | None:
    if json is None:
        if json_body is not None and not isinstance(json_body, str):
            raise TypeError(
                f"json_body is JSON text (a str), not {type(json_body).__name__}: pass the"
                " value as json=…"
            )
        return json_body
    if json_body is not None:
        raise TypeError("pass json (a value) or json_body (JSON text), not both")
    import json as json_module

    return json_module.dumps(json, ensure_ascii=False, separators=(",", ":"))


def _parsed(text: str, path: str) -> Any:
    if not text.strip():
        return None  # 204 No Content, or an empty 200
    import json as json_module

    try:
        return json_module.loads(text)
    except ValueError as error:
        raise _ffi.CleverError.InvalidResponse(path, f"the body is not JSON ({error})") from None


def _variables(given: Variables) -> list[EnvironmentVariable]:
    if isinstance(given, (str, bytes)):
        raise TypeError(
            "variables must be a mapping, (name, value) pairs or EnvironmentVariable records,"
            f" not {type(given).__name__}"
        )
    items = given.items() if isinstance(given, Mapping) else given
    variables = []
    for item in items:
        if isinstance(item, EnvironmentVariable):
            variables.append(item)
            continue
        if not isinstance(item, tuple) or len(item) != 2:
            raise TypeError(
                "variables must be a mapping, (name, value) pairs or EnvironmentVariable"
                f" records; found {item!r}"
            )
        name, value = item
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(
                f"variables: a name and a value are str, not {type(name).__name__} and"
                f" {type(value).__name__} (for {name!r})"
            )
        variables.append(EnvironmentVariable(name=name, value=value))
    return variables


def _refuse_naive(expiration: datetime.datetime) -> None:
    # A naive datetime names no instant: Python cannot convert it, so it is refused here
    # rather than by a comparison deep in the generated code.
    if isinstance(expiration, datetime.datetime) and expiration.utcoffset() is None:
        raise _ffi.CleverError.InvalidInput(
            "expiration is a naive datetime: pass an aware one, such as"
            " datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)"
        )


def _documented(generated: object, note: str) -> str:
    """The generated (Rust) documentation, then what this binding accepts on top."""
    return f"{(generated.__doc__ or '').rstrip()}\n\n        {note}\n"


_REQUEST_NOTE = (
    "``query`` and ``headers`` are a mapping, ``(name, value)`` pairs or ``Param``\n"
    "        records (values ``str`` or ``int``); a ``str`` body is sent as UTF-8. ``json``, a\n"
    "        value ``json.dumps`` takes, is sent as the body with ``Content-Type:\n"
    "        application/json`` (unless ``headers`` name one)."
)
_REQUEST_JSON_NOTE = (
    "In Python, ``json`` is the value to send (``json.dumps``: dicts, lists…) and the\n"
    "        answer is parsed (``json.loads``; ``None`` for an empty body). ``json_body`` still\n"
    "        takes JSON text as it is."
)
_VARIABLES_NOTE = (
    "``variables`` may be a mapping (``{name: value}``), ``(name, value)`` pairs or\n"
    "        ``EnvironmentVariable`` records."
)
_PATH_NOTE = "``path`` may be any ``os.PathLike``."
_DESTINATION_NOTE = "``destination`` may be any ``os.PathLike``."
_EXPIRATION_NOTE = (
    "``expiration`` must be timezone-aware (a naive one raises\n"
    "        ``CleverError.InvalidInput``)."
)


class Client(_ffi.Client):
    """Clever Cloud's API client. Thread-safe: share one across threads; connections are pooled.

    Use it in a ``with`` block, or call ``close()``, to release its connections at once::

        with cleverkit.Client.from_environment() as client:
            print(client.myself().email)
    """

    @property
    def closed(self) -> bool:
        """True once ``close()`` has run (``is_closed()``)."""
        return self.is_closed()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @classmethod
    def from_config_file(
        cls,
        path: StrPath,
        profile: str | None = None,
        options: ClientOptions | None = None,
    ) -> Client:
        client: Client = super().from_config_file(os.fspath(path), profile, options)
        return client

    from_config_file.__func__.__doc__ = _documented(  # type: ignore[attr-defined]
        _ffi.Client.from_config_file, _PATH_NOTE
    )

    def request(
        self,
        method: str,
        path: str,
        query: Params = (),
        headers: Params = (),
        body: str | bytes | None = None,
        json: Any = None,
    ) -> HttpResponse:
        query_params, header_params, payload = _request_arguments(query, headers, body, json)
        response: HttpResponse = super().request(
            method, path, query_params, header_params, payload
        )
        return response

    request.__doc__ = _documented(_ffi.Client.request, _REQUEST_NOTE)

    def request_json(
        self, method: str, path: str, json_body: str | None = None, *, json: Any = None
    ) -> Any:
        text: str = super().request_json(method, path, _json_body(json_body, json))
        return _parsed(text, path)

    request_json.__doc__ = _documented(_ffi.Client.request_json, _REQUEST_JSON_NOTE)

    def replace_environment(
        self, owner_id: str, application_id: str, variables: Variables
    ) -> None:
        super().replace_environment(owner_id, application_id, _variables(variables))

    replace_environment.__doc__ = _documented(
        _ffi.Client.replace_environment, _VARIABLES_NOTE
    )

    def download_invoice(
        self,
        organisation_id: str,
        invoice_number: str,
        destination: StrPath,
        progress: DownloadProgress | None = None,
    ) -> int:
        written: int = super().download_invoice(
            organisation_id, invoice_number, os.fspath(destination), progress
        )
        return written

    download_invoice.__doc__ = _documented(_ffi.Client.download_invoice, _DESTINATION_NOTE)

    def create_api_token(
        self,
        email: str,
        password: str,
        name: str,
        expiration: datetime.datetime,
        mfa_code: str | None = None,
        description: str | None = None,
    ) -> CreatedApiToken:
        _refuse_naive(expiration)
        created: CreatedApiToken = super().create_api_token(
            email, password, name, expiration, mfa_code, description
        )
        return created

    create_api_token.__doc__ = _documented(_ffi.Client.create_api_token, _EXPIRATION_NOTE)


class AsyncClient(_ffi.AsyncClient):
    """Clever Cloud's API client for asyncio: every call of ``Client``, as a coroutine. Its
    calls run on at most ``ClientOptions.worker_threads`` threads (16 by default), so the
    event loop never blocks; cancelling the awaiting task stops the call.

    Use it in an ``async with`` block, or call ``aclose()``, to release its connections::

        async with cleverkit.AsyncClient.from_environment() as client:
            print((await client.myself()).email)
    """

    @property
    def closed(self) -> bool:
        """True once ``close()`` (or ``aclose()``) has run (``is_closed()``)."""
        return self.is_closed()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    async def aclose(self) -> None:
        """``close()``, for ``contextlib.aclosing`` and code that awaits its cleanup: it does
        not wait for the calls in flight, which finish on their worker threads."""
        self.close()

    @classmethod
    def from_config_file(
        cls,
        path: StrPath,
        profile: str | None = None,
        options: ClientOptions | None = None,
    ) -> AsyncClient:
        client: AsyncClient = super().from_config_file(os.fspath(path), profile, options)
        return client

    from_config_file.__func__.__doc__ = _documented(  # type: ignore[attr-defined]
        _ffi.AsyncClient.from_config_file, _PATH_NOTE
    )

    async def request(
        self,
        method: str,
        path: str,
        query: Params = (),
        headers: Params = (),
        body: str | bytes | None = None,
        json: Any = None,
    ) -> HttpResponse:
        query_params, header_params, payload = _request_arguments(query, headers, body, json)
        response: HttpResponse = await super().request(
            method, path, query_params, header_params, payload
        )
        return response

    request.__doc__ = _documented(_ffi.AsyncClient.request, _REQUEST_NOTE)

    async def request_json(
        self, method: str, path: str, json_body: str | None = None, *, json: Any = None
    ) -> Any:
        text: str = await super().request_json(method, path, _json_body(json_body, json))
        return _parsed(text, path)

    request_json.__doc__ = _documented(_ffi.AsyncClient.request_json, _REQUEST_JSON_NOTE)

    async def replace_environment(
        self, owner_id: str, application_id: str, variables: Variables
    ) -> None:
        await super().replace_environment(owner_id, application_id, _variables(variables))

    replace_environment.__doc__ = _documented(
        _ffi.AsyncClient.replace_environment, _VARIABLES_NOTE
    )

    async def download_invoice(
        self,
        organisation_id: str,
        invoice_number: str,
        destination: StrPath,
        progress: DownloadProgress | None = None,
    ) -> int:
        written: int = await super().download_invoice(
            organisation_id, invoice_number, os.fspath(destination), progress
        )
        return written

    download_invoice.__doc__ = _documented(_ffi.AsyncClient.download_invoice, _DESTINATION_NOTE)

    async def create_api_token(
        self,
        email: str,
        password: str,
        name: str,
        expiration: datetime.datetime,
        mfa_code: str | None = None,
        description: str | None = None,
    ) -> CreatedApiToken:
        _refuse_naive(expiration)
        created: CreatedApiToken = await super().create_api_token(
            email, password, name, expiration, mfa_code, description
        )
        return created

    create_api_token.__doc__ = _documented(_ffi.AsyncClient.create_api_token, _EXPIRATION_NOTE)


class CreatedApiToken(_ffi.CreatedApiToken):
    __doc__ = _ffi.CreatedApiToken.__doc__

    @property
    def api_token_id(self) -> str:
        """The token's id (``token().api_token_id``), for ``update_api_token`` and revoking."""
        token_id: str = self.token().api_token_id
        return token_id

    @property
    def expiration_date(self) -> datetime.datetime | None:
        """When the token expires (``token().expiration_date``)."""
        expires: datetime.datetime | None = self.token().expiration_date
        return expires


def _credentials_repr(credentials: Any) -> str:
    """``OAuth1Credentials(consumer_key='…', consumer_secret=<redacted>, …)``: the public
    parts, and whether each secret is set (the core's text says), never a secret."""
    core_text = str(credentials)
    token_secret = "None" if "token_secret=none," in core_text else "<redacted>"
    parts = [
        f"consumer_key={credentials.consumer_key()!r}",
        "consumer_secret=<redacted>",
        f"token={credentials.token()!r}",
        f"token_secret={token_secret}",
        f"signature_method={credentials.signature_method()}",
    ]
    expires_at = credentials.expires_at()
    if expires_at is not None:
        parts.append(f"expires_at={expires_at!r}")
    return f"{type(credentials).__name__}({', '.join(parts)})"


def install(module: ModuleType) -> None:
    """What the generated classes of ``module`` gain in place (lifted objects included)."""
    module.OAuth1Credentials.__repr__ = _credentials_repr
