"""Waiting for a deployment, as CI scripts do after a redeploy: the stand-in keeps a redeploy
`WIP` for 400 ms, then `OK`, or `FAIL` for a commit starting `fa11`."""

from __future__ import annotations

import asyncio
import datetime

import pytest
from support import StandIn

import cleverkit

MINUTE = datetime.timedelta(minutes=1)
FAILING = "fa11" + "0123456789abcdef0123456789abcdef0123"
# A redeploy without a commit deploys the last one: maybe another test's failing one.
COMMIT = "0123456789abcdef0123456789abcdef01234567"


class States(cleverkit.DeploymentProgress):
    def __init__(self) -> None:
        self.seen: list[str | None] = []

    def on_state(self, deployment: cleverkit.DeploymentRecord) -> None:
        self.seen.append(deployment.state)


def first_app(client: cleverkit.Client, owner: str) -> str:
    return client.applications(owner)[0].id


def test_a_redeploy_waited_for_until_ok(standin: StandIn) -> None:
    owner = standin.organisation_id
    with standin.oauth_client() as client:
        app = first_app(client, owner)
        deployment_id = client.redeploy_application(owner, app, COMMIT)
        assert deployment_id is not None
        states = States()
        done = client.wait_for_deployment(owner, app, deployment_id, MINUTE, states)
        assert (done.uuid, done.state) == (deployment_id, "OK")
        assert states.seen == ["WIP", "OK"]


def test_a_failed_or_unfinished_deployment_is_a_typed_error(standin: StandIn) -> None:
    owner = standin.organisation_id
    with standin.oauth_client() as client:
        app = first_app(client, owner)
        failing = client.redeploy_application(owner, app, FAILING)
        assert failing is not None
        with pytest.raises(cleverkit.CleverError.Deployment) as failed:
            client.wait_for_deployment(owner, app, failing, MINUTE)
        assert (failed.value.deployment_id, failed.value.state) == (failing, "FAIL")
        assert not failed.value.timed_out
        assert str(failed.value) == f"deployment {failing} failed (FAIL)"

        running = client.redeploy_application(owner, app, COMMIT)
        assert running is not None
        with pytest.raises(cleverkit.CleverError.Deployment) as unfinished:
            client.wait_for_deployment(owner, app, running, datetime.timedelta(0))
        assert unfinished.value.timed_out and unfinished.value.state == "WIP"


def test_awaited_and_cancelled(standin: StandIn) -> None:
    owner = standin.organisation_id

    async def main() -> None:
        async with standin.oauth_client().async_client() as client:
            app = (await client.applications(owner))[0].id
            deployment_id = await client.redeploy_application(owner, app, COMMIT)
            assert deployment_id is not None
            done = await client.wait_for_deployment(owner, app, deployment_id, MINUTE)
            assert done.state == "OK"
            # A wait given up by its task: the next poll would have found it OK.
            deployment_id = await client.redeploy_application(owner, app, COMMIT)
            assert deployment_id is not None
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(
                    client.wait_for_deployment(owner, app, deployment_id, MINUTE), 0.1
                )

    asyncio.run(main())
