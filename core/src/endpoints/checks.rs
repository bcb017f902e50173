//! What the description cannot say, for the generated endpoints (`crate::generated`): the
//! checks that refuse bad input before any request, the bodies the API wants in another shape
//! than the spec's, and the answers read another way than plain JSON. The overlay
//! (`core/api/overlay.toml`) names these functions.

use serde_json::{Map, Value, json};

use crate::client::path_segment;
use crate::models::{ApplicationUpdate, InstanceType, NewApplication, Vhost};
use crate::{Error, Response};

/// The size the Python SDK creates applications with when the catalogue names none.
const DEFAULT_FLAVOR: &str = "XS";

impl NewApplication {
    /// An application of this catalogue entry, sized as `clever create` sizes it (the entry's
    /// default size, one instance), in `par`. An entry without a variant id leaves
    /// `instance_variant` empty, which [`create_application`](crate::Client::create_application) refuses.
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
fn valid_environment_name(name: &str) -> Result<&str, Error> {
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
        let name = valid_environment_name(name.as_ref())?;
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
pub(crate) fn domain(fqdn: &str) -> Result<String, Error> {
    let fqdn = fqdn.strip_suffix('/').unwrap_or(fqdn);
    if fqdn == "favourite" {
        return Err(Error::InvalidInput(
            "\"favourite\" is not a domain name".into(),
        ));
    }
    path_segment(fqdn, "domain")
}

/// An environment variable's name as a path segment.
pub(crate) fn environment_name(name: &str) -> Result<String, Error> {
    path_segment(valid_environment_name(name)?, "environment variable name")
}

/// The body of `PUT …/env`.
pub(crate) fn environment<N: AsRef<str>, V: AsRef<str>>(
    variables: impl IntoIterator<Item = (N, V)>,
) -> Result<Value, Error> {
    Ok(Value::Object(environment_body(variables)?))
}

/// The commit a redeploy names, never empty.
pub(crate) fn commit(commit: &str) -> Result<&str, Error> {
    if commit.trim().is_empty() {
        return Err(Error::InvalidInput(
            "the commit to redeploy is empty".into(),
        ));
    }
    Ok(commit)
}

/// The body of `POST …/applications`, as `clever create` sends it. Refuses an empty name or
/// instance field, fewer than one instance, a minimum above the maximum and an invalid
/// environment variable name.
pub(crate) fn new_application(new: &NewApplication) -> Result<Value, Error> {
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
    Ok(body)
}

/// The body of `PUT …/applications/{appId}`: what `update` sets. Refuses an update that sets
/// nothing, an empty name and instance counts as [`new_application`] does.
pub(crate) fn application_update(update: &ApplicationUpdate) -> Result<Value, Error> {
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
    Ok(Value::Object(body))
}

/// The body of `PUT …/vhosts/favourite`.
pub(crate) fn primary_domain(fqdn: &str) -> Result<Value, Error> {
    let fqdn = fqdn.strip_suffix('/').unwrap_or(fqdn);
    if fqdn.trim().is_empty() {
        return Err(Error::InvalidInput("the primary domain is empty".into()));
    }
    Ok(json!({ "fqdn": fqdn }))
}

/// A JSON string body: what `link_addon` (the add-on's id) and `add_ssh_key` (the public
/// key) send, as clever-tools does. Refuses an empty value.
pub(crate) fn json_string(value: &str) -> Result<Value, Error> {
    if value.trim().is_empty() {
        return Err(Error::InvalidInput("the value sent is empty".into()));
    }
    Ok(Value::String(value.to_owned()))
}

/// The tags of a `PUT …/tags`, as a JSON list. Refuses an empty tag.
pub(crate) fn tags(tags: &[String]) -> Result<Value, Error> {
    if tags.iter().any(|tag| tag.trim().is_empty()) {
        return Err(Error::InvalidInput("a tag is empty".into()));
    }
    Ok(json!(tags))
}

/// The body of `PUT /self/emails/{email}`: `{"make_primary": true}` makes the (confirmed)
/// address the primary one, as clever-tools sends it; `{}` adds it.
pub(crate) fn email_address(make_primary: &bool) -> Result<Value, Error> {
    Ok(if *make_primary {
        json!({ "make_primary": true })
    } else {
        json!({})
    })
}

/// An answer the description does not describe (a bare `string`), as its JSON text; an empty
/// answer is `null`.
pub(crate) fn json_text(response: &Response, label: &'static str) -> Result<String, Error> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok("null".into());
    }
    let value: Value = response.json(label)?;
    Ok(value.to_string())
}

/// The `deploymentId` of a redeploy's answer; `None` when the API does not send it.
pub(crate) fn deployment_id(
    response: &Response,
    _label: &'static str,
) -> Result<Option<String>, Error> {
    // The redeploy has started whatever the answer says: an answer without the id (or not
    // JSON at all) is no reason to report a failure.
    let answer: Option<Value> = serde_json::from_slice(&response.body).ok();
    Ok(answer
        .as_ref()
        .and_then(|answer| answer.get("deploymentId"))
        .and_then(Value::as_str)
        .map(str::to_owned))
}

/// The primary domain of a `vhosts/favourite` answer: one vhost, or a list of one (as some
/// deployments of the API answer, per the Python SDK), or nothing.
pub(crate) fn favourite(response: &Response, label: &'static str) -> Result<Option<Vhost>, Error> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::*;
    use crate::models::EnvironmentVariable;

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
            "/v2/organisations/{id}/applications/{appId}/vhosts/{domain}"
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
        let primary = crate::endpoints::primary_domain("o", "a").unwrap();
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
