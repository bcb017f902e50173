//! The OAuth dance and the loopback login helper.

use std::sync::Arc;
use std::time::Duration;

use cleverkit::Cancellation;
use cleverkit::dance;

use crate::client::{ClientOptions, core_options};
use cleverkit::oauth1::SignatureMethod;

use crate::workers::Workers;
use crate::{CleverError, OAuth1Credentials};

/// A temporary token from the dance's first step; its secret never prints.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct RequestToken {
    pub(crate) inner: dance::RequestToken,
}

#[uniffi::export]
impl RequestToken {
    pub fn token(&self) -> String {
        self.inner.token.clone()
    }
}

/// The three steps of OAuth 1.0a for one consumer and callback (`oob` when there is none).
#[derive(Debug, uniffi::Object)]
pub struct OAuthDance {
    inner: dance::OAuthDance,
}

#[uniffi::export]
impl OAuthDance {
    /// Errors: `InvalidInput` for an empty consumer key or callback; `Config` or `InvalidInput`
    /// when an option is unusable (a host with a path, a certificate rustls refuses, a negative
    /// count).
    #[uniffi::constructor(default(signature_method = None, options = None))]
    pub fn new(
        consumer_key: String,
        consumer_secret: String,
        callback: String,
        signature_method: Option<SignatureMethod>,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        let inner = dance::OAuthDance::new(
            &consumer_key,
            &consumer_secret,
            &callback,
            signature_method.unwrap_or_default(),
            core_options(options)?,
        )?;
        Ok(Arc::new(OAuthDance { inner }))
    }

    /// Step 1: a request token.
    ///
    /// Errors: `OAuth` (step `RequestToken`) when the provider refuses; `Timeout`, `RateLimited`,
    /// `Transport` as themselves, since a retry may cure them.
    pub fn request_token(&self) -> Result<Arc<RequestToken>, CleverError> {
        let inner = self.inner.request_token()?;
        Ok(Arc::new(RequestToken { inner }))
    }

    /// Step 2: the page to open in the user's browser.
    pub fn authorization_url(&self, request_token: Arc<RequestToken>) -> String {
        self.inner.authorization_url(&request_token.inner)
    }

    /// The verifier from the URL the browser came back to; refuses a callback whose
    /// `oauth_token` is not the request token.
    ///
    /// Errors: `OAuth` (step `Callback`) when the URL has no verifier or its token is not the
    /// request token.
    pub fn verify_callback(
        &self,
        callback_url: String,
        request_token: Arc<RequestToken>,
    ) -> Result<String, CleverError> {
        Ok(self
            .inner
            .verify_callback(&callback_url, &request_token.inner)?)
    }

    /// Step 1, awaited (on a thread of its own; cancelling the task stops the request).
    ///
    /// Errors: as `request_token`.
    pub async fn request_token_async(&self) -> Result<Arc<RequestToken>, CleverError> {
        let dance = self.inner.clone();
        let inner = on_own_thread(move |cancellation| {
            dance.with_cancellation(cancellation).request_token()
        })
        .await?;
        Ok(Arc::new(RequestToken { inner }))
    }

    /// Step 3, awaited (on a thread of its own; cancelling the task stops the request).
    ///
    /// Errors: as `access_token`.
    pub async fn access_token_async(
        &self,
        request_token: Arc<RequestToken>,
        verifier: String,
    ) -> Result<Arc<OAuth1Credentials>, CleverError> {
        let dance = self.inner.clone();
        let credentials = on_own_thread(move |cancellation| {
            dance
                .with_cancellation(cancellation)
                .access_token(&request_token.inner, &verifier)
        })
        .await?;
        Ok(OAuth1Credentials::wrap(credentials))
    }

    /// Step 3: the user's credentials, with their expiration date.
    ///
    /// Errors: `OAuth` (step `AccessToken`) when the provider refuses the verifier or the token;
    /// `Timeout`, `RateLimited`, `Transport` as themselves.
    pub fn access_token(
        &self,
        request_token: Arc<RequestToken>,
        verifier: String,
    ) -> Result<Arc<OAuth1Credentials>, CleverError> {
        let credentials = self.inner.access_token(&request_token.inner, &verifier)?;
        Ok(OAuth1Credentials::wrap(credentials))
    }
}

/// Opens the authorization page: starts a browser, or shows the URL to the user. Called on a
/// thread of its own; it should return once the page is handed over. An error (any exception)
/// ends the login at once with `CleverError.OAuth` at the `callback` step, naming the cause.
#[uniffi::export(callback_interface)]
pub trait UrlOpener: Send + Sync {
    fn open_url(&self, url: String) -> Result<(), CleverError>;
}

/// The whole dance for a desktop app: a callback on `http://127.0.0.1:PORT/callback`, the
/// authorization URL handed to `opener`, and the user's credentials once the browser comes
/// back (within `timeout`, by default the core's `DEFAULT_LOGIN_TIMEOUT`, 5 minutes).
///
/// Errors: `OAuth` for the step that failed, the opener's failure (step `Callback`) or no
/// callback within `timeout`; `Timeout`, `RateLimited`, `Transport` as themselves; `Config` or
/// `InvalidInput` when an option is unusable (a host with a path, a certificate rustls refuses, a
/// negative count).
#[uniffi::export(default(signature_method = None, options = None, timeout = None))]
pub fn login_with_loopback(
    consumer_key: String,
    consumer_secret: String,
    opener: Box<dyn UrlOpener>,
    signature_method: Option<SignatureMethod>,
    options: Option<ClientOptions>,
    timeout: Option<Duration>,
) -> Result<Arc<OAuth1Credentials>, CleverError> {
    let arguments = LoopbackLogin {
        consumer_key,
        consumer_secret,
        opener,
        signature_method,
        options,
        timeout,
    };
    arguments.run(&Cancellation::new())
}

/// `login_with_loopback`, awaited: it waits for the browser on a thread of its own, and
/// cancelling the task stops the wait and closes the loopback listener.
///
/// Errors: as `login_with_loopback`.
#[uniffi::export(default(signature_method = None, options = None, timeout = None))]
pub async fn login_with_loopback_async(
    consumer_key: String,
    consumer_secret: String,
    opener: Box<dyn UrlOpener>,
    signature_method: Option<SignatureMethod>,
    options: Option<ClientOptions>,
    timeout: Option<Duration>,
) -> Result<Arc<OAuth1Credentials>, CleverError> {
    let arguments = LoopbackLogin {
        consumer_key,
        consumer_secret,
        opener,
        signature_method,
        options,
        timeout,
    };
    on_own_thread(move |cancellation| arguments.run(cancellation)).await
}

/// The arguments of both loopback logins.
struct LoopbackLogin {
    consumer_key: String,
    consumer_secret: String,
    opener: Box<dyn UrlOpener>,
    signature_method: Option<SignatureMethod>,
    options: Option<ClientOptions>,
    timeout: Option<Duration>,
}

impl LoopbackLogin {
    fn run(self, cancellation: &Cancellation) -> Result<Arc<OAuth1Credentials>, CleverError> {
        let opener = self.opener;
        let credentials = dance::OAuthDance::login_with_loopback_cancellable(
            &self.consumer_key,
            &self.consumer_secret,
            self.signature_method.unwrap_or_default(),
            core_options(self.options)?,
            move |url| opener.open_url(url).map_err(cleverkit::Error::from),
            match self.timeout {
                Some(timeout) => crate::client::finite("timeout", timeout)?,
                None => dance::DEFAULT_LOGIN_TIMEOUT,
            },
            cancellation,
        )?;
        Ok(OAuth1Credentials::wrap(credentials))
    }
}

/// A step of the dance on a thread of its own: logins are rare, and one may wait minutes for
/// its user, which a shared pool's thread should not.
async fn on_own_thread<T: Send + 'static>(
    step: impl FnOnce(&Cancellation) -> T + Send + 'static,
) -> T {
    Workers::new(1).run_cancellable(step).await
}
