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
    pub id: String,
    pub email: String,
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub address: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub city: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub zipcode: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub country: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub avatar: Option<String>,
    #[serde(default, deserialize_with = "date")]
    pub creation_date: Option<SystemTime>,
    #[serde(default, deserialize_with = "lenient")]
    pub lang: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub email_validated: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub admin: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub can_pay: Option<bool>,
    #[serde(default, rename = "preferredMFA", deserialize_with = "lenient")]
    pub preferred_mfa: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub has_password: Option<bool>,
}

/// `GET /v2/summary`: the user and every organisation they belong to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Summary {
    pub user: User,
    #[serde(default, deserialize_with = "lenient_list")]
    pub organisations: Vec<OrganisationSummary>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationSummary {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub avatar: Option<String>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub applications: Vec<ApplicationSummary>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub addons: Vec<AddonSummary>,
    #[serde(default, deserialize_with = "lenient")]
    pub role: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub vat_state: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub can_pay: Option<bool>,
    #[serde(default, rename = "canSEPA", deserialize_with = "lenient")]
    pub can_sepa: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub clever_enterprise: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub emergency_number: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub is_trusted: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSummary {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub instance_type: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub instance_variant: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub variant_slug: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub archived: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub homogeneous: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub state: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub commit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddonSummary {
    pub id: String,
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub provider_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub plan_id: Option<String>,
}

/// `GET /v4/products/zones`: a region applications can be deployed to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zone {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub city: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub country: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub country_code: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub lat: Option<f64>,
    #[serde(default, deserialize_with = "lenient")]
    pub lon: Option<f64>,
    #[serde(default, rename = "outboundIPs", deserialize_with = "lenient_list")]
    pub outbound_ips: Vec<String>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub tags: Vec<String>,
}

/// `GET /v2/organisations/{id}/applications`: one application.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub owner_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub zone: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub zone_id: Option<String>,
    #[serde(default, deserialize_with = "date")]
    pub creation_date: Option<SystemTime>,
    #[serde(default, deserialize_with = "lenient")]
    pub archived: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub state: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub commit_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub branch: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub force_https: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub instance: Option<Instance>,
    #[serde(default, deserialize_with = "lenient")]
    pub deployment: Option<Deployment>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub vhosts: Vec<Vhost>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    #[serde(default, rename = "type", deserialize_with = "lenient")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub version: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub variant: Option<InstanceVariant>,
    #[serde(default, deserialize_with = "lenient")]
    pub min_instances: Option<u32>,
    #[serde(default, deserialize_with = "lenient")]
    pub max_instances: Option<u32>,
    #[serde(default, deserialize_with = "lenient")]
    pub min_flavor: Option<Flavor>,
    #[serde(default, deserialize_with = "lenient")]
    pub max_flavor: Option<Flavor>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub flavors: Vec<Flavor>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceVariant {
    #[serde(default, deserialize_with = "lenient")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flavor {
    pub name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub mem: Option<u64>,
    #[serde(default, deserialize_with = "lenient")]
    pub cpus: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    #[serde(default, rename = "type", deserialize_with = "lenient")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub http_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Vhost {
    pub fqdn: String,
}

/// `GET /api-tokens`: an API token (never its secret value).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiToken {
    pub api_token_id: String,
    pub name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub user_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "date")]
    pub creation_date: Option<SystemTime>,
    #[serde(default, deserialize_with = "date")]
    pub expiration_date: Option<SystemTime>,
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
