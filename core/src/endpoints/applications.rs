//! An application's life: the instance catalogue, create, read, update, delete, redeploy and
//! stop; its environment, domains, deployments and add-ons. Paths, bodies and defaults are
//! those of Clever Cloud's official clients (clever-client.js, clever-tools, the Python SDK).

use serde_json::{Map, Value, json};

use super::Endpoint;
use crate::client::path_segment;
use crate::models::{
    Addon, Application, DeploymentRecord, EnvironmentVariable, InstanceType, Vhost,
};
use crate::{Error, Response};

/// What [`create_application`] sends. [`NewApplication::new`] fills the instance fields from
/// an entry of the catalogue and the rest with the API's defaults; [`Default`] leaves the
/// name and the instance fields empty, to be set.
#[derive(Debug, Clone, PartialEq)]
pub struct NewApplication {
    /// Display name (required).
    pub name: String,
    /// Runtime, [`InstanceType::kind`], e.g. `node` (required).
    pub instance_type: String,
    /// Version of the runtime, [`InstanceType::version`] (required).
    pub instance_version: String,
    /// Id of the runtime variant, the `id` of [`InstanceType::variant`] (required).
    pub instance_variant: String,
    /// Zone name, [`Zone::name`](crate::models::Zone::name): `par` by default.
    pub zone: String,
    /// Free text; `None` sends the name, as `clever create` does.
    pub description: Option<String>,
    /// How code is deployed: `git` (the default) or `ftp`.
    pub deploy: String,
    /// Git branch deployed: `master` by default.
    pub branch: String,
    /// Smallest size vertical scaling may use, e.g. `XS` (the default, or the catalogue's
    /// default size with [`NewApplication::new`]).
    pub min_flavor: String,
    /// Largest size vertical scaling may use, as `min_flavor`.
    pub max_flavor: String,
    /// Fewest instances horizontal scaling may run: 1 by default, at least 1.
    pub min_instances: i32,
    /// Most instances horizontal scaling may run: 1 by default, at least `min_instances`.
    pub max_instances: i32,
    /// A size for a separate build instance; `None` builds on the application's instances.
    pub build_flavor: Option<String>,
    /// Environment variables to start with.
    pub environment: Vec<EnvironmentVariable>,
}

/// The size the Python SDK creates applications with when the catalogue names none.
const DEFAULT_FLAVOR: &str = "XS";

impl Default for NewApplication {
    fn default() -> Self {
        NewApplication {
            name: String::new(),
            instance_type: String::new(),
            instance_version: String::new(),
            instance_variant: String::new(),
            zone: "par".into(),
            description: None,
            deploy: "git".into(),
            branch: "master".into(),
            min_flavor: DEFAULT_FLAVOR.into(),
            max_flavor: DEFAULT_FLAVOR.into(),
            min_instances: 1,
            max_instances: 1,
            build_flavor: None,
            environment: Vec::new(),
        }
    }
}

impl NewApplication {
    /// An application of this catalogue entry, sized as `clever create` sizes it (the entry's
    /// default size, one instance), in `par`. An entry without a variant id leaves
    /// `instance_variant` empty, which [`create_application`] refuses.
    pub fn new(name: impl Into<String>, instance: &InstanceType) -> Self {
        let flavor = instance
            .default_flavor
            .as_ref()
            .map_or(DEFAULT_FLAVOR, |flavor| flavor.name.as_str());
        NewApplication {
            name: name.into(),
            instance_type: instance.kind.clone(),
            instance_version: instance.version.clone(),
            instance_variant: instance
                .variant
                .as_ref()
                .and_then(|variant| variant.id.clone())
                .unwrap_or_default(),
            min_flavor: flavor.into(),
            max_flavor: flavor.into(),
            ..NewApplication::default()
        }
    }
}

/// What [`update_application`] changes: each field set is sent, the others are left as they
/// are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplicationUpdate {
    /// A new display name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// Smallest size vertical scaling may use, e.g. `XS`.
    pub min_flavor: Option<String>,
    /// Largest size vertical scaling may use.
    pub max_flavor: Option<String>,
    /// Fewest instances horizontal scaling may run, at least 1.
    pub min_instances: Option<i32>,
    /// Most instances horizontal scaling may run, at least `min_instances`.
    pub max_instances: Option<i32>,
    /// Whether plain HTTP is redirected to HTTPS.
    pub force_https: Option<bool>,
    /// Whether a client keeps reaching the same instance.
    pub sticky_sessions: Option<bool>,
    /// Whether a push cancels the deployment in progress.
    pub cancel_on_push: Option<bool>,
    /// Whether builds run on a separate instance (of `build_flavor`'s size).
    pub separate_build: Option<bool>,
    /// The size of the separate build instance.
    pub build_flavor: Option<String>,
}

fn application_path(owner_id: &str, application_id: &str) -> Result<String, Error> {
    let owner = path_segment(owner_id, "organisation id")?;
    let app = path_segment(application_id, "application id")?;
    Ok(format!("/v2/organisations/{owner}/applications/{app}"))
}

fn required<'a>(value: &'a str, what: &str) -> Result<&'a str, Error> {
    if value.trim().is_empty() {
        return Err(Error::InvalidInput(format!("the application needs {what}")));
    }
    Ok(value)
}

fn check_instances(min: Option<i32>, max: Option<i32>) -> Result<(), Error> {
    if let Some(count) = min.into_iter().chain(max).find(|count| *count < 1) {
        return Err(Error::InvalidInput(format!(
            "an application runs at least 1 instance, not {count}"
        )));
    }
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        return Err(Error::InvalidInput(format!(
            "min_instances {min} is more than max_instances {max}"
        )));
    }
    Ok(())
}

/// Clever Cloud's rule for environment variable names (clever-client.js's `validateName`):
/// letters, digits, `_`, and the `-` and `.` that Java system properties use.
fn environment_name(name: &str) -> Result<&str, Error> {
    let allowed = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.');
    if name.is_empty() || !name.bytes().all(allowed) {
        return Err(Error::InvalidInput(format!(
            "environment variable name {name:?} is invalid: use letters, digits, _, - and ."
        )));
    }
    Ok(name)
}

/// The API's environment body, `{"NAME": "value", …}`; a name given twice is refused rather
/// than one value silently winning.
fn environment_body<N: AsRef<str>, V: AsRef<str>>(
    variables: impl IntoIterator<Item = (N, V)>,
) -> Result<Map<String, Value>, Error> {
    let mut body = Map::new();
    for (name, value) in variables {
        let name = environment_name(name.as_ref())?;
        if body
            .insert(name.to_owned(), value.as_ref().into())
            .is_some()
        {
            return Err(Error::InvalidInput(format!(
                "environment variable {name} is given twice"
            )));
        }
    }
    Ok(body)
}

/// A domain as a path segment. A trailing `/` is dropped (the API lists vhosts with one and
/// ignores it), and `favourite` is refused: `vhosts/favourite` is the primary domain's path.
fn domain_segment(fqdn: &str) -> Result<String, Error> {
    let fqdn = fqdn.strip_suffix('/').unwrap_or(fqdn);
    if fqdn == "favourite" {
        return Err(Error::InvalidInput(
            "\"favourite\" is not a domain name".into(),
        ));
    }
    path_segment(fqdn, "domain")
}

/// `GET /v2/products/instances`: the instance catalogue, one entry per runtime and version.
pub fn instance_types() -> Endpoint<Vec<InstanceType>> {
    Endpoint::new(
        "GET",
        "/v2/products/instances".into(),
        "/v2/products/instances",
    )
}

/// `GET /v2/organisations/{id}/applications/{app}`: one application.
pub fn application(owner_id: &str, application_id: &str) -> Result<Endpoint<Application>, Error> {
    Ok(Endpoint::new(
        "GET",
        application_path(owner_id, application_id)?,
        "/v2/organisations/{id}/applications/{app}",
    ))
}

/// `POST /v2/organisations/{id}/applications`: creates an application, answers it. Refuses,
/// before any request, an empty name or instance field, fewer than one instance, a minimum
/// above the maximum and an invalid environment variable name.
pub fn create_application(
    owner_id: &str,
    new: &NewApplication,
) -> Result<Endpoint<Application>, Error> {
    let owner = path_segment(owner_id, "organisation id")?;
    let instance = "an instance type, version and variant id (from instance_types)";
    let name = required(&new.name, "a name")?;
    let mut body = json!({
        "name": name,
        "description": new.description.as_deref().unwrap_or(name),
        "deploy": required(&new.deploy, "a deploy method (git or ftp)")?,
        "branch": required(&new.branch, "a branch")?,
        "zone": required(&new.zone, "a zone")?,
        "instanceType": required(&new.instance_type, instance)?,
        "instanceVersion": required(&new.instance_version, instance)?,
        "instanceVariant": required(&new.instance_variant, instance)?,
        "minFlavor": required(&new.min_flavor, "a minimum flavor")?,
        "maxFlavor": required(&new.max_flavor, "a maximum flavor")?,
        "minInstances": new.min_instances,
        "maxInstances": new.max_instances,
    });
    check_instances(Some(new.min_instances), Some(new.max_instances))?;
    if !new.environment.is_empty() {
        let pairs = new
            .environment
            .iter()
            .map(|variable| (&variable.name, &variable.value));
        body["env"] = environment_body(pairs)?.into();
    }
    if let Some(flavor) = &new.build_flavor {
        body["buildFlavor"] = flavor.as_str().into();
        body["separateBuild"] = true.into();
    }
    Endpoint::new(
        "POST",
        format!("/v2/organisations/{owner}/applications"),
        "/v2/organisations/{id}/applications",
    )
    .json_body(&body)
}

/// `PUT /v2/organisations/{id}/applications/{app}`: changes what `update` sets, answers the
/// application. Refuses, before any request, an update that sets nothing, an empty name and
/// instance counts as [`create_application`] does.
pub fn update_application(
    owner_id: &str,
    application_id: &str,
    update: &ApplicationUpdate,
) -> Result<Endpoint<Application>, Error> {
    let path = application_path(owner_id, application_id)?;
    if let Some(name) = &update.name {
        required(name, "a name")?;
    }
    check_instances(update.min_instances, update.max_instances)?;
    let on_off = |enabled: bool| if enabled { "ENABLED" } else { "DISABLED" };
    let fields = [
        ("name", update.name.clone().map(Value::from)),
        ("description", update.description.clone().map(Value::from)),
        ("minFlavor", update.min_flavor.clone().map(Value::from)),
        ("maxFlavor", update.max_flavor.clone().map(Value::from)),
        ("minInstances", update.min_instances.map(Value::from)),
        ("maxInstances", update.max_instances.map(Value::from)),
        (
            "forceHttps",
            update.force_https.map(on_off).map(Value::from),
        ),
        ("stickySessions", update.sticky_sessions.map(Value::from)),
        ("cancelOnPush", update.cancel_on_push.map(Value::from)),
        ("separateBuild", update.separate_build.map(Value::from)),
        ("buildFlavor", update.build_flavor.clone().map(Value::from)),
    ];
    let body: Map<String, Value> = fields
        .into_iter()
        .filter_map(|(name, value)| Some((name.to_owned(), value?)))
        .collect();
    if body.is_empty() {
        return Err(Error::InvalidInput(
            "the application update changes nothing".into(),
        ));
    }
    Endpoint::new("PUT", path, "/v2/organisations/{id}/applications/{app}")
        .json_body(&Value::Object(body))
}

/// `DELETE /v2/organisations/{id}/applications/{app}`.
pub fn delete_application(owner_id: &str, application_id: &str) -> Result<Endpoint<()>, Error> {
    Ok(Endpoint::without_answer(
        "DELETE",
        application_path(owner_id, application_id)?,
        "/v2/organisations/{id}/applications/{app}",
    ))
}

/// The `deploymentId` of a redeploy's answer; `None` when the API does not send it.
fn deployment_id(response: &Response, _label: &'static str) -> Result<Option<String>, Error> {
    // The redeploy has started whatever the answer says: an answer without the id (or not
    // JSON at all) is no reason to report a failure.
    let answer: Option<Value> = serde_json::from_slice(&response.body).ok();
    Ok(answer
        .as_ref()
        .and_then(|answer| answer.get("deploymentId"))
        .and_then(Value::as_str)
        .map(str::to_owned))
}

/// `POST /v2/organisations/{id}/applications/{app}/instances`: redeploys the application,
/// `commit` if given (a hash), else the last one; answers the new deployment's id when the
/// API sends it.
pub fn redeploy_application(
    owner_id: &str,
    application_id: &str,
    commit: Option<&str>,
) -> Result<Endpoint<Option<String>>, Error> {
    let path = application_path(owner_id, application_id)? + "/instances";
    let endpoint = Endpoint::answering(
        "POST",
        path,
        "/v2/organisations/{id}/applications/{app}/instances",
        deployment_id,
    );
    Ok(match commit {
        Some(commit) if commit.trim().is_empty() => {
            return Err(Error::InvalidInput(
                "the commit to redeploy is empty".into(),
            ));
        }
        Some(commit) => endpoint.query("commit", commit),
        None => endpoint,
    })
}

/// `DELETE /v2/organisations/{id}/applications/{app}/instances`: stops every instance.
pub fn stop_application(owner_id: &str, application_id: &str) -> Result<Endpoint<()>, Error> {
    Ok(Endpoint::without_answer(
        "DELETE",
        application_path(owner_id, application_id)? + "/instances",
        "/v2/organisations/{id}/applications/{app}/instances",
    ))
}

/// `GET /v2/organisations/{id}/applications/{app}/deployments`, newest first; `limit` keeps
/// that many.
pub fn deployments(
    owner_id: &str,
    application_id: &str,
    limit: Option<u32>,
) -> Result<Endpoint<Vec<DeploymentRecord>>, Error> {
    let endpoint = Endpoint::new(
        "GET",
        application_path(owner_id, application_id)? + "/deployments",
        "/v2/organisations/{id}/applications/{app}/deployments",
    );
    Ok(match limit {
        Some(limit) => endpoint.query("limit", limit.to_string()),
        None => endpoint,
    })
}

/// `GET /v2/organisations/{id}/applications/{app}/env`: the application's own variables
/// (not those of linked add-ons).
pub fn environment(
    owner_id: &str,
    application_id: &str,
) -> Result<Endpoint<Vec<EnvironmentVariable>>, Error> {
    Ok(Endpoint::new(
        "GET",
        application_path(owner_id, application_id)? + "/env",
        "/v2/organisations/{id}/applications/{app}/env",
    ))
}

/// `PUT /v2/organisations/{id}/applications/{app}/env` with `{"NAME": "value", …}`: the
/// variables become exactly these. Refuses an invalid name, or one given twice, before any
/// request.
pub fn replace_environment<N: AsRef<str>, V: AsRef<str>>(
    owner_id: &str,
    application_id: &str,
    variables: impl IntoIterator<Item = (N, V)>,
) -> Result<Endpoint<()>, Error> {
    let path = application_path(owner_id, application_id)? + "/env";
    let body = environment_body(variables)?;
    Endpoint::without_answer("PUT", path, "/v2/organisations/{id}/applications/{app}/env")
        .json_body(&Value::Object(body))
}

/// `PUT /v2/organisations/{id}/applications/{app}/env/{name}` with `{"value": …}`: adds or
/// changes one variable. Refuses an invalid name before any request.
pub fn set_environment_variable(
    owner_id: &str,
    application_id: &str,
    name: &str,
    value: &str,
) -> Result<Endpoint<()>, Error> {
    let path = application_path(owner_id, application_id)?;
    let name = path_segment(environment_name(name)?, "environment variable name")?;
    Endpoint::without_answer(
        "PUT",
        format!("{path}/env/{name}"),
        "/v2/organisations/{id}/applications/{app}/env/{name}",
    )
    .json_body(&json!({ "value": value }))
}

/// `DELETE /v2/organisations/{id}/applications/{app}/env/{name}`.
pub fn remove_environment_variable(
    owner_id: &str,
    application_id: &str,
    name: &str,
) -> Result<Endpoint<()>, Error> {
    let path = application_path(owner_id, application_id)?;
    let name = path_segment(environment_name(name)?, "environment variable name")?;
    Ok(Endpoint::without_answer(
        "DELETE",
        format!("{path}/env/{name}"),
        "/v2/organisations/{id}/applications/{app}/env/{name}",
    ))
}

/// `GET /v2/organisations/{id}/applications/{app}/vhosts`: the domains routed to it.
pub fn domains(owner_id: &str, application_id: &str) -> Result<Endpoint<Vec<Vhost>>, Error> {
    Ok(Endpoint::new(
        "GET",
        application_path(owner_id, application_id)? + "/vhosts",
        "/v2/organisations/{id}/applications/{app}/vhosts",
    ))
}

/// `PUT /v2/organisations/{id}/applications/{app}/vhosts/{fqdn}`: routes a domain to the
/// application (a trailing `/` is ignored, a path suffix such as `example.com/api` kept).
pub fn add_domain(owner_id: &str, application_id: &str, fqdn: &str) -> Result<Endpoint<()>, Error> {
    let path = application_path(owner_id, application_id)?;
    Ok(Endpoint::without_answer(
        "PUT",
        format!("{path}/vhosts/{}", domain_segment(fqdn)?),
        "/v2/organisations/{id}/applications/{app}/vhosts/{fqdn}",
    ))
}

/// `DELETE /v2/organisations/{id}/applications/{app}/vhosts/{fqdn}`.
pub fn remove_domain(
    owner_id: &str,
    application_id: &str,
    fqdn: &str,
) -> Result<Endpoint<()>, Error> {
    let path = application_path(owner_id, application_id)?;
    Ok(Endpoint::without_answer(
        "DELETE",
        format!("{path}/vhosts/{}", domain_segment(fqdn)?),
        "/v2/organisations/{id}/applications/{app}/vhosts/{fqdn}",
    ))
}

/// The primary domain of a `vhosts/favourite` answer: one vhost, or a list of one (as some
/// deployments of the API answer, per the Python SDK), or nothing.
fn favourite(response: &Response, label: &'static str) -> Result<Option<Vhost>, Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Favourite {
        One(Vhost),
        Listed(Vec<Vhost>),
    }
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    Ok(match response.json(label)? {
        Favourite::One(vhost) => Some(vhost),
        Favourite::Listed(vhosts) => vhosts.into_iter().next(),
    })
}

/// `GET /v2/organisations/{id}/applications/{app}/vhosts/favourite`: the primary domain. With
/// none set, the API answers 404 with [`NO_PRIMARY_DOMAIN`] as its code.
pub fn primary_domain(
    owner_id: &str,
    application_id: &str,
) -> Result<Endpoint<Option<Vhost>>, Error> {
    Ok(Endpoint::answering(
        "GET",
        application_path(owner_id, application_id)? + "/vhosts/favourite",
        "/v2/organisations/{id}/applications/{app}/vhosts/favourite",
        favourite,
    ))
}

/// The API's code for "this application has no primary domain" (clever-tools reads it so).
pub const NO_PRIMARY_DOMAIN: &str = "4021";

/// `PUT /v2/organisations/{id}/applications/{app}/vhosts/favourite` with `{"fqdn": …}`.
pub fn set_primary_domain(
    owner_id: &str,
    application_id: &str,
    fqdn: &str,
) -> Result<Endpoint<()>, Error> {
    let path = application_path(owner_id, application_id)? + "/vhosts/favourite";
    let fqdn = fqdn.strip_suffix('/').unwrap_or(fqdn);
    if fqdn.trim().is_empty() {
        return Err(Error::InvalidInput("the primary domain is empty".into()));
    }
    Endpoint::without_answer(
        "PUT",
        path,
        "/v2/organisations/{id}/applications/{app}/vhosts/favourite",
    )
    .json_body(&json!({ "fqdn": fqdn }))
}

/// `GET /v2/organisations/{id}/addons`: every add-on of the owner.
pub fn addons(owner_id: &str) -> Result<Endpoint<Vec<Addon>>, Error> {
    let owner = path_segment(owner_id, "organisation id")?;
    Ok(Endpoint::new(
        "GET",
        format!("/v2/organisations/{owner}/addons"),
        "/v2/organisations/{id}/addons",
    ))
}

/// `GET /v2/organisations/{id}/applications/{app}/addons`: the add-ons linked to it.
pub fn application_addons(
    owner_id: &str,
    application_id: &str,
) -> Result<Endpoint<Vec<Addon>>, Error> {
    Ok(Endpoint::new(
        "GET",
        application_path(owner_id, application_id)? + "/addons",
        "/v2/organisations/{id}/applications/{app}/addons",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(endpoint: &Endpoint<impl Sized>) -> Value {
        serde_json::from_slice(&endpoint.request().body.expect("a body")).unwrap()
    }

    fn new_application() -> NewApplication {
        NewApplication {
            name: "api".into(),
            instance_type: "node".into(),
            instance_version: "20250101".into(),
            instance_variant: "variant-id".into(),
            ..NewApplication::default()
        }
    }

    #[test]
    fn creation_sends_clever_tools_body_with_the_api_defaults() {
        let endpoint = create_application("orga_1", &new_application()).unwrap();
        assert_eq!(
            endpoint.request().path,
            "/v2/organisations/orga_1/applications"
        );
        assert_eq!(
            body(&endpoint),
            json!({
                "name": "api", "description": "api", "deploy": "git", "branch": "master",
                "zone": "par", "instanceType": "node", "instanceVersion": "20250101",
                "instanceVariant": "variant-id", "minFlavor": "XS", "maxFlavor": "XS",
                "minInstances": 1, "maxInstances": 1,
            })
        );
        let with_extras = NewApplication {
            build_flavor: Some("M".into()),
            environment: vec![EnvironmentVariable {
                name: "PORT".into(),
                value: "8080".into(),
            }],
            ..new_application()
        };
        let sent = body(&create_application("orga_1", &with_extras).unwrap());
        assert_eq!(sent["env"], json!({"PORT": "8080"}));
        assert_eq!(sent["buildFlavor"], "M");
        assert_eq!(sent["separateBuild"], true);
    }

    #[test]
    fn creation_is_checked_before_any_request() {
        let refused = |new: NewApplication| {
            matches!(
                create_application("orga_1", &new),
                Err(Error::InvalidInput(_))
            )
        };
        assert!(refused(NewApplication {
            name: " ".into(),
            ..new_application()
        }));
        assert!(refused(NewApplication {
            instance_variant: String::new(),
            ..new_application()
        }));
        assert!(refused(NewApplication {
            min_instances: 0,
            ..new_application()
        }));
        assert!(refused(NewApplication {
            min_instances: 3,
            max_instances: 2,
            ..new_application()
        }));
        let bad_name = EnvironmentVariable {
            name: "A B".into(),
            value: String::new(),
        };
        assert!(refused(NewApplication {
            environment: vec![bad_name],
            ..new_application()
        }));
        assert!(matches!(
            create_application("..", &new_application()),
            Err(Error::InvalidInput(_))
        ));
    }

    #[test]
    fn updates_send_only_what_they_set() {
        let update = ApplicationUpdate {
            description: Some("the API".into()),
            max_instances: Some(4),
            force_https: Some(false),
            ..ApplicationUpdate::default()
        };
        let endpoint = update_application("orga_1", "app_1", &update).unwrap();
        assert_eq!(endpoint.request().method, "PUT");
        assert_eq!(
            body(&endpoint),
            json!({"description": "the API", "maxInstances": 4, "forceHttps": "DISABLED"})
        );
        assert!(update_application("orga_1", "app_1", &ApplicationUpdate::default()).is_err());
        let inverted = ApplicationUpdate {
            min_instances: Some(5),
            max_instances: Some(1),
            ..ApplicationUpdate::default()
        };
        assert!(update_application("orga_1", "app_1", &inverted).is_err());
    }

    #[test]
    fn environment_names_follow_clever_cloud_s_rule() {
        for name in ["PORT", "java.opts", "my-var", "_1"] {
            assert!(
                set_environment_variable("o", "a", name, "v").is_ok(),
                "{name}"
            );
        }
        for name in ["", "A B", "A=B", "A/B", "é", ".."] {
            assert!(
                matches!(
                    set_environment_variable("o", "a", name, "v"),
                    Err(Error::InvalidInput(_))
                ),
                "{name:?}"
            );
        }
        let replace = replace_environment("o", "a", [("B", "2"), ("A", "1")]).unwrap();
        assert_eq!(body(&replace), json!({"A": "1", "B": "2"}));
        assert!(replace_environment("o", "a", [("A", "1"), ("A", "2")]).is_err());
        let set = set_environment_variable("o", "a", "PORT", "8080").unwrap();
        assert_eq!(
            set.request().path,
            "/v2/organisations/o/applications/a/env/PORT"
        );
        assert_eq!(body(&set), json!({"value": "8080"}));
    }

    #[test]
    fn domains_are_escaped_and_favourite_is_not_one() {
        let added = add_domain("o", "a", "example.com/api/").unwrap();
        assert_eq!(
            added.request().path,
            "/v2/organisations/o/applications/a/vhosts/example.com%2Fapi"
        );
        assert_eq!(
            added.label(),
            "/v2/organisations/{id}/applications/{app}/vhosts/{fqdn}"
        );
        assert!(add_domain("o", "a", "favourite").is_err());
        assert!(remove_domain("o", "a", "..").is_err());
        let primary = set_primary_domain("o", "a", "www.example.com/").unwrap();
        assert_eq!(body(&primary), json!({"fqdn": "www.example.com"}));
    }

    #[test]
    fn queries_carry_the_commit_and_the_limit() {
        let redeploy = redeploy_application("o", "a", Some("abc123")).unwrap();
        assert_eq!(
            redeploy.request().query,
            vec![("commit".to_owned(), "abc123".to_owned())]
        );
        assert!(
            redeploy_application("o", "a", None)
                .unwrap()
                .request()
                .query
                .is_empty()
        );
        let listed = deployments("o", "a", Some(5)).unwrap();
        assert_eq!(
            listed.request().query,
            vec![("limit".to_owned(), "5".to_owned())]
        );
    }

    #[test]
    fn answers_without_the_usual_shape_still_read() {
        let response = |body: &str| Response {
            status: 200,
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        };
        let redeploy = redeploy_application("o", "a", None).unwrap();
        let started = r#"{"id":200,"message":"The application has been deployed","type":"success","deploymentId":"d-1"}"#;
        assert_eq!(
            redeploy.parse(&response(started)).unwrap().as_deref(),
            Some("d-1")
        );
        assert_eq!(redeploy.parse(&response("")).unwrap(), None);
        let primary = primary_domain("o", "a").unwrap();
        let one = Some(Vhost {
            fqdn: "www.example.com".into(),
        });
        assert_eq!(
            primary
                .parse(&response(r#"{"fqdn":"www.example.com"}"#))
                .unwrap(),
            one
        );
        assert_eq!(
            primary
                .parse(&response(r#"[{"fqdn":"www.example.com"}]"#))
                .unwrap(),
            one
        );
        assert_eq!(primary.parse(&response("")).unwrap(), None);
        assert!(primary.parse(&response("<html>")).is_err());
    }
}
