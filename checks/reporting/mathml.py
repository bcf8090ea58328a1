"""LaTeX statements as native MathML, rendered by the browser offline.

Choice (issue 16): ``latex2mathml`` (pure Python, MIT) against a vendored KaTeX. Both render every
statement of the registry; latex2mathml won because the page then needs no script and no fonts
(KaTeX's JS, CSS and fonts add about 1 MB to every report folder and a script run on load), the
conversion of all 255 statements takes about 1 s at report time, and MathML Core is rendered natively
by Chromium (109+), Firefox and Safari. Its one gap we met: a delimiter after ``\\Big``/``\\big``
(``\\Big\\langle``) comes out as the literal command; :data:`_LEAKED` maps those to their characters.
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
