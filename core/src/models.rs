//! What the API returns and what calls take, as plain structs generated from the API's
//! description (`core/api`). Only the fields the API always sends are required; every other
//! field is optional and read leniently (a field of an unexpected type reads as absent rather
//! than failing the call), unknown fields are ignored, and an enum reads a value it does not
//! know as `Unknown`.

use serde::{Deserialize, Deserializer};

pub use crate::generated::models::*;
use crate::oauth1::Secret;

/// How generated models read the API's fields.
pub(crate) mod read {
    use std::time::SystemTime;

    use serde::{Deserialize, Deserializer};

    /// Checks that `example`, an answer of the API, reads as `T` and that every property it has
    /// is still set once read (serialized back: a field the lenient reading dropped is `null`).
    #[cfg(test)]
    pub(crate) fn every_property_reads<T>(example: &str)
    where
        T: serde::de::DeserializeOwned + serde::Serialize,
    {
        fn kept(sent: &serde_json::Value, read: &serde_json::Value, path: &str) {
            use serde_json::Value;
            match (sent, read) {
                (Value::Object(sent), Value::Object(read)) => {
                    for (name, value) in sent {
                        let path = format!("{path}.{name}");
                        let read = read.get(name).unwrap_or(&Value::Null);
                        assert!(!read.is_null(), "{path} was not read");
                        kept(value, read, &path);
                    }
                }
                (Value::Array(sent), Value::Array(read)) => {
                    assert_eq!(sent.len(), read.len(), "{path}");
                    for (sent, read) in sent.iter().zip(read) {
                        kept(sent, read, &format!("{path}[]"));
                    }
                }
                _ => {}
            }
        }
        let sent: serde_json::Value = serde_json::from_str(example).unwrap();
        let read: T = serde_json::from_value(sent.clone()).unwrap();
        kept(&sent, &serde_json::to_value(&read).unwrap(), "answer");
    }

    /// An optional field: absent, `null` or of an unexpected type all read as `None`.
    pub(crate) fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: serde::de::DeserializeOwned,
    {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(serde_json::from_value(value).ok())
    }

    /// A list that may be absent or malformed: empty then.
    pub(crate) fn lenient_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: serde::de::DeserializeOwned,
    {
        Ok(lenient(deserializer)?.unwrap_or_default())
    }

    /// A date as epoch milliseconds or ISO 8601 text (a `[UTC]` suffix tolerated).
    pub(crate) fn date<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<SystemTime>, D::Error> {
        Ok(match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Number(number) => number
                .as_i64()
                .or_else(|| number.as_f64().map(|float| float as i64))
                .and_then(crate::dates::from_epoch_millis),
            serde_json::Value::String(text) => crate::dates::parse_date(&text),
            _ => None,
        })
    }
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
