"""The pages in a real browser: Debian's headless Chromium driven by Playwright, against
`datasette serve` on a local port with nothing but the installed plugin.

Skips when Chromium or Playwright is missing (`.ci/browser-deps` installs both). Screenshots go
to ``$CLAIMS_SCREENSHOT_DIR`` when set (``docs/screenshots`` for the README), else to a
temporary folder.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    from playwright.async_api import async_playwright
except ImportError:  # pragma: no cover - depends on the machine
    async_playwright = None

from tests.datasette.conftest import build_db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

DOC_COLUMNS = "&".join(f"_col={c}" for c in ("kind", "text", "speaker", "source", "outlet", "lang", "published"))

pytestmark = [
    pytest.mark.skipif(async_playwright is None,
                       reason="playwright is not installed: pip install -e '.[browser]' (or run .ci/browser-deps)"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason="Debian's chromium is not installed: apt-get install -y chromium (or run .ci/browser-deps)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(path: Path) -> tuple[subprocess.Popen, str]:
    """`datasette serve path` on a free port of 127.0.0.1 (no flags), once it answers."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(path), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=1).read()
            return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("datasette did not start: " + proc.stdout.read().decode(errors="replace"))
            time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The test corpus without the hostile article, served; yields its URL and the claim ids."""
    path = tmp_path_factory.mktemp("browser") / "claims.db"
    ids = build_db(path, hostile=False)
    proc, url = serve(path)
    try:
        yield url, ids
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test corpus with the hostile article, served."""
    path = tmp_path_factory.mktemp("hostile") / "claims.db"
    build_db(path, hostile=True)
    proc, url = serve(path)
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = Path(os.environ.get("CLAIMS_SCREENSHOT_DIR") or tmp_path_factory.mktemp("screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
async def page():
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-GB")
            pg = await context.new_page()
            dialogs: list[str] = []
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            pg.dialogs = dialogs
            yield pg
            assert dialogs == [], f"a script from the data ran: {dialogs}"
        finally:
            await browser.close()


async def direction(page, selector: str) -> tuple[str | None, str]:
    return tuple(await page.eval_on_selector(selector, "el => [el.getAttribute('dir'), getComputedStyle(el).direction]"))


async def test_claims_table_then_arabic_claim_in_context(server, page, shots):
    url, ids = server
    await page.goto(url + "/claims/claims")
    await page.wait_for_selector("table.rows-and-columns")
    assert await page.locator("td.col-text .claims-text[dir=rtl]").count() >= 4
    assert await page.locator("td.col-text .claims-text[dir=ltr]").count() >= 3
    assert await direction(page, "td.col-text .claims-text[lang=ar]") == ("rtl", "rtl")
    assert await page.locator("td.col-text mark.claims-fig").count() >= 4
    assert await page.locator("#facet-speaker bdi.claims-facet-label").count() >= 5
    assert await page.locator("td.col-search_text").first.is_hidden()
    await page.goto(url + "/claims/claims?" + DOC_COLUMNS)
    await page.evaluate("window.scrollTo(0, document.querySelector('h3').offsetTop - 8)")
    await page.screenshot(path=str(shots / "claims-table.png"))
    await page.goto(url + "/claims/claims?_search=" + "الحكومة" + "&" + DOC_COLUMNS)
    assert await page.input_value("#_search") == "الحكومة"
    assert await page.locator("td.col-text").count() == 3  # الحكومة, والحكومة and the other article
    await page.evaluate("window.scrollTo(0, document.querySelector('h3').offsetTop - 8)")
    await page.screenshot(path=str(shots / "search-ar.png"))

    claim = "الخطة ستكلف الخزينة كثيرا"
    cid = ids[claim]
    await page.goto(url + "/claims/claims")
    row = page.locator("tr", has=page.locator(f'a[href*="claim={cid}"]'))
    await row.locator("a.claims-context").click()
    await page.wait_for_selector(f"mark#claim-{cid}")
    assert "/-/claims/article/ar-1" in page.url
    assert await direction(page, ".claims-article-text") == ("rtl", "rtl")
    focus = page.locator(f"mark#claim-{cid}")
    assert await focus.get_attribute("class") == "claims-claim claims-indirect focus"
    assert await focus.inner_text() == claim
    assert await focus.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    box = await focus.bounding_box()
    assert box and 0 <= box["y"] < 900  # scrolled into view
    text = page.locator(".claims-article-text")
    assert await text.locator(".claims-claim").count() == 3
    assert await text.locator("mark.claims-fig").count() == 3
    assert await text.locator(".claims-speaker").count() >= 2
    await page.screenshot(path=str(shots / "article-in-context-ar.png"), full_page=True)


async def test_english_article_and_other_pages(server, page, shots):
    url, ids = server
    cid = ids["the government will cut income tax by 2 percent next year"]
    await page.goto(f"{url}/-/claims/claim/{cid}")
    await page.wait_for_selector(f"mark#claim-{cid}")
    assert await direction(page, ".claims-article-text") == ("ltr", "ltr")
    await page.screenshot(path=str(shots / "article-in-context-en.png"), full_page=True)

    await page.goto(f"{url}/-/claims/cluster/{ids['cluster']}")
    assert await page.locator("mark.claims-fig.drift").count() >= 2
    await page.screenshot(path=str(shots / "cluster.png"), full_page=True)

    await page.goto(url + "/claims/speakers?name=" + "أحمد سالم")
    await page.locator("td.col-name a").first.click()
    await page.wait_for_selector("table.claims-timeline")
    assert await direction(page, "h1.claims-title bdi") == ("auto", "rtl")
    await page.screenshot(path=str(shots / "speaker.png"), full_page=True)


async def test_hostile_article_runs_no_script(hostile_server, page):
    url = hostile_server
    for path in ("/claims/claims", "/-/claims/article/xss-1", "/claims/articles", "/claims/claims?_search=bold"):
        await page.goto(url + path)
        await page.wait_for_load_state("load")
    assert await page.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0


async def test_dashboard_draws_charts(server, page, shots):
    url, _ = server
    await page.goto(url + "/-/dashboards/claims")
    await page.wait_for_selector("#chart-top-speakers svg, #chart-top-speakers canvas", timeout=20000)
    await page.wait_for_selector("#chart-claims-per-week svg, #chart-claims-per-week canvas", timeout=20000)
    await page.wait_for_timeout(500)
    await page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
