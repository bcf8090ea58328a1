"""Tests of the report's pages: the HTML folder (front page, paper pages, diff page), the Markdown
file, and the MathML rendering of every statement of the registry."""

from __future__ import annotations

import re

import pytest

from checks.diff import diff_reports
from checks.report import report_from_json, report_to_json
from checks.reporting.formats import formats, html, markdown
from checks.reporting.mathml import leaked_commands, to_mathml
from checks.reporting.view import build_view, tolerance_text
from report_sample import CORRECTED_ID, ERRATUM_ID, IDENTITY_ID, PROBABILITY_ID, READING_ID, URL, make_report
from theory.errors import InputError


@pytest.fixture
def report() -> dict:
    return report_from_json(report_to_json(make_report()))


@pytest.fixture
def pages(report) -> dict[str, str]:
    return html.pages(build_view(report, {IDENTITY_ID: ["figures/x.png"], "paper:toy2020": ["figures/p.png"]}))


def _text(page: str) -> str:
    """Visible text of a page, roughly: tags dropped."""
    return re.sub(r"<[^>]+>", " ", page)


def test_every_format_module_is_found():
    assert {f.NAME for f in formats()} == {"html", "markdown"}


def test_html_has_a_front_page_and_one_page_per_paper_in_report_order(pages):
    assert list(pages) == ["index.html", "paper-toy2020.html", "paper-toy2021.html"]
    front = pages["index.html"]
    assert front.index("paper-toy2020.html") < front.index("paper-toy2021.html")
    for page in pages.values():
        assert 'href="assets/report.css"' in page
        assert not re.search(r'(src|href)="(https?:)?//(?!arxiv|openreview)', page)  # only paper links leave
    assert not re.search(r'<(script|img|link)[^>]+(src|href)="https?:', "".join(pages.values()))


def test_front_page_shows_counts_errata_by_class_findings_apart_slowest_and_decisions(pages):
    front = pages["index.html"]
    by_paper = front.split("Verdicts by paper", 1)[1].split("</table>", 1)[0]
    assert re.search(r">toy2020</a></td>.*?<td class=\"num\">3</td>", by_paper, re.S)
    assert "Verdicts by kind" in front
    errata = front.split('id="errata"', 1)[1].split("</section>", 1)[0]
    assert "statement</span>&nbsp;1" in errata and ERRATUM_ID in errata and READING_ID not in errata
    findings = front.split("Findings: reading", 1)[1].split("</section>", 1)[0]
    assert READING_ID in findings and "ambiguous index range" in findings
    assert "mpmath interval arithmetic" in errata and "excludes" in errata  # the certificate
    assert "unit-norm inputs" in errata  # the audit of the standing assumptions
    slowest = front.split("Slowest claims", 1)[1].split("</table>", 1)[0]
    assert slowest.index(READING_ID) < slowest.index(PROBABILITY_ID)  # 9.5 s before 1.5 s
    assert "catalogue says erratum" in front and "footnote restricts" in front
    assert "Changes since" not in front  # no baseline


def test_paper_page_has_filters_cards_mathml_tex_source_and_links(pages):
    page = pages["paper-toy2020.html"]
    assert '<form id="filters"' in page and 'name="q"' in page and '<script src="assets/report.js">' in page
    cards = re.findall(r'<details class="claim[^"]*" id="([^"]+)"', page)
    assert cards == [f"claim-{IDENTITY_ID}", f"claim-{ERRATUM_ID}", f"claim-{CORRECTED_ID}"]
    assert re.search(r'data-verdict="erratum-confirmed" data-kind="inequality" data-tier="quick"', page)
    assert page.count('display="block"><mrow>') >= 3
    assert "<summary>TeX source</summary>" in page and r"\lambda_{\min}(K)" in page
    assert f'<a href="{URL}">arXiv:2001.00001</a>' in page
    assert "Lemma 1, §3.1" in _text(page) and "our text copy, line 120" in page
    assert "ratio 0.5 at the tightest instance" in page
    assert '<img src="figures/x.png"' in page and '<img src="figures/p.png"' in page


def test_html_escapes_every_text_from_the_report(pages):
    everything = "".join(pages.values())
    assert "<script>alert" not in everything
    assert "&lt;script&gt;alert" in everything
    assert "theorycheck check toy2020.thm2.printed --seed 7" in everything


def test_claims_not_as_declared_are_marked(report):
    report["claims"][0]["as_declared"] = False
    report["summary"]["unexpected"] = [IDENTITY_ID]
    pages = html.pages(build_view(report))
    assert "Not as declared (1)" in pages["index.html"]
    assert 'class="claim unexpected"' in pages["paper-toy2020.html"]
    assert "**✗**" in markdown.render(build_view(report)) and "Not as declared" in markdown.render(build_view(report))


def test_diff_page_lists_flips_with_counterexample_and_one_sided_claims(report):
    old = report_from_json(report_to_json(make_report("old")))
    old["claims"][1]["verdict"] = "verified"
    old["claims"][0]["worst_slack"] = -0.5  # sign change: no percentage
    old["claims"].append({"id": "toy2020.removed", "verdict": "verified"})
    view = build_view(report, {}, diff_reports(old, report), "baseline old")
    page = html.pages(view)["diff.html"]
    assert f"claim-{ERRATUM_ID}" in page and "theorycheck check toy2020.thm2.printed" in page
    assert "sign change or zero" in page
    assert "toy2020.removed" in page
    assert "Changes since baseline old" in html.pages(view)["index.html"]


def test_markdown_has_sections_escapes_html_and_keeps_statements_verbatim(report):
    md = markdown.render(build_view(report))
    for heading in ("## Summary", "## Errata (1)", "## Findings: reading (1)", "## Mutants",
                    "## Catalogue decisions", "## Not numerically checkable", "## Claims"):
        assert heading in md
    for cid in (IDENTITY_ID, ERRATUM_ID, CORRECTED_ID, PROBABILITY_ID, READING_ID):
        assert cid in md
    outside = re.sub(r"^(`{3,})[^\n]*\n.*?^\1\s*$", "", md, flags=re.S | re.M)
    assert "<script" not in outside and "&lt;script&gt;alert" in outside
    assert r"\lambda_{\min}(K) \ge \frac{1}{n}" in md
    assert "By class: statement 1" in md
    assert "mpmath interval arithmetic" in md
    assert f"{IDENTITY_ID} :: loosen-by-1e-9" in md
    assert URL in md


@pytest.mark.parametrize("value, expected", [
    (1e-12, "1e-12 absolute"),
    (0.0, "none added to the comparison"),
    (-0.0461, "a margin of 0.0461 demanded, not an allowance"),
    (None, "not reported"),
])
def test_tolerance_never_shows_a_bare_zero_or_a_negative_allowance(value, expected):
    text = tolerance_text({"value": value, "source": "model"})
    assert expected in text and "(model)" in text


def test_every_statement_of_the_registry_renders_as_mathml():
    import theory.papers  # noqa: F401  (registers every claim)
    from theory.claims import REGISTRY

    claims = list(REGISTRY)
    assert len(claims) > 100
    failures = []
    for claim in claims:
        mathml = to_mathml(claim.statement)
        if not mathml.startswith("<math") or leaked_commands(mathml):
            failures.append((claim.id, leaked_commands(mathml)))
    assert not failures, failures


def test_unreadable_tex_is_an_input_error_naming_it():
    with pytest.raises(InputError, match="cannot render"):
        to_mathml(r"\frac{1}{")
