"""The report in a real browser: Debian's headless chromium, driven through chromium-driver by
selenium.  A report of 1,500 articles opens with a bounded page; hostile article text stays text;
the filters, the search box and a timeline row's evidence link work.  No wall-clock assertion
(load times are measured by benchmarks/report_load.py).  Skips only when chromium is not installed
(`make test` and CI install it with apt-get)."""
from __future__ import annotations

from browser import needs_chromium

from storyline.model import ActorRef, Article, Event, TimelineEntry
from storyline.outputs.report import CHART_SCRIPT, chart_script, render_report

pytestmark = needs_chromium
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> & "x"'
#: what "a first view of at most a few thousand DOM nodes" means here
FIRST_VIEW_ELEMENTS = 3000


def _corpus(n: int):
    """``n`` articles of 12 outlets, two events each, one timeline entry per article."""
    articles, events, timeline = [], [], []
    for i in range(n):
        aid, outlet = f"a{i:05d}", f"Outlet {i % 12}"
        text = f"Officials of land {i} met envoys on Monday. Talks number {i} ended; word{i}zz was said."
        articles.append(Article(id=aid, path=f"{aid}.txt", text=text, title=f"Talks {i}", source=outlet,
                                source_how="field", published=f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}"))
        cut = text.index("Talks")
        for k, (s, e) in enumerate(((0, cut - 1), (cut, len(text)))):
            events.append(Event(id=f"e{i}-{k}", article_id=aid, event_type="CONSULT" if k == 0 else "ACCUSE",
                                source=(ActorRef("Land", f"L{i % 30:02d}"),), target=(ActorRef("Envoy", "ENV"),),
                                start=s, end=e, sentence=text[s:e], date=articles[-1].published))
        timeline.append(TimelineEntry(date=articles[-1].published, summary=f"Talks {i} held",
                                      event_ids=(f"e{i}-1",), article_ids=(aid,), sources=(outlet,),
                                      event_types=("ACCUSE",), actors=(f"L{i % 30:02d}", "ENV")))
    return articles, events, timeline


def _open(browser, tmp_path, html: str, *, with_charts: bool = False):
    (tmp_path / "report.html").write_text(html, encoding="utf-8")
    if with_charts:
        (tmp_path / CHART_SCRIPT).write_text(chart_script(), encoding="utf-8")
    browser.get((tmp_path / "report.html").as_uri())
    browser.execute_script("return document.readyState")


def _rows(browser, table: str) -> int:
    return browser.execute_script(f"return document.querySelectorAll('#{table}-rows > tr').length")


def _type(browser, field: str, value: str):
    browser.execute_script(f"var el = document.getElementById('f-{field}'); el.value = arguments[0];"
                           "el.dispatchEvent(new Event('input', {bubbles: true}))", value)
    browser.execute_script("return new Promise(function (ok) { setTimeout(ok, 300); })")


def test_a_large_corpus_opens_bounded_and_the_filters_work(browser, tmp_path):
    articles, events, timeline = _corpus(1500)
    _open(browser, tmp_path, render_report(articles=articles, events=events, timeline=timeline))
    assert browser.execute_script("return document.getElementsByTagName('*').length") < FIRST_VIEW_ELEMENTS
    assert _rows(browser, "timeline") == 25 and _rows(browser, "articles") == 20
    assert "1–20 of 1500" in browser.find_element("id", "articles-pager").text
    _type(browser, "outlet", "Outlet 3")
    assert "of 125 (filtered from 1500)" in browser.find_element("id", "articles-pager").text
    _type(browser, "outlet", "")
    _type(browser, "q", "word1234zz")              # a word only in one article's text
    assert _rows(browser, "articles") == 1 and "Talks 1234" in browser.find_element("id", "articles-rows").text
    _type(browser, "q", "")
    _type(browser, "from", "2019-09")
    assert "of 16 " in browser.find_element("id", "timeline-pager").text + " "


def test_a_timeline_row_links_to_its_evidence(browser, tmp_path):
    articles, events, timeline = _corpus(40)
    _open(browser, tmp_path, render_report(articles=articles, events=events, timeline=timeline))
    assert browser.execute_script("return document.getElementById('ev-e0-1')") is None   # not opened yet
    browser.find_element("css selector", "#timeline-rows tr:first-child td:last-child a").click()
    row = browser.find_element("id", "ev-e0-1")
    assert "target" in row.get_attribute("class") and "Talks number 0 ended" in row.text
    assert browser.find_element("css selector", "#article-view mark.target").text.startswith("Talks number 0")


def test_article_text_stays_text_in_the_browser(browser, tmp_path):
    article = Article(id="h", path=HOSTILE, text=HOSTILE + " Putin met Xi.", title=HOSTILE, source=HOSTILE,
                      source_how="field", published="2021-12-15", removed=(HOSTILE,))
    event = Event(id="eh", article_id="h", event_type="CONSULT", sentence=HOSTILE, start=0, end=20,
                  source=(ActorRef(HOSTILE, "RUS"),), date="2021-12-15")
    entry = TimelineEntry(date="2021-12-15", summary=HOSTILE, event_ids=("eh",), article_ids=("h",),
                          sources=(HOSTILE,), actors=(HOSTILE,), event_types=(HOSTILE,))
    _open(browser, tmp_path, render_report(articles=[article], events=[event], timeline=[entry]), with_charts=True)
    browser.get((tmp_path / "report.html").as_uri() + "#a-h")
    browser.execute_script("return new Promise(function (ok) { setTimeout(ok, 300); })")
    assert "<script>window.__pwned=1</script>" in browser.find_element("id", "timeline-rows").text
    _type(browser, "q", "putin")                 # the search reads the article's text
    assert _rows(browser, "articles") == 1 and _rows(browser, "timeline") == 0
    assert browser.execute_script("return window.__pwned") is None
    assert "<script>window.__pwned=1</script>" in browser.find_element("id", "article-view").text
    assert browser.execute_script("return document.querySelectorAll('main script:not(.chart-data), main img').length") == 0


def test_charts_draw_from_the_shared_script(browser, tmp_path):
    articles, events, timeline = _corpus(5)
    _open(browser, tmp_path, render_report(articles=articles, events=events, timeline=timeline), with_charts=True)
    browser.execute_script("document.getElementById('timeline-chart').scrollIntoView()")
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 60).until(
        lambda b: b.execute_script("return document.querySelectorAll('#timeline-chart svg').length") > 0)
