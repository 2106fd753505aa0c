"""The group file: one YAML file that describes a steering group, and its loader.

    from bot.groupfile import load_group, GroupFileError

    try:
        group = load_group("group.yaml")
    except GroupFileError as error:
        print(error)  # one line per problem: "group.yaml:23: people[4].role: okänd roll …"

Every key is documented in docs/group-file.md; bot/samples/group.yaml is a full example.
"""

from pathlib import Path

from bot.groupfile.loader import load_group
from bot.groupfile.problems import GroupFileError, Problem

# The commented example built from the 2023-09-26 protocol; a starting point for a new group.
SAMPLE_PATH = Path(__file__).resolve().parent.parent / "samples" / "group.yaml"

__all__ = ["SAMPLE_PATH", "GroupFileError", "Problem", "load_group"]
