"""The HTML report in a real headless browser (marker `browser`): the front page, one paper page
(filter and search work, statements render as MathML, figures load, links lead to the paper) and
the diff page, each with a clean console. Needs Debian's chromium and chromium-driver and selenium
(`.ci/install-browser`); run with `pytest -m browser`. Screenshots are written next to the report
and, when THEORYCHECK_SCREENSHOTS names a directory, copied there for a person to look at."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from checks.cli import main

pytestmark = pytest.mark.browser

BASELINE = Path(__file__).resolve().parents[3] / "reports" / "baseline" / "report.json"
#: Fast claims of several kinds: an erratum, inequalities, an identity with a series, a scaling fit.
CLAIMS = ("arora2019.rem5.1.printed-parallel", "arora2019.rem5.1.hinf-positive-definite",
          "arora2019.eq3.hinf-closed-form-vs-mc", "arora2019.eq3.mc-error-rate",
          "arora2019.thm6.1.printed-bound", "arora2019.thm6.1.linear-sharp-constant")


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    args = ["run", "--out", str(out), "--no-mutants", "--baseline", str(BASELINE) if BASELINE.is_file() else "none"]
    for cid in CLAIMS:
        args += ["--claim", cid]
    main(args)  # the exit status says whether verdicts are as declared: not this test's concern
    return (out / "latest").resolve()


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("chromium and chromedriver are not installed (.ci/install-browser)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--allow-file-access-from-files", "--window-size=1300,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    from selenium.webdriver.chrome.service import Service
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _screenshot(browser, report_dir: Path, name: str) -> None:
    path = report_dir / f"screenshot-{name}.png"
    browser.save_screenshot(str(path))
    target = os.environ.get("THEORYCHECK_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


def _open(browser, page: Path) -> float:
    start = time.perf_counter()
    browser.get(page.as_uri())
    browser.execute_script("return document.readyState")
    return time.perf_counter() - start


def _assert_clean(browser) -> None:
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth]);")
    browser.execute_script("document.querySelectorAll('img').forEach(i => i.loading = 'eager');")
    broken = [src for src, complete, width in images if complete and width == 0]
    assert not broken, f"images that did not load: {broken}"
    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors


def test_front_page_shows_the_run_at_a_glance(report_dir, browser):
    seconds = _open(browser, report_dir / "index.html")
    assert seconds < 2.0, f"the front page took {seconds:.2f} s to open"
    text = browser.find_element("tag name", "body").text
    assert "Verdicts by paper" in text and "Verdicts by kind" in text and "Slowest claims" in text
    assert "Errata" in text and "arora2019.rem5.1.printed-parallel" in text
    if BASELINE.is_file():
        assert "Changes since" in text and "claims in common" in text
    links = browser.execute_script("return Array.from(document.querySelectorAll('nav a')).map(a => a.getAttribute('href'));")
    assert "paper-arora2019.html" in links
    _assert_clean(browser)
    _screenshot(browser, report_dir, "front")


def test_paper_page_filters_searches_and_renders_mathematics(report_dir, browser):
    seconds = _open(browser, report_dir / "paper-arora2019.html")
    assert seconds < 2.0, f"the paper page took {seconds:.2f} s to open"
    shown = lambda: browser.execute_script(
        "return Array.from(document.querySelectorAll('details.claim')).filter(c => !c.hidden).map(c => c.id);")
    every = shown()
    assert len(every) == len(CLAIMS)

    # mathematics: every statement is a laid-out MathML formula, the TeX one click away
    boxes = browser.execute_script("""
        document.querySelectorAll('details.claim').forEach(c => c.open = true);
        return Array.from(document.querySelectorAll('.statement math')).map(m => {
            const r = m.getBoundingClientRect(); return [r.width, r.height, getComputedStyle(m).display]; });""")
    assert len(boxes) >= len(CLAIMS)
    assert all(w > 20 and h > 8 for w, h, _ in boxes), boxes
    assert all("math" in display for _, _, display in boxes), boxes  # Chromium's native MathML layout
    fractions = browser.execute_script(
        "return Array.from(document.querySelectorAll('mfrac')).map(f => f.getBoundingClientRect().height);")
    assert fractions and min(fractions) > 10  # numerator above denominator, not inline text
    tex = browser.find_element("css selector", "details.tex summary")
    tex.click()
    assert "\\" in browser.find_element("css selector", "details.tex[open] pre").text
    links = browser.execute_script("return Array.from(document.querySelectorAll('a')).map(a => a.href);")
    assert "https://arxiv.org/abs/1901.08584" in links
    _assert_clean(browser)
    browser.execute_script("window.scrollTo(0, 0)")
    _screenshot(browser, report_dir, "paper-open")

    # filter by kind, then by verdict; then search
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element("name", "kind")).select_by_visible_text("scaling")
    assert shown() == ["claim-arora2019.eq3.mc-error-rate"]
    Select(browser.find_element("name", "kind")).select_by_visible_text("all")
    assert len(shown()) == len(CLAIMS)
    verdicts = browser.execute_script(
        "return Array.from(document.querySelectorAll('details.claim')).map(c => c.dataset.verdict);")
    Select(browser.find_element("name", "verdict")).select_by_visible_text(verdicts[0])
    assert len(shown()) == verdicts.count(verdicts[0])
    Select(browser.find_element("name", "verdict")).select_by_visible_text("all")
    browser.find_element("name", "q").send_keys("sharp constant")
    assert shown() == ["claim-arora2019.thm6.1.linear-sharp-constant"]
    assert browser.find_element("id", "shown").text == f"1 of {len(CLAIMS)} claims shown"
    browser.find_element("id", "collapse").click()
    _screenshot(browser, report_dir, "paper-search")


def test_diff_page_opens_clean(report_dir, browser):
    if not (report_dir / "diff.html").exists():
        pytest.skip("no baseline, so no diff page")
    _open(browser, report_dir / "diff.html")
    text = browser.find_element("tag name", "body").text
    assert "claims in common" in text and "Verdict flips" in text
    _assert_clean(browser)
    _screenshot(browser, report_dir, "diff")
