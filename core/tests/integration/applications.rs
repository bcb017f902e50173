//! The typed calls of an application's life against the stand-in: one application from the
//! catalogue to its deletion, the input refused before any request, faults on these
//! endpoints, and payloads shaped like the real API's.

use std::collections::BTreeMap;
use std::time::Duration;

use cleverkit::endpoints::{self, NO_PRIMARY_DOMAIN};
use cleverkit::models::{Addon, DeploymentRecord, EnvironmentVariable, InstanceType};
use cleverkit::oauth1::SignatureMethod;
use cleverkit::{ApplicationUpdate, Client, ClientOptions, Error, NewApplication};
use cleverkit_standin::{self as standin, Fault, FaultAction, StandIn};

use crate::common::{standin_options, user_credentials};

fn client(standin: &StandIn) -> Client {
    let options = ClientOptions {
        timeout: Duration::from_secs(5),
        ..standin_options(standin)
    };
    Client::with_oauth1(user_credentials(SignatureMethod::HmacSha512), options).unwrap()
}

fn names(variables: &[EnvironmentVariable]) -> Vec<(&str, &str)> {
    variables
        .iter()
        .map(|variable| (variable.name.as_str(), variable.value.as_str()))
        .collect()
}

fn fqdns(client: &Client, owner: &str, app: &str) -> Vec<String> {
    let domains = client.domains(owner, app).unwrap();
    domains.into_iter().map(|vhost| vhost.fqdn).collect()
}

/// The newest enabled entry of a runtime, as clever-tools picks one for `clever create`.
fn newest(catalogue: &[InstanceType], slug: &str) -> InstanceType {
    catalogue
        .iter()
        .filter(|entry| entry.enabled == Some(true))
        .filter(|entry| entry.variant.as_ref().and_then(|v| v.slug.as_deref()) == Some(slug))
        .max_by(|a, b| a.version.cmp(&b.version))
        .cloned()
        .expect("the catalogue has this runtime")
}

#[test]
fn the_life_of_one_application() {
    let standin = StandIn::start().unwrap();
    let client = client(&standin);
    let owner = standin::ORGANISATION_ID;

    // The catalogue, and an application of its newest Node.
    let catalogue = client.instance_types().unwrap();
    assert!(catalogue.iter().any(|entry| entry.enabled == Some(false)));
    let node = newest(&catalogue, "node");
    assert_eq!(node.version, "20250101");
    let new = NewApplication {
        environment: vec![EnvironmentVariable {
            name: "PORT".into(),
            value: "8080".into(),
        }],
        ..NewApplication::new("orders", &node)
    };
    let created = client.create_application(owner, &new).unwrap();
    let app = created.id.as_str();
    assert_eq!(created.name, "orders");
    assert_eq!(created.description.as_deref(), Some("orders"));
    assert_eq!(created.zone.as_deref(), Some("par"));
    let instance = created.instance.as_ref().unwrap();
    assert_eq!(instance.kind.as_deref(), Some("node"));
    assert_eq!(
        instance.variant.as_ref().unwrap().id,
        node.variant.as_ref().unwrap().id
    );
    assert_eq!(instance.min_flavor.as_ref().unwrap().name, "XS");

    // Listed with the others, and read alone.
    let listed = client.applications(owner).unwrap();
    assert_eq!(listed.len(), 3);
    assert!(listed.iter().any(|listed| listed.id == app));
    assert_eq!(client.application(owner, app).unwrap(), created);

    // Updated.
    let update = ApplicationUpdate {
        description: Some("order intake".into()),
        max_flavor: Some("M".into()),
        max_instances: Some(3),
        ..ApplicationUpdate::default()
    };
    let updated = client.update_application(owner, app, &update).unwrap();
    assert_eq!(updated.description.as_deref(), Some("order intake"));
    let instance = updated.instance.as_ref().unwrap();
    assert_eq!(instance.max_instances, Some(3));
    assert_eq!(instance.max_flavor.as_ref().unwrap().name, "M");
    assert_eq!(client.application(owner, app).unwrap(), updated);

    // The environment: set, read back, replaced, one removed.
    assert_eq!(
        names(&client.environment(owner, app).unwrap()),
        [("PORT", "8080")]
    );
    client
        .set_environment_variable(owner, app, "NODE_ENV", "production")
        .unwrap();
    assert_eq!(
        names(&client.environment(owner, app).unwrap()),
        [("NODE_ENV", "production"), ("PORT", "8080")]
    );
    let replacement = BTreeMap::from([("A", "1"), ("java.opts", "-Xmx1g"), ("B", "two words")]);
    client.replace_environment(owner, app, replacement).unwrap();
    assert_eq!(
        names(&client.environment(owner, app).unwrap()),
        [("A", "1"), ("B", "two words"), ("java.opts", "-Xmx1g")]
    );
    client.remove_environment_variable(owner, app, "A").unwrap();
    assert_eq!(
        names(&client.environment(owner, app).unwrap()),
        [("B", "two words"), ("java.opts", "-Xmx1g")]
    );
    assert!(matches!(
        client.remove_environment_variable(owner, app, "A"),
        Err(Error::NotFound { .. })
    ));

    // Domains, and the primary one.
    let default_domain = fqdns(&client, owner, app).remove(0);
    assert_eq!(client.primary_domain(owner, app).unwrap(), None);
    client.add_domain(owner, app, "orders.example.com").unwrap();
    client.add_domain(owner, app, "example.com/orders").unwrap();
    assert_eq!(
        fqdns(&client, owner, app),
        [
            default_domain.as_str(),
            "orders.example.com",
            "example.com/orders"
        ]
    );
    client
        .set_primary_domain(owner, app, "orders.example.com")
        .unwrap();
    assert_eq!(
        client.primary_domain(owner, app).unwrap().unwrap().fqdn,
        "orders.example.com"
    );
    // Removing the primary domain leaves none.
    client
        .remove_domain(owner, app, "orders.example.com")
        .unwrap();
    assert_eq!(client.primary_domain(owner, app).unwrap(), None);
    assert_eq!(
        fqdns(&client, owner, app),
        [default_domain.as_str(), "example.com/orders"]
    );

    // Nothing is deployed yet: a redeploy needs a commit; it shows in the deployments.
    assert!(client.deployments(owner, app, None).unwrap().is_empty());
    let commit = "0123456789abcdef0123456789abcdef01234567";
    let deployment_id = client
        .redeploy_application(owner, app, Some(commit))
        .unwrap()
        .expect("the API names the deployment");
    let deployments = client.deployments(owner, app, None).unwrap();
    assert_eq!(deployments.len(), 1);
    assert_eq!(deployments[0].uuid, deployment_id);
    assert_eq!(deployments[0].commit.as_deref(), Some(commit));
    assert_eq!(deployments[0].action.as_deref(), Some("DEPLOY"));
    assert!(deployments[0].date.is_some());
    let running = client.application(owner, app).unwrap();
    assert_eq!(running.state.as_deref(), Some("SHOULD_BE_UP"));
    assert_eq!(running.commit_id.as_deref(), Some(commit));

    // Stopped: the newest deployment is the undeploy, `limit` keeps it alone.
    client.stop_application(owner, app).unwrap();
    let newest_only = client.deployments(owner, app, Some(1)).unwrap();
    assert_eq!(newest_only.len(), 1);
    assert_eq!(newest_only[0].action.as_deref(), Some("UNDEPLOY"));
    assert_eq!(
        client.application(owner, app).unwrap().state.as_deref(),
        Some("SHOULD_BE_DOWN")
    );

    // Add-ons: the organisation's, and none linked to the new application.
    let addons = client.addons(owner).unwrap();
    assert_eq!(addons.len(), 1);
    assert_eq!(addons[0].provider.as_ref().unwrap().id, "postgresql-addon");
    assert!(client.application_addons(owner, app).unwrap().is_empty());
    let engine_api = listed
        .iter()
        .find(|listed| listed.name == "engine-api")
        .unwrap();
    assert_eq!(
        client.application_addons(owner, &engine_api.id).unwrap(),
        addons
    );

    // Deleted: every read is a 404 with the API's v2 error body.
    client.delete_application(owner, app).unwrap();
    assert_eq!(client.applications(owner).unwrap().len(), 2);
    let gone = client.application(owner, app).unwrap_err();
    let Error::NotFound { message, code, .. } = &gone else {
        panic!("expected NotFound, got {gone:?}");
    };
    assert_eq!(code.as_deref(), Some("4004"));
    assert!(message.contains(app), "{message}");
    for outcome in [
        client.environment(owner, app).map(drop),
        client.domains(owner, app).map(drop),
        client.primary_domain(owner, app).map(drop),
        client.deployments(owner, app, None).map(drop),
        client.delete_application(owner, app),
    ] {
        assert!(
            matches!(outcome, Err(Error::NotFound { ref code, .. }) if code.as_deref() == Some("4004")),
            "{outcome:?}"
        );
    }
}

#[test]
fn another_application_s_domain_and_a_foreign_owner_are_refused() {
    let standin = StandIn::start().unwrap();
    let client = client(&standin);
    let owner = standin::ORGANISATION_ID;
    let listed = client.applications(owner).unwrap();
    let (first, second) = (&listed[0].id, &listed[1].id);
    client.add_domain(owner, first, "shop.example.com").unwrap();
    assert!(matches!(
        client.add_domain(owner, second, "shop.example.com"),
        Err(Error::Http { status: 400, .. })
    ));
    // An application is found under its owner only.
    assert!(matches!(
        client.application(standin::USER_ID, first),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        client.addons("orga_unknown"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn input_that_cannot_be_sent_is_refused_before_any_request() {
    let standin = StandIn::start().unwrap();
    let client = client(&standin);
    let owner = standin::ORGANISATION_ID;
    let invalid = |outcome: Result<(), Error>| matches!(outcome, Err(Error::InvalidInput(_)));
    assert!(invalid(client.application("..", "app_1").map(drop)));
    assert!(invalid(client.application(owner, "").map(drop)));
    assert!(invalid(client.delete_application(owner, ".")));
    assert!(invalid(client.deployments("", "app_1", None).map(drop)));
    assert!(invalid(client.add_domain(owner, "app_1", "..")));
    assert!(invalid(client.add_domain(owner, "app_1", "favourite")));
    assert!(invalid(client.remove_domain(owner, "app_1", "")));
    assert!(invalid(client.set_environment_variable(
        owner,
        "app_1",
        "NOT VALID",
        "x"
    )));
    assert!(invalid(
        client.remove_environment_variable(owner, "app_1", "../x")
    ));
    assert!(invalid(client.replace_environment(
        owner,
        "app_1",
        [("A", "1"), ("A", "2")]
    )));
    assert!(invalid(
        client
            .redeploy_application(owner, "app_1", Some(" "))
            .map(drop)
    ));
    assert!(invalid(
        client
            .update_application(owner, "app_1", &ApplicationUpdate::default())
            .map(drop)
    ));
    // A catalogue entry without a variant id cannot make an application.
    let without_variant: InstanceType =
        serde_json::from_str(r#"{"type":"node","version":"1"}"#).unwrap();
    let new = NewApplication::new("x", &without_variant);
    assert!(invalid(client.create_application(owner, &new).map(drop)));
    assert!(standin.requests().is_empty(), "{:?}", standin.requests());
}

#[test]
fn faults_reach_these_endpoints_as_any_other() {
    let standin = StandIn::start().unwrap();
    let client = client(&standin);
    let owner = standin::ORGANISATION_ID;
    let app = client.applications(owner).unwrap()[0].id.clone();
    let env_path = format!("/v2/organisations/{owner}/applications/{app}/env");
    // A read is retried past a 503…
    standin.inject(
        Fault::new(FaultAction::Status {
            status: 503,
            retry_after: None,
            body: None,
        })
        .on_path(&env_path),
    );
    client.environment(owner, &app).unwrap();
    // …a creation is not (POST is not idempotent), and nothing is created.
    standin.inject(
        Fault::new(FaultAction::Status {
            status: 503,
            retry_after: None,
            body: None,
        })
        .on_path(format!("/v2/organisations/{owner}/applications")),
    );
    let node = newest(&client.instance_types().unwrap(), "node");
    let refused = client.create_application(owner, &NewApplication::new("x", &node));
    assert!(
        matches!(refused, Err(Error::Http { status: 503, .. })),
        "{refused:?}"
    );
    assert_eq!(client.applications(owner).unwrap().len(), 2);
    standin.inject(Fault::new(FaultAction::MalformedJson).on_path(&env_path));
    assert!(matches!(
        client.environment(owner, &app),
        Err(Error::InvalidResponse { .. })
    ));
}

#[test]
fn no_primary_domain_is_none_and_a_missing_application_is_not() {
    let standin = StandIn::start().unwrap();
    let client = client(&standin);
    let owner = standin::USER_ID;
    let app = &client.applications(owner).unwrap()[0].id;
    assert_eq!(client.primary_domain(owner, app).unwrap(), None);
    // The raw answer says why: the API's code for "no favourite vhost".
    let raw = client.request(&endpoints::primary_domain(owner, app).unwrap().request());
    assert!(
        matches!(&raw, Err(Error::NotFound { code: Some(code), .. }) if code == NO_PRIMARY_DOMAIN),
        "{raw:?}"
    );
    assert!(matches!(
        client.primary_domain(owner, "app_missing"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn real_looking_payloads_with_unknown_and_missing_fields_parse() {
    // From the shapes clever-client.js reads: extra fields, nulls, and fields left out.
    let catalogue: Vec<InstanceType> = serde_json::from_str(
        r#"[{"type":"node","version":"20250101","name":"Node","variant":{"id":"v-1","slug":"node","name":"Node","deployType":"node","logo":"x"},
            "enabled":true,"comingSoon":false,"maxInstances":40,"tags":["javascript"],"deployments":["git"],
            "flavors":[{"name":"XS","mem":1024,"cpus":1,"gpus":0,"price":0.1,"price_id":"apps.XS","machine_learning":false}],
            "defaultFlavor":{"name":"XS","mem":1024,"cpus":1},"buildFlavor":null,"somethingNew":[1,2]},
           {"type":"docker","version":"20250101","tags":"not a list","maxInstances":"forty"}]"#,
    )
    .unwrap();
    assert_eq!(catalogue[0].default_flavor.as_ref().unwrap().name, "XS");
    assert_eq!(catalogue[0].build_flavor, None);
    assert!(catalogue[1].tags.is_empty());
    assert_eq!(catalogue[1].max_instances, None);
    assert_eq!(
        NewApplication::new("x", &catalogue[0]).instance_variant,
        "v-1"
    );

    let deployments: Vec<DeploymentRecord> = serde_json::from_str(
        r#"[{"uuid":"d-2","id":7,"date":"2025-03-01T10:00:00Z","state":"WIP","action":"DEPLOY","commit":"abc","cause":"Git push","instances":2,"author":{"id":"user_1","name":"Ada"},"new":true},
            {"uuid":"d-1","date":1740823200000,"author":null}]"#,
    )
    .unwrap();
    assert_eq!(deployments[0].number, Some(7));
    assert_eq!(
        deployments[0].author.as_ref().unwrap().name.as_deref(),
        Some("Ada")
    );
    assert!(deployments[0].date.is_some() && deployments[1].date.is_some());
    assert_eq!(deployments[1].state, None);
    assert!(serde_json::from_str::<DeploymentRecord>(r#"{"id":1}"#).is_err());

    let addon: Addon = serde_json::from_str(
        r#"{"id":"addon_1","name":"db","realId":"postgresql_1","region":"par","zoneId":"z",
            "provider":{"id":"postgresql-addon","name":"PostgreSQL","plans":[],"regions":["par"]},
            "plan":{"id":"plan_1","slug":"dev","price":0,"features":[]},"creationDate":1710000000000,"configKeys":["A"]}"#,
    )
    .unwrap();
    assert_eq!(addon.zone.as_deref(), Some("par"));
    assert_eq!(addon.plan.as_ref().unwrap().slug.as_deref(), Some("dev"));
    assert_eq!(addon.config_keys, ["A"]);
    let bare: Addon = serde_json::from_str(r#"{"id":"addon_2","provider":"unexpected"}"#).unwrap();
    assert_eq!(bare.provider, None);

    let variables: Vec<EnvironmentVariable> =
        serde_json::from_str(r#"[{"name":"PORT","value":"8080","extra":1}]"#).unwrap();
    assert_eq!(names(&variables), [("PORT", "8080")]);
}

/// The operations added through the overlay alone: a list (`members`), a path with two ids
/// (`addon`, `addon_environment`), a record body (`add_tcp_redirection`) and its list (`tcp_redirections`).
#[test]
fn operations_added_by_an_overlay_entry() {
    use cleverkit::models::{NewTcpRedirection, OrganisationRole};

    let standin = StandIn::start().unwrap();
    let client = client(&standin);
    let owner = standin::ORGANISATION_ID;

    let members = client.members(owner).unwrap();
    assert_eq!(members.len(), 2);
    let admin = members[0].member.as_ref().unwrap();
    assert_eq!(admin.email, standin::USER_EMAIL);
    assert_eq!(members[0].role, Some(OrganisationRole::Admin));
    assert_eq!(members[1].role, Some(OrganisationRole::Developer));

    let addon = client.addon(owner, standin::ADDON_ID).unwrap();
    assert_eq!(addon.id, standin::ADDON_ID);
    assert!(matches!(
        client.addon(owner, "addon_nope"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        client.addon(owner, ".."),
        Err(Error::InvalidInput(_))
    ));
    let environment = client.addon_environment(owner, standin::ADDON_ID).unwrap();
    assert_eq!(environment.len(), addon.config_keys.len());
    assert!(
        environment
            .iter()
            .any(|v| v.name == "POSTGRESQL_ADDON_PORT" && v.value == "5432")
    );

    let app = &client.applications(owner).unwrap()[0].id;
    assert!(client.tcp_redirections(owner, app).unwrap().is_empty());
    let new = NewTcpRedirection {
        namespace: "cleverapps".into(),
        min_port: None,
        max_port: None,
    };
    let opened = client.add_tcp_redirection(owner, app, &new).unwrap();
    assert_eq!(
        (opened.namespace.as_str(), opened.port),
        ("cleverapps", 5000)
    );
    // The body is the schema's, with its property names and nothing for unset fields.
    let sent = standin
        .requests()
        .into_iter()
        .rfind(|request| request.method == "POST")
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&sent.body).unwrap(),
        serde_json::json!({"namespace": "cleverapps"})
    );
    assert_eq!(client.tcp_redirections(owner, app).unwrap(), [opened]);
    let refused = NewTcpRedirection {
        namespace: "nowhere".into(),
        ..new
    };
    assert!(matches!(
        client.add_tcp_redirection(owner, app, &refused),
        Err(Error::Http { status: 400, .. })
    ));
}

/// A redeploy waited for: `OK` returns the deployment, `FAIL` and a cancelled one end in
/// `Error::Deployment` naming it, a short timeout too (the deployment goes on), and a
/// cancellation stops the wait at once.
#[test]
fn waiting_for_a_deployment_ends_with_it() {
    use cleverkit::Cancellation;

    let standin = StandIn::start().unwrap();
    let client = client(&standin);
    let owner = standin::ORGANISATION_ID;
    let app = &client.applications(owner).unwrap()[0].id;
    let minute = Duration::from_secs(60);
    // Without a commit a redeploy deploys the last one, the failing one after the second.
    let commit = "0123456789abcdef0123456789abcdef01234567";

    let started = client
        .redeploy_application(owner, app, Some(commit))
        .unwrap()
        .unwrap();
    let mut states = Vec::new();
    let deployment = client
        .wait_for_deployment(owner, app, &started, minute, |d| {
            states.push(d.state.clone())
        })
        .unwrap();
    assert_eq!(deployment.uuid, started);
    assert_eq!(deployment.state.as_deref(), Some("OK"));
    assert_eq!(states, [Some("WIP".to_owned()), Some("OK".to_owned())]);

    let failing = format!(
        "{}0123456789abcdef0123456789abcdef0123",
        standin::FAILING_COMMIT_PREFIX
    );
    let started = client
        .redeploy_application(owner, app, Some(&failing))
        .unwrap()
        .unwrap();
    match client.wait_for_deployment(owner, app, &started, minute, |_| {}) {
        Err(Error::Deployment {
            deployment_id,
            state,
            timed_out: false,
        }) => assert_eq!(
            (deployment_id.as_str(), state.as_str()),
            (started.as_str(), "FAIL")
        ),
        other => panic!("{other:?}"),
    }

    let started = client
        .redeploy_application(owner, app, Some(commit))
        .unwrap()
        .unwrap();
    let timed_out = client.wait_for_deployment(owner, app, &started, Duration::ZERO, |_| {});
    assert!(
        matches!(&timed_out, Err(Error::Deployment { state, timed_out: true, .. }) if state == "WIP"),
        "{timed_out:?}"
    );
    client.cancel_deployment(owner, app, &started).unwrap();
    assert!(matches!(
        client.wait_for_deployment(owner, app, &started, minute, |_| {}),
        Err(Error::Deployment { state, timed_out: false, .. }) if state == "CANCELLED"
    ));

    // A deployment the API does not list (yet) is waited for until the timeout.
    let unknown =
        client.wait_for_deployment(owner, app, "d-unknown", Duration::from_millis(600), |_| {});
    assert!(matches!(
        unknown,
        Err(Error::Deployment { state, timed_out: true, .. }) if state == "not started"
    ));
    assert!(matches!(
        client.wait_for_deployment(owner, "app_nope", "d", minute, |_| {}),
        Err(Error::NotFound { .. })
    ));

    // A cancellation wakes the pause between two polls.
    let started = client
        .redeploy_application(owner, app, Some(commit))
        .unwrap()
        .unwrap();
    let cancellation = Cancellation::new();
    let cancelling = client.with_cancellation(&cancellation);
    let canceller = cancellation.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        canceller.cancel();
    });
    // Uncancelled, the poll after the first pause would find it `OK`.
    let outcome = cancelling.wait_for_deployment(owner, app, &started, minute, |_| {});
    assert!(matches!(outcome, Err(Error::Cancelled)), "{outcome:?}");
}
