"""Report formats: a report dict rendered for readers.

``view.py`` computes what every format shows, ``plots.py`` draws the figures, ``mathml.py`` turns
statements into MathML, and each file of ``formats/`` is one format (adding a format is one file
there plus its test). Templates (Jinja2) live in ``templates/``, static files in ``assets/``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from checks.reporting import view as v

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"

#: Filters every template may use (formats add their own).
FILTERS = {
    "num": v.format_number, "secs": v.format_seconds, "interval": v.format_interval,
    "conf": v.format_confidence, "json": v.json_snippet, "tolerance": v.tolerance_text,
    "where": v.source_where, "link_text": v.source_link_text, "anchor": v.anchor,
    "safe_name": v.safe_name, "one_line": v.one_line,
}


@lru_cache(maxsize=2)
def environment(autoescape: bool) -> jinja2.Environment:
    """The Jinja2 environment of the templates folder (HTML escapes everything; Markdown escapes
    through its own filters)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=autoescape,
                             undefined=jinja2.ChainableUndefined, trim_blocks=False,
                             keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env
