//! The core's models, exported as records (signed numbers only: Java has no unsigned types).
//! `uniffi::remote` re-declares each one (UniFFI must see the fields) without a second type or
//! any conversion code: keep them in step with `cleverkit::models`, the compiler checks that
//! they match.

use std::time::SystemTime;

use cleverkit::models::{
    AddonSummary, ApiToken, Application, ApplicationSummary, Deployment, Flavor, Instance,
    InstanceVariant, OrganisationSummary, Summary, User, Vhost, Zone,
};

#[uniffi::remote(Record)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub zipcode: Option<String>,
    pub country: Option<String>,
    pub avatar: Option<String>,
    pub creation_date: Option<SystemTime>,
    pub lang: Option<String>,
    pub email_validated: Option<bool>,
    pub admin: Option<bool>,
    pub can_pay: Option<bool>,
    pub preferred_mfa: Option<String>,
    pub has_password: Option<bool>,
}

#[uniffi::remote(Record)]
pub struct Summary {
    pub user: User,
    pub organisations: Vec<OrganisationSummary>,
}

#[uniffi::remote(Record)]
pub struct OrganisationSummary {
    pub id: String,
    pub name: String,
    pub avatar: Option<String>,
    pub applications: Vec<ApplicationSummary>,
    pub addons: Vec<AddonSummary>,
    pub role: Option<String>,
    pub vat_state: Option<String>,
    pub can_pay: Option<bool>,
    pub can_sepa: Option<bool>,
    pub clever_enterprise: Option<bool>,
    pub emergency_number: Option<String>,
    pub is_trusted: Option<bool>,
}

#[uniffi::remote(Record)]
pub struct ApplicationSummary {
    pub id: String,
    pub name: String,
    pub instance_type: Option<String>,
    pub instance_variant: Option<String>,
    pub variant_slug: Option<String>,
    pub archived: Option<bool>,
    pub homogeneous: Option<bool>,
    pub state: Option<String>,
    pub commit: Option<String>,
}

#[uniffi::remote(Record)]
pub struct AddonSummary {
    pub id: String,
    pub name: Option<String>,
    pub provider_id: Option<String>,
    pub plan_id: Option<String>,
}

#[uniffi::remote(Record)]
pub struct Zone {
    pub id: String,
    pub name: String,
    pub city: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub display_name: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub outbound_ips: Vec<String>,
    pub tags: Vec<String>,
}

#[uniffi::remote(Record)]
pub struct Application {
    pub id: String,
    pub name: String,
    pub owner_id: Option<String>,
    pub description: Option<String>,
    pub zone: Option<String>,
    pub zone_id: Option<String>,
    pub creation_date: Option<SystemTime>,
    pub archived: Option<bool>,
    pub state: Option<String>,
    pub commit_id: Option<String>,
    pub branch: Option<String>,
    pub force_https: Option<String>,
    pub instance: Option<Instance>,
    pub deployment: Option<Deployment>,
    pub vhosts: Vec<Vhost>,
}

#[uniffi::remote(Record)]
pub struct Instance {
    pub kind: Option<String>,
    pub version: Option<String>,
    pub variant: Option<InstanceVariant>,
    pub min_instances: Option<i32>,
    pub max_instances: Option<i32>,
    pub min_flavor: Option<Flavor>,
    pub max_flavor: Option<Flavor>,
    pub flavors: Vec<Flavor>,
}

#[uniffi::remote(Record)]
pub struct InstanceVariant {
    pub id: Option<String>,
    pub slug: Option<String>,
    pub name: Option<String>,
}

#[uniffi::remote(Record)]
pub struct Flavor {
    pub name: String,
    pub mem: Option<i64>,
    pub cpus: Option<i32>,
}

#[uniffi::remote(Record)]
pub struct Deployment {
    pub kind: Option<String>,
    pub url: Option<String>,
    pub http_url: Option<String>,
}

#[uniffi::remote(Record)]
pub struct Vhost {
    pub fqdn: String,
}

#[uniffi::remote(Record)]
pub struct ApiToken {
    pub api_token_id: String,
    pub name: String,
    pub user_id: Option<String>,
    pub description: Option<String>,
    pub creation_date: Option<SystemTime>,
    pub expiration_date: Option<SystemTime>,
    pub ip: Option<String>,
    pub state: Option<String>,
}
