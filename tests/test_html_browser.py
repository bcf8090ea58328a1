"""The HTML report in a real headless browser (marker `browser`): every image loads and the page
logs no console error. Needs Debian's chromium and chromium-driver and `pip install selenium`
(`pip install -e '.[browser]'`); run with `pytest -m browser`."""

from __future__ import annotations

import shutil

import pytest

from checks.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    assert main(["run", "--claim", "arora2019.rem5.1.printed-parallel",
                 "--claim", "arora2019.eq3.mc-error-rate", "--out", str(out)]) == 0
    return (out / "latest").resolve()


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    from selenium.webdriver.chrome.service import Service
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def test_every_image_loads_and_the_console_is_clean(report_dir, browser):
    browser.get((report_dir / "index.html").as_uri())
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth]);")
    assert len(images) >= 3, images
    broken = [src for src, complete, width in images if not complete or width == 0]
    assert not broken, f"images that did not load: {broken}"
    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors
    text = browser.find_element("tag name", "body").text
    assert "arora2019.rem5.1.printed-parallel" in text and "erratum-confirmed" in text
    browser.set_window_size(1400, 2400)
    browser.save_screenshot(str(report_dir / "screenshot.png"))
