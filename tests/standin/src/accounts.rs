//! Who may call: consumers, OAuth tokens (fixed and from the dance), API tokens, seen nonces.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cleverkit::dates::format_rfc3339;
use cleverkit::oauth1::new_nonce;

use crate::{
    API_TOKEN, API_TOKEN_ID, CLEVER_TOOLS_CONSUMER_KEY, CLEVER_TOOLS_CONSUMER_SECRET, CONSUMER_KEY,
    CONSUMER_SECRET, EXPIRED_USER_TOKEN, EXPIRED_USER_TOKEN_SECRET, USER_TOKEN, USER_TOKEN_SECRET,
};

/// Tokens from the dance last about three months, as on the real API.
const ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(90 * 24 * 3600);
const DAY: Duration = Duration::from_secs(24 * 3600);

/// A request token between `request_token` and `access_token`.
pub(crate) struct RequestToken {
    pub consumer_key: String,
    pub secret: String,
    pub callback: String,
    /// Set once `authorize` approved it.
    pub verifier: Option<String>,
}

pub(crate) struct AccessToken {
    /// `None`: usable with any known consumer (the fixed tokens).
    consumer_key: Option<String>,
    secret: String,
    pub created_at: SystemTime,
    pub expires_at: SystemTime,
}

pub(crate) struct ApiToken {
    pub id: String,
    pub token: String,
    pub name: String,
    pub description: Option<String>,
    /// Pre-rendered: the fixed token's carries a Java-style `[UTC]` suffix, as real ones may.
    pub creation_date: String,
    pub expiration_date: String,
    pub expires_at: SystemTime,
}

impl ApiToken {
    pub fn state(&self) -> &'static str {
        if self.expires_at > SystemTime::now() {
            "ACTIVE"
        } else {
            "EXPIRED"
        }
    }
}

/// `when` without its fraction of a second: the dance's `expiration_date` is written in whole
/// seconds, and `GET /v2/self/tokens/current` must tell the same instant.
fn whole_seconds(when: SystemTime) -> SystemTime {
    let since_epoch = when.duration_since(UNIX_EPOCH).unwrap_or_default();
    UNIX_EPOCH + Duration::from_secs(since_epoch.as_secs())
}

/// A new random token or secret.
pub(crate) fn random_token(prefix: &str) -> String {
    let random = new_nonce().unwrap_or_else(|_| {
        // No CSPRNG: a test server can fall back to the clock.
        format!(
            "{:032x}",
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .as_nanos()
        )
    });
    format!("{prefix}{random}")
}

pub(crate) struct Accounts {
    consumers: HashMap<&'static str, &'static str>,
    pub request_tokens: HashMap<String, RequestToken>,
    access_tokens: HashMap<String, AccessToken>,
    pub api_tokens: Vec<ApiToken>,
    seen_nonces: HashSet<(String, String)>,
}

impl Accounts {
    pub fn new() -> Accounts {
        let now = whole_seconds(SystemTime::now());
        let fixed = |secret: &str, expires_at| AccessToken {
            consumer_key: None,
            secret: secret.to_owned(),
            created_at: now - 30 * DAY,
            expires_at,
        };
        let access_tokens = HashMap::from([
            (
                USER_TOKEN.to_owned(),
                fixed(USER_TOKEN_SECRET, now + 365 * DAY),
            ),
            (
                EXPIRED_USER_TOKEN.to_owned(),
                fixed(EXPIRED_USER_TOKEN_SECRET, now - DAY),
            ),
        ]);
        let api_token_expiry = now + 300 * DAY;
        Accounts {
            consumers: HashMap::from([
                (CONSUMER_KEY, CONSUMER_SECRET),
                (CLEVER_TOOLS_CONSUMER_KEY, CLEVER_TOOLS_CONSUMER_SECRET),
            ]),
            request_tokens: HashMap::new(),
            access_tokens,
            api_tokens: vec![ApiToken {
                id: API_TOKEN_ID.to_owned(),
                token: API_TOKEN.to_owned(),
                name: "standin".to_owned(),
                description: Some("the stand-in's fixed API token".to_owned()),
                creation_date: "2025-01-15T09:30:00.000Z[UTC]".to_owned(),
                expiration_date: format_rfc3339(api_token_expiry),
                expires_at: api_token_expiry,
            }],
            seen_nonces: HashSet::new(),
        }
    }

    pub fn consumer_secret(&self, consumer_key: &str) -> Option<&'static str> {
        self.consumers.get(consumer_key).copied()
    }

    /// The secret of a user token usable with this consumer, expired or not.
    pub fn access_token(&self, consumer_key: &str, token: &str) -> Option<&AccessToken> {
        self.access_tokens.get(token).filter(|access| {
            access
                .consumer_key
                .as_deref()
                .is_none_or(|bound| bound == consumer_key)
        })
    }

    pub fn access_token_secret(&self, consumer_key: &str, token: &str) -> Option<String> {
        self.access_token(consumer_key, token)
            .map(|access| access.secret.clone())
    }

    /// Issues a user token for `consumer_key`: returns the token, its secret and its expiry.
    pub fn issue_access_token(&mut self, consumer_key: &str) -> (String, String, SystemTime) {
        let token = random_token("at-");
        let secret = random_token("ats-");
        let created_at = whole_seconds(SystemTime::now());
        let expires_at = created_at + ACCESS_TOKEN_LIFETIME;
        self.access_tokens.insert(
            token.clone(),
            AccessToken {
                consumer_key: Some(consumer_key.to_owned()),
                secret: secret.clone(),
                created_at,
                expires_at,
            },
        );
        (token, secret, expires_at)
    }

    /// Remembers a nonce; false if this consumer already used it.
    pub fn first_use_of_nonce(&mut self, consumer_key: &str, nonce: &str) -> bool {
        self.seen_nonces
            .insert((consumer_key.to_owned(), nonce.to_owned()))
    }

    pub fn active_api_token(&self, token: &str) -> Option<&ApiToken> {
        self.api_tokens
            .iter()
            .find(|api_token| api_token.token == token && api_token.state() == "ACTIVE")
    }
}
