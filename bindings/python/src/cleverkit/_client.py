"""``Client`` and ``CreatedApiToken`` as Python expects them: thin conversions around the
generated classes.

``Client`` adds the context manager protocol and ``closed`` over the generated ``close()`` and
``is_closed()`` (the Rust object lets go of the core client and its pooled connections; calls in
progress in other threads finish with their own reference, later calls raise
``CleverError.InvalidInput``). It also widens what four methods take to what Python users pass
(``os.PathLike`` paths, a mapping or pairs for a query or headers, a ``str`` body, an aware
``datetime``) and converts it to what the FFI takes; every call is still the generated one, and
the constructors build ``cls``, so they build this class.

``CreatedApiToken`` adds ``api_token_id`` and ``expiration_date``, read from ``token()``.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Union

from .cleverkit import cleverkit_ffi as _ffi
from .cleverkit.cleverkit_ffi import ClientOptions, HttpResponse, Param

__all__ = ["Client", "CreatedApiToken", "Params", "StrPath"]

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


def _documented(generated: object, note: str) -> str:
    """The generated (Rust) documentation, then what this binding accepts on top."""
    return f"{(generated.__doc__ or '').rstrip()}\n\n        {note}\n"


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
        _ffi.Client.from_config_file, "``path`` may be any ``os.PathLike``."
    )

    def request(
        self,
        method: str,
        path: str,
        query: Params = (),
        headers: Params = (),
        body: str | bytes | None = None,
    ) -> HttpResponse:
        if isinstance(body, str):
            body = body.encode("utf-8")
        response: HttpResponse = super().request(
            method, path, _params(query), _params(headers), body
        )
        return response

    request.__doc__ = _documented(
        _ffi.Client.request,
        "``query`` and ``headers`` are a mapping, ``(name, value)`` pairs or ``Param``\n"
        "        records; a ``str`` body is sent as UTF-8.",
    )

    def download_invoice(
        self, organisation_id: str, invoice_number: str, destination: StrPath
    ) -> int:
        written: int = super().download_invoice(
            organisation_id, invoice_number, os.fspath(destination)
        )
        return written

    download_invoice.__doc__ = _documented(
        _ffi.Client.download_invoice, "``destination`` may be any ``os.PathLike``."
    )

    def create_api_token(
        self,
        email: str,
        password: str,
        name: str,
        expiration: datetime.datetime,
        mfa_code: str | None = None,
        description: str | None = None,
    ) -> CreatedApiToken:
        # A naive datetime names no instant: Python cannot convert it, so it is refused here
        # rather than by a comparison deep in the generated code.
        if isinstance(expiration, datetime.datetime) and expiration.utcoffset() is None:
            raise _ffi.CleverError.InvalidInput(
                "expiration is a naive datetime: pass an aware one, such as"
                " datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)"
            )
        created: CreatedApiToken = super().create_api_token(
            email, password, name, expiration, mfa_code, description
        )
        return created

    create_api_token.__doc__ = _documented(
        _ffi.Client.create_api_token,
        "``expiration`` must be timezone-aware (a naive one raises\n"
        "        ``CleverError.InvalidInput``).",
    )


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
