//! Which application a command is about when it names none, or names it without its owner:
//! the linked one of clever-tools' `.clever.json`, an id found in `/v2/summary`, or a name
//! unique there — as clever-tools resolves them.

use std::path::{Path, PathBuf};

use cleverkit::Client;
use cleverkit::models::Summary;
use serde::Deserialize;

use crate::Failure;
use crate::exit::Exit;

/// clever-tools' `.clever.json`, as `clever link` writes it.
#[derive(Debug, Deserialize)]
struct LinkFile {
    #[serde(default)]
    apps: Vec<LinkedApp>,
    /// The `app_id` of the default application, `clever make-default`.
    #[serde(default)]
    default: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct LinkedApp {
    app_id: String,
    #[serde(default)]
    org_id: Option<String>,
    #[serde(default)]
    alias: Option<String>,
}

/// An application and its owner.
pub struct Resolved {
    pub owner: String,
    pub app: String,
}

fn own(exit: Exit, message: String) -> Failure {
    Failure::Own(exit, message)
}

/// The application `app` (an id, a name, or none for the linked one) of `org` (or of whichever
/// owner has it).
pub fn resolve(client: &Client, app: Option<&str>, org: Option<&str>) -> Result<Resolved, Failure> {
    let Some(app) = app else {
        let (path, linked) = linked_app()?;
        let owner = match (org, linked.org_id) {
            (Some(org), _) => org.to_owned(),
            (None, Some(owner)) => owner,
            (None, None) => client.myself()?.id,
        };
        log::debug!("application {} from {}", linked.app_id, path.display());
        return Ok(Resolved {
            owner,
            app: linked.app_id,
        });
    };
    if let (Some(org), true) = (org, is_id(app)) {
        return Ok(Resolved {
            owner: org.to_owned(),
            app: app.to_owned(),
        });
    }
    let summary: Summary = client.call(&cleverkit::endpoints::summary())?;
    find(&summary, app, org)
}

fn is_id(app: &str) -> bool {
    app.starts_with("app_")
}

/// `app` (id or name) among the summary's owners (only `org` when given).
fn find(summary: &Summary, app: &str, org: Option<&str>) -> Result<Resolved, Failure> {
    let by_id = is_id(app);
    let candidates: Vec<(&str, &str, &str)> = summary
        .organisations
        .iter()
        .filter(|owner| org.is_none_or(|org| owner.id == org))
        .flat_map(|owner| {
            owner
                .applications
                .iter()
                .map(move |application| (owner.id.as_str(), owner.name.as_str(), application))
        })
        .filter(|(_, _, application)| {
            if by_id {
                application.id == app
            } else {
                application.name == app
            }
        })
        .map(|(owner, owner_name, application)| (owner, owner_name, application.id.as_str()))
        .collect();
    let place = org.map_or_else(
        || "in any organisation you belong to".to_owned(),
        |org| format!("in {org}"),
    );
    match candidates.as_slice() {
        [(owner, _, id)] => Ok(Resolved {
            owner: (*owner).to_owned(),
            app: (*id).to_owned(),
        }),
        [] if by_id => Err(own(
            Exit::HttpError,
            format!("application {app} not found {place}"),
        )),
        [] => Err(own(
            Exit::HttpError,
            format!("no application named {app:?} {place}"),
        )),
        several => {
            let listed: Vec<String> = several
                .iter()
                .map(|(_, owner_name, id)| format!("{id} ({owner_name})"))
                .collect();
            Err(own(
                Exit::Usage,
                format!(
                    "{} applications are named {app:?}: give one's id: {}",
                    several.len(),
                    listed.join(", ")
                ),
            ))
        }
    }
}

/// The linked application: APP_CONFIGURATION_FILE, else the first `.clever.json` from here up.
fn linked_app() -> Result<(PathBuf, LinkedApp), Failure> {
    let path = match std::env::var_os("APP_CONFIGURATION_FILE") {
        Some(path) => Some(PathBuf::from(path)),
        None => std::env::current_dir().ok().and_then(|dir| {
            dir.ancestors()
                .map(|dir| dir.join(".clever.json"))
                .find(|path| path.is_file())
        }),
    };
    let Some(path) = path else {
        return Err(own(
            Exit::Usage,
            "which application? Give its id (app_…) or name, or run this in a folder linked \
             with `clever link` (.clever.json)"
                .to_owned(),
        ));
    };
    let linked = read_link_file(&path)?;
    let chosen = match (&linked.default, linked.apps.as_slice()) {
        (Some(default), apps) => apps.iter().find(|app| &app.app_id == default).cloned(),
        (None, [only]) => Some(only.clone()),
        (None, _) => None,
    };
    match chosen {
        Some(app) => Ok((path, app)),
        None if linked.apps.is_empty() || linked.default.is_some() => Err(own(
            Exit::Configuration,
            format!(
                "{} links no application{}",
                path.display(),
                linked
                    .default
                    .as_ref()
                    .map(|default| format!(" {default} (its default)"))
                    .unwrap_or_default()
            ),
        )),
        None => {
            let aliases: Vec<String> = linked
                .apps
                .iter()
                .map(|app| app.alias.clone().unwrap_or_else(|| app.app_id.clone()))
                .collect();
            Err(own(
                Exit::Usage,
                format!(
                    "{} links {} applications ({}): give the one you mean",
                    path.display(),
                    linked.apps.len(),
                    aliases.join(", ")
                ),
            ))
        }
    }
}

fn read_link_file(path: &Path) -> Result<LinkFile, Failure> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        own(
            Exit::CannotRead,
            format!("cannot read {}: {err}", path.display()),
        )
    })?;
    serde_json::from_str(&text).map_err(|err| {
        own(
            Exit::Configuration,
            format!(
                "{} is not clever-tools' .clever.json: {err}",
                path.display()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> Summary {
        serde_json::from_value(serde_json::json!({
            "user": {"id": "user_1", "email": "a@example.com"},
            "organisations": [
                {"id": "user_1", "name": "Personal", "applications": [
                    {"id": "app_1", "name": "api"}, {"id": "app_2", "name": "site"}]},
                {"id": "orga_1", "name": "Team", "applications": [
                    {"id": "app_3", "name": "api"}, {"id": "app_4", "name": "worker"}]},
            ],
        }))
        .unwrap()
    }

    fn found(app: &str, org: Option<&str>) -> Result<(String, String), String> {
        find(&summary(), app, org)
            .map(|resolved| (resolved.owner, resolved.app))
            .map_err(|failure| match failure {
                Failure::Own(exit, message) => format!("{}: {message}", exit.code()),
                _ => unreachable!(),
            })
    }

    #[test]
    fn ids_and_unique_names_find_their_owner() {
        let pair = |owner: &str, app: &str| Ok((owner.to_owned(), app.to_owned()));
        assert_eq!(found("app_4", None), pair("orga_1", "app_4"));
        assert_eq!(found("site", None), pair("user_1", "app_2"));
        assert_eq!(found("api", Some("orga_1")), pair("orga_1", "app_3"));
        let ambiguous = found("api", None).unwrap_err();
        assert!(
            ambiguous.starts_with("2: 2 applications are named \"api\"")
                && ambiguous.contains("app_1 (Personal), app_3 (Team)"),
            "{ambiguous}"
        );
        assert!(found("app_9", None).unwrap_err().starts_with("22: "));
        assert!(
            found("nope", None)
                .unwrap_err()
                .contains("no application named")
        );
        assert!(
            found("site", Some("orga_1"))
                .unwrap_err()
                .contains("in orga_1")
        );
    }
}
