"""Outlet identity (#16): one outlet name per publisher, from the record's own evidence first."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storyline.ingest import iter_inputs
from storyline.ingest.boilerplate import clean_text
from storyline.ingest.outlets import normalise_outlet, outlet_from_folder, take_credit
from storyline.model import Article

STORY = ("The defence ministers of both countries met in the capital on Tuesday to discuss a joint exercise "
         "planned for the spring, officials from both delegations told reporters afterwards.")


def _articles(path: Path) -> list[Article]:
    return [a for a in iter_inputs([path]) if isinstance(a, Article)]


@pytest.mark.parametrize("value,name", [
    ("reuters.com", "Reuters"), ("Reuters", "Reuters"), ("REUTERS", "Reuters"), ("https://uk.reuters.com/a/b", "Reuters"),
    ("www.bbc.co.uk", "BBC"), ("The Guardian", "The Guardian"), ("guardian", "The Guardian"),
    ("example.org", "example.org"), ("Hawaii News Now", "Hawaii News Now"),
    ("Autoracing | F1 | Indy | MotoGP", "Autoracing"),
    ("3851fd13af646cea3851fd13af646cea", None), ("", None), (None, None),
])
def test_normalise_outlet(value, name):
    assert normalise_outlet(value) == name


@pytest.mark.parametrize("folder,found", [
    ("LibyaWar_reuters", ("Reuters", "folder-outlet")), ("bbc", ("BBC", "folder-outlet")),
    ("bpoil_washingtonpost", ("The Washington Post", "folder-outlet")),
    ("putin-xi", ("putin-xi", "folder")), ("html", (None, "unknown")),
])
def test_outlet_from_folder(tmp_path, folder, found):
    assert outlet_from_folder(tmp_path / folder / "a.txt") == found


@pytest.mark.parametrize("text,outlet,rest", [
    ("CAIRO (Reuters) - Talks resumed on Monday.", "Reuters", "Talks resumed on Monday."),
    ("Ticker line .\nFull Article Rebels advance TRIPOLI | Sat Mar 19 , 2011 TRIPOLI -LRB- Reuters -RRB- - Rebels "
     "advanced on Monday .", "Reuters", "Ticker line .\nRebels advanced on Monday ."),
    ("PARIS (AFP) — The minister resigned.", "AFP", "The minister resigned."),
    ("The minister resigned on Friday after a week of protests.\n-RT", "RT",
     "The minister resigned on Friday after a week of protests.\n"),
])
def test_wire_credit_is_the_outlets_signature(text, outlet, rest):
    credit = take_credit(text)
    assert credit is not None and credit.outlet == outlet and credit.text == rest


@pytest.mark.parametrize("text", [
    "The rebel council (NTC) - the opposition's body - met again.",  # not an outlet
    "Officials (Updated) - more to follow.",
    "He said that 20 people had died.",
])
def test_no_credit_without_a_known_outlet(text):
    assert take_credit(text) is None


def test_libya_like_jsonl_gives_one_outlet(tmp_path):
    """Timeline17-style records (no source field) in a topic folder named after the outlet: one outlet,
    whether a record carries the wire credit or not; the credit is not article text."""
    folder = tmp_path / "SomeWar_reuters"
    folder.mkdir()
    texts = [f"CITY{i} -LRB- Reuters -RRB- - Fighters took the town of Number{i} on Sunday .\n" + STORY for i in range(3)]
    texts.append("Government forces shelled the port again on Wednesday , residents said .\n" + STORY)
    records = [{"id": str(i), "time": f"2011-03-{10 + i}", "text": t} for i, t in enumerate(texts)]
    (folder / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    arts = _articles(folder)
    assert len(arts) == 4 and {a.outlet for a in arts} == {"Reuters"}
    assert [a.source_how for a in arts] == ["credit"] * 3 + ["folder-outlet"]
    assert len({a.outlet_key for a in arts}) == 1
    assert arts[0].text.startswith("Fighters took the town") and "Reuters" not in arts[0].text
    assert any("-LRB- Reuters -RRB-" in r for r in arts[0].removed)


def test_source_field_beats_url_and_folder(tmp_path):
    folder = tmp_path / "bbc"
    folder.mkdir()
    rec = {"source_domain": "REUTERS", "url": "https://www.apnews.com/x", "text": STORY}
    (folder / "a.json").write_text(json.dumps(rec), encoding="utf-8")
    (article,) = _articles(folder)
    assert (article.outlet, article.source_how) == ("Reuters", "field")


def test_plain_folder_is_the_outlet_only_when_nothing_else_says(tmp_path):
    folder = tmp_path / "my-topic"
    folder.mkdir()
    (folder / "000_3851fd13af646cea.txt").write_text(STORY, encoding="utf-8")
    (folder / "001_d7b62ca241913180.txt").write_text("URL: https://www.rt.com/news/1/\n\n" + STORY.replace("Tuesday", "Friday"),
                                                     encoding="utf-8")
    a, b = _articles(folder)
    assert (a.outlet, a.source_how) == ("my-topic", "folder") and a.outlet_key != "my-topic"
    assert (b.outlet, b.source_how) == ("RT", "url")
    generic = tmp_path / "html"
    generic.mkdir()
    (generic / ("ab" * 32 + ".txt")).write_text(STORY, encoding="utf-8")
    (c,) = _articles(generic)
    assert c.outlet == "unknown" and c.source is None  # never a file stem or a hash


POLICY = ("(Editing by Jane Roe) We welcome comments that advance the story through relevant opinion, "
          "anecdotes, links and data.")


def test_comment_section_removed_in_jsonl_records(tmp_path):
    body = "\n".join([STORY, "The exercise will involve naval units from both sides, a spokesman said.", POLICY,
                      "Views expressed in the comments do not represent those of the publisher.",
                      "This war is a disgrace and the leaders should resign now, wrote one reader.",
                      "This discussion is now closed.", "We welcome comments on our articles for a limited period."])
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "1", "time": "2011-03-01", "text": body}) + "\n", encoding="utf-8")
    (article,) = _articles(tmp_path / "a.jsonl")
    assert "welcome comments" not in article.text and "reader" not in article.text
    assert article.text.endswith("a spokesman said.")
    assert "This discussion is now closed." in article.removed


def test_comment_marker_before_the_story_does_not_cut_it():
    text, removed = clean_text("Comments are closed\n\n" + STORY + "\n\n" + STORY.replace("Tuesday", "Friday"))
    assert "Tuesday" in text and "Friday" in text


def test_prose_before_a_mid_line_comment_marker_is_kept():
    line = STORY + " We welcome comments that advance the story."
    text, removed = clean_text(STORY.replace("Tuesday", "Monday") + "\n" + line + "\nA reader wrote this nonsense.")
    assert text.endswith("told reporters afterwards.") and "Tuesday" in text
    assert removed[0] == "We welcome comments that advance the story."


def test_warc_outlet_from_the_target_uri_and_comments_dropped(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    paras = "".join(f"<p>{STORY.replace('Tuesday', day)}</p>" for day in ("Monday", "Tuesday", "Friday"))
    page = (f"<html><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1>{paras}"
            "<p>Comments are moderated. We welcome comments that advance the story.</p>"
            "<p>What a disgrace this whole affair has been, and nobody will ever be held to account for it.</p>"
            "</article></body></html>")
    with open(tmp_path / "crawl.warc", "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://uk.reuters.com/article/x", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=headers))
    (article,) = _articles(tmp_path / "crawl.warc")
    assert (article.outlet, article.source_how, article.format) == ("Reuters", "url", "warc")
    assert "Friday" in article.text and "disgrace" not in article.text and "welcome comments" not in article.text
