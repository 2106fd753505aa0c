"""Microseconds per rendering of the vote card with its sample data.

    .venv/bin/python -m bench.cards [--renders 5000] [--repeat 5]

Times `catalog.render` (expansion plus the size check's `json.dumps`) and the expansion
alone through `expand`; prints the best of the repeats, which moves least with whatever
else the machine is doing.
"""

from __future__ import annotations

import argparse
import json
import timeit
from collections.abc import Callable
from typing import Any

from bot.cards import template as expander
from bot.cards.catalog import cards_dir, render, template


def per_render_us(call: Callable[[], Any], renders: int, repeat: int) -> float:
    return min(timeit.repeat(call, number=renders, repeat=repeat)) / renders * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = json.loads((cards_dir() / "vote.sample.json").read_text(encoding="utf-8"))
    card = template("vote")
    rendered = render("vote", data)
    figures = {
        "catalog.render('vote')": lambda: render("vote", data),
        "compile and fill (vote template)": lambda: expander.compile_template(card)(data),
        "json.dumps (size check)": lambda: json.dumps(rendered, ensure_ascii=False),
    }
    compile_template = getattr(expander, "compile_template", None)
    if compile_template is not None:
        compiled = compile_template(card)
        figures["compiled vote template"] = lambda: compiled(data)
    for name, call in figures.items():
        print(f"{name:28} {per_render_us(call, args.renders, args.repeat):8.1f} µs")


if __name__ == "__main__":
    main()
