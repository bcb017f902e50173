//! Applications with state, per stand-in: what `POST …/applications` creates is listed, read,
//! updated and deleted; environment variables, domains, the primary domain and deployments
//! change and read back; after a delete every read is a 404 with the API's v2 error body. The
//! summary stays the fixed fixture other tests read.

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use crate::fixtures;
use crate::form::{self, decode_path_segment};
use crate::http::Response;
use crate::routes::json_body;
use crate::server::{Exchange, lock};

/// When the seeded applications were last deployed (after their `creationDate`).
const SEEDS_DEPLOYED_AT_MILLIS: u64 = 1_710_000_100_000;
/// Ids issued to new applications and deployments start here, above the seeds' numbers.
const FIRST_ISSUED_ID: u64 = 100;
/// How long a redeploy stays `WIP` before it ends.
const DEPLOYMENT_TIME: Duration = Duration::from_millis(400);
/// A redeploy of a commit starting so ends in `FAIL` (the rest end `OK`).
pub const FAILING_COMMIT_PREFIX: &str = "fa11";

pub(crate) struct Hosting {
    applications: Vec<Hosted>,
    last_issued_id: u64,
}

struct Hosted {
    owner: String,
    /// As `GET …/applications/{app}` answers it; `env` and `vhosts` live in it.
    application: Value,
    primary_domain: Option<String>,
    /// Newest first, as the API lists them.
    deployments: Vec<Value>,
    /// `{namespace, port}`, in the order they were opened.
    tcp_redirections: Vec<Value>,
    /// The deployments still `WIP`: when each ends, and in which state.
    running: BTreeMap<String, (Instant, &'static str)>,
}

impl Hosted {
    /// Ends the deployments whose time has come.
    fn settle(&mut self) {
        let now = Instant::now();
        let ended: Vec<String> = self
            .running
            .iter()
            .filter(|(_, (ends_at, _))| *ends_at <= now)
            .map(|(uuid, _)| uuid.clone())
            .collect();
        for uuid in ended {
            if let Some((_, state)) = self.running.remove(&uuid) {
                self.set_deployment_state(&uuid, state);
            }
        }
    }

    fn set_deployment_state(&mut self, uuid: &str, state: &str) {
        if let Some(deployment) = self.deployments.iter_mut().find(|d| d["uuid"] == uuid) {
            deployment["state"] = state.into();
        }
    }
}

fn deployment_uuid(number: u64) -> String {
    format!("00000000-0000-4000-b000-{number:012}")
}

impl Hosting {
    pub fn seeded() -> Hosting {
        let deployed_at = UNIX_EPOCH + Duration::from_millis(SEEDS_DEPLOYED_AT_MILLIS);
        let applications = fixtures::seed_applications()
            .zip(1..)
            .map(|((owner, application), number)| {
                let deployment = fixtures::deployment(
                    &deployment_uuid(number),
                    1,
                    deployed_at,
                    "DEPLOY",
                    &application["commitId"],
                    &application["instance"]["minInstances"],
                );
                Hosted {
                    owner: owner.to_owned(),
                    application,
                    primary_domain: None,
                    deployments: vec![deployment],
                    tcp_redirections: Vec::new(),
                    running: BTreeMap::new(),
                }
            })
            .collect();
        Hosting {
            applications,
            last_issued_id: FIRST_ISSUED_ID,
        }
    }

    fn issue_id(&mut self) -> u64 {
        self.last_issued_id += 1;
        self.last_issued_id
    }

    fn position(&self, owner: &str, application_id: &str) -> Option<usize> {
        self.applications
            .iter()
            .position(|hosted| hosted.owner == owner && hosted.application["id"] == application_id)
    }
}

/// A call on `/v2/organisations/{owner}/applications/{app}/…`.
pub(crate) enum Call {
    Read,
    Update,
    Delete,
    Redeploy,
    Stop,
    Deployments,
    Deployment(String),
    CancelDeployment(String),
    Environment,
    ReplaceEnvironment,
    SetVariable(String),
    RemoveVariable(String),
    Domains,
    AddDomain(String),
    RemoveDomain(String),
    PrimaryDomain,
    SetPrimaryDomain,
    Addons,
    TcpRedirections,
    AddTcpRedirection,
}

impl Call {
    /// The call a request makes with this method and the path after `{app}`, if it is one.
    pub fn of(method: &str, rest: &[&str]) -> Option<Call> {
        Some(match (method, rest) {
            ("GET", []) => Call::Read,
            ("PUT", []) => Call::Update,
            ("DELETE", []) => Call::Delete,
            ("POST", ["instances"]) => Call::Redeploy,
            ("DELETE", ["instances"]) => Call::Stop,
            ("GET", ["deployments"]) => Call::Deployments,
            ("GET", ["deployments", id]) => Call::Deployment(decode_path_segment(id)),
            ("DELETE", ["deployments", id, "instances"]) => {
                Call::CancelDeployment(decode_path_segment(id))
            }
            ("GET", ["env"]) => Call::Environment,
            ("PUT", ["env"]) => Call::ReplaceEnvironment,
            ("PUT", ["env", name]) => Call::SetVariable(decode_path_segment(name)),
            ("DELETE", ["env", name]) => Call::RemoveVariable(decode_path_segment(name)),
            ("GET", ["vhosts"]) => Call::Domains,
            ("GET", ["vhosts", "favourite"]) => Call::PrimaryDomain,
            ("PUT", ["vhosts", "favourite"]) => Call::SetPrimaryDomain,
            // Unsetting the primary domain is an endpoint the stand-in does not serve.
            ("DELETE", ["vhosts", "favourite"]) => return None,
            ("PUT", ["vhosts", fqdn]) => Call::AddDomain(decode_path_segment(fqdn)),
            ("DELETE", ["vhosts", fqdn]) => Call::RemoveDomain(decode_path_segment(fqdn)),
            ("GET", ["addons"]) => Call::Addons,
            ("GET", ["tcpRedirs"]) => Call::TcpRedirections,
            ("POST", ["tcpRedirs"]) => Call::AddTcpRedirection,
            _ => return None,
        })
    }
}

fn unknown_owner(exchange: &Exchange, owner: &str) -> Response {
    exchange.error(404, "not-found", format!("organisation {owner} not found"))
}

/// A v2 success message, as the API answers the calls that change something.
fn success(message: &str) -> Response {
    Response::json(
        200,
        &json!({"id": 200, "message": message, "type": "success"}),
    )
}

/// `GET /v2/organisations/{owner}/applications`.
pub(crate) fn list(exchange: &Exchange, owner: &str) -> Response {
    if !fixtures::is_known_owner(owner) {
        return unknown_owner(exchange, owner);
    }
    let hosting = lock(&exchange.shared.hosting);
    let listed: Vec<Value> = hosting
        .applications
        .iter()
        .filter(|hosted| hosted.owner == owner)
        .map(|hosted| hosted.application.clone())
        .collect();
    Response::json(200, &Value::Array(listed))
}

/// `GET /v2/organisations/{owner}/addons`.
pub(crate) fn addons(exchange: &Exchange, owner: &str) -> Response {
    if !fixtures::is_known_owner(owner) {
        return unknown_owner(exchange, owner);
    }
    Response::json(200, &fixtures::addons(owner))
}

/// `GET /v2/organisations/{owner}/addons/{addon}`.
pub(crate) fn addon(exchange: &Exchange, owner: &str, addon_id: &str) -> Response {
    if !fixtures::is_known_owner(owner) {
        return unknown_owner(exchange, owner);
    }
    let addons = fixtures::addons(owner);
    match addons
        .as_array()
        .into_iter()
        .flatten()
        .find(|addon| addon["id"] == addon_id)
    {
        Some(addon) => Response::json(200, addon),
        None => exchange.error(404, "not-found", format!("add-on {addon_id} not found")),
    }
}

/// `GET /v2/organisations/{owner}/addons/{addon}/env`: a value for each of its `configKeys`.
pub(crate) fn addon_environment(exchange: &Exchange, owner: &str, addon_id: &str) -> Response {
    let addon = addon(exchange, owner, addon_id);
    if addon.status != 200 {
        return addon;
    }
    let addons = fixtures::addons(owner);
    let keys = addons
        .as_array()
        .into_iter()
        .flatten()
        .filter(|addon| addon["id"] == addon_id)
        .flat_map(|addon| addon["configKeys"].as_array().cloned().unwrap_or_default());
    let variables: Vec<Value> = keys
        .map(|key| {
            let name = key.as_str().unwrap_or_default();
            json!({ "name": name, "value": fixtures::addon_value(name) })
        })
        .collect();
    Response::json(200, &Value::from(variables))
}

/// `GET /v2/organisations/{owner}/members`.
pub(crate) fn members(exchange: &Exchange, owner: &str) -> Response {
    if !fixtures::is_known_owner(owner) {
        return unknown_owner(exchange, owner);
    }
    Response::json(200, &fixtures::members(owner))
}

/// Clever Cloud's rule for environment variable names: letters, digits, `_`, `-` and `.`.
fn is_valid_variable_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.'))
}

/// `{"NAME": "value", …}` as the API takes it, or why not.
fn variables_of(body: &Map<String, Value>) -> Result<BTreeMap<String, String>, String> {
    body.iter()
        .map(|(name, value)| match value.as_str() {
            _ if !is_valid_variable_name(name) => {
                Err(format!("environment variable name {name:?} is invalid"))
            }
            Some(value) => Ok((name.clone(), value.to_owned())),
            None => Err(format!("environment variable {name} is not a string")),
        })
        .collect()
}

/// The `env` of an application's JSON, `[{"name", "value"}]` sorted by name.
fn env_json(variables: &BTreeMap<String, String>) -> Value {
    variables
        .iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect()
}

fn env_of(application: &Value) -> BTreeMap<String, String> {
    application["env"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|variable| {
            Some((
                variable["name"].as_str()?.to_owned(),
                variable["value"].as_str()?.to_owned(),
            ))
        })
        .collect()
}

fn non_blank<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    body.get(name)
        .and_then(Value::as_str)
        .filter(|text| !text.trim().is_empty())
}

fn flavor(name: &str) -> Result<Value, String> {
    fixtures::flavor_named(name).ok_or_else(|| format!("unknown flavor {name}"))
}

fn check_instances(min: i64, max: i64) -> Result<(), String> {
    if min < 1 || max < min {
        return Err(format!(
            "instances must satisfy 1 <= minInstances <= maxInstances, not {min} and {max}"
        ));
    }
    Ok(())
}

/// `POST /v2/organisations/{owner}/applications`, with clever-tools' body.
pub(crate) fn create(exchange: &Exchange, owner: &str) -> Response {
    if !fixtures::is_known_owner(owner) {
        return unknown_owner(exchange, owner);
    }
    let body = match json_body(exchange) {
        Ok(body) => body,
        Err(refusal) => return refusal,
    };
    match new_application(&body, owner, exchange) {
        Ok(created) => Response::json(200, &created),
        Err(message) => exchange.error(400, "invalid-body", message),
    }
}

fn new_application(
    body: &Map<String, Value>,
    owner: &str,
    exchange: &Exchange,
) -> Result<Value, String> {
    let required = |name| non_blank(body, name).ok_or_else(|| format!("{name} is required"));
    let (name, kind, version, variant, zone) = (
        required("name")?,
        required("instanceType")?,
        required("instanceVersion")?,
        required("instanceVariant")?,
        required("zone")?,
    );
    if !fixtures::is_available_instance(kind, version, variant) {
        return Err(format!(
            "no enabled instance {kind} {version} with variant {variant}"
        ));
    }
    if !fixtures::is_known_zone(zone) {
        return Err(format!("unknown zone {zone}"));
    }
    let min_flavor = required("minFlavor")?;
    // As clever-client.js: a maximum left out is the minimum.
    let max_flavor = non_blank(body, "maxFlavor").unwrap_or(min_flavor);
    let count = |name| body.get(name).and_then(Value::as_i64).unwrap_or(1);
    let (min_instances, max_instances) = (count("minInstances"), count("maxInstances"));
    check_instances(min_instances, max_instances)?;
    let env = match body.get("env") {
        Some(Value::Object(env)) => variables_of(env)?,
        Some(_) => return Err("env is not an object".into()),
        None => BTreeMap::new(),
    };
    let mut hosting = lock(&exchange.shared.hosting);
    let id = format!("app_00000000-0000-4000-8000-{:012}", hosting.issue_id());
    let created = fixtures::created_application(&fixtures::NewApp {
        id: &id,
        owner,
        name,
        description: non_blank(body, "description").unwrap_or(name),
        kind,
        version,
        variant_id: variant,
        zone,
        min_flavor: flavor(min_flavor)?,
        max_flavor: flavor(max_flavor)?,
        min_instances,
        max_instances,
        env: env_json(&env),
    });
    hosting.applications.push(Hosted {
        owner: owner.to_owned(),
        application: created.clone(),
        primary_domain: None,
        deployments: Vec::new(),
        tcp_redirections: Vec::new(),
        running: BTreeMap::new(),
    });
    Ok(created)
}

/// Every call on one application: 404 unless the owner has it.
pub(crate) fn respond(
    exchange: &Exchange,
    owner: &str,
    application_id: &str,
    call: &Call,
) -> Response {
    if !fixtures::is_known_owner(owner) {
        return unknown_owner(exchange, owner);
    }
    let mut hosting = lock(&exchange.shared.hosting);
    let Some(index) = hosting.position(owner, application_id) else {
        return exchange.error(
            404,
            "not-found",
            format!("application {application_id} not found"),
        );
    };
    hosting.applications[index].settle();
    let outcome = match call {
        Call::Delete => {
            hosting.applications.remove(index);
            return success("The application has been deleted");
        }
        Call::Redeploy | Call::Stop => {
            let number = hosting.issue_id();
            let hosted = &mut hosting.applications[index];
            if let Call::Redeploy = call {
                redeploy(exchange, hosted, number)
            } else {
                stop(hosted, number);
                return success("The application has been stopped");
            }
        }
        Call::AddDomain(fqdn) => {
            let fqdn = without_slash(fqdn);
            let taken_elsewhere = hosting
                .applications
                .iter()
                .enumerate()
                .any(|(other, hosted)| other != index && has_domain(&hosted.application, fqdn));
            if taken_elsewhere {
                return exchange.error(
                    400,
                    "domain-taken",
                    format!("domain {fqdn} is already used by another application"),
                );
            }
            Ok(add_domain(exchange, &mut hosting.applications[index], fqdn))
        }
        call => answer(exchange, &mut hosting.applications[index], call),
    };
    outcome.unwrap_or_else(|message| exchange.error(400, "invalid-body", message))
}

/// A call that reads or changes one application alone.
fn answer(exchange: &Exchange, hosted: &mut Hosted, call: &Call) -> Result<Response, String> {
    let application = &mut hosted.application;
    Ok(match call {
        Call::Read => Response::json(200, application),
        Call::Update => {
            let body = json_body(exchange).map_err(|_| "the body is not a JSON object")?;
            *application = updated(application, &body)?;
            Response::json(200, application)
        }
        Call::Deployment(uuid) => match hosted.deployments.iter().find(|d| d["uuid"] == **uuid) {
            Some(deployment) => Response::json(200, deployment),
            None => exchange.error(404, "not-found", format!("deployment {uuid} not found")),
        },
        Call::CancelDeployment(uuid) => {
            if hosted.running.remove(uuid.as_str()).is_none() {
                return Err(format!("deployment {uuid} is not in progress"));
            }
            hosted.set_deployment_state(uuid, "CANCELLED");
            success("The deployment has been cancelled")
        }
        Call::Deployments => {
            let query = exchange.request.query().unwrap_or_default();
            let limit = form::find(query.as_bytes(), "limit")
                .and_then(|limit| limit.parse().ok())
                .unwrap_or(usize::MAX);
            let listed: Vec<Value> = hosted.deployments.iter().take(limit).cloned().collect();
            Response::json(200, &Value::Array(listed))
        }
        Call::Environment => Response::json(200, &application["env"]),
        Call::ReplaceEnvironment => {
            let body = json_body(exchange).map_err(|_| "the body is not a JSON object")?;
            application["env"] = env_json(&variables_of(&body)?);
            Response::json(200, application)
        }
        Call::SetVariable(name) => {
            let body = json_body(exchange).map_err(|_| "the body is not a JSON object")?;
            let Some(value) = body.get("value").and_then(Value::as_str) else {
                return Err("value is required".into());
            };
            if !is_valid_variable_name(name) {
                return Err(format!("environment variable name {name:?} is invalid"));
            }
            let mut env = env_of(application);
            env.insert(name.clone(), value.to_owned());
            application["env"] = env_json(&env);
            Response::json(200, application)
        }
        Call::RemoveVariable(name) => {
            let mut env = env_of(application);
            if env.remove(name).is_none() {
                return Ok(exchange.error(
                    404,
                    "not-found",
                    format!("environment variable {name} not found"),
                ));
            }
            application["env"] = env_json(&env);
            Response::json(200, application)
        }
        Call::Domains => Response::json(200, &application["vhosts"]),
        Call::RemoveDomain(fqdn) => {
            let fqdn = without_slash(fqdn);
            let vhosts = application["vhosts"].as_array_mut();
            let Some(vhosts) = vhosts else {
                return Err("the application has no vhosts".into());
            };
            let before = vhosts.len();
            vhosts.retain(|vhost| without_slash(vhost["fqdn"].as_str().unwrap_or("")) != fqdn);
            if vhosts.len() == before {
                return Ok(exchange.error(404, "not-found", format!("domain {fqdn} not found")));
            }
            if hosted.primary_domain.as_deref() == Some(fqdn) {
                hosted.primary_domain = None;
            }
            success("The domain has been removed")
        }
        Call::PrimaryDomain => match &hosted.primary_domain {
            Some(fqdn) => Response::json(200, &json!({ "fqdn": fqdn })),
            // What clever-tools reads as "no primary domain": 404 with the v2 id 4021.
            None => Response::json(
                404,
                &json!({"id": 4021, "message": "No favourite vhost", "type": "error"}),
            ),
        },
        Call::SetPrimaryDomain => {
            let body = json_body(exchange).map_err(|_| "the body is not a JSON object")?;
            let Some(fqdn) = non_blank(&body, "fqdn").map(without_slash) else {
                return Err("fqdn is required".into());
            };
            if !has_domain(application, fqdn) {
                return Ok(exchange.error(
                    404,
                    "not-found",
                    format!("domain {fqdn} is not one of the application's"),
                ));
            }
            hosted.primary_domain = Some(fqdn.to_owned());
            success("The favourite domain has been set")
        }
        Call::Addons => {
            let id = application["id"].as_str().unwrap_or_default();
            Response::json(200, &fixtures::linked_addons(id))
        }
        Call::TcpRedirections => Response::json(200, &Value::from(hosted.tcp_redirections.clone())),
        Call::AddTcpRedirection => {
            let body =
                json_body(exchange).map_err(|_| "the body is not a JSON object".to_owned())?;
            let namespace = non_blank(&body, "namespace").ok_or("namespace is missing")?;
            if !matches!(namespace, "default" | "cleverapps") {
                return Err(format!("no namespace {namespace}"));
            }
            // Ports are handed out from 5000 up, or from minPort when it is higher.
            let lowest = body
                .get("minPort")
                .and_then(Value::as_u64)
                .unwrap_or(5000)
                .max(5000);
            let port = lowest + hosted.tcp_redirections.len() as u64;
            let redirection = json!({ "namespace": namespace, "port": port });
            hosted.tcp_redirections.push(redirection.clone());
            Response::json(200, &redirection)
        }
        Call::Delete | Call::Redeploy | Call::Stop | Call::AddDomain(_) => {
            unreachable!("respond handles the calls that need every application")
        }
    })
}

/// The application with an update's fields applied (unknown fields ignored, as the API does),
/// or why the update is refused; nothing changes on a refusal.
fn updated(application: &Value, body: &Map<String, Value>) -> Result<Value, String> {
    let mut changed = application.clone();
    if let Some(name) = body.get("name") {
        let name = name.as_str().filter(|name| !name.trim().is_empty());
        changed["name"] = name.ok_or("name cannot be empty")?.into();
    }
    for field in ["description", "forceHttps"] {
        if let Some(text) = body.get(field).and_then(Value::as_str) {
            changed[field] = text.into();
        }
    }
    for field in ["stickySessions", "cancelOnPush", "separateBuild"] {
        if let Some(flag) = body.get(field).and_then(Value::as_bool) {
            changed[field] = flag.into();
        }
    }
    if let Some(name) = non_blank(body, "buildFlavor") {
        changed["buildFlavor"] = flavor(name)?;
    }
    let instance = &mut changed["instance"];
    for field in ["minFlavor", "maxFlavor"] {
        if let Some(name) = non_blank(body, field) {
            instance[field] = flavor(name)?;
        }
    }
    for field in ["minInstances", "maxInstances"] {
        if let Some(count) = body.get(field).and_then(Value::as_i64) {
            instance[field] = count.into();
        }
    }
    let count = |field: &str| instance[field].as_i64().unwrap_or(1);
    check_instances(count("minInstances"), count("maxInstances"))?;
    Ok(changed)
}

fn without_slash(fqdn: &str) -> &str {
    fqdn.strip_suffix('/').unwrap_or(fqdn)
}

fn has_domain(application: &Value, fqdn: &str) -> bool {
    application["vhosts"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|vhost| without_slash(vhost["fqdn"].as_str().unwrap_or("")) == fqdn)
}

fn add_domain(exchange: &Exchange, hosted: &mut Hosted, fqdn: &str) -> Response {
    let fqdn = without_slash(fqdn);
    if fqdn.is_empty() || fqdn.contains(char::is_whitespace) {
        return exchange.error(400, "invalid-domain", format!("invalid domain {fqdn:?}"));
    }
    // Adding a domain the application has already changes nothing, as on the API.
    if !has_domain(&hosted.application, fqdn)
        && let Some(vhosts) = hosted.application["vhosts"].as_array_mut()
    {
        vhosts.push(json!({ "fqdn": fqdn }));
    }
    success("The domain has been added")
}

/// Redeploys the commit asked for, or the last one: a new finished deployment, the
/// application up.
fn redeploy(exchange: &Exchange, hosted: &mut Hosted, number: u64) -> Result<Response, String> {
    let query = exchange.request.query().unwrap_or_default();
    let commit = match form::find(query.as_bytes(), "commit") {
        Some(commit) => Value::from(commit),
        None if hosted.application["commitId"].is_string() => {
            hosted.application["commitId"].clone()
        }
        None => return Err("nothing to deploy yet: push code first, or give a commit".into()),
    };
    let uuid = deployment_uuid(number);
    record_deployment(hosted, &uuid, "DEPLOY", &commit);
    hosted.set_deployment_state(&uuid, "WIP");
    let fails = commit
        .as_str()
        .is_some_and(|commit| commit.starts_with(FAILING_COMMIT_PREFIX));
    let ends_in = if fails { "FAIL" } else { "OK" };
    hosted
        .running
        .insert(uuid.clone(), (Instant::now() + DEPLOYMENT_TIME, ends_in));
    let application = &mut hosted.application;
    application["state"] = "SHOULD_BE_UP".into();
    application["commitId"] = commit;
    Ok(Response::json(
        200,
        &json!({
            "id": 200,
            "message": "The application has been deployed",
            "type": "success",
            "deploymentId": uuid,
        }),
    ))
}

fn stop(hosted: &mut Hosted, number: u64) {
    let commit = hosted.application["commitId"].clone();
    record_deployment(hosted, &deployment_uuid(number), "UNDEPLOY", &commit);
    hosted.application["state"] = "SHOULD_BE_DOWN".into();
}

fn record_deployment(hosted: &mut Hosted, uuid: &str, action: &str, commit: &Value) {
    let number = hosted.deployments.len() as u64 + 1;
    let instances = match action {
        "UNDEPLOY" => json!(0),
        _ => hosted.application["instance"]["minInstances"].clone(),
    };
    let deployment =
        fixtures::deployment(uuid, number, SystemTime::now(), action, commit, &instances);
    hosted.deployments.insert(0, deployment);
    hosted.application["lastDeploy"] = number.into();
}
