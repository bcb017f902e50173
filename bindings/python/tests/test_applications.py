"""The typed calls of an application's life against the stand-in, as the core's own test walks
it (core/tests/integration/applications.rs, and Swift's ApplicationTests.swift): one application
from the catalogue to its deletion, with `Client` and with `AsyncClient`, and the ids and domains
that cannot be a path segment refused before any request.

The stand-in keeps its applications across `reset()` (it clears faults and recordings only), so
counts are relative to the seeded ones, and each test deletes what it creates (the `created`
fixture deletes what a failing test left).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from support import StandIn

import cleverkit

COMMIT = "0123456789abcdef0123456789abcdef01234567"
Env = cleverkit.EnvironmentVariable


def newest(catalogue: list[cleverkit.InstanceType], slug: str) -> cleverkit.InstanceType:
    """The newest enabled entry of a runtime, as clever-tools picks one for `clever create`."""
    entries = [
        entry
        for entry in catalogue
        if entry.enabled and entry.variant is not None and entry.variant.slug == slug
    ]
    assert entries, f"no {slug} in the catalogue"
    return max(entries, key=lambda entry: entry.version)


def new_application(name: str, entry: cleverkit.InstanceType) -> cleverkit.NewApplication:
    """An application of a catalogue entry (its kind, version and variant id), with `PORT`."""
    assert entry.variant is not None and entry.variant.id is not None
    return cleverkit.NewApplication(
        name=name,
        instance_type=entry.kind,
        instance_version=entry.version,
        instance_variant=entry.variant.id,
        environment=[Env(name="PORT", value="8080")],
    )


def assert_not_found(error: BaseException, application_id: str) -> None:
    assert isinstance(error, cleverkit.CleverError.NotFound), repr(error)
    assert error.code == "4004"
    assert application_id in error.detail


@pytest.fixture
def created(standin: StandIn) -> Iterator[list[str]]:
    """The ids of the applications a test creates: those still there at its end are deleted,
    so that a failing test leaves nothing in the other tests' listings."""
    ids: list[str] = []
    yield ids
    with standin.oauth_client() as client:
        for application_id in ids:
            with contextlib.suppress(cleverkit.CleverError.NotFound):
                client.delete_application(standin.organisation_id, application_id)


def test_the_life_of_one_application(standin: StandIn, created: list[str]) -> None:
    owner = standin.organisation_id
    with standin.oauth_client() as client:
        seeded = client.applications(owner)

        # The catalogue, and an application of its newest Node.
        catalogue = client.instance_types()
        assert any(entry.enabled is False for entry in catalogue), "disabled entries are listed"
        node = newest(catalogue, "node")
        assert node.version == "20250101"
        assert isinstance(node.flavors, tuple)  # a returned record holds tuples
        new = new_application("orders", node)
        assert new.zone == "par" and new.min_flavor == "XS" and new.min_instances == 1
        app = client.create_application(owner, new)
        created.append(app.id)
        assert app.name == "orders"
        assert app.description == "orders", "the description defaults to the name"
        assert app.zone == "par"
        assert app.instance is not None and app.instance.variant is not None
        assert app.instance.kind == "node"
        assert node.variant is not None and app.instance.variant.id == node.variant.id
        assert app.instance.min_flavor is not None and app.instance.min_flavor.name == "XS"

        # Listed with the others, and read alone.
        listed = client.applications(owner)
        assert {item.id for item in listed} == {item.id for item in seeded} | {app.id}
        assert client.application(owner, app.id) == app

        # Updated: only the fields set change.
        update = cleverkit.ApplicationUpdate(description="order intake", max_flavor="M")
        update.max_instances = 3  # an input record: mutable
        updated = client.update_application(owner, app.id, update)
        assert updated.name == "orders"
        assert updated.description == "order intake"
        assert updated.instance is not None and updated.instance.max_instances == 3
        assert updated.instance.max_flavor is not None and updated.instance.max_flavor.name == "M"
        assert client.application(owner, app.id) == updated

        # The environment: set, read back, replaced, one removed.
        def environment() -> list[cleverkit.EnvironmentVariable]:
            return client.environment(owner, app.id)

        assert environment() == [Env(name="PORT", value="8080")]
        client.set_environment_variable(owner, app.id, "NODE_ENV", "production")
        assert environment() == [
            Env(name="NODE_ENV", value="production"),
            Env(name="PORT", value="8080"),
        ]
        replacement = [
            Env(name="A", value="1"),
            Env(name="java.opts", value="-Xmx1g"),
            Env(name="B", value="two words"),
        ]
        client.replace_environment(owner, app.id, replacement)
        assert [variable.name for variable in environment()] == ["A", "B", "java.opts"]
        assert {variable.name: variable.value for variable in environment()} == {
            "A": "1",
            "B": "two words",
            "java.opts": "-Xmx1g",
        }
        client.remove_environment_variable(owner, app.id, "A")
        assert environment() == [
            Env(name="B", value="two words"),
            Env(name="java.opts", value="-Xmx1g"),
        ]
        with pytest.raises(cleverkit.CleverError.NotFound):
            client.remove_environment_variable(owner, app.id, "A")

        # Domains, and the primary one.
        def fqdns() -> list[str]:
            return [vhost.fqdn for vhost in client.domains(owner, app.id)]

        default_domains = fqdns()
        assert len(default_domains) == 1, "a new application has its default domain"
        assert client.primary_domain(owner, app.id) is None
        client.add_domain(owner, app.id, "orders.example.com")
        client.add_domain(owner, app.id, "example.com/orders")
        assert fqdns() == [*default_domains, "orders.example.com", "example.com/orders"]
        client.set_primary_domain(owner, app.id, "orders.example.com")
        assert client.primary_domain(owner, app.id) == cleverkit.Vhost(fqdn="orders.example.com")
        # Removing the primary domain leaves none.
        client.remove_domain(owner, app.id, "orders.example.com")
        assert client.primary_domain(owner, app.id) is None
        assert fqdns() == [*default_domains, "example.com/orders"]

        # Nothing is deployed yet: a redeploy of a commit shows in the deployments.
        assert client.deployments(owner, app.id) == []
        deployment_id = client.redeploy_application(owner, app.id, commit=COMMIT)
        assert deployment_id is not None, "the API names the deployment"
        deployments = client.deployments(owner, app.id)
        assert [deployment.uuid for deployment in deployments] == [deployment_id]
        assert deployments[0].commit == COMMIT
        assert deployments[0].action == "DEPLOY"
        assert deployments[0].date is not None and deployments[0].date.tzinfo is not None
        running = client.application(owner, app.id)
        assert running.state == "SHOULD_BE_UP"
        assert running.commit_id == COMMIT

        # Stopped: the newest deployment is the undeploy, `limit` keeps it alone.
        client.stop_application(owner, app.id)
        assert [d.action for d in client.deployments(owner, app.id, limit=1)] == ["UNDEPLOY"]
        assert len(client.deployments(owner, app.id)) == 2
        assert client.application(owner, app.id).state == "SHOULD_BE_DOWN"

        # Add-ons: the organisation's, none linked to the new application, all to engine-api.
        addons = client.addons(owner)
        assert [addon.provider.id if addon.provider else None for addon in addons] == [
            "postgresql-addon"
        ]
        assert client.application_addons(owner, app.id) == []
        engine_api = next(item for item in seeded if item.name == "engine-api")
        assert client.application_addons(owner, engine_api.id) == addons
        hash(addons[0])  # frozen, its lists held as tuples

        # Deleted: every read is a 404 with the API's v2 error body.
        client.delete_application(owner, app.id)
        assert {item.id for item in client.applications(owner)} == {item.id for item in seeded}
        reads: list[Callable[[], Any]] = [
            lambda: client.application(owner, app.id),
            lambda: client.environment(owner, app.id),
            lambda: client.domains(owner, app.id),
            lambda: client.primary_domain(owner, app.id),
            lambda: client.deployments(owner, app.id),
            lambda: client.delete_application(owner, app.id),
        ]
        for read in reads:
            with pytest.raises(cleverkit.CleverError.NotFound) as raised:
                read()
            assert_not_found(raised.value, app.id)


@pytest.mark.asyncio
async def test_the_life_of_one_application_awaited(standin: StandIn, created: list[str]) -> None:
    owner = standin.organisation_id
    options = standin.options()
    async with cleverkit.AsyncClient.with_oauth1(standin.credentials(), options) as client:
        seeded = await client.applications(owner)

        node = newest(await client.instance_types(), "node")
        app = await client.create_application(owner, new_application("orders-async", node))
        created.append(app.id)
        assert app.name == "orders-async"
        assert app.instance is not None and app.instance.variant is not None
        assert node.variant is not None and app.instance.variant.id == node.variant.id

        listed = await client.applications(owner)
        assert {item.id for item in listed} == {item.id for item in seeded} | {app.id}
        assert await client.application(owner, app.id) == app

        update = cleverkit.ApplicationUpdate(description="order intake", max_instances=3)
        updated = await client.update_application(owner, app.id, update)
        assert updated.description == "order intake"
        assert updated.instance is not None and updated.instance.max_instances == 3
        assert await client.application(owner, app.id) == updated

        await client.set_environment_variable(owner, app.id, "NODE_ENV", "production")
        environment = await client.environment(owner, app.id)
        assert [variable.name for variable in environment] == ["NODE_ENV", "PORT"]
        await client.replace_environment(
            owner, app.id, [Env(name="A", value="1"), Env(name="B", value="two words")]
        )
        environment = await client.environment(owner, app.id)
        assert [variable.name for variable in environment] == ["A", "B"]
        await client.remove_environment_variable(owner, app.id, "A")
        assert await client.environment(owner, app.id) == [Env(name="B", value="two words")]

        default_domains = [vhost.fqdn for vhost in await client.domains(owner, app.id)]
        await client.add_domain(owner, app.id, "orders-async.example.com")
        await client.set_primary_domain(owner, app.id, "orders-async.example.com")
        primary = await client.primary_domain(owner, app.id)
        assert primary is not None and primary.fqdn == "orders-async.example.com"
        await client.remove_domain(owner, app.id, "orders-async.example.com")
        assert await client.primary_domain(owner, app.id) is None
        assert [vhost.fqdn for vhost in await client.domains(owner, app.id)] == default_domains

        deployment_id = await client.redeploy_application(owner, app.id, COMMIT)
        deployments = await client.deployments(owner, app.id)
        assert deployment_id is not None
        assert [deployment.uuid for deployment in deployments] == [deployment_id]
        assert deployments[0].commit == COMMIT
        await client.stop_application(owner, app.id)
        deployments = await client.deployments(owner, app.id, limit=1)
        assert [deployment.action for deployment in deployments] == ["UNDEPLOY"]
        assert (await client.application(owner, app.id)).state == "SHOULD_BE_DOWN"

        addons = await client.addons(owner)
        assert [addon.provider.id if addon.provider else None for addon in addons] == [
            "postgresql-addon"
        ]
        assert await client.application_addons(owner, app.id) == []

        await client.delete_application(owner, app.id)
        with pytest.raises(cleverkit.CleverError.NotFound) as raised:
            await client.application(owner, app.id)
        assert_not_found(raised.value, app.id)
    assert client.closed


def test_new_application_defaults_are_the_apis() -> None:
    new = cleverkit.NewApplication(
        name="x", instance_type="node", instance_version="1", instance_variant="v"
    )
    assert dataclasses.asdict(new) == {
        "name": "x",
        "instance_type": "node",
        "instance_version": "1",
        "instance_variant": "v",
        "zone": "par",
        "description": None,
        "deploy": "git",
        "branch": "master",
        "min_flavor": "XS",
        "max_flavor": "XS",
        "min_instances": 1,
        "max_instances": 1,
        "build_flavor": None,
        "environment": [],
    }
    # Each record has its own list.
    new.environment.append(Env(name="A", value="1"))
    other = cleverkit.NewApplication(
        name="y", instance_type="node", instance_version="1", instance_variant="v"
    )
    assert other.environment == []
    assert cleverkit.ApplicationUpdate() == cleverkit.ApplicationUpdate(name=None)


def test_ids_and_domains_that_cannot_be_a_path_segment_are_refused_before_any_request(
    standin: StandIn,
) -> None:
    owner = standin.organisation_id
    app = "app_1"
    without_variant = cleverkit.NewApplication(
        name="x", instance_type="node", instance_version="1", instance_variant=""
    )
    calls: list[Callable[[cleverkit.Client], Any]] = [
        lambda client: client.application("..", app),
        lambda client: client.application(owner, ""),
        lambda client: client.delete_application(owner, "."),
        lambda client: client.deployments("", app),
        lambda client: client.deployments(owner, app, limit=-1),
        lambda client: client.add_domain(owner, app, ".."),
        lambda client: client.add_domain(owner, app, "favourite"),
        lambda client: client.remove_domain(owner, app, ""),
        lambda client: client.set_primary_domain(owner, app, ""),
        lambda client: client.set_environment_variable(owner, app, "NOT VALID", "x"),
        lambda client: client.remove_environment_variable(owner, app, "../x"),
        lambda client: client.replace_environment(
            owner, app, [Env(name="A", value="1"), Env(name="A", value="2")]
        ),
        lambda client: client.redeploy_application(owner, app, commit=" "),
        lambda client: client.update_application(owner, app, cleverkit.ApplicationUpdate()),
        # A catalogue entry without a variant id cannot make an application.
        lambda client: client.create_application(owner, without_variant),
        lambda client: client.addons(".."),
        lambda client: client.application_addons(owner, ".."),
    ]
    with standin.oauth_client() as client:
        for number, call in enumerate(calls):
            with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
                call(client)
            assert raised.value.detail, f"call {number}"
    assert standin.requests() == []


@pytest.mark.asyncio
async def test_the_async_calls_refuse_the_same_input(standin: StandIn) -> None:
    owner = standin.organisation_id
    async with cleverkit.AsyncClient.with_oauth1(
        standin.credentials(), standin.options()
    ) as client:
        with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
            await client.add_domain(owner, "..", "example.com")
        assert raised.value.detail
        with pytest.raises(cleverkit.CleverError.InvalidInput):
            await client.deployments(owner, "app_1", limit=-1)
        with pytest.raises(cleverkit.CleverError.InvalidInput):
            await client.set_environment_variable(owner, "app_1", "NOT VALID", "x")
    assert standin.requests() == []


def test_an_id_with_a_slash_is_escaped_not_refused(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        with pytest.raises(cleverkit.CleverError.NotFound) as raised:
            client.environment(standin.organisation_id, "a/b")
    assert "a%2Fb" in raised.value.detail
    (request,) = standin.requests()
    assert request.target == (
        f"/v2/organisations/{standin.organisation_id}/applications/a%2Fb/env"
    )
