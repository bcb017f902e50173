"""Calls that exist only as entries of the API's description (core/api/overlay.toml), with no
line of Python or FFI written for them: a list (`members`), a path with two ids (`addon`), a
record body (`add_tcp_redirection`) and its list (`tcp_redirections`), each through `Client`
and `AsyncClient`; and the enums the description brings, with their `UNKNOWN` case.
"""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from support import StandIn

import cleverkit


def test_a_list_a_two_id_path_and_a_record_body(standin: StandIn) -> None:
    with standin.oauth_client() as client:
        members = client.members(standin.organisation_id)
        assert [member.role for member in members] == [
            cleverkit.OrganisationRole.ADMIN,
            cleverkit.OrganisationRole.DEVELOPER,
        ]
        assert members[0].member is not None and members[0].member.email == standin.email

        addon_id = client.addons(standin.organisation_id)[0].id
        assert client.addon(standin.organisation_id, addon_id).id == addon_id
        with pytest.raises(cleverkit.CleverError.NotFound):
            client.addon(standin.organisation_id, "addon_nope")
        with pytest.raises(cleverkit.CleverError.InvalidInput):
            client.addon(standin.organisation_id, "..")

        app = client.applications(standin.organisation_id)[1].id
        before = client.tcp_redirections(standin.organisation_id, app)
        new = cleverkit.NewTcpRedirection(namespace="default")
        opened = client.add_tcp_redirection(standin.organisation_id, app, new)
        assert opened.namespace == "default" and opened.port >= 5000
        assert client.tcp_redirections(standin.organisation_id, app) == [*before, opened]
        sent = [r for r in standin.requests() if r.method == "POST"][-1]
        assert sent.target.endswith(f"/applications/{app}/tcpRedirs")


def test_the_same_calls_awaited(standin: StandIn) -> None:
    async def main() -> None:
        async with standin.oauth_client().async_client() as client:
            members, addons = await asyncio.gather(
                client.members(standin.organisation_id), client.addons(standin.organisation_id)
            )
            assert len(members) == 2
            addon = await client.addon(standin.organisation_id, addons[0].id)
            assert addon == addons[0]

    asyncio.run(main())


def test_input_records_are_mutable_and_returned_ones_frozen(standin: StandIn) -> None:
    new = cleverkit.NewTcpRedirection(namespace="default")
    new.min_port = 5010
    assert dataclasses.asdict(new) == {"namespace": "default", "min_port": 5010, "max_port": None}
    with standin.oauth_client() as client:
        member = client.members(standin.organisation_id)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        member.job = "x"  # type: ignore[misc]
    assert {variant.name for variant in cleverkit.OrganisationRole} >= {"ADMIN", "UNKNOWN"}
