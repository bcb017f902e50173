//! Waiting for a deployment to end: what CI scripts do after a redeploy, and what the API has no
//! call for (clever-tools #294, #318, #693: deployments that hang CI, no timeout, a wrong exit
//! code on failure).

use std::time::{Duration, Instant};

use crate::models::DeploymentRecord;
use crate::{Client, Error};

/// The first pause between two polls; each is longer, up to [`LONGEST_POLL_PAUSE`].
const FIRST_POLL_PAUSE: Duration = Duration::from_millis(500);
/// Deployments take minutes: a poll every 10 s at most says when one ends soon enough.
const LONGEST_POLL_PAUSE: Duration = Duration::from_secs(10);

/// How a deployment in `state` stands: `None` while it runs.
fn outcome(state: Option<&str>) -> Option<Result<(), &str>> {
    match state? {
        "OK" => Some(Ok(())),
        ended @ ("FAIL" | "CANCELLED") => Some(Err(ended)),
        _ => None,
    }
}

impl Client {
    /// The deployment, or none while the API does not list it yet; a missing application
    /// stays [`Error::NotFound`].
    fn find_deployment(
        &self,
        owner_id: &str,
        application_id: &str,
        deployment_id: &str,
    ) -> Result<Option<DeploymentRecord>, Error> {
        match self.deployment(owner_id, application_id, deployment_id) {
            Err(Error::NotFound { .. }) => {
                let recent = self.deployments(owner_id, application_id, Some(5))?;
                Ok(recent.into_iter().find(|d| d.uuid == deployment_id))
            }
            other => other.map(Some),
        }
    }

    /// Polls `GET /v2/organisations/{id}/applications/{appId}/deployments/{deploymentId}`
    /// until the deployment ends, with a pause that grows from 0.5 s to 10 s between polls,
    /// and returns it once `OK`. `progress` hears of the deployment at the first poll and at
    /// each change of its state.
    ///
    /// Ends in [`Error::Deployment`] naming the deployment and its state when it fails or is
    /// cancelled, or when `timeout` passes first (`timed_out`; the deployment itself goes on);
    /// in [`Error::Cancelled`] when this handle's cancellation stops the wait; in the call's own
    /// error when a poll fails (after its retries).
    pub fn wait_for_deployment(
        &self,
        owner_id: &str,
        application_id: &str,
        deployment_id: &str,
        timeout: Duration,
        mut progress: impl FnMut(&DeploymentRecord),
    ) -> Result<DeploymentRecord, Error> {
        let started = Instant::now();
        let mut pause = FIRST_POLL_PAUSE;
        let mut last_state: Option<Option<String>> = None;
        loop {
            // Just after a redeploy the API may not list the deployment yet (clever-tools waits
            // for it to appear the same way).
            let mut state = "not started".to_owned();
            if let Some(deployment) =
                self.find_deployment(owner_id, application_id, deployment_id)?
            {
                if last_state.as_ref() != Some(&deployment.state) {
                    progress(&deployment);
                    last_state = Some(deployment.state.clone());
                }
                match outcome(deployment.state.as_deref()) {
                    Some(Ok(())) => return Ok(deployment),
                    Some(Err(ended)) => {
                        return Err(Error::Deployment {
                            deployment_id: deployment_id.to_owned(),
                            state: ended.to_owned(),
                            timed_out: false,
                        });
                    }
                    None => state = deployment.state.unwrap_or_else(|| "unknown".into()),
                }
            }
            let left = timeout.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Err(Error::Deployment {
                    deployment_id: deployment_id.to_owned(),
                    state,
                    timed_out: true,
                });
            }
            self.pause(pause.min(left))?;
            pause = (pause * 2).min(LONGEST_POLL_PAUSE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ok_fail_and_cancelled_end_a_deployment() {
        assert_eq!(outcome(Some("OK")), Some(Ok(())));
        assert_eq!(outcome(Some("FAIL")), Some(Err("FAIL")));
        assert_eq!(outcome(Some("CANCELLED")), Some(Err("CANCELLED")));
        for running in [
            Some("WIP"),
            Some("TASK_RUNNING"),
            Some("SOMETHING_NEW"),
            None,
        ] {
            assert_eq!(outcome(running), None, "{running:?}");
        }
    }

    #[test]
    fn errors_name_the_deployment_and_its_state() {
        let error = |state: &str, timed_out| {
            Error::Deployment {
                deployment_id: "d-1".into(),
                state: state.into(),
                timed_out,
            }
            .to_string()
        };
        assert_eq!(error("FAIL", false), "deployment d-1 failed (FAIL)");
        assert_eq!(error("CANCELLED", false), "deployment d-1 was cancelled");
        assert_eq!(
            error("WIP", true),
            "deployment d-1 had not ended when the wait did (still WIP); it goes on"
        );
    }
}
