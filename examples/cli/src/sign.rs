//! `cleverkit sign`: prints the `Authorization` header of a request, to debug a signature
//! mismatch or to hand-sign a request for another tool.

use clap::Args;
use cleverkit::oauth1::{self, Credentials, ProtocolParams, Request, SignatureMethod};

#[derive(Args)]
#[command(
    about = "Sign a request with OAuth 1.0a and print the Authorization header",
    after_help = "Examples:\n  cleverkit sign --method GET --url https://api.clever-cloud.com/v2/self \\\n    --consumer-key KEY --consumer-secret SECRET --token TOKEN --token-secret TOKEN_SECRET\n  cleverkit sign --method POST --url https://api.clever-cloud.com/v2/oauth/request_token \\\n    --consumer-key KEY --consumer-secret SECRET --oauth-param oauth_callback=oob --json"
)]
pub struct SignArgs {
    /// The HTTP method.
    #[arg(long, default_value = "GET")]
    method: String,
    /// Absolute URL with its query string.
    #[arg(long)]
    url: String,
    /// Request body; signed only with a form content type.
    #[arg(long)]
    body: Option<String>,
    /// The body's Content-Type (application/x-www-form-urlencoded bodies are signed).
    #[arg(long)]
    content_type: Option<String>,
    /// The OAuth consumer's key.
    #[arg(long)]
    consumer_key: String,
    /// The OAuth consumer's secret.
    #[arg(long)]
    consumer_secret: String,
    /// The user's token; needs --token-secret.
    #[arg(long)]
    token: Option<String>,
    /// The token's secret (alone, as RFC 5849 §3.4.4's PLAINTEXT example signs).
    #[arg(long)]
    token_secret: Option<String>,
    /// PLAINTEXT, HMAC-SHA1 or HMAC-SHA512.
    #[arg(long, default_value = "HMAC-SHA512")]
    signature_method: String,
    /// Fixed nonce (default: 128 random bits).
    #[arg(long)]
    nonce: Option<String>,
    /// Fixed Unix timestamp (default: now).
    #[arg(long)]
    timestamp: Option<u64>,
    /// A realm parameter for the header (never signed).
    #[arg(long)]
    realm: Option<String>,
    /// Extra protocol parameter such as oauth_callback=oob; repeatable.
    #[arg(long = "oauth-param", value_name = "NAME=VALUE")]
    oauth_params: Vec<String>,
    /// Leave out oauth_version="1.0".
    #[arg(long)]
    no_oauth_version: bool,
    /// Print {"authorization", "base_string", "signature"} as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: SignArgs) -> Result<(), cleverkit::Error> {
    let method: SignatureMethod = args.signature_method.parse()?;
    let credentials = Credentials::new(args.consumer_key, args.consumer_secret)?
        .with_signature_method(method)
        .with_optional_token(args.token, args.token_secret)?;
    let mut params = ProtocolParams::given_or_fresh(args.nonce, args.timestamp)?;
    params.realm = args.realm;
    params.include_version = !args.no_oauth_version;
    for pair in &args.oauth_params {
        let (name, value) = pair.split_once('=').ok_or_else(|| {
            cleverkit::Error::InvalidInput(format!("--oauth-param {pair:?} is not NAME=VALUE"))
        })?;
        params = params.with_param(name, value);
    }
    let mut request = Request::new(&args.method, &args.url);
    if let Some(body) = &args.body {
        request = request.with_body(body.as_bytes(), args.content_type.as_deref());
    }
    let signed = oauth1::sign(&request, &credentials, &params)?;
    if args.json {
        let json = serde_json::json!({
            "authorization": signed.authorization,
            "base_string": signed.base_string,
            "signature": signed.signature,
        });
        println!("{json:#}");
    } else {
        println!("{}", signed.authorization);
    }
    Ok(())
}
