"""The served pages in headless chromium (a started ``storyline serve``): the timeline renders, a
click on a timeline row opens the article with its evidence highlighted, the events filter narrows
the table, hostile article text stays inert."""
from __future__ import annotations

from browser import needs_chromium

pytestmark = needs_chromium


def _wait(browser, script: str, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, timeout).until(lambda b: b.execute_script(script))


def test_a_timeline_row_opens_its_evidence(browser, served):
    browser.get(served + "/")
    assert browser.execute_script("return document.querySelectorAll('#timeline tr.tl-row').length") == 2
    browser.find_elements("css selector", "#timeline tr.tl-row")[1].find_element("css selector", "td").click()
    _wait(browser, "return location.pathname === '/article/p1'")
    marked = browser.find_element("id", "evidence")
    assert "evidence" in marked.get_attribute("class") and marked.text.startswith("Putin and Xi spoke")
    assert "target" in browser.find_element("id", "ev-ep").get_attribute("class")


def test_the_events_filter_narrows_the_table(browser, served):
    browser.get(served + "/events")
    assert browser.execute_script("return document.querySelectorAll('#event-rows tr').length") == 2
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "f-outlet")).select_by_visible_text("Plain Post")
    browser.find_element("id", "f-submit").click()
    _wait(browser, "return location.search.indexOf('outlet=') >= 0")
    assert browser.execute_script("return document.querySelectorAll('#event-rows tr').length") == 1
    assert browser.find_element("id", "count").text == "1 event(s)"


def test_hostile_article_text_stays_inert(browser, served):
    for path in ("/", "/article/h1?ev=eh", "/events", "/search?q=pwned", "/actor/RUS"):
        browser.get(served + path)
        assert browser.execute_script("return window.__pwned") is None, path
    browser.get(served + "/article/h1")
    assert "<script>window.__pwned=1</script>" in browser.find_element("id", "article-text").text
    assert browser.execute_script("return document.querySelectorAll('main img, main script').length") == 0
