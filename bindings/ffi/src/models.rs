//! The core's models, exported as records (signed numbers only: Java has no unsigned types).
//! `uniffi::remote` re-declares each one (UniFFI must see the fields) without a second type or
//! any conversion code: keep them in step with `cleverkit::models`, the compiler checks that
//! they match.

use std::time::SystemTime;

use cleverkit::models::{
    Addon, AddonPlan, AddonProvider, AddonSummary, ApiToken, Application, ApplicationSummary,
    Deployment, DeploymentAuthor, DeploymentRecord, EnvironmentVariable, Flavor, Instance,
    InstanceType, InstanceVariant, OrganisationSummary, Summary, User, Vhost, Zone,
};
use cleverkit::{ApplicationUpdate, NewApplication};

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

#[uniffi::remote(Record)]
pub struct InstanceType {
    pub kind: String,
    pub version: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub variant: Option<InstanceVariant>,
    pub enabled: Option<bool>,
    pub coming_soon: Option<bool>,
    pub max_instances: Option<i32>,
    pub tags: Vec<String>,
    pub deployments: Vec<String>,
    pub flavors: Vec<Flavor>,
    pub default_flavor: Option<Flavor>,
    pub build_flavor: Option<Flavor>,
}

#[uniffi::remote(Record)]
pub struct EnvironmentVariable {
    pub name: String,
    pub value: String,
}

#[uniffi::remote(Record)]
pub struct DeploymentRecord {
    pub uuid: String,
    pub number: Option<i64>,
    pub date: Option<SystemTime>,
    pub state: Option<String>,
    pub action: Option<String>,
    pub commit: Option<String>,
    pub cause: Option<String>,
    pub instances: Option<i32>,
    pub author: Option<DeploymentAuthor>,
}

#[uniffi::remote(Record)]
pub struct DeploymentAuthor {
    pub id: Option<String>,
    pub name: Option<String>,
}

#[uniffi::remote(Record)]
pub struct Addon {
    pub id: String,
    pub name: Option<String>,
    pub real_id: Option<String>,
    pub zone: Option<String>,
    pub zone_id: Option<String>,
    pub provider: Option<AddonProvider>,
    pub plan: Option<AddonPlan>,
    pub creation_date: Option<SystemTime>,
    pub config_keys: Vec<String>,
}

#[uniffi::remote(Record)]
pub struct AddonProvider {
    pub id: String,
    pub name: Option<String>,
    pub short_desc: Option<String>,
    pub logo_url: Option<String>,
    pub status: Option<String>,
}

#[uniffi::remote(Record)]
pub struct AddonPlan {
    pub id: String,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub price: Option<f64>,
}

/// What `create_application` sends; the defaults are the API's (`par`, `git`, `master`, `XS`,
/// one instance). The instance fields come from an `InstanceType` of `instance_types()`: its
/// `kind`, `version` and variant `id`.
#[uniffi::remote(Record)]
pub struct NewApplication {
    pub name: String,
    pub instance_type: String,
    pub instance_version: String,
    pub instance_variant: String,
    #[uniffi(default = "par")]
    pub zone: String,
    #[uniffi(default = None)]
    pub description: Option<String>,
    #[uniffi(default = "git")]
    pub deploy: String,
    #[uniffi(default = "master")]
    pub branch: String,
    #[uniffi(default = "XS")]
    pub min_flavor: String,
    #[uniffi(default = "XS")]
    pub max_flavor: String,
    #[uniffi(default = 1)]
    pub min_instances: i32,
    #[uniffi(default = 1)]
    pub max_instances: i32,
    #[uniffi(default = None)]
    pub build_flavor: Option<String>,
    #[uniffi(default = [])]
    pub environment: Vec<EnvironmentVariable>,
}

/// What `update_application` changes: each field set is sent, the others left as they are.
#[uniffi::remote(Record)]
pub struct ApplicationUpdate {
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub description: Option<String>,
    #[uniffi(default = None)]
    pub min_flavor: Option<String>,
    #[uniffi(default = None)]
    pub max_flavor: Option<String>,
    #[uniffi(default = None)]
    pub min_instances: Option<i32>,
    #[uniffi(default = None)]
    pub max_instances: Option<i32>,
    #[uniffi(default = None)]
    pub force_https: Option<bool>,
    #[uniffi(default = None)]
    pub sticky_sessions: Option<bool>,
    #[uniffi(default = None)]
    pub cancel_on_push: Option<bool>,
    #[uniffi(default = None)]
    pub separate_build: Option<bool>,
    #[uniffi(default = None)]
    pub build_flavor: Option<String>,
}
