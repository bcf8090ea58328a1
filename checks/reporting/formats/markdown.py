"""Markdown (``report.md``): the run for a terminal, an editor or a pull request.

Free text is flattened to one line and stripped of what a Markdown viewer would read as HTML or as
a table cell boundary; statements, instances and commands go in code spans or fenced blocks.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from checks.diff import format_diff
from checks.reporting import environment
from checks.reporting.view import MISSING, View, one_line

NAME = "markdown"
FILE = "report.md"


def text(value: Any) -> str:
    """Free text for a Markdown line or table cell."""
    if value is None or value == "":
        return MISSING
    return html.escape(one_line(value), quote=False).replace("|", "\\|")


def code(value: Any) -> str:
    """A code span that holds ``value`` verbatim, whatever backticks it contains."""
    body = one_line(value).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def render(view: View) -> str:
    env = environment(False)
    env.filters.update(text=text, code=code, diff_text=format_diff)
    out = env.get_template("report.md.j2").render(view=view)
    return re.sub(r"\n{3,}", "\n\n", out)


def write(view: View, directory: Path) -> None:
    (directory / FILE).write_text(render(view), encoding="utf-8", newline="\n")
