//! Typed calls for an application's life, each on its descriptor in [`crate::endpoints`]: the
//! instance catalogue, create, read, update, delete, redeploy, stop; its environment, domains,
//! deployments and add-ons. Owners are organisation ids (`orga_…`) or a user's id for their
//! personal applications, as for [`Client::applications`].

use crate::endpoints::{self, ApplicationUpdate, NewApplication};
use crate::models::{
    Addon, Application, DeploymentRecord, EnvironmentVariable, InstanceType, Vhost,
};
use crate::{Client, Error};

impl Client {
    /// `GET /v2/products/instances`: the instance catalogue, one entry per runtime and version.
    pub fn instance_types(&self) -> Result<Vec<InstanceType>, Error> {
        self.call(&endpoints::instance_types())
    }

    /// `GET /v2/organisations/{id}/applications/{app}`.
    pub fn application(&self, owner_id: &str, application_id: &str) -> Result<Application, Error> {
        self.call(&endpoints::application(owner_id, application_id)?)
    }

    /// `POST /v2/organisations/{id}/applications`; refuses an incomplete [`NewApplication`]
    /// before calling.
    pub fn create_application(
        &self,
        owner_id: &str,
        new: &NewApplication,
    ) -> Result<Application, Error> {
        self.call(&endpoints::create_application(owner_id, new)?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}`: changes the fields `update` sets.
    pub fn update_application(
        &self,
        owner_id: &str,
        application_id: &str,
        update: &ApplicationUpdate,
    ) -> Result<Application, Error> {
        self.call(&endpoints::update_application(
            owner_id,
            application_id,
            update,
        )?)
    }

    /// `DELETE /v2/organisations/{id}/applications/{app}`.
    pub fn delete_application(&self, owner_id: &str, application_id: &str) -> Result<(), Error> {
        self.call(&endpoints::delete_application(owner_id, application_id)?)
    }

    /// `POST /v2/organisations/{id}/applications/{app}/instances`: redeploys `commit`, or the
    /// last commit; returns the new deployment's id when the API gives it.
    pub fn redeploy_application(
        &self,
        owner_id: &str,
        application_id: &str,
        commit: Option<&str>,
    ) -> Result<Option<String>, Error> {
        self.call(&endpoints::redeploy_application(
            owner_id,
            application_id,
            commit,
        )?)
    }

    /// `DELETE /v2/organisations/{id}/applications/{app}/instances`: stops the application.
    pub fn stop_application(&self, owner_id: &str, application_id: &str) -> Result<(), Error> {
        self.call(&endpoints::stop_application(owner_id, application_id)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/deployments`, newest first, at most
    /// `limit` of them.
    pub fn deployments(
        &self,
        owner_id: &str,
        application_id: &str,
        limit: Option<u32>,
    ) -> Result<Vec<DeploymentRecord>, Error> {
        self.call(&endpoints::deployments(owner_id, application_id, limit)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/env`.
    pub fn environment(
        &self,
        owner_id: &str,
        application_id: &str,
    ) -> Result<Vec<EnvironmentVariable>, Error> {
        self.call(&endpoints::environment(owner_id, application_id)?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}/env`: the variables become exactly
    /// `variables` (name–value pairs: a map, a list of tuples). Refuses an invalid or repeated
    /// name before calling.
    pub fn replace_environment<N: AsRef<str>, V: AsRef<str>>(
        &self,
        owner_id: &str,
        application_id: &str,
        variables: impl IntoIterator<Item = (N, V)>,
    ) -> Result<(), Error> {
        self.call(&endpoints::replace_environment(
            owner_id,
            application_id,
            variables,
        )?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}/env/{name}`: adds or changes one
    /// variable. Names are letters, digits, `_`, `-` and `.`.
    pub fn set_environment_variable(
        &self,
        owner_id: &str,
        application_id: &str,
        name: &str,
        value: &str,
    ) -> Result<(), Error> {
        self.call(&endpoints::set_environment_variable(
            owner_id,
            application_id,
            name,
            value,
        )?)
    }

    /// `DELETE /v2/organisations/{id}/applications/{app}/env/{name}`.
    pub fn remove_environment_variable(
        &self,
        owner_id: &str,
        application_id: &str,
        name: &str,
    ) -> Result<(), Error> {
        self.call(&endpoints::remove_environment_variable(
            owner_id,
            application_id,
            name,
        )?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/vhosts`.
    pub fn domains(&self, owner_id: &str, application_id: &str) -> Result<Vec<Vhost>, Error> {
        self.call(&endpoints::domains(owner_id, application_id)?)
    }

    /// `PUT /v2/organisations/{id}/applications/{app}/vhosts/{fqdn}`.
    pub fn add_domain(
        &self,
        owner_id: &str,
        application_id: &str,
        fqdn: &str,
    ) -> Result<(), Error> {
        self.call(&endpoints::add_domain(owner_id, application_id, fqdn)?)
    }

    /// `DELETE /v2/organisations/{id}/applications/{app}/vhosts/{fqdn}`.
    pub fn remove_domain(
        &self,
        owner_id: &str,
        application_id: &str,
        fqdn: &str,
    ) -> Result<(), Error> {
        self.call(&endpoints::remove_domain(owner_id, application_id, fqdn)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/vhosts/favourite`: `None` when the
    /// application has no primary domain (the API's 404 with code
    /// [`endpoints::NO_PRIMARY_DOMAIN`]); any other 404, a missing application, stays
    /// [`Error::NotFound`].
    pub fn primary_domain(
        &self,
        owner_id: &str,
        application_id: &str,
    ) -> Result<Option<Vhost>, Error> {
        match self.call(&endpoints::primary_domain(owner_id, application_id)?) {
            Err(Error::NotFound {
                code: Some(code), ..
            }) if code == endpoints::NO_PRIMARY_DOMAIN => Ok(None),
            other => other,
        }
    }

    /// `PUT /v2/organisations/{id}/applications/{app}/vhosts/favourite`: makes `fqdn` (one of
    /// its domains) the primary one.
    pub fn set_primary_domain(
        &self,
        owner_id: &str,
        application_id: &str,
        fqdn: &str,
    ) -> Result<(), Error> {
        self.call(&endpoints::set_primary_domain(
            owner_id,
            application_id,
            fqdn,
        )?)
    }

    /// `GET /v2/organisations/{id}/addons`.
    pub fn addons(&self, owner_id: &str) -> Result<Vec<Addon>, Error> {
        self.call(&endpoints::addons(owner_id)?)
    }

    /// `GET /v2/organisations/{id}/applications/{app}/addons`: the add-ons linked to it.
    pub fn application_addons(
        &self,
        owner_id: &str,
        application_id: &str,
    ) -> Result<Vec<Addon>, Error> {
        self.call(&endpoints::application_addons(owner_id, application_id)?)
    }
}
