"""What the loader reports: one `Problem` per fault, gathered into one `GroupFileError`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    path: str  # dotted/indexed key path, e.g. "people[4].role"; "" for the file as a whole
    line: int | None  # 1-based line in the file, when known
    message: str  # Swedish, for the administrator who edits the file


def format_loc(loc: Loc) -> str:
    """("people", 4, "role") -> "people[4].role", the way yq and jq spell a path."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class GroupFileError(Exception):
    """The group file could not be used; `problems` lists every fault found, in file order."""

    def __init__(self, problems: Iterable[Problem], file: str = "") -> None:
        # Unknown lines (a missing file) sort first: nothing below them can be trusted.
        self.problems: list[Problem] = sorted(problems, key=lambda p: -1 if p.line is None else p.line)
        self.file = file
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(self._render(p) for p in self.problems)

    def _render(self, problem: Problem) -> str:
        where = self.file
        if problem.line is not None:
            where = f"{where}:{problem.line}" if where else f"rad {problem.line}"
        parts = [part for part in (where, problem.path, problem.message) if part]
        return ": ".join(parts)
