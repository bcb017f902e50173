# The types of `cleverkit` as the package has them at run time: the generated module after the
# adjustments of __init__.py (dataclass records, real defaults, the Client, AsyncClient and
# CreatedApiToken subclasses). The generated annotations type every defaulted parameter as `object` and give the
# records no fields, so type checkers read this file instead. tests/test_typing.py compares it
# with the installed package (names, parameters, defaults, types, record fields, enum members,
# error variants, which methods are coroutines): a change in the FFI fails there until it is made
# here too.

import datetime
import enum
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Union

StrPath = Union[str, os.PathLike[str]]
Params = Union[
    Mapping[str, Union[str, int]], Iterable[tuple[str, Union[str, int]]], Iterable[Param]
]
Variables = Union[Mapping[str, str], Iterable[tuple[str, str]], Iterable[EnvironmentVariable]]

class InternalError(Exception): ...

class TransportKind(enum.Enum):
    DNS = 0
    CONNECT = 1
    TLS = 2
    CERTIFICATE = 3
    INTERRUPTED = 4
    PROXY = 5
    OTHER = 6

class OAuthStep(enum.Enum):
    REQUEST_TOKEN = 0
    CALLBACK = 1
    ACCESS_TOKEN = 2

class SignatureMethod(enum.Enum):
    PLAINTEXT = 0
    HMAC_SHA1 = 1
    HMAC_SHA512 = 2

class CleverError(Exception):
    class InvalidInput(CleverError):
        detail: str
        def __init__(self, detail: str) -> None: ...

    class Unauthorized(CleverError):
        detail: str
        expired_at: datetime.datetime | None
        code: str | None
        request_id: str | None
        def __init__(
            self,
            detail: str,
            expired_at: datetime.datetime | None,
            code: str | None,
            request_id: str | None,
        ) -> None: ...

    class Forbidden(CleverError):
        detail: str
        code: str | None
        request_id: str | None
        def __init__(self, detail: str, code: str | None, request_id: str | None) -> None: ...

    class NotFound(CleverError):
        detail: str
        code: str | None
        request_id: str | None
        def __init__(self, detail: str, code: str | None, request_id: str | None) -> None: ...

    class RateLimited(CleverError):
        retry_after: datetime.timedelta | None
        request_id: str | None
        def __init__(
            self, retry_after: datetime.timedelta | None, request_id: str | None
        ) -> None: ...

    class Http(CleverError):
        status: int
        code: str | None
        detail: str
        request_id: str | None
        body: str | None
        def __init__(
            self,
            status: int,
            code: str | None,
            detail: str,
            request_id: str | None,
            body: str | None,
        ) -> None: ...

    class Transport(CleverError):
        kind: TransportKind
        detail: str
        def __init__(self, kind: TransportKind, detail: str) -> None: ...

    class Timeout(CleverError):
        detail: str
        def __init__(self, detail: str) -> None: ...

    class InvalidResponse(CleverError):
        endpoint: str
        detail: str
        def __init__(self, endpoint: str, detail: str) -> None: ...

    class Io(CleverError):
        detail: str
        def __init__(self, detail: str) -> None: ...

    class Config(CleverError):
        detail: str
        def __init__(self, detail: str) -> None: ...

    class Cancelled(CleverError):
        def __init__(self) -> None: ...

    class OAuth(CleverError):
        step: OAuthStep
        detail: str
        def __init__(self, step: OAuthStep, detail: str) -> None: ...

@dataclass(frozen=True, kw_only=True)
class AddonProvider:
    id: str
    name: str | None
    short_desc: str | None
    logo_url: str | None
    status: str | None

@dataclass(frozen=True, kw_only=True)
class AddonPlan:
    id: str
    name: str | None
    slug: str | None
    price: float | None

@dataclass(frozen=True, kw_only=True)
class Addon:
    id: str
    name: str | None
    real_id: str | None
    zone: str | None
    zone_id: str | None
    provider: AddonProvider | None
    plan: AddonPlan | None
    creation_date: datetime.datetime | None
    config_keys: tuple[str, ...]

@dataclass(frozen=True, kw_only=True)
class AddonSummary:
    id: str
    name: str | None
    provider_id: str | None
    plan_id: str | None

@dataclass(frozen=True, kw_only=True)
class ApiToken:
    api_token_id: str
    name: str
    user_id: str | None
    description: str | None
    creation_date: datetime.datetime | None
    expiration_date: datetime.datetime | None
    ip: str | None
    state: str | None

@dataclass(frozen=True, kw_only=True)
class InstanceVariant:
    id: str | None
    slug: str | None
    name: str | None

@dataclass(frozen=True, kw_only=True)
class Flavor:
    name: str
    mem: int | None
    cpus: int | None

@dataclass(frozen=True, kw_only=True)
class Instance:
    kind: str | None
    version: str | None
    variant: InstanceVariant | None
    min_instances: int | None
    max_instances: int | None
    min_flavor: Flavor | None
    max_flavor: Flavor | None
    flavors: tuple[Flavor, ...]

@dataclass(frozen=True, kw_only=True)
class Deployment:
    kind: str | None
    url: str | None
    http_url: str | None

@dataclass(frozen=True, kw_only=True)
class Vhost:
    fqdn: str

@dataclass(frozen=True, kw_only=True)
class Application:
    id: str
    name: str
    owner_id: str | None
    description: str | None
    zone: str | None
    zone_id: str | None
    creation_date: datetime.datetime | None
    archived: bool | None
    state: str | None
    commit_id: str | None
    branch: str | None
    force_https: str | None
    instance: Instance | None
    deployment: Deployment | None
    vhosts: tuple[Vhost, ...]

@dataclass(frozen=True, kw_only=True)
class ApplicationSummary:
    id: str
    name: str
    instance_type: str | None
    instance_variant: str | None
    variant_slug: str | None
    archived: bool | None
    homogeneous: bool | None
    state: str | None
    commit: str | None

@dataclass(kw_only=True)
class ApplicationUpdate:
    # What `update_application` changes: the fields set are sent, the others left as they are.
    name: str | None = None
    description: str | None = None
    min_flavor: str | None = None
    max_flavor: str | None = None
    min_instances: int | None = None
    max_instances: int | None = None
    force_https: bool | None = None
    sticky_sessions: bool | None = None
    cancel_on_push: bool | None = None
    separate_build: bool | None = None
    build_flavor: str | None = None

@dataclass(kw_only=True)
class ClientOptions:
    api_host: str | None = None
    bridge_host: str | None = None
    connect_timeout: datetime.timedelta | None = None
    timeout: datetime.timedelta | None = None
    max_retries: int | None = None
    retry_base_delay: datetime.timedelta | None = None
    max_retry_wait: datetime.timedelta | None = None
    user_agent_suffix: str | None = None
    proxy_url: str | None = None
    use_environment_proxy: bool | None = None
    ca_bundle_path: str | None = None
    client_certificate_path: str | None = None
    client_key_path: str | None = None
    max_response_bytes: int | None = None
    max_idle_connections: int | None = None
    worker_threads: int | None = None
    # The `*_path` fields also take an `os.PathLike` here (kept as `str`), the durations a
    # number of seconds (kept as `datetime.timedelta`).
    def __init__(
        self,
        *,
        api_host: str | None = None,
        bridge_host: str | None = None,
        connect_timeout: datetime.timedelta | float | None = None,
        timeout: datetime.timedelta | float | None = None,
        max_retries: int | None = None,
        retry_base_delay: datetime.timedelta | float | None = None,
        max_retry_wait: datetime.timedelta | float | None = None,
        user_agent_suffix: str | None = None,
        proxy_url: str | None = None,
        use_environment_proxy: bool | None = None,
        ca_bundle_path: StrPath | None = None,
        client_certificate_path: StrPath | None = None,
        client_key_path: StrPath | None = None,
        max_response_bytes: int | None = None,
        max_idle_connections: int | None = None,
        worker_threads: int | None = None,
    ) -> None: ...

@dataclass(frozen=True, kw_only=True)
class Param:
    name: str
    value: str

@dataclass(frozen=True, kw_only=True)
class HttpResponse:
    status: int
    headers: tuple[Param, ...]
    body: bytes
    @property
    def text(self) -> str: ...
    def json(self) -> Any: ...
    def header(self, name: str) -> str | None: ...

@dataclass(frozen=True, kw_only=True)
class DeploymentAuthor:
    id: str | None
    name: str | None

@dataclass(frozen=True, kw_only=True)
class DeploymentRecord:
    uuid: str
    number: int | None
    date: datetime.datetime | None
    state: str | None
    action: str | None
    commit: str | None
    cause: str | None
    instances: int | None
    author: DeploymentAuthor | None

@dataclass(frozen=True, kw_only=True)
class EnvironmentVariable:
    name: str
    value: str

@dataclass(frozen=True, kw_only=True)
class InstanceType:
    kind: str
    version: str
    name: str | None
    description: str | None
    variant: InstanceVariant | None
    enabled: bool | None
    coming_soon: bool | None
    max_instances: int | None
    tags: tuple[str, ...]
    deployments: tuple[str, ...]
    flavors: tuple[Flavor, ...]
    default_flavor: Flavor | None
    build_flavor: Flavor | None

@dataclass(kw_only=True)
class NewApplication:
    # What `create_application` sends, with the API's defaults; the instance fields come from
    # an `InstanceType` of `instance_types()`: its `kind`, `version` and `variant.id`.
    name: str
    instance_type: str
    instance_version: str
    instance_variant: str
    zone: str = "par"
    description: str | None = None
    deploy: str = "git"
    branch: str = "master"
    min_flavor: str = "XS"
    max_flavor: str = "XS"
    min_instances: int = 1
    max_instances: int = 1
    build_flavor: str | None = None
    environment: list[EnvironmentVariable] = []

@dataclass(frozen=True, kw_only=True)
class OrganisationSummary:
    id: str
    name: str
    avatar: str | None
    applications: tuple[ApplicationSummary, ...]
    addons: tuple[AddonSummary, ...]
    role: str | None
    vat_state: str | None
    can_pay: bool | None
    can_sepa: bool | None
    clever_enterprise: bool | None
    emergency_number: str | None
    is_trusted: bool | None

@dataclass(kw_only=True)
class RequestToSign:
    method: str
    url: str
    body: str | None = None
    content_type: str | None = None
    nonce: str | None = None
    timestamp: int | None = None

@dataclass(frozen=True, kw_only=True)
class Signed:
    authorization: str
    base_string: str
    signature: str

@dataclass(frozen=True, kw_only=True)
class User:
    id: str
    email: str
    name: str | None
    phone: str | None
    address: str | None
    city: str | None
    zipcode: str | None
    country: str | None
    avatar: str | None
    creation_date: datetime.datetime | None
    lang: str | None
    email_validated: bool | None
    admin: bool | None
    can_pay: bool | None
    preferred_mfa: str | None
    has_password: bool | None

@dataclass(frozen=True, kw_only=True)
class Summary:
    user: User
    organisations: tuple[OrganisationSummary, ...]

@dataclass(frozen=True, kw_only=True)
class Zone:
    id: str
    name: str
    city: str | None
    country: str | None
    country_code: str | None
    display_name: str | None
    lat: float | None
    lon: float | None
    outbound_ips: tuple[str, ...]
    tags: tuple[str, ...]

def error_message(error: CleverError) -> str: ...
def login_with_loopback(
    consumer_key: str,
    consumer_secret: str,
    opener: UrlOpener,
    signature_method: SignatureMethod | None = None,
    options: ClientOptions | None = None,
    timeout: datetime.timedelta | None = None,
) -> OAuth1Credentials: ...
async def login_with_loopback_async(
    consumer_key: str,
    consumer_secret: str,
    opener: UrlOpener,
    signature_method: SignatureMethod | None = None,
    options: ClientOptions | None = None,
    timeout: datetime.timedelta | None = None,
) -> OAuth1Credentials: ...
def sign_request(request: RequestToSign, credentials: OAuth1Credentials) -> Signed: ...
def verify_request(
    method: str,
    url: str,
    body: str | None,
    content_type: str | None,
    authorization: str,
    consumer_secret: str,
    token_secret: str | None,
) -> None: ...

class CreatedApiTokenProtocol(Protocol):
    def api_token(self) -> str: ...
    def token(self) -> ApiToken: ...

class CreatedApiToken(CreatedApiTokenProtocol):
    def api_token(self) -> str: ...
    def token(self) -> ApiToken: ...
    @property
    def api_token_id(self) -> str: ...
    @property
    def expiration_date(self) -> datetime.datetime | None: ...

class DownloadProgress:
    # Subclass it and override on_progress; it is called on the thread doing the download.
    def on_progress(self, written: int, total: int | None) -> None: ...

class DownloadProgressImpl(DownloadProgress):
    def on_progress(self, written: int, total: int | None) -> None: ...

class AsyncClientProtocol(Protocol):
    async def add_domain(self, owner_id: str, application_id: str, fqdn: str) -> None: ...
    async def addons(self, owner_id: str) -> list[Addon]: ...
    async def application(self, owner_id: str, application_id: str) -> Application: ...
    async def application_addons(
        self, owner_id: str, application_id: str
    ) -> list[Addon]: ...
    async def applications(self, organisation_id: str) -> list[Application]: ...
    def close(self) -> None: ...
    async def create_api_token(
        self,
        email: str,
        password: str,
        name: str,
        expiration: datetime.datetime,
        mfa_code: str | None = ...,
        description: str | None = ...,
    ) -> CreatedApiToken: ...
    async def create_application(
        self, owner_id: str, new: NewApplication
    ) -> Application: ...
    async def delete_application(self, owner_id: str, application_id: str) -> None: ...
    async def deployments(
        self, owner_id: str, application_id: str, limit: int | None = ...
    ) -> list[DeploymentRecord]: ...
    async def domains(self, owner_id: str, application_id: str) -> list[Vhost]: ...
    async def download_invoice(
        self,
        organisation_id: str,
        invoice_number: str,
        destination: str,
        progress: DownloadProgress | None = ...,
    ) -> int: ...
    async def environment(
        self, owner_id: str, application_id: str
    ) -> list[EnvironmentVariable]: ...
    async def instance_types(self) -> list[InstanceType]: ...
    def is_closed(self) -> bool: ...
    async def list_api_tokens(self) -> list[ApiToken]: ...
    async def myself(self) -> User: ...
    async def primary_domain(self, owner_id: str, application_id: str) -> Vhost | None: ...
    async def redeploy_application(
        self, owner_id: str, application_id: str, commit: str | None = ...
    ) -> str | None: ...
    async def remove_domain(self, owner_id: str, application_id: str, fqdn: str) -> None: ...
    async def remove_environment_variable(
        self, owner_id: str, application_id: str, name: str
    ) -> None: ...
    async def replace_environment(
        self, owner_id: str, application_id: str, variables: list[EnvironmentVariable]
    ) -> None: ...
    async def request(
        self,
        method: str,
        path: str,
        query: list[Param] = ...,
        headers: list[Param] = ...,
        body: bytes | None = ...,
    ) -> HttpResponse: ...
    async def request_json(
        self, method: str, path: str, json_body: str | None = ...
    ) -> str: ...
    async def revoke_api_token(self, api_token_id: str) -> None: ...
    async def set_environment_variable(
        self, owner_id: str, application_id: str, name: str, value: str
    ) -> None: ...
    async def set_primary_domain(
        self, owner_id: str, application_id: str, fqdn: str
    ) -> None: ...
    async def stop_application(self, owner_id: str, application_id: str) -> None: ...
    async def summary(self) -> Summary: ...
    async def update_api_token(
        self, api_token_id: str, name: str, description: str | None = ...
    ) -> ApiToken: ...
    async def update_application(
        self, owner_id: str, application_id: str, update: ApplicationUpdate
    ) -> Application: ...
    def worker_threads(self) -> int: ...
    async def zones(self) -> list[Zone]: ...

class AsyncClient(AsyncClientProtocol):
    @classmethod
    def from_config_file(
        cls, path: StrPath, profile: str | None = None, options: ClientOptions | None = None
    ) -> AsyncClient: ...
    @classmethod
    def from_environment(
        cls, options: ClientOptions | None = None, profile: str | None = None
    ) -> AsyncClient: ...
    @classmethod
    def with_api_token(
        cls, api_token: str, options: ClientOptions | None = None
    ) -> AsyncClient: ...
    @classmethod
    def with_oauth1(
        cls, credentials: OAuth1Credentials, options: ClientOptions | None = None
    ) -> AsyncClient: ...
    @property
    def closed(self) -> bool: ...
    async def __aenter__(self) -> AsyncClient: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
    async def aclose(self) -> None: ...
    async def add_domain(self, owner_id: str, application_id: str, fqdn: str) -> None: ...
    async def addons(self, owner_id: str) -> list[Addon]: ...
    async def application(self, owner_id: str, application_id: str) -> Application: ...
    async def application_addons(
        self, owner_id: str, application_id: str
    ) -> list[Addon]: ...
    async def applications(self, organisation_id: str) -> list[Application]: ...
    def close(self) -> None: ...
    async def create_api_token(
        self,
        email: str,
        password: str,
        name: str,
        expiration: datetime.datetime,
        mfa_code: str | None = None,
        description: str | None = None,
    ) -> CreatedApiToken: ...
    async def create_application(
        self, owner_id: str, new: NewApplication
    ) -> Application: ...
    async def delete_application(self, owner_id: str, application_id: str) -> None: ...
    async def deployments(
        self, owner_id: str, application_id: str, limit: int | None = None
    ) -> list[DeploymentRecord]: ...
    async def domains(self, owner_id: str, application_id: str) -> list[Vhost]: ...
    async def download_invoice(
        self,
        organisation_id: str,
        invoice_number: str,
        destination: StrPath,
        progress: DownloadProgress | None = None,
    ) -> int: ...
    async def environment(
        self, owner_id: str, application_id: str
    ) -> list[EnvironmentVariable]: ...
    async def instance_types(self) -> list[InstanceType]: ...
    def is_closed(self) -> bool: ...
    async def list_api_tokens(self) -> list[ApiToken]: ...
    async def myself(self) -> User: ...
    async def primary_domain(self, owner_id: str, application_id: str) -> Vhost | None: ...
    async def redeploy_application(
        self, owner_id: str, application_id: str, commit: str | None = None
    ) -> str | None: ...
    async def remove_domain(self, owner_id: str, application_id: str, fqdn: str) -> None: ...
    async def remove_environment_variable(
        self, owner_id: str, application_id: str, name: str
    ) -> None: ...
    async def replace_environment(
        self, owner_id: str, application_id: str, variables: Variables
    ) -> None: ...
    async def request(
        self,
        method: str,
        path: str,
        query: Params = (),
        headers: Params = (),
        body: str | bytes | None = None,
        json: Any = None,
    ) -> HttpResponse: ...
    async def request_json(
        self, method: str, path: str, json_body: str | None = None, *, json: Any = None
    ) -> Any: ...
    async def revoke_api_token(self, api_token_id: str) -> None: ...
    async def set_environment_variable(
        self, owner_id: str, application_id: str, name: str, value: str
    ) -> None: ...
    async def set_primary_domain(
        self, owner_id: str, application_id: str, fqdn: str
    ) -> None: ...
    async def stop_application(self, owner_id: str, application_id: str) -> None: ...
    async def summary(self) -> Summary: ...
    async def update_api_token(
        self, api_token_id: str, name: str, description: str | None = None
    ) -> ApiToken: ...
    async def update_application(
        self, owner_id: str, application_id: str, update: ApplicationUpdate
    ) -> Application: ...
    def worker_threads(self) -> int: ...
    async def zones(self) -> list[Zone]: ...

class ClientProtocol(Protocol):
    def add_domain(self, owner_id: str, application_id: str, fqdn: str) -> None: ...
    def addons(self, owner_id: str) -> list[Addon]: ...
    def application(self, owner_id: str, application_id: str) -> Application: ...
    def application_addons(
        self, owner_id: str, application_id: str
    ) -> list[Addon]: ...
    def applications(self, organisation_id: str) -> list[Application]: ...
    def async_client(self) -> AsyncClient: ...
    def close(self) -> None: ...
    def create_api_token(
        self,
        email: str,
        password: str,
        name: str,
        expiration: datetime.datetime,
        mfa_code: str | None = ...,
        description: str | None = ...,
    ) -> CreatedApiToken: ...
    def create_application(
        self, owner_id: str, new: NewApplication
    ) -> Application: ...
    def delete_application(self, owner_id: str, application_id: str) -> None: ...
    def deployments(
        self, owner_id: str, application_id: str, limit: int | None = ...
    ) -> list[DeploymentRecord]: ...
    def domains(self, owner_id: str, application_id: str) -> list[Vhost]: ...
    def download_invoice(
        self,
        organisation_id: str,
        invoice_number: str,
        destination: str,
        progress: DownloadProgress | None = ...,
    ) -> int: ...
    def environment(
        self, owner_id: str, application_id: str
    ) -> list[EnvironmentVariable]: ...
    def instance_types(self) -> list[InstanceType]: ...
    def is_closed(self) -> bool: ...
    def list_api_tokens(self) -> list[ApiToken]: ...
    def myself(self) -> User: ...
    def primary_domain(self, owner_id: str, application_id: str) -> Vhost | None: ...
    def redeploy_application(
        self, owner_id: str, application_id: str, commit: str | None = ...
    ) -> str | None: ...
    def remove_domain(self, owner_id: str, application_id: str, fqdn: str) -> None: ...
    def remove_environment_variable(
        self, owner_id: str, application_id: str, name: str
    ) -> None: ...
    def replace_environment(
        self, owner_id: str, application_id: str, variables: list[EnvironmentVariable]
    ) -> None: ...
    def request(
        self,
        method: str,
        path: str,
        query: list[Param] = ...,
        headers: list[Param] = ...,
        body: bytes | None = ...,
    ) -> HttpResponse: ...
    def request_json(self, method: str, path: str, json_body: str | None = ...) -> str: ...
    def revoke_api_token(self, api_token_id: str) -> None: ...
    def set_environment_variable(
        self, owner_id: str, application_id: str, name: str, value: str
    ) -> None: ...
    def set_primary_domain(
        self, owner_id: str, application_id: str, fqdn: str
    ) -> None: ...
    def stop_application(self, owner_id: str, application_id: str) -> None: ...
    def summary(self) -> Summary: ...
    def update_api_token(
        self, api_token_id: str, name: str, description: str | None = ...
    ) -> ApiToken: ...
    def update_application(
        self, owner_id: str, application_id: str, update: ApplicationUpdate
    ) -> Application: ...
    def zones(self) -> list[Zone]: ...

class Client(ClientProtocol):
    @classmethod
    def from_config_file(
        cls, path: StrPath, profile: str | None = None, options: ClientOptions | None = None
    ) -> Client: ...
    @classmethod
    def from_environment(
        cls, options: ClientOptions | None = None, profile: str | None = None
    ) -> Client: ...
    @classmethod
    def with_api_token(cls, api_token: str, options: ClientOptions | None = None) -> Client: ...
    @classmethod
    def with_oauth1(
        cls, credentials: OAuth1Credentials, options: ClientOptions | None = None
    ) -> Client: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> Client: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
    def add_domain(self, owner_id: str, application_id: str, fqdn: str) -> None: ...
    def addons(self, owner_id: str) -> list[Addon]: ...
    def application(self, owner_id: str, application_id: str) -> Application: ...
    def application_addons(
        self, owner_id: str, application_id: str
    ) -> list[Addon]: ...
    def applications(self, organisation_id: str) -> list[Application]: ...
    def async_client(self) -> AsyncClient: ...
    def close(self) -> None: ...
    def create_api_token(
        self,
        email: str,
        password: str,
        name: str,
        expiration: datetime.datetime,
        mfa_code: str | None = None,
        description: str | None = None,
    ) -> CreatedApiToken: ...
    def create_application(
        self, owner_id: str, new: NewApplication
    ) -> Application: ...
    def delete_application(self, owner_id: str, application_id: str) -> None: ...
    def deployments(
        self, owner_id: str, application_id: str, limit: int | None = None
    ) -> list[DeploymentRecord]: ...
    def domains(self, owner_id: str, application_id: str) -> list[Vhost]: ...
    def download_invoice(
        self,
        organisation_id: str,
        invoice_number: str,
        destination: StrPath,
        progress: DownloadProgress | None = None,
    ) -> int: ...
    def environment(
        self, owner_id: str, application_id: str
    ) -> list[EnvironmentVariable]: ...
    def instance_types(self) -> list[InstanceType]: ...
    def is_closed(self) -> bool: ...
    def list_api_tokens(self) -> list[ApiToken]: ...
    def myself(self) -> User: ...
    def primary_domain(self, owner_id: str, application_id: str) -> Vhost | None: ...
    def redeploy_application(
        self, owner_id: str, application_id: str, commit: str | None = None
    ) -> str | None: ...
    def remove_domain(self, owner_id: str, application_id: str, fqdn: str) -> None: ...
    def remove_environment_variable(
        self, owner_id: str, application_id: str, name: str
    ) -> None: ...
    def replace_environment(
        self, owner_id: str, application_id: str, variables: Variables
    ) -> None: ...
    def request(
        self,
        method: str,
        path: str,
        query: Params = (),
        headers: Params = (),
        body: str | bytes | None = None,
        json: Any = None,
    ) -> HttpResponse: ...
    def request_json(
        self, method: str, path: str, json_body: str | None = None, *, json: Any = None
    ) -> Any: ...
    def revoke_api_token(self, api_token_id: str) -> None: ...
    def set_environment_variable(
        self, owner_id: str, application_id: str, name: str, value: str
    ) -> None: ...
    def set_primary_domain(
        self, owner_id: str, application_id: str, fqdn: str
    ) -> None: ...
    def stop_application(self, owner_id: str, application_id: str) -> None: ...
    def summary(self) -> Summary: ...
    def update_api_token(
        self, api_token_id: str, name: str, description: str | None = None
    ) -> ApiToken: ...
    def update_application(
        self, owner_id: str, application_id: str, update: ApplicationUpdate
    ) -> Application: ...
    def zones(self) -> list[Zone]: ...

class OAuth1CredentialsProtocol(Protocol):
    def consumer_key(self) -> str: ...
    def expires_at(self) -> datetime.datetime | None: ...
    def signature_method(self) -> SignatureMethod: ...
    def token(self) -> str | None: ...

class OAuth1Credentials(OAuth1CredentialsProtocol):
    def __init__(
        self,
        consumer_key: str,
        consumer_secret: str,
        token: str | None = None,
        token_secret: str | None = None,
        signature_method: SignatureMethod | None = None,
    ) -> None: ...
    def consumer_key(self) -> str: ...
    def expires_at(self) -> datetime.datetime | None: ...
    def signature_method(self) -> SignatureMethod: ...
    def token(self) -> str | None: ...

class RequestTokenProtocol(Protocol):
    def token(self) -> str: ...

class RequestToken(RequestTokenProtocol):
    def token(self) -> str: ...

class OAuthDanceProtocol(Protocol):
    def access_token(self, request_token: RequestToken, verifier: str) -> OAuth1Credentials: ...
    async def access_token_async(
        self, request_token: RequestToken, verifier: str
    ) -> OAuth1Credentials: ...
    def authorization_url(self, request_token: RequestToken) -> str: ...
    def request_token(self) -> RequestToken: ...
    async def request_token_async(self) -> RequestToken: ...
    def verify_callback(self, callback_url: str, request_token: RequestToken) -> str: ...

class OAuthDance(OAuthDanceProtocol):
    def __init__(
        self,
        consumer_key: str,
        consumer_secret: str,
        callback: str,
        signature_method: SignatureMethod | None = None,
        options: ClientOptions | None = None,
    ) -> None: ...
    def access_token(self, request_token: RequestToken, verifier: str) -> OAuth1Credentials: ...
    async def access_token_async(
        self, request_token: RequestToken, verifier: str
    ) -> OAuth1Credentials: ...
    def authorization_url(self, request_token: RequestToken) -> str: ...
    def request_token(self) -> RequestToken: ...
    async def request_token_async(self) -> RequestToken: ...
    def verify_callback(self, callback_url: str, request_token: RequestToken) -> str: ...

class UrlOpener(Protocol):
    def open_url(self, url: str) -> None: ...
