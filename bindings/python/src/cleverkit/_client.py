"""``Client``, ``AsyncClient`` and ``CreatedApiToken`` as Python expects them: thin conversions
around the generated classes.

``Client`` adds the context manager protocol and ``closed`` over the generated ``close()`` and
``is_closed()`` (the Rust object lets go of the core client and its pooled connections; calls in
progress in other threads finish with their own reference, later calls raise
``CleverError.InvalidInput``). It also widens what four methods take to what Python users pass
(``os.PathLike`` paths, a mapping or pairs for a query or headers, a ``str`` body, an aware
``datetime``) and converts it to what the FFI takes; every call is still the generated one, and
the constructors build ``cls``, so they build this class.

``AsyncClient`` is the same for asyncio: ``async with`` and ``aclose()`` over the same
``close()`` (which does not wait: the calls still running finish on their worker threads), and
the same widened arguments for its coroutines.

``CreatedApiToken`` adds ``api_token_id`` and ``expiration_date``, read from ``token()``.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Union

from .cleverkit import cleverkit_ffi as _ffi
from .cleverkit.cleverkit_ffi import ClientOptions, DownloadProgress, HttpResponse, Param

__all__ = ["AsyncClient", "Client", "CreatedApiToken", "Params", "StrPath"]

StrPath = Union[str, "os.PathLike[str]"]
"""A path: a ``str`` or any ``os.PathLike`` (``pathlib.Path``)."""

Params = Union[Mapping[str, str], Iterable[tuple[str, str]], Iterable[Param]]
"""Query parameters or headers: a mapping, ``(name, value)`` pairs or ``Param`` records, in
order; pairs and records may repeat a name."""


def _param(item: tuple[str, str] | Param) -> Param:
    if isinstance(item, Param):
        return item
    name, value = item
    return Param(name=name, value=value)


def _params(given: Params) -> list[Param]:
    return [_param(item) for item in (given.items() if isinstance(given, Mapping) else given)]


def _body(body: str | bytes | None) -> bytes | None:
    return body.encode("utf-8") if isinstance(body, str) else body


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
    "        records; a ``str`` body is sent as UTF-8."
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
    ) -> HttpResponse:
        response: HttpResponse = super().request(
            method, path, _params(query), _params(headers), _body(body)
        )
        return response

    request.__doc__ = _documented(_ffi.Client.request, _REQUEST_NOTE)

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
    ) -> HttpResponse:
        response: HttpResponse = await super().request(
            method, path, _params(query), _params(headers), _body(body)
        )
        return response

    request.__doc__ = _documented(_ffi.AsyncClient.request, _REQUEST_NOTE)

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
