"""HTML: a static folder that opens from disk (no server, no network).

``index.html`` is the front page (counts by paper and kind, errata by class, findings, changes since
a baseline, slowest claims); ``paper-<key>.html`` one page per paper with filter, search and
collapsible claim cards; ``diff.html`` the comparison with a baseline when one was given.
Statements are MathML (``checks.reporting.mathml``); the only script is ``assets/report.js``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from markupsafe import Markup

from checks.reporting import ASSETS, environment
from checks.reporting.mathml import to_mathml
from checks.reporting.view import View

NAME = "html"
INDEX = "index.html"
DIFF = "diff.html"


def _env():
    env = environment(True)
    env.filters["mathml"] = lambda tex: Markup(to_mathml(tex))
    return env


def pages(view: View) -> dict[str, str]:
    """``{file name: HTML}`` of every page of the report."""
    env = _env()
    out = {INDEX: env.get_template("index.html.j2").render(view=view, page="index")}
    paper_page = env.get_template("paper.html.j2")
    for paper in view.papers:
        out[paper.page] = paper_page.render(view=view, paper=paper, page=paper.key)
    if view.diff is not None:
        out[DIFF] = env.get_template("diff.html.j2").render(view=view, page="diff")
    return out


def write(view: View, directory: Path) -> None:
    for name, text in pages(view).items():
        (directory / name).write_text(text, encoding="utf-8", newline="\n")
    shutil.copytree(ASSETS, directory / "assets", dirs_exist_ok=True)
