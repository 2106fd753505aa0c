"""The Agents Playground's mock Teams, built from the group file."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.__main__ import main
from bot.domain.group import Group, Role
from bot.tooling.playground import CONFIG_VERSION, PlaygroundError, playground_config, write_playground_config

USER_KEYS = {"id", "name", "userPrincipleName", "aadObjectId", "givenName", "surname", "email"}


def test_by_default_you_are_the_chair_in_the_groups_tenant_team_and_channel(group: Group) -> None:
    config = playground_config(group)

    assert config["version"] == CONFIG_VERSION
    assert config["tenantId"] == group.tenant_id
    assert config["currentUser"]["aadObjectId"] == group.chair.aad_id
    assert config["team"]["id"] == group.team_id
    assert config["team"]["channels"] == [{"id": group.channel_id, "name": "Styrgruppen"}]


def test_there_are_exactly_five_other_users_covering_every_role(group: Group) -> None:
    config = playground_config(group)

    users = config["users"]
    assert len(users) == 5  # the Playground's schema: minItems = maxItems = 5
    roles = {group.person(u["aadObjectId"]).role for u in users}
    assert roles == {Role.SECRETARY, Role.STAFF, Role.SUBSTITUTE, Role.MEMBER}
    for user in [config["currentUser"], *users]:
        assert set(user) == USER_KEYS  # sic: userPrincipleName, as the Playground spells it
        person = group.person(user["aadObjectId"])
        assert (user["name"], user["email"], user["userPrincipleName"]) == (
            person.name,
            person.email,
            person.email,
        )


def test_the_ids_are_unique_as_the_playground_demands(group: Group) -> None:
    config = playground_config(group)

    user_ids = [config["currentUser"]["id"], *(u["id"] for u in config["users"])]
    conversations = [config["personalChat"]["id"], config["groupChat"]["id"], config["team"]["id"]]
    conversations += [c["id"] for c in config["team"]["channels"]]
    assert len(set(user_ids)) == len(user_ids)
    assert len(set(conversations)) == len(conversations)


def test_as_chooses_who_you_are_and_the_chair_becomes_one_of_the_others(group: Group) -> None:
    config = playground_config(group, "Joanna.Karabay@earkivmitt.se")

    assert config["currentUser"]["name"] == "Joanna Karabay"
    assert group.chair.aad_id in {u["aadObjectId"] for u in config["users"]}


def test_someone_outside_the_group_file_is_refused_with_the_choices(group: Group) -> None:
    with pytest.raises(
        PlaygroundError, match=r"okand@example\.se finns inte i gruppfilen\. Välj en av: malin"
    ):
        playground_config(group, "okand@example.se")


def test_the_file_reads_back_with_every_value_a_string(group: Group, tmp_path: Path) -> None:
    path = write_playground_config(playground_config(group), tmp_path / ".m365agentsplayground.yml")

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert data == playground_config(group)
    assert data["version"] == "0.1.1"


def test_the_command_writes_the_file_for_the_sample_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "var" / ".m365agentsplayground.yml"

    assert main(["playground-config", "--as", "moa.backstrom@hudiksvall.se", "--out", str(out)]) == 0

    assert "du är Moa Bäckström" in capsys.readouterr().out
    assert YAML(typ="safe").load(out.read_text(encoding="utf-8"))["currentUser"]["name"] == "Moa Bäckström"
