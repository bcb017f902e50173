//! The application calls of `Client`, the core's own one for one: an application's life, its
//! environment, domains, deployments and add-ons.

use cleverkit::models::{
    Addon, Application, DeploymentRecord, EnvironmentVariable, InstanceType, Vhost,
};
use cleverkit::{ApplicationUpdate, NewApplication};

use crate::{AsyncClient, CleverError, Client};

#[uniffi::export]
impl Client {
    /// `GET /v2/products/instances`: the instance catalogue, one entry per runtime and
    /// version; `create_application` takes an entry's kind, version and variant id.
    ///
    /// Errors: `Unauthorized` (log in again), `Forbidden`, `NotFound`, `RateLimited` (wait),
    /// `Http`, `Transport` or `Timeout` (retry later), `InvalidResponse`.
    pub fn instance_types(&self) -> Result<Vec<InstanceType>, CleverError> {
        Ok(self.core()?.instance_types()?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}`: one application (the owner is an
    /// organisation id, or a user id for their personal ones).
    ///
    /// Errors: `InvalidInput` for an id that cannot be a path segment; `NotFound` when the
    /// owner has no such application; `Unauthorized` (log in again), `Forbidden`,
    /// `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later), `InvalidResponse`.
    pub fn application(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Application, CleverError> {
        Ok(self.core()?.application(&owner_id, &application_id)?)
    }

    /// `POST /v2/organisations/{id}/applications`: creates an application, returns it.
    ///
    /// Errors: `InvalidInput` for an empty name or instance field, fewer than one instance, a
    /// minimum above the maximum, an invalid environment variable name or an id that cannot
    /// be a path segment; `Http` (400) when the API refuses the application; `Unauthorized`
    /// (log in again), `Forbidden`, `NotFound`, `RateLimited` (wait), `Http`, `Transport` or
    /// `Timeout` (retry later: a creation is not retried by itself), `InvalidResponse`.
    pub fn create_application(
        &self,
        owner_id: String,
        new: NewApplication,
    ) -> Result<Application, CleverError> {
        Ok(self.core()?.create_application(&owner_id, &new)?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}`: changes the fields `update` sets,
    /// returns the application.
    ///
    /// Errors: `InvalidInput` for an update that sets nothing, an empty name, instance counts
    /// out of order or an id that cannot be a path segment; `NotFound` when the owner has no
    /// such application; `Unauthorized` (log in again), `Forbidden`, `RateLimited` (wait),
    /// `Http`, `Transport` or `Timeout` (retry later), `InvalidResponse`.
    pub fn update_application(
        &self,
        owner_id: String,
        application_id: String,
        update: ApplicationUpdate,
    ) -> Result<Application, CleverError> {
        Ok(self
            .core()?
            .update_application(&owner_id, &application_id, &update)?)
    }

    /// `DELETE /v2/organisations/{id}/applications/{app}`: deletes the application for good.
    ///
    /// Errors: `InvalidInput` for an id that cannot be a path segment; `NotFound` when the
    /// owner has no such application; `Unauthorized` (log in again), `Forbidden`,
    /// `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later).
    pub fn delete_application(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<(), CleverError> {
        Ok(self
            .core()?
            .delete_application(&owner_id, &application_id)?)
    }

    /// `POST /v2/organisations/{id}/applications/{app}/instances`: redeploys `commit`, or the
    /// last commit; returns the new deployment's id when the API gives it.
    ///
    /// Errors: `InvalidInput` for an empty commit or an id that cannot be a path segment;
    /// `NotFound` when the owner has no such application; `Unauthorized` (log in again),
    /// `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later: a
    /// redeploy is not retried by itself).
    #[uniffi::method(default(commit = None))]
    pub fn redeploy_application(
        &self,
        owner_id: String,
        application_id: String,
        commit: Option<String>,
    ) -> Result<Option<String>, CleverError> {
        Ok(self
            .core()?
            .redeploy_application(&owner_id, &application_id, commit.as_deref())?)
    }

    /// `DELETE /v2/organisations/{id}/applications/{app}/instances`: stops the application.
    ///
    /// Errors: `InvalidInput` for an id that cannot be a path segment; `NotFound` when the
    /// owner has no such application; `Unauthorized` (log in again), `Forbidden`,
    /// `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later).
    pub fn stop_application(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<(), CleverError> {
        Ok(self.core()?.stop_application(&owner_id, &application_id)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/deployments`: newest first, at most
    /// `limit`.
    ///
    /// Errors: `InvalidInput` for a negative limit or an id that cannot be a path segment;
    /// `NotFound` when the owner has no such application; `Unauthorized` (log in again),
    /// `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later),
    /// `InvalidResponse`.
    #[uniffi::method(default(limit = None))]
    pub fn deployments(
        &self,
        owner_id: String,
        application_id: String,
        limit: Option<i32>,
    ) -> Result<Vec<DeploymentRecord>, CleverError> {
        // Signed across the FFI (Java), never negative.
        let limit = limit
            .map(|limit| {
                u32::try_from(limit).map_err(|_| CleverError::InvalidInput {
                    detail: format!("limit {limit} is negative"),
                })
            })
            .transpose()?;
        Ok(self
            .core()?
            .deployments(&owner_id, &application_id, limit)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/env`: the application's variables.
    ///
    /// Errors: `InvalidInput` for an id that cannot be a path segment; `NotFound` when the
    /// owner has no such application; `Unauthorized` (log in again), `Forbidden`,
    /// `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later), `InvalidResponse`.
    pub fn environment(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Vec<EnvironmentVariable>, CleverError> {
        Ok(self.core()?.environment(&owner_id, &application_id)?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}/env`: the variables become exactly
    /// `variables`.
    ///
    /// Errors: `InvalidInput` for an invalid or repeated name, or an id that cannot be a path
    /// segment; `NotFound` when the owner has no such application; `Unauthorized` (log in
    /// again), `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry
    /// later).
    pub fn replace_environment(
        &self,
        owner_id: String,
        application_id: String,
        variables: Vec<EnvironmentVariable>,
    ) -> Result<(), CleverError> {
        let pairs = variables
            .into_iter()
            .map(|variable| (variable.name, variable.value));
        Ok(self
            .core()?
            .replace_environment(&owner_id, &application_id, pairs)?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}/env/{name}`: adds or changes one
    /// variable; names are letters, digits, `_`, `-` and `.`.
    ///
    /// Errors: `InvalidInput` for an invalid name or an id that cannot be a path segment;
    /// `NotFound` when the owner has no such application; `Unauthorized` (log in again),
    /// `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later).
    pub fn set_environment_variable(
        &self,
        owner_id: String,
        application_id: String,
        name: String,
        value: String,
    ) -> Result<(), CleverError> {
        Ok(self
            .core()?
            .set_environment_variable(&owner_id, &application_id, &name, &value)?)
    }

    /// `DELETE /v2/organisations/{id}/applications/{app}/env/{name}`.
    ///
    /// Errors: `InvalidInput` for an invalid name or an id that cannot be a path segment;
    /// `NotFound` when the application or the variable does not exist; `Unauthorized` (log in
    /// again), `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry
    /// later).
    pub fn remove_environment_variable(
        &self,
        owner_id: String,
        application_id: String,
        name: String,
    ) -> Result<(), CleverError> {
        Ok(self
            .core()?
            .remove_environment_variable(&owner_id, &application_id, &name)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/vhosts`: the domains routed to it.
    ///
    /// Errors: `InvalidInput` for an id that cannot be a path segment; `NotFound` when the
    /// owner has no such application; `Unauthorized` (log in again), `Forbidden`,
    /// `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later), `InvalidResponse`.
    pub fn domains(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Vec<Vhost>, CleverError> {
        Ok(self.core()?.domains(&owner_id, &application_id)?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}/vhosts/{fqdn}`: routes a domain to it.
    ///
    /// Errors: `InvalidInput` for a domain or id that cannot be a path segment (`favourite`
    /// included); `Http` (400) when the domain is invalid or another application's;
    /// `NotFound` when the owner has no such application; `Unauthorized` (log in again),
    /// `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later).
    pub fn add_domain(
        &self,
        owner_id: String,
        application_id: String,
        fqdn: String,
    ) -> Result<(), CleverError> {
        Ok(self.core()?.add_domain(&owner_id, &application_id, &fqdn)?)
    }

    /// `DELETE /v2/organisations/{id}/applications/{app}/vhosts/{fqdn}`.
    ///
    /// Errors: `InvalidInput` for a domain or id that cannot be a path segment; `NotFound`
    /// when the application or the domain does not exist; `Unauthorized` (log in again),
    /// `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later).
    pub fn remove_domain(
        &self,
        owner_id: String,
        application_id: String,
        fqdn: String,
    ) -> Result<(), CleverError> {
        Ok(self
            .core()?
            .remove_domain(&owner_id, &application_id, &fqdn)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/vhosts/favourite`: the primary domain,
    /// or none when the application has none.
    ///
    /// Errors: `InvalidInput` for an id that cannot be a path segment; `NotFound` when the
    /// owner has no such application; `Unauthorized` (log in again), `Forbidden`,
    /// `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later), `InvalidResponse`.
    pub fn primary_domain(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Option<Vhost>, CleverError> {
        Ok(self.core()?.primary_domain(&owner_id, &application_id)?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}/vhosts/favourite`: makes `fqdn`, one of
    /// its domains, the primary one.
    ///
    /// Errors: `InvalidInput` for an empty domain or an id that cannot be a path segment;
    /// `NotFound` when the application does not exist or the domain is not one of its;
    /// `Unauthorized` (log in again), `Forbidden`, `RateLimited` (wait), `Http`, `Transport`
    /// or `Timeout` (retry later).
    pub fn set_primary_domain(
        &self,
        owner_id: String,
        application_id: String,
        fqdn: String,
    ) -> Result<(), CleverError> {
        Ok(self
            .core()?
            .set_primary_domain(&owner_id, &application_id, &fqdn)?)
    }

    /// `GET /v2/organisations/{id}/addons`: every add-on of the owner.
    ///
    /// Errors: `InvalidInput` for an id that cannot be a path segment; `NotFound` when the
    /// owner does not exist; `Unauthorized` (log in again), `Forbidden`, `RateLimited` (wait),
    /// `Http`, `Transport` or `Timeout` (retry later), `InvalidResponse`.
    pub fn addons(&self, owner_id: String) -> Result<Vec<Addon>, CleverError> {
        Ok(self.core()?.addons(&owner_id)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/addons`: the add-ons linked to it.
    ///
    /// Errors: `InvalidInput` for an id that cannot be a path segment; `NotFound` when the
    /// owner has no such application; `Unauthorized` (log in again), `Forbidden`,
    /// `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later), `InvalidResponse`.
    pub fn application_addons(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Vec<Addon>, CleverError> {
        Ok(self
            .core()?
            .application_addons(&owner_id, &application_id)?)
    }
}

/// The same calls, awaited.
#[uniffi::export]
impl AsyncClient {
    /// As `Client.instance_types`.
    pub async fn instance_types(&self) -> Result<Vec<InstanceType>, CleverError> {
        self.run(Client::instance_types).await
    }

    /// As `Client.application`.
    pub async fn application(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Application, CleverError> {
        self.run(move |client| client.application(owner_id, application_id))
            .await
    }

    /// As `Client.create_application`.
    pub async fn create_application(
        &self,
        owner_id: String,
        new: NewApplication,
    ) -> Result<Application, CleverError> {
        self.run(move |client| client.create_application(owner_id, new))
            .await
    }

    /// As `Client.update_application`.
    pub async fn update_application(
        &self,
        owner_id: String,
        application_id: String,
        update: ApplicationUpdate,
    ) -> Result<Application, CleverError> {
        self.run(move |client| client.update_application(owner_id, application_id, update))
            .await
    }

    /// As `Client.delete_application`.
    pub async fn delete_application(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<(), CleverError> {
        self.run(move |client| client.delete_application(owner_id, application_id))
            .await
    }

    /// As `Client.redeploy_application`.
    #[uniffi::method(default(commit = None))]
    pub async fn redeploy_application(
        &self,
        owner_id: String,
        application_id: String,
        commit: Option<String>,
    ) -> Result<Option<String>, CleverError> {
        self.run(move |client| client.redeploy_application(owner_id, application_id, commit))
            .await
    }

    /// As `Client.stop_application`.
    pub async fn stop_application(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<(), CleverError> {
        self.run(move |client| client.stop_application(owner_id, application_id))
            .await
    }

    /// As `Client.deployments`.
    #[uniffi::method(default(limit = None))]
    pub async fn deployments(
        &self,
        owner_id: String,
        application_id: String,
        limit: Option<i32>,
    ) -> Result<Vec<DeploymentRecord>, CleverError> {
        self.run(move |client| client.deployments(owner_id, application_id, limit))
            .await
    }

    /// As `Client.environment`.
    pub async fn environment(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Vec<EnvironmentVariable>, CleverError> {
        self.run(move |client| client.environment(owner_id, application_id))
            .await
    }

    /// As `Client.replace_environment`.
    pub async fn replace_environment(
        &self,
        owner_id: String,
        application_id: String,
        variables: Vec<EnvironmentVariable>,
    ) -> Result<(), CleverError> {
        self.run(move |client| client.replace_environment(owner_id, application_id, variables))
            .await
    }

    /// As `Client.set_environment_variable`.
    pub async fn set_environment_variable(
        &self,
        owner_id: String,
        application_id: String,
        name: String,
        value: String,
    ) -> Result<(), CleverError> {
        self.run(move |client| {
            client.set_environment_variable(owner_id, application_id, name, value)
        })
        .await
    }

    /// As `Client.remove_environment_variable`.
    pub async fn remove_environment_variable(
        &self,
        owner_id: String,
        application_id: String,
        name: String,
    ) -> Result<(), CleverError> {
        self.run(move |client| client.remove_environment_variable(owner_id, application_id, name))
            .await
    }

    /// As `Client.domains`.
    pub async fn domains(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Vec<Vhost>, CleverError> {
        self.run(move |client| client.domains(owner_id, application_id))
            .await
    }

    /// As `Client.add_domain`.
    pub async fn add_domain(
        &self,
        owner_id: String,
        application_id: String,
        fqdn: String,
    ) -> Result<(), CleverError> {
        self.run(move |client| client.add_domain(owner_id, application_id, fqdn))
            .await
    }

    /// As `Client.remove_domain`.
    pub async fn remove_domain(
        &self,
        owner_id: String,
        application_id: String,
        fqdn: String,
    ) -> Result<(), CleverError> {
        self.run(move |client| client.remove_domain(owner_id, application_id, fqdn))
            .await
    }

    /// As `Client.primary_domain`.
    pub async fn primary_domain(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Option<Vhost>, CleverError> {
        self.run(move |client| client.primary_domain(owner_id, application_id))
            .await
    }

    /// As `Client.set_primary_domain`.
    pub async fn set_primary_domain(
        &self,
        owner_id: String,
        application_id: String,
        fqdn: String,
    ) -> Result<(), CleverError> {
        self.run(move |client| client.set_primary_domain(owner_id, application_id, fqdn))
            .await
    }

    /// As `Client.addons`.
    pub async fn addons(&self, owner_id: String) -> Result<Vec<Addon>, CleverError> {
        self.run(move |client| client.addons(owner_id)).await
    }

    /// As `Client.application_addons`.
    pub async fn application_addons(
        &self,
        owner_id: String,
        application_id: String,
    ) -> Result<Vec<Addon>, CleverError> {
        self.run(move |client| client.application_addons(owner_id, application_id))
            .await
    }
}
