"""LaTeX statements as native MathML, rendered by the browser offline.

Choice (issue 16), after trying both on the 255 statements of the registry: each renders all of
them without an error. KaTeX 0.16 would add 588 kB to every report folder (katex.min.js, its CSS
and the woff2 fonts) and run a script on every page load (2.9 s in node for the 255 statements on
this loaded 2-core machine, so about 0.9 s of the 2 s opening budget for a paper page of 80), or
need node at report time to pre-render. latex2mathml (pure Python, MIT) converts all 255 in about 1 s at report time,
adds nothing to the folder and no script, and MathML Core is laid out natively by Chromium (109+),
Firefox and Safari; tests/checks/reporting/test_html_browser.py checks the layout in Chromium. Its one gap we met:
a delimiter after ``\\Big``/``\\big`` (``\\Big\\langle``) comes out as the literal command;
:data:`_LEAKED` maps those to their characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from latex2mathml.converter import convert

from theory.errors import InputError

#: Commands latex2mathml leaves as literal text in some positions, and the character each stands for.
_LEAKED = {
    "\\langle": "&#x027E8;", "\\rangle": "&#x027E9;", "\\lbrace": "{", "\\rbrace": "}",
    "\\lvert": "|", "\\rvert": "|", "\\lVert": "&#x02016;", "\\rVert": "&#x02016;",
}
_LEAK = re.compile(r">(\\[A-Za-z]+)<")


def leaked_commands(mathml: str) -> list[str]:
    """LaTeX commands that survived conversion as literal text (an empty list when all rendered)."""
    return _LEAK.findall(mathml)


@lru_cache(maxsize=4096)
def to_mathml(tex: str) -> str:
    """``<math display="block">`` for a LaTeX formula; InputError naming the formula if it cannot be read."""
    if not isinstance(tex, str):
        raise InputError(f"a statement must be LaTeX text, got {type(tex).__name__}")
    try:
        mathml = convert(tex, display="block")
    except Exception as exc:  # latex2mathml raises many types for malformed input
        raise InputError(f"cannot render {tex[:80]!r} as MathML: {exc}") from None
    return _LEAK.sub(lambda m: ">" + _LEAKED.get(m.group(1), m.group(1)) + "<", mathml)
