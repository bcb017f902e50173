use cleverkit::oauth1::{Credentials, ProtocolParams, Request, SignatureMethod, sign};
use cleverkit_standin::{CONSUMER_KEY, CONSUMER_SECRET, StandIn, USER_ID};

use crate::support::{Connection, HttpResponse, call};

fn form_value(form: &str, name: &str) -> String {
    form.split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} in {form}"))
        .replace("%3A", ":")
}

fn consumer() -> Credentials {
    Credentials::new(CONSUMER_KEY, CONSUMER_SECRET).unwrap()
}

/// POSTs a form body signed by `credentials`, with `extra` protocol parameters.
fn signed_post_form(
    base_url: &str,
    target: &str,
    form: &str,
    credentials: &Credentials,
    extra: &[(&str, &str)],
) -> HttpResponse {
    let url = format!("{base_url}{target}");
    let content_type = "application/x-www-form-urlencoded";
    let mut params = ProtocolParams::fresh().unwrap();
    for (name, value) in extra {
        params = params.with_param(*name, *value);
    }
    let request = Request::new("POST", &url).with_body(form.as_bytes(), Some(content_type));
    let signed = sign(&request, credentials, &params).unwrap();
    Connection::open(base_url).request(
        "POST",
        target,
        &[
            ("Authorization", &signed.authorization),
            ("Content-Type", content_type),
        ],
        form.as_bytes(),
    )
}

#[test]
fn the_whole_dance_with_a_callback() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let issued = signed_post_form(
        &api,
        "/v2/oauth/request_token",
        "",
        &consumer(),
        &[("oauth_callback", "http://127.0.0.1:9/done?state=x")],
    );
    assert_eq!(issued.status(), 200, "{}", issued.text());
    assert_eq!(
        issued.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let form = issued.text();
    assert_eq!(form_value(&form, "oauth_callback_confirmed"), "true");
    let request_token = form_value(&form, "oauth_token");
    let request_secret = form_value(&form, "oauth_token_secret");

    let approved = call(
        &api,
        "GET",
        &format!("/v2/oauth/authorize?oauth_token={request_token}"),
        &[],
    );
    assert_eq!(approved.status(), 302);
    let location = approved.header("location").unwrap().to_owned();
    let prefix =
        format!("http://127.0.0.1:9/done?state=x&oauth_token={request_token}&oauth_verifier=");
    let verifier = location
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{location}"))
        .to_owned();

    let with_request_token = consumer().with_token(&request_token, request_secret.as_str());
    let wrong = signed_post_form(
        &api,
        "/v2/oauth/access_token",
        "",
        &with_request_token,
        &[("oauth_verifier", "wrong")],
    );
    assert_eq!(wrong.status(), 401, "{}", wrong.text());

    let granted = signed_post_form(
        &api,
        "/v2/oauth/access_token",
        "",
        &with_request_token,
        &[("oauth_verifier", &verifier)],
    );
    assert_eq!(granted.status(), 200, "{}", granted.text());
    let form = granted.text();
    let expiration = cleverkit::dates::parse_date(&form_value(&form, "expiration_date")).unwrap();
    let ahead = expiration
        .duration_since(std::time::SystemTime::now())
        .unwrap();
    assert!(ahead.as_secs() > 80 * 24 * 3600, "{form}");

    let user = consumer()
        .with_token(
            form_value(&form, "oauth_token"),
            form_value(&form, "oauth_token_secret"),
        )
        .with_signature_method(SignatureMethod::HmacSha1);
    let url = format!("{api}/v2/self");
    let signed = sign(
        &Request::new("GET", &url),
        &user,
        &ProtocolParams::fresh().unwrap(),
    )
    .unwrap();
    let me = call(
        &api,
        "GET",
        "/v2/self",
        &[("Authorization", &signed.authorization)],
    );
    assert_eq!(me.status(), 200, "{}", me.text());
    assert_eq!(me.json()["id"], USER_ID);

    let again = signed_post_form(
        &api,
        "/v2/oauth/access_token",
        "",
        &with_request_token,
        &[("oauth_verifier", &verifier)],
    );
    assert_eq!(again.status(), 401, "a request token is used once");
}

#[test]
fn the_out_of_band_dance_with_query_parameters() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    // Every protocol parameter in the query (RFC 5849 §3.5.3), none in a header.
    let path = "/v2/oauth/request_token_query";
    let signed = sign(
        &Request::new("POST", &format!("{api}{path}?oauth_callback=oob")),
        &consumer(),
        &ProtocolParams::fresh().unwrap(),
    )
    .unwrap();
    let query = cleverkit::pairs::form_encode(&signed.protocol_params());
    let issued = call(
        &api,
        "POST",
        &format!("{path}?oauth_callback=oob&{query}"),
        &[],
    );
    assert_eq!(issued.status(), 200, "{}", issued.text());
    let request_token = form_value(&issued.text(), "oauth_token");
    let request_secret = form_value(&issued.text(), "oauth_token_secret");

    let page = call(
        &api,
        "GET",
        &format!("/v2/oauth/authorize?oauth_token={request_token}"),
        &[],
    );
    assert_eq!(page.status(), 200);
    let verifier = page.text().lines().last().unwrap().to_owned();

    let granted = signed_post_form(
        &api,
        "/v2/oauth/access_token",
        "",
        &consumer().with_token(&request_token, request_secret.as_str()),
        &[("oauth_verifier", &verifier)],
    );
    assert_eq!(granted.status(), 200, "{}", granted.text());
}

#[test]
fn lists_rights_for_a_consumer() {
    let standin = StandIn::start().unwrap();
    let url = format!("{}/v2/oauth/rights", standin.api_url());
    let signed = sign(
        &Request::new("GET", &url),
        &consumer(),
        &ProtocolParams::fresh().unwrap(),
    )
    .unwrap();
    let rights = call(
        &standin.api_url(),
        "GET",
        "/v2/oauth/rights",
        &[("Authorization", &signed.authorization)],
    );
    assert_eq!(rights.status(), 200);
    assert!(rights.json().as_object().unwrap().contains_key("almighty"));
}

/// RFC 5849 §3.5: protocol parameters in one location only. A callback in the body beside a
/// signed header is refused, as oauthlib's request-token endpoint refuses it.
#[test]
fn protocol_parameters_split_between_header_and_body_are_refused() {
    let standin = StandIn::start().unwrap();
    let split = signed_post_form(
        &standin.api_url(),
        "/v2/oauth/request_token",
        "oauth_callback=oob",
        &consumer(),
        &[],
    );
    assert_eq!(split.status(), 400, "{}", split.text());
    assert!(
        split.text().contains("more than one location"),
        "{}",
        split.text()
    );
}

#[test]
fn the_current_token_is_the_one_the_dance_issued() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let issued = signed_post_form(
        &api,
        "/v2/oauth/request_token",
        "",
        &consumer(),
        &[("oauth_callback", "oob")],
    );
    let request_token = form_value(&issued.text(), "oauth_token");
    let request_secret = form_value(&issued.text(), "oauth_token_secret");
    let page = call(
        &api,
        "GET",
        &format!("/v2/oauth/authorize?oauth_token={request_token}"),
        &[],
    );
    let verifier = page.text().lines().last().unwrap().to_owned();
    let granted = signed_post_form(
        &api,
        "/v2/oauth/access_token",
        "",
        &consumer().with_token(&request_token, request_secret.as_str()),
        &[("oauth_verifier", &verifier)],
    );
    let form = granted.text();
    let token = form_value(&form, "oauth_token");
    let expiration = cleverkit::dates::parse_date(&form_value(&form, "expiration_date")).unwrap();

    let user = consumer().with_token(&token, form_value(&form, "oauth_token_secret"));
    let target = "/v2/self/tokens/current";
    let signed = sign(
        &Request::new("GET", &format!("{api}{target}")),
        &user,
        &ProtocolParams::fresh().unwrap(),
    )
    .unwrap();
    let current = call(
        &api,
        "GET",
        target,
        &[("Authorization", &signed.authorization)],
    );
    assert_eq!(current.status(), 200, "{}", current.text());
    let current = current.json();
    assert_eq!(current["token"], token.as_str());
    assert_eq!(current["consumer"]["key"], CONSUMER_KEY);
    // The expiry the dance announced, in epoch milliseconds like the API's other dates.
    let millis = |when: std::time::SystemTime| {
        when.duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64
    };
    assert_eq!(current["expirationDate"], millis(expiration));
    let created = current["creationDate"].as_u64().unwrap();
    let now = millis(std::time::SystemTime::now());
    assert!(created <= now && now - created < 60_000, "{current}");
    assert!(current["lastUtilisation"].as_u64().unwrap() >= created);
    assert!(
        current["rights"]
            .as_object()
            .unwrap()
            .contains_key("almighty")
    );
}
