//! The JSON the stand-in serves, shaped like the real API's and consistent across endpoints.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::{CLEVER_TOOLS_CONSUMER_KEY, ORGANISATION_ID, USER_EMAIL, USER_ID};

/// The user's display name.
pub const USER_NAME: &str = "Ada Lovelace";

/// An application, from which both the summary's and the full listing's shapes are drawn.
struct App<'a> {
    id: &'a str,
    owner: &'a str,
    name: &'a str,
    kind: &'a str,
    version: &'a str,
    state: &'a str,
    commit: &'a str,
    zone: &'a str,
}

const APPS: [App<'static>; 3] = [
    App {
        id: "app_00000000-0000-4000-8000-000000000011",
        owner: USER_ID,
        name: "notes",
        kind: "static",
        version: "20240913",
        state: "SHOULD_BE_UP",
        commit: "4f2c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e",
        zone: "par",
    },
    App {
        id: "app_00000000-0000-4000-8000-000000000012",
        owner: ORGANISATION_ID,
        name: "engine-api",
        kind: "node",
        version: "20250101",
        state: "SHOULD_BE_UP",
        commit: "0123456789abcdef0123456789abcdef01234567",
        zone: "par",
    },
    App {
        id: "app_00000000-0000-4000-8000-000000000013",
        owner: ORGANISATION_ID,
        name: "engine-worker",
        kind: "docker",
        version: "20250101",
        state: "STOPPED",
        commit: "89abcdef0123456789abcdef0123456789abcdef",
        zone: "rbx",
    },
];

/// `GET /v2/self`, with one field no client knows about.
pub(crate) fn user() -> Value {
    json!({
        "id": USER_ID,
        "email": USER_EMAIL,
        "name": USER_NAME,
        "phone": "+33 6 12 34 56 78",
        "address": "12 rue des Machines",
        "city": "Nantes",
        "zipcode": "44000",
        "country": "FRANCE",
        "avatar": "https://assets.clever-cloud.com/avatars/ada.png",
        "creationDate": 1_700_000_000_000_u64,
        "lang": "EN",
        "emailValidated": true,
        "oauthApps": ["github"],
        "admin": false,
        "canPay": true,
        "preferredMFA": "TOTP",
        "hasPassword": true,
        "standinUnknownField": {"note": "clients must ignore fields they do not know"},
    })
}

/// `GET /v2/summary`: the personal organisation (id = the user's) and one shared one.
pub(crate) fn summary() -> Value {
    let organisation = |id: &str, name: &str, role: &str| {
        json!({
            "id": id,
            "name": name,
            "avatar": null,
            "applications": APPS.iter().filter(|app| app.owner == id).map(app_summary).collect::<Vec<_>>(),
            "addons": [],
            "consumers": [],
            "providers": [],
            "role": role,
            "vatState": "VALID",
            "canPay": true,
            "canSEPA": false,
            "cleverEnterprise": false,
            "emergencyNumber": null,
            "isTrusted": true,
        })
    };
    json!({
        "user": user(),
        "organisations": [
            organisation(USER_ID, USER_NAME, "ADMIN"),
            organisation(ORGANISATION_ID, "Analytical Engines", "DEVELOPER"),
        ],
    })
}

fn app_summary(app: &App) -> Value {
    json!({
        "id": app.id,
        "name": app.name,
        "instanceType": app.kind,
        "instanceVariant": variant_id(app.kind),
        "variantSlug": app.kind,
        "archived": false,
        "homogeneous": true,
        "state": app.state,
        "commit": app.commit,
    })
}

/// Whether the stand-in knows this owner (a user or an organisation id).
pub(crate) fn is_known_owner(owner: &str) -> bool {
    owner == USER_ID || owner == ORGANISATION_ID
}

/// The applications the stand-in starts with, as `GET /v2/organisations/{owner}/applications`
/// lists them: (owner, application), in listing order.
pub(crate) fn seed_applications() -> impl Iterator<Item = (&'static str, Value)> {
    APPS.iter().map(|app| (app.owner, application(app)))
}

/// What a new application is made of (`POST /v2/organisations/{owner}/applications`).
pub(crate) struct NewApp<'a> {
    pub id: &'a str,
    pub owner: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub kind: &'a str,
    pub version: &'a str,
    pub variant_id: &'a str,
    pub zone: &'a str,
    pub min_flavor: Value,
    pub max_flavor: Value,
    pub min_instances: i64,
    pub max_instances: i64,
    pub env: Value,
}

/// A new application as the API answers it: the seeds' shape, nothing deployed yet.
pub(crate) fn created_application(new: &NewApp<'_>) -> Value {
    let mut created = application(&App {
        id: new.id,
        owner: new.owner,
        name: new.name,
        kind: new.kind,
        version: new.version,
        state: "SHOULD_BE_DOWN",
        commit: "",
        zone: new.zone,
    });
    created["description"] = new.description.into();
    created["commitId"] = Value::Null;
    created["creationDate"] = epoch_millis(SystemTime::now()).into();
    created["lastDeploy"] = 0.into();
    created["env"] = new.env.clone();
    let instance = &mut created["instance"];
    instance["variant"]["id"] = new.variant_id.into();
    instance["minFlavor"] = new.min_flavor.clone();
    instance["maxFlavor"] = new.max_flavor.clone();
    instance["minInstances"] = new.min_instances.into();
    instance["maxInstances"] = new.max_instances.into();
    created
}

/// The sizes applications run on: (name, memory in MiB, CPUs).
const FLAVORS: [(&str, u64, u64); 3] = [("XS", 1024, 1), ("S", 2048, 2), ("M", 4096, 4)];

/// A size by name, as applications and the catalogue describe it.
pub(crate) fn flavor_named(name: &str) -> Option<Value> {
    FLAVORS
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|(name, memory_mib, cpus)| flavor(name, *memory_mib, *cpus))
}

fn all_flavors() -> Vec<Value> {
    FLAVORS
        .iter()
        .map(|(name, memory_mib, cpus)| flavor(name, *memory_mib, *cpus))
        .collect()
}

fn application(app: &App<'_>) -> Value {
    let push_host = format!(
        "push-n3-{}-clevercloud-customers.services.clever-cloud.com",
        app.zone
    );
    json!({
        "id": app.id,
        "ownerId": app.owner,
        "name": app.name,
        "description": format!("{} (stand-in)", app.name),
        "zone": app.zone,
        "zoneId": zone_id(app.zone),
        "creationDate": 1_710_000_000_000_u64,
        "lastDeploy": 3,
        "archived": false,
        "stickySessions": false,
        "homogeneous": true,
        "favourite": false,
        "cancelOnPush": false,
        "separateBuild": false,
        "buildFlavor": flavor("M", 4096, 4),
        "state": app.state,
        "commitId": app.commit,
        "appliance": null,
        "branch": "master",
        "forceHttps": "ENABLED",
        "webhookUrl": null,
        "webhookSecret": null,
        "env": [],
        "instance": {
            "type": app.kind,
            "version": app.version,
            "variant": {
                "id": variant_id(app.kind),
                "slug": app.kind,
                "name": app.kind,
                "deployType": app.kind,
                "logo": format!("https://assets.clever-cloud.com/logos/{}.svg", app.kind),
            },
            "minInstances": 1,
            "maxInstances": 2,
            "maxAllowedInstances": 40,
            "minFlavor": flavor("XS", 1024, 1),
            "maxFlavor": flavor("S", 2048, 2),
            "flavors": all_flavors(),
            "defaultEnv": {},
            "lifetime": "REGULAR",
            "instanceAndVersion": format!("{}-{}", app.kind, app.version),
        },
        "deployment": {
            "type": "GIT",
            "shutdownable": false,
            "url": format!("git+ssh://git@{push_host}/{}.git", app.id),
            "httpUrl": format!("https://{push_host}/{}.git", app.id),
        },
        "vhosts": [{"fqdn": format!("{}.cleverapps.io/", app.id.replace('_', "-"))}],
    })
}

fn flavor(name: &str, memory_mib: u64, cpus: u64) -> Value {
    json!({
        "name": name,
        "mem": memory_mib,
        "cpus": cpus,
        "gpus": 0,
        "disk": null,
        "price": 0.1718 * cpus as f64,
        "available": true,
        "microservice": false,
        "machine_learning": false,
        "nice": 0,
        "price_id": format!("apps.{name}"),
        "memory": {"unit": "B", "value": memory_mib * 1024 * 1024, "formatted": format!("{memory_mib} MiB")},
    })
}

fn variant_id(kind: &str) -> String {
    let number = match kind {
        "node" => 1,
        "docker" => 2,
        _ => 3,
    };
    format!("00000000-0000-4000-9000-00000000000{number}")
}

fn zone_id(zone: &str) -> &'static str {
    match zone {
        "par" => "00000000-0000-4000-a000-000000000001",
        "rbx" => "00000000-0000-4000-a000-000000000002",
        "mtl" => "00000000-0000-4000-a000-000000000003",
        _ => "00000000-0000-4000-a000-000000000004",
    }
}

/// `GET /v2/products/instances`: two versions of Node, Docker, Static, and a runtime still
/// to come (disabled); with a field no client knows about.
pub(crate) fn instance_types() -> Value {
    let entry = |kind: &str, version: &str, name: &str, enabled: bool| {
        json!({
            "type": kind,
            "version": version,
            "name": name,
            "description": format!("{name} applications (stand-in)"),
            "enabled": enabled,
            "comingSoon": !enabled,
            "maxInstances": 40,
            "tags": [kind],
            "deployments": ["git"],
            "flavors": all_flavors(),
            "defaultFlavor": flavor("XS", 1024, 1),
            "buildFlavor": flavor("M", 4096, 4),
            "variant": {
                "id": variant_id(kind),
                "slug": kind,
                "name": name,
                "deployType": kind,
                "logo": format!("https://assets.clever-cloud.com/logos/{kind}.svg"),
            },
            "standinUnknownField": {"note": "clients must ignore fields they do not know"},
        })
    };
    json!([
        entry("node", "20250101", "Node", true),
        entry("node", "20240101", "Node", true),
        entry("docker", "20250101", "Docker", true),
        entry("static", "20240913", "Static", true),
        entry("rust", "20250101", "Rust", false),
    ])
}

/// Whether the catalogue has an enabled entry of this type, version and variant id.
pub(crate) fn is_available_instance(kind: &str, version: &str, variant: &str) -> bool {
    let catalogue = instance_types();
    catalogue.as_array().into_iter().flatten().any(|entry| {
        entry["enabled"] == true
            && entry["type"] == kind
            && entry["version"] == version
            && entry["variant"]["id"] == variant
    })
}

/// Whether applications can be created in this zone (one of `GET /v4/products/zones`).
pub(crate) fn is_known_zone(zone: &str) -> bool {
    zones()
        .as_array()
        .into_iter()
        .flatten()
        .any(|known| known["name"] == zone)
}

/// One deployment of an application, as `GET …/deployments` lists it (a finished one: the
/// stand-in deploys at once).
pub(crate) fn deployment(
    uuid: &str,
    number: u64,
    when: SystemTime,
    action: &str,
    commit: &Value,
    instances: &Value,
) -> Value {
    json!({
        "uuid": uuid,
        "id": number,
        "date": epoch_millis(when),
        "state": "OK",
        "action": action,
        "commit": commit,
        "cause": "API request",
        "instances": instances,
        "author": {"id": USER_ID, "name": USER_NAME},
    })
}

/// The organisation's PostgreSQL add-on, linked to `engine-api`. (The summary, a fixture other
/// tests read as it is, lists no add-on.)
/// The add-on of the organisation (a PostgreSQL database), linked to its first application.
pub const ADDON_ID: &str = "addon_00000000-0000-4000-8000-000000000021";
const ADDON_LINKED_TO: &str = "app_00000000-0000-4000-8000-000000000012";

fn postgresql_addon() -> Value {
    json!({
        "id": ADDON_ID,
        "name": "engine-db",
        "realId": "postgresql_00000000-0000-4000-8000-000000000022",
        "region": "par",
        "zoneId": zone_id("par"),
        "provider": {
            "id": "postgresql-addon",
            "name": "PostgreSQL",
            "website": "https://www.clever.cloud/",
            "supportEmail": "support@clever-cloud.com",
            "shortDesc": "A powerful, open source object-relational database system",
            "longDesc": "PostgreSQL (stand-in)",
            "logoUrl": "https://assets.clever-cloud.com/logos/pgsql.svg",
            "status": "RELEASE",
            "openInNewTab": false,
            "canUpgrade": true,
            "regions": ["par", "rbx"],
        },
        "plan": {
            "id": "plan_00000000-0000-4000-8000-000000000023",
            "name": "DEV",
            "slug": "dev",
            "price": 0,
            "price_id": "postgresql.dev",
            "features": [{"name": "Max DB size", "type": "FILESIZE", "value": "256 MB"}],
            "zones": ["par", "rbx"],
        },
        "creationDate": 1_710_000_000_000_u64,
        "configKeys": ["POSTGRESQL_ADDON_HOST", "POSTGRESQL_ADDON_PORT", "POSTGRESQL_ADDON_DB"],
    })
}

/// The value the PostgreSQL add-on gives one of its `configKeys`.
pub(crate) fn addon_value(key: &str) -> &'static str {
    match key {
        "POSTGRESQL_ADDON_HOST" => "bxyz-postgresql.services.clever-cloud.com",
        "POSTGRESQL_ADDON_PORT" => "5432",
        "POSTGRESQL_ADDON_DB" => "bxyz",
        _ => "",
    }
}

/// `GET /v2/organisations/{owner}/addons`.
pub(crate) fn addons(owner: &str) -> Value {
    if owner == ORGANISATION_ID {
        json!([postgresql_addon()])
    } else {
        json!([])
    }
}

/// `GET /v2/organisations/{owner}/members`: the user is the organisation's admin, with a
/// developer beside them; a user's personal space has the user alone.
pub(crate) fn members(owner: &str) -> Value {
    let admin = json!({
        "member": {"id": USER_ID, "email": USER_EMAIL, "name": "Ada Lovelace", "preferredMFA": "NONE"},
        "role": "ADMIN",
        "job": "Founder",
    });
    if owner == ORGANISATION_ID {
        json!([admin, {
            "member": {"id": "user_00000000-0000-4000-8000-000000000003", "email": "charles@example.com", "name": "Charles Babbage"},
            "role": "DEVELOPER",
        }])
    } else {
        json!([admin])
    }
}

/// `GET /v2/organisations/{owner}/applications/{app}/addons`.
pub(crate) fn linked_addons(application_id: &str) -> Value {
    if application_id == ADDON_LINKED_TO {
        json!([postgresql_addon()])
    } else {
        json!([])
    }
}

/// `GET /v4/products/zones`; the last zone carries only the fields that are always present.
pub(crate) fn zones() -> Value {
    let zone = |name: &str,
                city: &str,
                country: &str,
                code: &str,
                lat: f64,
                lon: f64,
                ips: &[&str],
                region: &str,
                infra: &str| {
        json!({
            "id": zone_id(name),
            "name": name,
            "city": city,
            "country": country,
            "countryCode": code,
            "displayName": city,
            "lat": lat,
            "lon": lon,
            "outboundIPs": ips,
            "tags": [format!("region:{region}"), format!("infra:{infra}")],
        })
    };
    json!([
        zone("par", "Paris", "France", "FR", 48.8566, 2.3522, &["192.0.2.10", "192.0.2.11"], "eu", "clever-cloud"),
        zone("rbx", "Roubaix", "France", "FR", 50.6942, 3.1746, &["192.0.2.20"], "eu", "ovh"),
        zone("mtl", "Montreal", "Canada", "CA", 45.5017, -73.5673, &["198.51.100.30"], "na", "ovh"),
        {
            "id": zone_id("scw"),
            "name": "scw",
            "country": "France",
            "countryCode": "FR",
            "tags": ["region:eu", "infra:scaleway"],
        },
    ])
}

/// `GET /v2/oauth/rights`: what a consumer may ask for.
pub(crate) fn rights() -> Value {
    json!({
        "almighty": false,
        "access_organisations": true,
        "manage_organisations": true,
        "manage_organisations_services": true,
        "manage_organisations_applications": true,
        "manage_organisations_members": false,
        "access_organisations_bills": true,
        "access_organisations_credit_count": true,
        "access_organisations_consumption_statistics": true,
        "access_personal_information": true,
        "manage_personal_information": false,
        "manage_ssh_keys": false,
    })
}

/// An OAuth consumer, as the API describes it inside a token (Clever Cloud's
/// `OAuth1ConsumerView`).
fn consumer(key: &str) -> Value {
    let (name, description, url) = if key == CLEVER_TOOLS_CONSUMER_KEY {
        (
            "Clever Tools",
            "Command line interface for Clever Cloud",
            "https://github.com/CleverCloud/clever-tools",
        )
    } else {
        (
            "CleverKit stand-in",
            "The OAuth consumer of CleverKit's tests",
            "https://example.com/cleverkit",
        )
    };
    json!({
        "key": key,
        "name": name,
        "description": description,
        "url": url,
        "baseUrl": url,
        "picture": "https://assets.clever-cloud.com/consumers/default.png",
        "rights": rights(),
    })
}

fn epoch_millis(when: SystemTime) -> u64 {
    when.duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}

/// The facts of one OAuth token, for `GET /v2/self/tokens/current`.
pub(crate) struct TokenFacts<'a> {
    pub token: &'a str,
    pub consumer_key: &'a str,
    pub created_at: SystemTime,
    pub expires_at: SystemTime,
    pub last_used_at: SystemTime,
}

/// `GET /v2/self/tokens/current` (an `OAuth1AccessTokenView`); dates in epoch milliseconds,
/// like `/v2/self`'s `creationDate`. clever-tools' `clever profile` shows `expirationDate`.
pub(crate) fn current_token(facts: &TokenFacts<'_>) -> Value {
    json!({
        "token": facts.token,
        "consumer": consumer(facts.consumer_key),
        "creationDate": epoch_millis(facts.created_at),
        "expirationDate": epoch_millis(facts.expires_at),
        "lastUtilisation": epoch_millis(facts.last_used_at),
        "rights": rights(),
    })
}
