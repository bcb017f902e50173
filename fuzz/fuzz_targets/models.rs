//! `serde_json::from_slice` into every model type never panics (their lenient field readers
//! and date parsing included), nor does `Response::json`, nor `dates::parse_date`; the `Debug`
//! of a `CreatedApiToken` does not depend on the token's value; v2/v4 error bodies parse
//! without panicking.
#![no_main]

use cleverkit::Response;
use cleverkit::models::{
    AddonSummary, ApiToken, Application, ApplicationSummary, CreatedApiToken, Deployment, Flavor,
    Instance, InstanceVariant, OrganisationSummary, Summary, User, Vhost, Zone,
};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn parse<T: DeserializeOwned + std::fmt::Debug>(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(data) {
        let _ = format!("{value:?}");
    }
    let _ = serde_json::from_slice::<Vec<T>>(data);
}

fuzz_target!(|data: &[u8]| {
    parse::<User>(data);
    parse::<Summary>(data);
    parse::<OrganisationSummary>(data);
    parse::<ApplicationSummary>(data);
    parse::<AddonSummary>(data);
    parse::<Zone>(data);
    parse::<Application>(data);
    parse::<Instance>(data);
    parse::<InstanceVariant>(data);
    parse::<Flavor>(data);
    parse::<Deployment>(data);
    parse::<Vhost>(data);
    parse::<ApiToken>(data);
    parse::<CreatedApiToken>(data);
    let _ = cleverkit::client::ApiErrorBody::parse(data);

    let response = Response {
        status: 200,
        headers: Vec::new(),
        body: data.to_vec(),
    };
    if let Err(error) = response.json::<User>("/v2/self") {
        assert!(
            matches!(error, cleverkit::Error::InvalidResponse { .. }),
            "{error:?}"
        );
    }
    let _ = cleverkit::dates::parse_date(&String::from_utf8_lossy(data));

    // The token's value never shapes the Debug output.
    if let Ok(mut value) = serde_json::from_slice::<Value>(data)
        && value.is_object()
        && let Ok(created) = serde_json::from_value::<CreatedApiToken>(value.clone())
    {
        let shown = format!("{created:?}");
        value["apiToken"] = Value::String(format!("other-{}", created.api_token().expose()));
        if let Ok(other) = serde_json::from_value::<CreatedApiToken>(value) {
            assert_eq!(format!("{other:?}"), shown);
        }
    }
});
