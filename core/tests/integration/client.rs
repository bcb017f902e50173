//! The client against the local stand-in API: every typed call, the generic request, and each
//! error, retry and redirect rule.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use cleverkit::oauth1::{Credentials, SignatureMethod};
use cleverkit::{ApiRequest, Client, ClientOptions, Error, NewApiToken};
use cleverkit_standin::{self as standin, Fault, FaultAction, Listener, StandIn};

use crate::common::{standin_options, user_credentials};

fn options(standin: &StandIn) -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(5),
        max_retry_wait: Duration::from_secs(3),
        ..standin_options(standin)
    }
}

fn oauth_client(standin: &StandIn) -> Client {
    Client::with_oauth1(
        user_credentials(SignatureMethod::HmacSha512),
        options(standin),
    )
    .unwrap()
}

fn token_client(standin: &StandIn) -> Client {
    Client::with_api_token(standin::API_TOKEN, options(standin)).unwrap()
}

fn authorization_of(request: &standin::RecordedRequest) -> Option<&str> {
    request.header("authorization")
}

const SECRETS: [&str; 3] = [
    standin::CONSUMER_SECRET,
    standin::USER_TOKEN_SECRET,
    standin::API_TOKEN,
];

fn assert_no_secret(error: &Error) {
    for shown in [error.to_string(), format!("{error:?}")] {
        for secret in SECRETS {
            assert!(!shown.contains(secret), "secret in {shown}");
        }
    }
}

#[test]
fn typed_calls_with_every_signature_method_and_with_an_api_token() {
    let standin = StandIn::start().unwrap();
    let mut clients: Vec<Client> = [
        SignatureMethod::Plaintext,
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha512,
    ]
    .into_iter()
    .map(|method| Client::with_oauth1(user_credentials(method), options(&standin)).unwrap())
    .collect();
    clients.push(token_client(&standin));
    for client in clients {
        let user = client.myself().unwrap();
        assert_eq!(user.id, standin::USER_ID);
        assert_eq!(user.email, standin::USER_EMAIL);
        assert!(user.creation_date.is_some());
        assert!(user.preferred_mfa.is_some(), "preferredMFA is read");
        let summary = client.summary().unwrap();
        assert!(
            summary
                .organisations
                .iter()
                .any(|org| org.id == standin::ORGANISATION_ID)
        );
        let zones = client.zones().unwrap();
        assert!(zones.iter().any(|zone| zone.name == "par"), "{zones:?}");
        let applications = client.applications(standin::ORGANISATION_ID).unwrap();
        assert!(!applications.is_empty());
        assert!(applications.iter().all(|app| app.id.starts_with("app_")));
    }
    let bridge_hits = standin
        .requests()
        .iter()
        .filter(|request| request.listener == Listener::Bridge)
        .count();
    assert_eq!(bridge_hits, 4, "the API token goes to the bridge");
}

#[test]
fn what_is_signed_is_what_is_sent() {
    let standin = StandIn::start().unwrap();
    let client = oauth_client(&standin);
    let request = ApiRequest::get("/v2/organisations/orga_x y/applications?sort=a+b&x=%2b")
        .query("q", "café & crème")
        .query("tag", "b")
        .query("tag", "a")
        .query("reserved", "*'()!~=:@/?");
    // Unknown organisation: a 404 means the signature was accepted.
    let error = client.request(&request).unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
    let sent = standin.requests().pop().unwrap();
    assert_eq!(
        sent.target,
        "/v2/organisations/orga_x%20y/applications?sort=a+b&x=%2B&q=caf%C3%A9%20%26%20cr%C3%A8me&tag=b&tag=a&reserved=%2A%27%28%29%21~%3D%3A%40%2F%3F"
    );
    let with_query = client
        .request(
            &ApiRequest::get("/v2/self")
                .query("a", "1 2")
                .query("a", "+"),
        )
        .unwrap();
    assert_eq!(with_query.status, 200);
}

#[test]
fn absolute_urls_only_on_configured_hosts_and_https_elsewhere() {
    let standin = StandIn::start().unwrap();
    let client = oauth_client(&standin);
    let absolute = format!("{}/v2/self", standin.api_url());
    assert_eq!(
        client.request(&ApiRequest::get(absolute)).unwrap().status,
        200
    );
    let foreign = format!("{}/v2/self", standin.foreign_url());
    let error = client.request(&ApiRequest::get(foreign)).unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(
        standin
            .requests()
            .iter()
            .all(|r| r.listener != Listener::Foreign)
    );

    let plain = ClientOptions {
        api_host: Some("http://api.example.com".into()),
        ..ClientOptions::default()
    };
    let error = Client::with_api_token("t0ken", plain).unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
}

#[test]
fn redirects_are_re_signed_on_the_same_host_and_bare_elsewhere() {
    let standin = StandIn::start().unwrap();
    let client = oauth_client(&standin);
    standin.inject(
        Fault::new(FaultAction::Redirect {
            status: 307,
            location: format!("{}/v2/self", standin.api_url()),
        })
        .on_path("/v2/summary"),
    );
    let user: cleverkit::models::User = client.get_json("/v2/summary").unwrap();
    assert_eq!(user.id, standin::USER_ID);
    let requests = standin.requests();
    let (first, second) = (&requests[0], &requests[1]);
    assert_ne!(authorization_of(first), authorization_of(second));
    assert!(authorization_of(second).unwrap().starts_with("OAuth "));

    standin.reset();
    standin.inject(Fault::new(FaultAction::Redirect {
        status: 302,
        location: format!("{}/elsewhere", standin.foreign_url()),
    }));
    let response = client.request(&ApiRequest::get("/v2/self")).unwrap();
    assert_eq!(response.status, 200);
    let foreign = standin
        .requests()
        .into_iter()
        .find(|request| request.listener == Listener::Foreign)
        .expect("the redirect was followed");
    assert_eq!(
        authorization_of(&foreign),
        None,
        "no credentials to another host"
    );

    standin.inject(Fault::new(FaultAction::RedirectLoop).times(0));
    let error = client.myself().unwrap_err();
    assert!(matches!(error, Error::InvalidResponse { .. }), "{error:?}");
    standin.reset();
    standin.inject(Fault::new(FaultAction::Redirect {
        status: 302,
        location: "http://example.com/x".into(),
    }));
    let error = client.myself().unwrap_err();
    assert!(error.to_string().contains("plain http"), "{error}");
}

#[test]
fn idempotent_calls_are_retried_with_fresh_signatures() {
    let standin = StandIn::start().unwrap();
    let client = oauth_client(&standin);
    standin.inject(
        Fault::new(FaultAction::Status {
            status: 503,
            retry_after: None,
            body: None,
        })
        .times(2),
    );
    client.myself().unwrap();
    let nonces: Vec<String> = standin
        .requests()
        .iter()
        .map(|request| authorization_of(request).unwrap().to_owned())
        .collect();
    assert_eq!(nonces.len(), 3);
    assert!(nonces[0] != nonces[1] && nonces[1] != nonces[2]);

    standin.reset();
    standin.inject(FaultAction::ResetBeforeHeaders);
    client.myself().unwrap();

    for as_date in [false, true] {
        // A date has whole seconds: two seconds ahead is at least one second of wait.
        let retry_after = if as_date {
            httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2))
        } else {
            "1".to_owned()
        };
        standin.reset();
        standin.inject(FaultAction::Status {
            status: 429,
            retry_after: Some(retry_after.clone()),
            body: None,
        });
        let started = Instant::now();
        client.zones().unwrap();
        assert!(
            started.elapsed() >= Duration::from_millis(900),
            "{retry_after}"
        );
    }

    standin.reset();
    standin.inject(FaultAction::Status {
        status: 429,
        retry_after: Some("3600".into()),
        body: None,
    });
    let error = client.zones().unwrap_err();
    assert!(
        matches!(error, Error::RateLimited { retry_after: Some(wait), .. } if wait == Duration::from_secs(3600)),
        "{error:?}"
    );
}

#[test]
fn post_is_not_retried_unless_asked() {
    let standin = StandIn::start().unwrap();
    let client = token_client(&standin);
    let fault = || {
        Fault::new(FaultAction::Status {
            status: 502,
            retry_after: None,
            body: None,
        })
    };
    standin.inject(fault());
    let post = ApiRequest::new("POST", "/v2/self").body("{}", "application/json");
    let error = client.request(&post).unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 502, .. }),
        "{error:?}"
    );
    assert_eq!(standin.requests().len(), 1);

    standin.reset();
    standin.inject(fault());
    let mut retried = ApiRequest::get("/v2/self");
    retried.method = "PATCH".into();
    retried.retry_non_idempotent = true;
    let _ = client.request(&retried);
    assert_eq!(standin.requests().len(), 2);
}

#[test]
fn each_error_status_is_its_own_variant_with_the_request_id() {
    let standin = StandIn::start().unwrap();
    let client = oauth_client(&standin);

    let error = client.applications("orga_unknown").unwrap_err();
    let Error::NotFound { request_id, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(request_id.is_some(), "Sozu-Id is surfaced");

    let wrong = Credentials::new(standin::CONSUMER_KEY, standin::CONSUMER_SECRET)
        .unwrap()
        .with_token(standin::USER_TOKEN, "not-the-secret");
    let error = Client::with_oauth1(wrong, options(&standin))
        .unwrap()
        .myself()
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Unauthorized {
                expired_at: None,
                ..
            }
        ),
        "{error:?}"
    );

    let expired = Credentials::new(standin::CONSUMER_KEY, standin::CONSUMER_SECRET)
        .unwrap()
        .with_token(
            standin::EXPIRED_USER_TOKEN,
            standin::EXPIRED_USER_TOKEN_SECRET,
        )
        .with_expiration(Some(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
        ));
    let error = Client::with_oauth1(expired, options(&standin))
        .unwrap()
        .myself()
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Unauthorized {
                expired_at: Some(_),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("expired"), "{error}");

    standin.inject(FaultAction::Status {
        status: 403,
        retry_after: None,
        body: None,
    });
    assert!(matches!(
        client.myself().unwrap_err(),
        Error::Forbidden { .. }
    ));

    standin.inject(FaultAction::Status {
        status: 500,
        retry_after: None,
        body: Some(
            r#"{"apiRequestId":"r-1","code":"clever.boom","context":{},"error":"It broke"}"#.into(),
        ),
    });
    let error = client.zones().unwrap_err();
    let Error::Http {
        status,
        code,
        message,
        body,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (*status, code.as_deref(), message.as_str()),
        (500, Some("clever.boom"), "It broke")
    );
    assert!(body.as_ref().unwrap().len() <= 4096);

    standin.inject(FaultAction::MalformedJson);
    let error = client.myself().unwrap_err();
    assert!(
        matches!(&error, Error::InvalidResponse { endpoint, .. } if endpoint == "/v2/self"),
        "{error:?}"
    );

    let small = ClientOptions {
        max_response_bytes: 64 * 1024,
        ..options(&standin)
    };
    standin.inject(FaultAction::HugeJson { bytes: 1024 * 1024 });
    let error = Client::with_api_token(standin::API_TOKEN, small)
        .unwrap()
        .myself()
        .unwrap_err();
    assert!(matches!(error, Error::InvalidResponse { .. }), "{error:?}");

    let quick = ClientOptions {
        timeout: Duration::from_millis(500),
        max_retries: 0,
        ..options(&standin)
    };
    standin.inject(FaultAction::Delay {
        before_headers: Duration::from_secs(3),
    });
    let started = Instant::now();
    let error = Client::with_api_token(standin::API_TOKEN, quick)
        .unwrap()
        .myself()
        .unwrap_err();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert!(started.elapsed() < Duration::from_millis(600));

    let refused = ClientOptions {
        api_host: Some("http://127.0.0.1:1".into()),
        max_retries: 1,
        ..options(&standin)
    };
    let error = Client::with_oauth1(user_credentials(SignatureMethod::HmacSha1), refused)
        .unwrap()
        .myself()
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_no_secret(&error);
}

#[test]
fn invoices_stream_to_the_destination_or_leave_nothing() {
    let standin = StandIn::start().unwrap();
    let client = oauth_client(&standin);
    let dir = tempfile::tempdir().unwrap();
    let destination = dir.path().join("invoice.pdf");
    let written = client
        .download_invoice(standin::ORGANISATION_ID, "1048576", &destination)
        .unwrap();
    assert_eq!(written, 1_048_576);
    let bytes = std::fs::read(&destination).unwrap();
    assert_eq!(bytes.len(), 1_048_576);
    assert!(bytes.starts_with(b"%PDF-"));
    let last = standin.requests().pop().unwrap();
    assert!(last.target.contains("/invoices/1048576.pdf"));
    assert_eq!(last.header("accept"), Some("application/pdf"));

    let legacy = dir.path().join("legacy.pdf");
    assert_eq!(
        client
            .download_invoice(standin::ORGANISATION_ID, "L4096", &legacy)
            .unwrap(),
        4096
    );

    // Cut every time: once more than the retries restart it.
    let broken = dir.path().join("broken.pdf");
    standin.inject(
        Fault::new(FaultAction::ResetMidBody {
            after_bytes: 100_000,
        })
        .on_path("/v4/billing")
        .times(4),
    );
    let error = client
        .download_invoice(standin::ORGANISATION_ID, "1048576", &broken)
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(!broken.exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");

    let error = client
        .download_invoice(standin::ORGANISATION_ID, "..", &broken)
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)));
    let error = client
        .download_invoice("../../v2/self", "1", &broken)
        .unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
    assert!(
        standin
            .requests()
            .pop()
            .unwrap()
            .target
            .contains("..%2F..%2Fv2%2Fself")
    );
}

/// A local failure is `Io`, says where, and never names the temporary file.
#[test]
fn a_download_into_a_missing_folder_is_an_io_error() {
    let standin = StandIn::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let destination = dir.path().join("missing").join("invoice.pdf");
    let error = oauth_client(&standin)
        .download_invoice(standin::ORGANISATION_ID, "4096", &destination)
        .unwrap_err();
    let Error::Io(message) = &error else {
        panic!("{error:?}")
    };
    assert!(message.contains("invoice.pdf"), "{message}");
    assert!(!message.contains(".cleverkit-download-"), "{message}");
    assert!(!message.contains(".part"), "{message}");
}

#[test]
fn api_tokens_lifecycle_on_the_bridge() {
    let standin = StandIn::start().unwrap();
    let client = token_client(&standin);
    let listed = client.list_api_tokens().unwrap();
    assert!(
        listed.iter().all(|token| token.expiration_date.is_some()),
        "{listed:?}"
    );

    let in_a_month = SystemTime::now() + Duration::from_secs(30 * 24 * 3600);
    let new = NewApiToken {
        email: standin::USER_EMAIL,
        password: standin::USER_PASSWORD,
        mfa_code: Some(standin::MFA_CODE),
        name: "ci",
        description: Some("CI job"),
        expires_at: in_a_month,
    };
    let created = client.create_api_token(&new).unwrap();
    assert!(!created.api_token().expose().is_empty());
    assert!(!format!("{created:?}").contains(created.api_token().expose()));
    let id = created.token.api_token_id.clone();

    let with_new_token =
        Client::with_api_token(created.api_token().expose(), options(&standin)).unwrap();
    assert_eq!(with_new_token.myself().unwrap().id, standin::USER_ID);

    let updated = client.update_api_token(&id, "ci-renamed", None).unwrap();
    assert_eq!(updated.name, "ci-renamed");
    client.revoke_api_token(&id).unwrap();
    assert!(
        client
            .list_api_tokens()
            .unwrap()
            .iter()
            .all(|token| token.api_token_id != id)
    );
    assert!(matches!(
        with_new_token.myself().unwrap_err(),
        Error::Unauthorized { .. }
    ));

    let before = standin.requests().len();
    let too_long = NewApiToken {
        expires_at: SystemTime::now() + Duration::from_secs(400 * 24 * 3600),
        ..new.clone()
    };
    assert!(matches!(
        client.create_api_token(&too_long),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(standin.requests().len(), before, "refused before calling");
    let wrong_password = NewApiToken {
        password: "nope",
        ..new
    };
    let error = client.create_api_token(&wrong_password).unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    assert!(!error.to_string().contains("nope"));
}

#[test]
fn one_client_shared_by_threads_reuses_connections() {
    let standin = StandIn::start().unwrap();
    let client = Arc::new(oauth_client(&standin));
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let client = Arc::clone(&client);
            std::thread::spawn(move || {
                for _ in 0..50 {
                    client.myself().unwrap();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let connections: std::collections::HashSet<u64> = standin
        .requests()
        .iter()
        .map(|request| request.connection)
        .collect();
    assert!(
        connections.len() <= 16,
        "{} connections for 400 requests",
        connections.len()
    );
}
