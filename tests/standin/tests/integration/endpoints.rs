use cleverkit_standin::{ORGANISATION_ID, StandIn, USER_ID};

use cleverkit::oauth1::{ProtocolParams, SignatureMethod};

use crate::support::{Connection, authorization, signed_get, user_credentials};

#[test]
fn self_carries_the_documented_fields_and_an_unknown_one() {
    let standin = StandIn::start().unwrap();
    let user = signed_get(&standin.api_url(), "/v2/self", &[]).json();
    for field in [
        "id",
        "email",
        "name",
        "phone",
        "address",
        "city",
        "zipcode",
        "country",
        "avatar",
        "creationDate",
        "lang",
        "emailValidated",
        "oauthApps",
        "admin",
        "canPay",
        "preferredMFA",
        "hasPassword",
        "standinUnknownField",
    ] {
        assert!(user.get(field).is_some(), "{field}");
    }
    assert!(user["creationDate"].is_u64());
}

#[test]
fn summary_zones_and_applications_agree() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let summary = signed_get(&api, "/v2/summary", &[]).json();
    let organisations = summary["organisations"].as_array().unwrap();
    let ids: Vec<&str> = organisations
        .iter()
        .map(|organisation| organisation["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [USER_ID, ORGANISATION_ID]);

    let zones = signed_get(&api, "/v4/products/zones", &[]).json();
    let zones = zones.as_array().unwrap();
    assert!(zones.len() >= 3);
    assert!(
        zones
            .iter()
            .any(|zone| zone["name"] == "par" && zone["lat"].is_f64())
    );
    assert!(zones.iter().any(|zone| zone.get("lat").is_none()));

    let target = format!("/v2/organisations/{ORGANISATION_ID}/applications?instanceId=x&page=2");
    let applications = signed_get(&api, &target, &[]).json();
    let summarised = &organisations[1]["applications"];
    assert_eq!(
        applications.as_array().unwrap().len(),
        summarised.as_array().unwrap().len()
    );
    assert_eq!(applications[0]["ownerId"], ORGANISATION_ID);
    assert_eq!(applications[0]["id"], summarised[0]["id"]);
    assert!(applications[0]["instance"]["minFlavor"]["name"].is_string());
    assert!(applications[0]["vhosts"][0]["fqdn"].is_string());
}

#[test]
fn unknown_organisations_and_paths_are_v2_404s() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    for target in [
        "/v2/organisations/orga_nope/applications",
        "/v2/nothing-here",
    ] {
        let response = signed_get(&api, target, &[]);
        assert_eq!(response.status(), 404);
        let body = response.json();
        assert_eq!(
            (body["id"].as_u64(), body["type"].as_str()),
            (Some(4004), Some("error"))
        );
    }
}

/// `curl -I`: every GET route answers HEAD with GET's head, Content-Length included, and no
/// body, so that the next response on the connection is read right.
#[test]
fn head_gets_the_head_of_get_and_no_body() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let credentials = user_credentials(SignatureMethod::HmacSha512);
    let mut connection = Connection::open(&api);
    for (target, status, length) in [
        (
            "/v2/self",
            200,
            signed_get(&api, "/v2/self", &[]).body.len(),
        ),
        (
            "/v4/billing/organisations/{ORGANISATION_ID}/invoices/5000.pdf",
            200,
            5000,
        ),
        // "no such endpoint: HEAD /v2/nothing-here" is one byte longer than GET's.
        (
            "/v2/nothing-here",
            404,
            signed_get(&api, "/v2/nothing-here", &[]).body.len() + 1,
        ),
    ] {
        let target = target.replace("{ORGANISATION_ID}", ORGANISATION_ID);
        let url = format!("{api}{target}");
        let signed = authorization(
            "HEAD",
            &url,
            &credentials,
            &ProtocolParams::fresh().unwrap(),
        );
        connection.send("HEAD", &target, &[("Authorization", &signed)], b"");
        let head = connection.read_head().unwrap();
        assert_eq!(head.status, status, "HEAD {target}");
        assert_eq!(
            head.header("content-length"),
            Some(length.to_string().as_str()),
            "HEAD {target}"
        );
    }
    // No body came after the heads: the next response on the connection starts cleanly.
    let signed = authorization(
        "GET",
        &format!("{api}/v2/self"),
        &credentials,
        &ProtocolParams::fresh().unwrap(),
    );
    let user = connection.request("GET", "/v2/self", &[("Authorization", &signed)], b"");
    assert_eq!(user.json()["id"], USER_ID);
    connection.send("HEAD", "/v2/self", &[], b"");
    let unsigned = connection.read_head().unwrap();
    assert_eq!(unsigned.status, 401, "HEAD is authenticated as GET is");
}

#[test]
fn invoices_are_as_long_as_their_number() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let pdf = [("Accept", "application/pdf")];
    let invoice = signed_get(
        &api,
        &format!("/v4/billing/organisations/{ORGANISATION_ID}/invoices/1048576.pdf"),
        &pdf,
    );
    assert_eq!(invoice.status(), 200);
    assert_eq!(invoice.header("content-type"), Some("application/pdf"));
    assert_eq!(invoice.body.len(), 1_048_576);
    assert!(invoice.body.starts_with(b"%PDF-1.4\n"));
    assert!(invoice.body.ends_with(b"%%EOF\n"));

    let tiny = signed_get(
        &api,
        &format!("/v4/billing/organisations/{USER_ID}/invoices/3.pdf"),
        &pdf,
    );
    assert_eq!(tiny.body.len(), 64);
}

#[test]
fn legacy_invoice_path_serves_what_the_new_one_does_not() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let new_path = format!("/v4/billing/organisations/{ORGANISATION_ID}/invoices/L4096.pdf");
    let missing = signed_get(&api, &new_path, &[]);
    assert_eq!(missing.status(), 404);
    let body = missing.json();
    assert_eq!(body["code"], "not-found");
    assert_eq!(
        body["apiRequestId"].as_str(),
        missing.header("sozu-id"),
        "the v4 body quotes the request id"
    );
    let legacy = signed_get(
        &api,
        &format!("/v4/billing/organisations/{ORGANISATION_ID}/L4096.pdf"),
        &[],
    );
    assert_eq!(legacy.status(), 200);
    assert_eq!(legacy.body.len(), 4096);
    let legacy_digits = signed_get(
        &api,
        &format!("/v4/billing/organisations/{ORGANISATION_ID}/100.pdf"),
        &[],
    );
    assert_eq!(legacy_digits.body.len(), 100);
}

#[test]
fn a_huge_invoice_is_streamed() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let target = format!("/v4/billing/organisations/{ORGANISATION_ID}/invoices/104857600.pdf");
    let url = format!("{api}{target}");
    let header = crate::support::authorization(
        "GET",
        &url,
        &crate::support::user_credentials(cleverkit::oauth1::SignatureMethod::HmacSha512),
        &cleverkit::oauth1::ProtocolParams::fresh().unwrap(),
    );
    let mut connection = Connection::open(&api);
    connection.send("GET", &target, &[("Authorization", &header)], b"");
    let head = connection.read_head().unwrap();
    assert_eq!(head.header("content-length"), Some("104857600"));
    drop(connection);
    // The server noticed the client leaving mid-body and still serves.
    assert_eq!(signed_get(&api, "/v2/self", &[]).status(), 200);
}
