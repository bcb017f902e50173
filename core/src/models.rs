//! What the API returns, as plain structs. Only the fields the API always sends are required;
//! every other field is optional and read leniently (a field of an unexpected type reads as
//! absent rather than failing the call), and unknown fields are ignored.

use std::time::SystemTime;

use serde::{Deserialize, Deserializer};

use crate::oauth1::Secret;

/// An optional field: absent, `null` or of an unexpected type all read as `None`.
fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

/// A list that may be absent or malformed: empty then.
fn lenient_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(lenient(deserializer)?.unwrap_or_default())
}

/// A date as epoch milliseconds or ISO 8601 text (a `[UTC]` suffix tolerated).
fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<SystemTime>, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Number(number) => number
            .as_i64()
            .or_else(|| number.as_f64().map(|float| float as i64))
            .and_then(crate::dates::from_epoch_millis),
        serde_json::Value::String(text) => crate::dates::parse_date(&text),
        _ => None,
    })
}

/// `GET /v2/self`: the authenticated user.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The user's id, `user_…`.
    pub id: String,
    /// The account's e-mail address.
    pub email: String,
    /// Full name, as entered in the console.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    /// Phone number, as entered.
    #[serde(default, deserialize_with = "lenient")]
    pub phone: Option<String>,
    /// Postal address, as entered.
    #[serde(default, deserialize_with = "lenient")]
    pub address: Option<String>,
    /// City of the postal address.
    #[serde(default, deserialize_with = "lenient")]
    pub city: Option<String>,
    /// Postal code of the address.
    #[serde(default, deserialize_with = "lenient")]
    pub zipcode: Option<String>,
    /// Country of the postal address.
    #[serde(default, deserialize_with = "lenient")]
    pub country: Option<String>,
    /// URL of the user's avatar image.
    #[serde(default, deserialize_with = "lenient")]
    pub avatar: Option<String>,
    /// When the account was created.
    #[serde(default, deserialize_with = "date")]
    pub creation_date: Option<SystemTime>,
    /// Preferred language of the console and e-mails, e.g. `EN` or `FR`.
    #[serde(default, deserialize_with = "lenient")]
    pub lang: Option<String>,
    /// Whether the e-mail address has been confirmed.
    #[serde(default, deserialize_with = "lenient")]
    pub email_validated: Option<bool>,
    /// Whether the user is a Clever Cloud administrator.
    #[serde(default, deserialize_with = "lenient")]
    pub admin: Option<bool>,
    /// Whether the user can pay for resources (billing details complete).
    #[serde(default, deserialize_with = "lenient")]
    pub can_pay: Option<bool>,
    /// Second factor in use: `NONE`, `TOTP`…
    #[serde(default, rename = "preferredMFA", deserialize_with = "lenient")]
    pub preferred_mfa: Option<String>,
    /// Whether the account has a password (not only a GitHub login).
    #[serde(default, deserialize_with = "lenient")]
    pub has_password: Option<bool>,
}

/// `GET /v2/summary`: the user and every organisation they belong to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Summary {
    /// The authenticated user.
    pub user: User,
    /// Every organisation the user belongs to, the personal space (`user_…`) included.
    #[serde(default, deserialize_with = "lenient_list")]
    pub organisations: Vec<OrganisationSummary>,
}

/// One organisation in a [`Summary`], with its applications and add-ons. The user's
/// personal space is listed too, with the user's id (`user_…`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationSummary {
    /// The organisation's id: `orga_…`, or `user_…` for the personal space.
    pub id: String,
    /// Display name.
    pub name: String,
    /// URL of the organisation's avatar image.
    #[serde(default, deserialize_with = "lenient")]
    pub avatar: Option<String>,
    /// The organisation's applications.
    #[serde(default, deserialize_with = "lenient_list")]
    pub applications: Vec<ApplicationSummary>,
    /// The organisation's add-ons.
    #[serde(default, deserialize_with = "lenient_list")]
    pub addons: Vec<AddonSummary>,
    /// The user's role in it: `ADMIN`, `MANAGER`, `DEVELOPER`, `ACCOUNTING`.
    #[serde(default, deserialize_with = "lenient")]
    pub role: Option<String>,
    /// State of the VAT number check, e.g. `VALID`.
    #[serde(default, deserialize_with = "lenient")]
    pub vat_state: Option<String>,
    /// Whether the organisation can pay for resources (billing details complete).
    #[serde(default, deserialize_with = "lenient")]
    pub can_pay: Option<bool>,
    /// Whether it may pay by SEPA direct debit.
    #[serde(default, rename = "canSEPA", deserialize_with = "lenient")]
    pub can_sepa: Option<bool>,
    /// Whether it is a Clever Cloud Enterprise customer.
    #[serde(default, deserialize_with = "lenient")]
    pub clever_enterprise: Option<bool>,
    /// Phone number Clever Cloud calls in an emergency.
    #[serde(default, deserialize_with = "lenient")]
    pub emergency_number: Option<String>,
    /// Whether Clever Cloud has marked the organisation as trusted.
    #[serde(default, deserialize_with = "lenient")]
    pub is_trusted: Option<bool>,
}

/// One application in an [`OrganisationSummary`];
/// [`Client::applications`](crate::Client::applications) gives the full [`Application`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSummary {
    /// The application's id, `app_…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Runtime, e.g. `node`, `docker`, `java`.
    #[serde(default, deserialize_with = "lenient")]
    pub instance_type: Option<String>,
    /// Id of the runtime variant (a UUID).
    #[serde(default, deserialize_with = "lenient")]
    pub instance_variant: Option<String>,
    /// Short name of the runtime variant, e.g. `node` or `gradle`.
    #[serde(default, deserialize_with = "lenient")]
    pub variant_slug: Option<String>,
    /// Whether the application is archived (it no longer runs).
    #[serde(default, deserialize_with = "lenient")]
    pub archived: Option<bool>,
    /// The API's `homogeneous` flag, as sent.
    #[serde(default, deserialize_with = "lenient")]
    pub homogeneous: Option<bool>,
    /// Deployment state, e.g. `SHOULD_BE_UP`, `SHOULD_BE_DOWN`, `WANTS_TO_BE_UP`.
    #[serde(default, deserialize_with = "lenient")]
    pub state: Option<String>,
    /// Hash of the commit last deployed.
    #[serde(default, deserialize_with = "lenient")]
    pub commit: Option<String>,
}

/// One add-on (database, storage…) in an [`OrganisationSummary`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddonSummary {
    /// The add-on's id, `addon_…`.
    pub id: String,
    /// Display name.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    /// The kind of add-on, e.g. `postgresql-addon`.
    #[serde(default, deserialize_with = "lenient")]
    pub provider_id: Option<String>,
    /// Id of the add-on's plan, `plan_…`.
    #[serde(default, deserialize_with = "lenient")]
    pub plan_id: Option<String>,
}

/// `GET /v4/products/zones`: a region applications can be deployed to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zone {
    /// The zone's id (a UUID), what [`Application::zone_id`] refers to.
    pub id: String,
    /// Short name, as applications are deployed to it: `par`, `rbx`, `mtl`…
    pub name: String,
    /// City the zone is in, e.g. `Paris`.
    #[serde(default, deserialize_with = "lenient")]
    pub city: Option<String>,
    /// Country the zone is in, e.g. `France`.
    #[serde(default, deserialize_with = "lenient")]
    pub country: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country, e.g. `FR`.
    #[serde(default, deserialize_with = "lenient")]
    pub country_code: Option<String>,
    /// Name to show a person.
    #[serde(default, deserialize_with = "lenient")]
    pub display_name: Option<String>,
    /// Latitude of the zone, in decimal degrees.
    #[serde(default, deserialize_with = "lenient")]
    pub lat: Option<f64>,
    /// Longitude of the zone, in decimal degrees.
    #[serde(default, deserialize_with = "lenient")]
    pub lon: Option<f64>,
    /// IP addresses the zone's outgoing traffic leaves from (to allow-list them); empty when
    /// not sent.
    #[serde(default, rename = "outboundIPs", deserialize_with = "lenient_list")]
    pub outbound_ips: Vec<String>,
    /// Tags such as `region:eu` or `infra:clever-cloud`; `?tag=region:eu` filters on them.
    #[serde(default, deserialize_with = "lenient_list")]
    pub tags: Vec<String>,
}

/// `GET /v2/organisations/{id}/applications`: one application.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    /// The application's id, `app_…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Id of the owner: `orga_…`, or `user_…` for the personal space.
    #[serde(default, deserialize_with = "lenient")]
    pub owner_id: Option<String>,
    /// Free text, as entered.
    #[serde(default, deserialize_with = "lenient")]
    pub description: Option<String>,
    /// Name of the zone it runs in, e.g. `par` ([`Zone::name`]).
    #[serde(default, deserialize_with = "lenient")]
    pub zone: Option<String>,
    /// Id of the zone it runs in ([`Zone::id`]).
    #[serde(default, deserialize_with = "lenient")]
    pub zone_id: Option<String>,
    /// When the application was created.
    #[serde(default, deserialize_with = "date")]
    pub creation_date: Option<SystemTime>,
    /// Whether the application is archived (it no longer runs).
    #[serde(default, deserialize_with = "lenient")]
    pub archived: Option<bool>,
    /// Deployment state, e.g. `SHOULD_BE_UP`, `SHOULD_BE_DOWN`, `WANTS_TO_BE_UP`.
    #[serde(default, deserialize_with = "lenient")]
    pub state: Option<String>,
    /// Hash of the commit last deployed.
    #[serde(default, deserialize_with = "lenient")]
    pub commit_id: Option<String>,
    /// Git branch deployed, e.g. `master`.
    #[serde(default, deserialize_with = "lenient")]
    pub branch: Option<String>,
    /// Whether plain HTTP is redirected to HTTPS: `ENABLED` or `DISABLED`.
    #[serde(default, deserialize_with = "lenient")]
    pub force_https: Option<String>,
    /// Runtime and scaling.
    #[serde(default, deserialize_with = "lenient")]
    pub instance: Option<Instance>,
    /// Where to push the code.
    #[serde(default, deserialize_with = "lenient")]
    pub deployment: Option<Deployment>,
    /// Domain names routed to the application; empty when not sent.
    #[serde(default, deserialize_with = "lenient_list")]
    pub vhosts: Vec<Vhost>,
}

/// How an [`Application`] runs: its runtime and its scaling bounds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    /// Runtime, e.g. `node`, `docker`, `java` (the API's `type`).
    #[serde(default, rename = "type", deserialize_with = "lenient")]
    pub kind: Option<String>,
    /// Version of the runtime image, e.g. `20221027`.
    #[serde(default, deserialize_with = "lenient")]
    pub version: Option<String>,
    /// Runtime variant.
    #[serde(default, deserialize_with = "lenient")]
    pub variant: Option<InstanceVariant>,
    /// Fewest instances horizontal scaling may run.
    #[serde(default, deserialize_with = "lenient")]
    pub min_instances: Option<i32>,
    /// Most instances horizontal scaling may run.
    #[serde(default, deserialize_with = "lenient")]
    pub max_instances: Option<i32>,
    /// Smallest size vertical scaling may use.
    #[serde(default, deserialize_with = "lenient")]
    pub min_flavor: Option<Flavor>,
    /// Largest size vertical scaling may use.
    #[serde(default, deserialize_with = "lenient")]
    pub max_flavor: Option<Flavor>,
    /// Sizes available for this runtime; empty when not sent.
    #[serde(default, deserialize_with = "lenient_list")]
    pub flavors: Vec<Flavor>,
}

/// The runtime variant of an [`Instance`], e.g. Node.js or Java + Gradle.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceVariant {
    /// The variant's id (a UUID).
    #[serde(default, deserialize_with = "lenient")]
    pub id: Option<String>,
    /// Short name, e.g. `node` or `gradle`.
    #[serde(default, deserialize_with = "lenient")]
    pub slug: Option<String>,
    /// Name to show a person, e.g. `Java or Groovy + Gradle`.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
}

/// An instance size, e.g. `XS`, `S`, `M`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flavor {
    /// The size's name, e.g. `S`.
    pub name: String,
    /// Memory, in MB.
    #[serde(default, deserialize_with = "lenient")]
    pub mem: Option<i64>,
    /// Number of virtual CPUs.
    #[serde(default, deserialize_with = "lenient")]
    pub cpus: Option<i32>,
}

/// Where an [`Application`]'s code is pushed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    /// How code is deployed, e.g. `GIT` (the API's `type`).
    #[serde(default, rename = "type", deserialize_with = "lenient")]
    pub kind: Option<String>,
    /// Git remote to push to, over SSH (`git+ssh://…`).
    #[serde(default, deserialize_with = "lenient")]
    pub url: Option<String>,
    /// Git remote to push to, over HTTPS.
    #[serde(default, deserialize_with = "lenient")]
    pub http_url: Option<String>,
}

/// A domain name routed to an [`Application`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Vhost {
    /// The domain name, e.g. `myapp.cleverapps.io`.
    pub fqdn: String,
}

/// `GET /v2/products/instances`: one entry of the instance catalogue, a runtime at one version.
/// [`NewApplication::new`](crate::NewApplication::new) takes one to create an application.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceType {
    /// Runtime, e.g. `node`, `docker`, `java` (the API's `type`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Version of the runtime image, e.g. `20250101`; the catalogue lists one entry per version.
    pub version: String,
    /// Name to show a person, e.g. `Node`.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    /// Free text about the runtime.
    #[serde(default, deserialize_with = "lenient")]
    pub description: Option<String>,
    /// The variant: its id is what an application is created with, its slug what people type
    /// (`node`, `gradle`).
    #[serde(default, deserialize_with = "lenient")]
    pub variant: Option<InstanceVariant>,
    /// Whether applications can be created with it now.
    #[serde(default, deserialize_with = "lenient")]
    pub enabled: Option<bool>,
    /// Announced, not available yet.
    #[serde(default, deserialize_with = "lenient")]
    pub coming_soon: Option<bool>,
    /// Most instances an application of this type may scale to.
    #[serde(default, deserialize_with = "lenient")]
    pub max_instances: Option<i32>,
    /// Tags, e.g. `javascript`.
    #[serde(default, deserialize_with = "lenient_list")]
    pub tags: Vec<String>,
    /// How code reaches it, e.g. `git`.
    #[serde(default, deserialize_with = "lenient_list")]
    pub deployments: Vec<String>,
    /// Sizes it runs on; empty when not sent.
    #[serde(default, deserialize_with = "lenient_list")]
    pub flavors: Vec<Flavor>,
    /// The size clever-tools creates applications with.
    #[serde(default, deserialize_with = "lenient")]
    pub default_flavor: Option<Flavor>,
    /// The size of a separate build instance.
    #[serde(default, deserialize_with = "lenient")]
    pub build_flavor: Option<Flavor>,
}

/// One environment variable of an application, as `GET …/env` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EnvironmentVariable {
    /// The variable's name, e.g. `PORT`.
    pub name: String,
    /// Its value (environment values are not secrets to the API: any reader of the
    /// application reads them).
    pub value: String,
}

/// One deployment of an application, newest first in
/// [`Client::deployments`](crate::Client::deployments) (the v2 API's deployment record).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentRecord {
    /// The deployment's id (a UUID), as
    /// [`Client::redeploy_application`](crate::Client::redeploy_application) returns it.
    pub uuid: String,
    /// The application's running count of deployments (the API's `id`).
    #[serde(default, rename = "id", deserialize_with = "lenient")]
    pub number: Option<i64>,
    /// When it started.
    #[serde(default, deserialize_with = "date")]
    pub date: Option<SystemTime>,
    /// `WIP`, `OK`, `FAIL`, `CANCELLED` or `TASK_RUNNING`.
    #[serde(default, deserialize_with = "lenient")]
    pub state: Option<String>,
    /// `DEPLOY`, `UNDEPLOY`, `UPSCALE`, `DOWNSCALE`, `REPLACE`, `CANCEL`…
    #[serde(default, deserialize_with = "lenient")]
    pub action: Option<String>,
    /// Hash of the commit deployed.
    #[serde(default, deserialize_with = "lenient")]
    pub commit: Option<String>,
    /// Why it happened, e.g. `Git push` or `API request`.
    #[serde(default, deserialize_with = "lenient")]
    pub cause: Option<String>,
    /// How many instances it started.
    #[serde(default, deserialize_with = "lenient")]
    pub instances: Option<i32>,
    /// Who started it.
    #[serde(default, deserialize_with = "lenient")]
    pub author: Option<DeploymentAuthor>,
}

/// Who started a [`DeploymentRecord`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DeploymentAuthor {
    /// The user's id, `user_…`.
    #[serde(default, deserialize_with = "lenient")]
    pub id: Option<String>,
    /// The user's name.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
}

/// `GET /v2/organisations/{id}/addons`: an add-on (database, storage…).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Addon {
    /// The add-on's id, `addon_…`.
    pub id: String,
    /// Display name.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    /// The provider's own id for it, e.g. `postgresql_…`.
    #[serde(default, deserialize_with = "lenient")]
    pub real_id: Option<String>,
    /// Name of the zone it runs in, e.g. `par` (the API's `region`).
    #[serde(default, rename = "region", deserialize_with = "lenient")]
    pub zone: Option<String>,
    /// Id of the zone it runs in ([`Zone::id`]).
    #[serde(default, deserialize_with = "lenient")]
    pub zone_id: Option<String>,
    /// The kind of add-on.
    #[serde(default, deserialize_with = "lenient")]
    pub provider: Option<AddonProvider>,
    /// Its plan (size and price).
    #[serde(default, deserialize_with = "lenient")]
    pub plan: Option<AddonPlan>,
    /// When it was created.
    #[serde(default, deserialize_with = "date")]
    pub creation_date: Option<SystemTime>,
    /// Names of the environment variables it gives the applications linked to it.
    #[serde(default, deserialize_with = "lenient_list")]
    pub config_keys: Vec<String>,
}

/// The kind of an [`Addon`], e.g. PostgreSQL.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddonProvider {
    /// The provider's id, e.g. `postgresql-addon`.
    pub id: String,
    /// Name to show a person, e.g. `PostgreSQL`.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    /// One line about it.
    #[serde(default, deserialize_with = "lenient")]
    pub short_desc: Option<String>,
    /// URL of its logo.
    #[serde(default, deserialize_with = "lenient")]
    pub logo_url: Option<String>,
    /// `ALPHA`, `BETA_PRIV`, `BETA_PUB`, `RELEASE` or `DELETED`.
    #[serde(default, deserialize_with = "lenient")]
    pub status: Option<String>,
}

/// The plan of an [`Addon`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AddonPlan {
    /// The plan's id, `plan_…`.
    pub id: String,
    /// Name to show a person, e.g. `DEV`.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    /// Short name, e.g. `dev`.
    #[serde(default, deserialize_with = "lenient")]
    pub slug: Option<String>,
    /// The plan's price, as the API sends it.
    #[serde(default, deserialize_with = "lenient")]
    pub price: Option<f64>,
}

/// `GET /api-tokens`: an API token (never its secret value).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiToken {
    /// The token's id, `api_tokens_…`, as
    /// [`Client::update_api_token`](crate::Client::update_api_token) and
    /// [`Client::revoke_api_token`](crate::Client::revoke_api_token) take it.
    pub api_token_id: String,
    /// Name given at creation.
    pub name: String,
    /// Id of the user it acts for, `user_…`.
    #[serde(default, deserialize_with = "lenient")]
    pub user_id: Option<String>,
    /// Free text given at creation.
    #[serde(default, deserialize_with = "lenient")]
    pub description: Option<String>,
    /// When the token was created.
    #[serde(default, deserialize_with = "date")]
    pub creation_date: Option<SystemTime>,
    /// When the token stops working (at most a year after creation).
    #[serde(default, deserialize_with = "date")]
    pub expiration_date: Option<SystemTime>,
    /// IP address the API records with the token.
    #[serde(default, deserialize_with = "lenient")]
    pub ip: Option<String>,
    /// `ACTIVE` or `EXPIRED`.
    #[serde(default, deserialize_with = "lenient")]
    pub state: Option<String>,
}

/// `POST /api-tokens`: a new token. Its value is shown once, through `api_token()`, and never
/// printed by `Debug`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApiToken {
    #[serde(rename = "apiToken", deserialize_with = "secret")]
    api_token: Secret,
    /// The new token's description, as
    /// [`Client::list_api_tokens`](crate::Client::list_api_tokens) would list it.
    #[serde(flatten)]
    pub token: ApiToken,
}

fn secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
    String::deserialize(deserializer).map(Secret::new)
}

impl std::fmt::Display for CreatedApiToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CreatedApiToken(api_token_id={}, name={}, api_token=[redacted])",
            self.token.api_token_id, self.token.name
        )
    }
}

impl CreatedApiToken {
    /// The token's value: the one chance to read and store it.
    pub fn api_token(&self) -> &Secret {
        &self.api_token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_and_unknown_fields_never_break_parsing() {
        let user: User = serde_json::from_str(
            r#"{"id":"user_1","email":"a@b.c","name":7,"creationDate":1740823200000,"unknown":{"x":1}}"#,
        )
        .unwrap();
        assert_eq!(user.name, None);
        assert_eq!(
            user.creation_date,
            crate::dates::from_epoch_millis(1_740_823_200_000)
        );
        assert!(serde_json::from_str::<User>(r#"{"id":"user_1"}"#).is_err());
    }

    #[test]
    fn created_tokens_hide_their_value() {
        let created: CreatedApiToken = serde_json::from_str(
            r#"{"apiToken":"s3cr3t-value","apiTokenId":"t1","name":"ci","expirationDate":"2026-01-01T00:00:00Z[UTC]","state":"ACTIVE"}"#,
        )
        .unwrap();
        assert_eq!(created.api_token().expose(), "s3cr3t-value");
        assert!(created.token.expiration_date.is_some());
        assert!(!format!("{created:?}").contains("s3cr3t-value"));
        assert_eq!(
            created.to_string(),
            "CreatedApiToken(api_token_id=t1, name=ci, api_token=[redacted])"
        );
    }
}
