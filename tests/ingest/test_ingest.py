"""Ingestion: formats, encodings, hostile inputs (generated here), and the seed corpus's metadata."""
from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from storyline import ingest
from storyline.ingest import decode_bytes, detect_format, iter_inputs, IngestError
from storyline.ingest.metadata import (extract_byline, extract_dateline, extract_header_date, extract_title,
                                parse_date, source_from_url, split_text_header)
from storyline.model import Article, Rejected

STORY = ("Russia and China agreed on Friday to deepen their military cooperation, officials in Beijing "
         "said in a joint statement after the two leaders met.\n\n"
         "The statement also criticised the AUKUS pact between the United States, Britain and Australia.\n")
HTML = ("<html><head><title>Putin and Xi meet</title>"
        '<meta property="article:published_time" content="2022-02-04T10:00:00Z">'
        '<meta property="og:site_name" content="Example News"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Putin and Xi meet</h1>"
        + "".join(f"<p>{s} ({n})</p>" for n, s in enumerate([
            "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday.",
            "The two leaders called for a halt to NATO expansion in a joint statement.",
            "They said they were seriously concerned about the AUKUS military pact.",
            "Putin also announced new gas and oil deals with China worth billions of dollars."] * 2))
        + "</article><footer>This website uses cookies.</footer></body></html>")


def _read(*paths, **kw):
    return list(iter_inputs(paths, **kw))


def _warc(records: list[tuple[str, str]], *, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    return buf.getvalue()


# --------------------------------------------------------------------------- hostile inputs

@pytest.fixture
def hostile(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(STORY, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text(" \n\t\n  \n", encoding="utf-8")
    (d / "garbage.txt").write_bytes(bytes(range(256)) * 64)
    (d / "cp1252.txt").write_bytes("Caf\u00e9 owners said the r\u00e9sum\u00e9 was \u201cna\u00efve\u201d, "
                                   "the minister\u2019s aide told reporters.".encode("cp1252"))
    (d / "utf16.txt").write_bytes("\ufeffXi and Putin spoke by phone on Thursday.".encode("utf-16-le"))
    (d / "utf32.txt").write_bytes("Putin arrived in Beijing on Thursday.".encode("utf-32"))
    (d / "broken.txt.gz").write_bytes(gzip.compress(b"Putin met Xi in Beijing. " * 200)[:60])
    (d / "fine.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (d / "lines.jsonl").write_text(
        '{"text": "Putin called Xi on Friday to discuss trade.", "date": "2024-02-08"}\n'
        "{broken\n"
        '{"id": "t17-1", "time": "2010-04-21", "text": "Oil leaked into the Gulf of Mexico on Tuesday."}\n'
        "[1, 2]\n",
        encoding="utf-8")
    (d / "nobody.html").write_text("<html><head><title>x</title></head></html>", encoding="utf-8")
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "dir.txt").mkdir()  # a folder named like a file: walked, not read
    (d / "dir.txt" / "inner.txt").write_text(STORY, encoding="utf-8")
    good = _warc([("https://www.example.com/a", HTML)], gz=False)
    bad = _warc([("https://www.example.com/b", HTML)], gz=False)
    (d / "crawl.warc").write_bytes(good + bad[: len(bad) // 2])
    (d / "crawl2.warc.gz").write_bytes(_warc([("https://www.example.org/c", HTML)], gz=True)
                                       + gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:25])
    (d / "loop").symlink_to(d, target_is_directory=True)
    os.mkfifo(d / "pipe.txt")
    return d


def test_hostile_folder_reports_each_bad_item_and_reads_the_rest(hostile):
    items = _read(hostile)
    rejected = {Path(r.path).name: r.reason for r in items if isinstance(r, Rejected)}
    articles = {Path(a.path).name: a for a in items if isinstance(a, Article)}
    assert rejected["empty.txt"] == "empty"
    assert rejected["blank.txt"] == "empty"
    assert rejected["garbage.txt"].startswith("binary content")
    assert rejected["broken.txt.gz"] == "truncated gzip"
    assert rejected["lines.jsonl:2"].startswith("malformed JSON")
    assert rejected["lines.jsonl:4"].startswith("not a JSON object")
    assert rejected["nobody.html"] == "no article text found in HTML"
    assert rejected["loop"] == "directory already visited (symlink loop)"
    assert rejected["pipe.txt"] == "not a regular file"
    assert rejected["crawl.warc:2"].startswith("broken WARC record")
    (warc_gz_reason,) = [r for n, r in rejected.items() if n.startswith("crawl2.warc.gz:")]
    assert warc_gz_reason == "broken WARC record: truncated gzip"
    assert {"a_good.txt", "cp1252.txt", "utf16.txt", "utf32.txt", "fine.txt.gz", "lines.jsonl:1",
            "lines.jsonl:3", "page.html", "inner.txt", "crawl.warc:1", "crawl2.warc.gz:1"} <= set(articles)
    assert all(r for r in rejected.values())


def test_walk_is_sorted_and_deterministic(hostile):
    first = [(i.path, getattr(i, "id", None)) for i in _read(hostile)]
    second = [(i.path, getattr(i, "id", None)) for i in _read(hostile)]
    assert first == second
    top = [p for p, _ in first if Path(p).parent == hostile]
    assert top == sorted(top, key=lambda p: Path(p.split(":")[0]).name)


@pytest.mark.parametrize("name,expected", [
    ("cp1252.txt", "Café owners said the résumé was “naïve”, the minister’s aide"),
    ("utf16.txt", "Xi and Putin spoke by phone on Thursday."),
    ("utf32.txt", "Putin arrived in Beijing on Thursday."),
    ("fine.txt.gz", "Russia and China agreed on Friday"),
])
def test_encodings_decode_sensibly(hostile, name, expected):
    (article,) = _read(hostile / name)
    assert article.text.startswith(expected)
    assert "\ufeff" not in article.text


def test_too_large_file_is_rejected_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # 50 MB, sparse: costs no disk and no time
        fh.truncate(50 * 1024 * 1024)
    small = tmp_path / "small.txt"
    small.write_text(STORY, encoding="utf-8")
    opened = []
    real_open = ingest.files.open_binary
    monkeypatch.setattr(ingest.files, "open_binary", lambda p: opened.append(Path(p).name) or real_open(p))
    items = _read(tmp_path)
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    assert rejected.reason == f"too large ({50 * 1024 * 1024} bytes > limit {ingest.DEFAULT_MAX_BYTES})"
    assert opened == ["small.txt"]
    assert sum(isinstance(i, Article) for i in items) == 1


def test_gzip_bomb_is_capped(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"Putin met Xi. " * 100_000))
    (item,) = _read(tmp_path, max_bytes=10_000)
    assert isinstance(item, Rejected) and item.reason.startswith("too large (decompressed size")


def test_unreadable_file_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "locked.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "open.txt").write_text(STORY, encoding="utf-8")
    real_open = ingest.files.open_binary

    def fake_open(path):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(ingest.files, "open_binary", fake_open)
    items = {Path(i.path).name: i for i in _read(tmp_path)}
    assert items["locked.txt"] == Rejected(str(tmp_path / "locked.txt"), "unreadable: permission denied")
    assert isinstance(items["open.txt"], Article)


def test_missing_path_is_rejected(tmp_path):
    assert _read(tmp_path / "nope.txt") == [Rejected(str(tmp_path / "nope.txt"), "not found")]


def test_same_file_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    assert len(_read(tmp_path / "a.txt", tmp_path, tmp_path / "a.txt")) == 1


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02abc" * 100, "binary content"),
    (bytes(range(1, 32)) * 100, "binary content"),
])
def test_decode_bytes_rejects(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode_bytes(data)


@pytest.mark.parametrize("data,text", [
    ("\ufeffHello".encode("utf-8"), "Hello"),
    ("Caf\u00e9".encode("utf-8"), "Café"),
    ("\u201cQuoted\u201d words, caf\u00e9 and na\u00efve".encode("cp1252"), "“Quoted” words, café and naïve"),
    ("Hello".encode("utf-16"), "Hello"),
])
def test_decode_bytes(data, text):
    assert decode_bytes(data) == text


@pytest.mark.parametrize("name,fmt", [
    ("a.txt", "txt"), ("a", "txt"), ("a.HTML", "html"), ("a.htm.gz", "html"), ("a.jsonl", "json"),
    ("a.json.gz", "json"), ("a.warc.gz", "warc"), ("a.weird", "txt"),
])
def test_detect_format_by_suffix(name, fmt):
    assert detect_format(Path(name)) == fmt


def test_detect_format_sniffs_unknown_suffix():
    assert detect_format(Path("page"), text="<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert detect_format(Path("dump.dat"), text='{"text": "x"}') == "json"


# --------------------------------------------------------------------------- structured formats

def test_news_please_record(tmp_path):
    record = {"authors": ["Jane Doe"], "date_publish": "2024-05-16 09:30:00", "title": "Putin in Beijing",
              "maintext": "Russian President Vladimir Putin arrived in Beijing on Thursday for a state visit.",
              "url": "https://www.reuters.com/world/putin-beijing", "source_domain": "reuters.com",
              "language": "en"}
    (tmp_path / "np.json").write_text(json.dumps(record), encoding="utf-8")
    (article,) = _read(tmp_path / "np.json")
    assert (article.published, article.published_how) == ("2024-05-16", "jsonl-field")
    assert article.published_evidence == "date_publish: 2024-05-16 09:30:00"
    assert (article.title, article.source, article.author) == ("Putin in Beijing", "Reuters", "Jane Doe")
    assert article.url == "https://www.reuters.com/world/putin-beijing"
    assert article.format == "json" and article.path == str(tmp_path / "np.json")


def test_t17_jsonl_and_json_array(tmp_path):
    folder = tmp_path / "bpoil_bbc"
    folder.mkdir()
    lines = [{"id": "a1", "time": "2010-04-21", "text": "Oil leaked into the Gulf .\nBP said it would pay ."},
             {"id": "a2", "time": "2010-05-02", "text": "The spill spread east ."}]
    (folder / "articles.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    (folder / "arr.json").write_text(json.dumps(lines), encoding="utf-8")
    items = _read(folder)
    assert [Path(a.path).name for a in items] == ["arr.json:1", "arr.json:2", "articles.jsonl:1", "articles.jsonl:2"]
    assert [a.published for a in items] == ["2010-04-21", "2010-05-02"] * 2
    assert {(a.source, a.source_how) for a in items} == {("BBC", "folder-outlet")}  # a known outlet in the folder name
    assert items[0].text == "Oil leaked into the Gulf .\nBP said it would pay ."
    # the same text from the same outlet is the same article, whichever file or line it came from
    assert len({a.id for a in items}) == 2 and items[0].id == items[2].id


def test_html_page_metadata(hostile):
    (article,) = _read(hostile / "page.html")
    assert article.format == "html"
    assert (article.published, article.published_how) == ("2022-02-04", "html-meta")
    assert article.title == "Putin and Xi meet"
    assert "called for a halt to NATO expansion" in article.text
    assert "cookies" not in article.text and "Home" not in article.text


def test_warc_records_get_urls_and_sources(hostile):
    items = _read(hostile / "crawl2.warc.gz")
    assert isinstance(items[0], Article)
    assert items[0].url == "https://www.example.org/c" and items[0].source == "example.org"
    assert items[0].format == "warc"


# --------------------------------------------------------------------------- seed corpus metadata

@pytest.fixture(scope="module")
def corpus(corpus_dir):
    return {Path(a.path).name[:3]: a for a in iter_inputs([corpus_dir])}


@pytest.mark.parametrize("prefix,date,how,evidence", [
    ("000", None, "unknown", None),
    ("001", "2021-12-15", "header", "date 2021-12-15 Putin and Xi agree"),
    ("002", "2021-12-16", "dateline", "Thursday, December 16, 2021"),
    ("003", "2024-05-17", "header", "date 2024-05-17 Advertisement"),
    ("004", "2024-02-08", "byline", "by | Feb 8, 2024 | Headline News"),
])
def test_corpus_dates(corpus, prefix, date, how, evidence):
    article = corpus[prefix]
    assert (article.published, article.published_how) == (date, how)
    if evidence is None:
        assert article.published_evidence is None
    else:
        assert article.published_evidence.startswith(evidence)


@pytest.mark.parametrize("prefix,title", [
    ("000", "In Show Of Unity, Putin And Xi Call For A Halt To NATO Expansion"),
    ("001", "Putin and Xi agree that NATO should not expand east, and they intend to meet during the "
            "Beijing Olympics in 2022."),
    ("002", "Xi And Putin: 'Closer Than Allies' Cooperation To Counter U.S. 'Interference'"),
    ("003", None),
    ("004", "Russia’s Putin And China’s Xi Solidify Relations"),
])
def test_corpus_titles(corpus, prefix, title):
    assert corpus[prefix].title == title


def test_corpus_header_keeps_the_rest_of_the_line(corpus):
    assert corpus["001"].text.startswith("Putin and Xi agree that NATO should not expand east")
    assert corpus["003"].text.startswith("Russian President Vladimir Putin and Chinese President Xi Jinping")
    assert "Advertisement" in corpus["003"].removed and "Advertisement" not in corpus["003"].text
    assert "by | Feb 8" not in corpus["004"].text and "Thursday, December 16" not in corpus["002"].text


def test_corpus_ids_and_hashes(corpus):
    from storyline.model import article_id, content_hash

    for article in corpus.values():
        assert article.content_hash == content_hash(article.text)
        assert article.id == article_id(article.content_hash, source=article.source, source_how=article.source_how)
        assert article.source == "putin-xi" and article.format == "txt"


# --------------------------------------------------------------------------- metadata helpers

@pytest.mark.parametrize("value,iso", [
    ("2021-12-15", "2021-12-15"), ("2021-12-15T22:10:00Z", "2021-12-15"),
    ("Wed, 15 Dec 2021 10:00:00 GMT", "2021-12-15"), ("Feb 8, 2024", "2024-02-08"),
    ("Thursday, December 16, 2021", "2021-12-16"), ("16th December 2021", "2021-12-16"),
    (1639526400, "2021-12-15"), ("2021", None), ("", None), (None, None), ("not a date at all", None),
])
def test_parse_date(value, iso):
    assert parse_date(value) == iso


@pytest.mark.parametrize("lines,expected", [
    ([" date 2021-12-15 Headline here."], (0, "2021-12-15", "Headline here.")),
    (["Published: 2024-05-17T09:00:00Z", "", "Body."], (0, "2024-05-17", "")),
    (["The 2021-12-15 meeting was long and it went on for hours as the two men talked about many things."], None),
])
def test_extract_header_date(lines, expected):
    assert extract_header_date(lines) == expected


@pytest.mark.parametrize("lines,expected", [
    (["Thursday, December 16, 2021", "", "Headline"], (0, "2021-12-16")),
    (["Headline", "16 December 2021, 10:30 GMT"], (1, "2021-12-16")),
    (["Putin met Xi on December 16, 2021 in a video call."], None),
])
def test_extract_dateline(lines, expected):
    assert extract_dateline(lines) == expected


@pytest.mark.parametrize("lines,expected", [
    (["Title", "by | Feb 8, 2024 | Headline News"], (1, "2024-02-08", None)),
    (["By Jane Doe | March 3, 2023"], (0, "2023-03-03", "Jane Doe")),
    (["Posted on 5 May 2022 by admin"], (0, "2022-05-05", None)),
    (["by the way, nothing here"], None),
])
def test_extract_byline(lines, expected):
    assert extract_byline(lines) == expected


@pytest.mark.parametrize("text,title", [
    ("Putin And Xi Meet\n\nBody text.", "Putin And Xi Meet"),
    ("Putin and Xi met in Beijing on Friday.\n\nMore.", None),
    ("lower case start\n\nBody.", None),
    ("", None),
])
def test_extract_title(text, title):
    assert extract_title(text) == title


@pytest.mark.parametrize("raw,title", [
    (" date 2024-03-01 Leaders agree to meet again in June.\n\nBody text follows here.",
     "Leaders agree to meet again in June."),
    (" date 2024-03-01 Advertisement\n\nBody text follows here.", None),  # too short for a headline
    (" date 2024-03-01 Leaders met on Friday.\nThey agreed on a lot.", None),  # runs on: the lede, not a title
    (" date 2024-03-01 " + "word " * 30 + "end.\n\nBody.", None),  # too long
])
def test_header_line_headline(raw, title):
    from storyline.ingest.metadata import split_text_header
    assert split_text_header(raw)[2].title == title


@pytest.mark.parametrize("url,source", [
    ("https://www.rt.com/news/1", "rt.com"), ("http://m.bbc.co.uk/x", "bbc.co.uk"),
    ("https://antiwar.com:8080/a", "antiwar.com"), ("not a url", None), (None, None),
])
def test_source_from_url(url, source):
    assert source_from_url(url) == source


def test_split_text_header_removes_only_metadata_lines():
    text, removed, meta = split_text_header("Headline\n\nby | Feb 8, 2024 | News\n\nBody sentence here.")
    assert text.split() == ["Headline", "Body", "sentence", "here."]
    assert removed == ["by | Feb 8, 2024 | News"]
    assert (meta.published, meta.published_how) == ("2024-02-08", "byline")


@pytest.mark.parametrize("line", [
    "Clare Spencer | 09:26 UK time , Friday , 11 June 2010 Commentators discuss the oil spill and its effects .",
    "updated : Sun Apr 10 2011 18:58:00 Rebel forces continue to exchange fire in the east .",
])
def test_byline_with_a_sentence_on_it_is_not_a_byline(line):
    assert extract_byline([line]) is None


def test_jsonl_streams_and_rejects_bad_lines(tmp_path):
    good = json.dumps({"text": "Putin called Xi on Friday to discuss trade.", "date": "2024-02-08"})
    huge = json.dumps({"text": "x " * 5000})
    (tmp_path / "a.jsonl").write_text(f"{good}\n{huge}\n{good}\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps([{"text": "A pretty array."}], indent=2), encoding="utf-8")
    (tmp_path / "c.jsonl").write_bytes(b"\x00\x01garbage\n" * 50)
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(((good + "\n") * 400).encode())[:-40])
    (tmp_path / "e.jsonl").write_bytes(("\ufeff" + good + "\n").encode("utf-16"))
    items = {Path(i.path).name: i for i in _read(*(tmp_path / n for n in ("a.jsonl", "b.jsonl", "c.jsonl")),
                                                 max_bytes=2000)}
    items.update((Path(i.path).name, i) for i in _read(*(tmp_path / n for n in ("d.jsonl.gz", "e.jsonl"))))
    assert isinstance(items["a.jsonl:1"], Article) and isinstance(items["a.jsonl:3"], Article)
    assert items["a.jsonl:2"].reason == "too large (line > limit 2000 bytes)"
    assert items["b.jsonl:1"].text == "A pretty array."
    assert items["c.jsonl"].reason == "binary content"
    truncated = [n for n, i in items.items() if n.startswith("d.jsonl.gz:") and isinstance(i, Rejected)]
    assert len(truncated) == 1 and items[truncated[0]].reason == "truncated gzip"
    assert sum(n.startswith("d.jsonl.gz:") and isinstance(i, Article) for n, i in items.items()) > 200
    assert items["e.jsonl"].published == "2024-02-08"


def _split_page() -> tuple[str, list[str], list[str]]:
    first = [f"Putin and Xi discussed the first topic number {n} at length in Beijing on Friday, officials said."
             for n in range(5)]
    second = [f"Later the leaders turned to the second topic number {n} and agreed to deepen their ties."
              for n in range(5)]
    div = '<div class="body__chunk">{}</div>'
    html = ("<html><body><main><article>" + div.format("".join(f"<p>{p}</p>" for p in first))
            + '<aside class="ad">Advertisement</aside>' + div.format("".join(f"<p>{p}</p>" for p in second))
            + "</article></main></body></html>")
    return html, first, second


def test_split_body_containers_are_joined():
    html, first, second = _split_page()
    merged = ingest.html._add_split_body(html, "\n".join(first), url=None)
    assert merged.split("\n")[:5] == first
    assert all(p in merged for p in second)
    assert ingest.html._add_split_body(html, "\n".join(first + second), url=None) == "\n".join(first + second)
    page = ingest.extract_html(html)
    assert all(p in page.text for p in first + second)


def test_mostly_utf8_keeps_utf8_and_replaces_the_stray_byte():
    data = ("Xi’s “strategic” partner — Putin’s visit. " * 20).encode("utf-8") + b"stray \xff byte."
    text = decode_bytes(data)
    assert text.startswith("Xi’s “strategic” partner") and text.endswith("stray \ufffd byte.")


@pytest.mark.parametrize("name,content,expected", [
    ("scan.pdf", b"%PDF-1.4 binary", "unsupported format (.pdf)"),
    ("photo.JPG", b"\xff\xd8\xff", "unsupported format (.jpg)"),
])
def test_known_binary_suffixes_are_rejected_unread(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    assert _read(tmp_path / name) == [Rejected(str(tmp_path / name), expected)]


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    (tmp_path / "saved.txt").write_text(HTML, encoding="utf-8")
    (article,) = _read(tmp_path / "saved.txt")
    assert article.format == "html" and "<p>" not in article.text and "NATO expansion" in article.text


def test_record_with_paragraph_list(tmp_path):
    (tmp_path / "p.json").write_text(json.dumps({"title": "T", "body": ["First paragraph.", " ", "Second one."]}),
                                     encoding="utf-8")
    (article,) = _read(tmp_path / "p.json")
    assert article.text == "First paragraph.\n\nSecond one."


def test_warc_skips_non_html_and_reports_a_warc_without_pages(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def write(name, records):
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=True)
        for url, ctype, status, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        (tmp_path / name).write_bytes(buf.getvalue())

    write("mixed.warc.gz", [("https://ex.com/a.png", "image/png", "200 OK", b"\x89PNG"),
                            ("https://ex.com/gone", "text/html", "404 Not Found", b"<html>gone</html>"),
                            ("https://ex.com/story", "text/html", "200 OK", HTML.encode())])
    write("images.warc.gz", [("https://ex.com/a.png", "image/png", "200 OK", b"\x89PNG")])
    items = {Path(i.path).name: i for i in _read(tmp_path)}
    assert set(items) == {"mixed.warc.gz:3", "images.warc.gz"}
    assert items["mixed.warc.gz:3"].url == "https://ex.com/story"
    assert items["images.warc.gz"].reason == "no HTML response records among 1 WARC record(s)"


# --------------------------------------------------------------------------- quality floor

def test_html_body_f1_floor_on_benchmark_sample():
    """Gate: body F1 on the first 40 ScrapingHub pages (0.978 when written) must not drop."""
    import importlib.util
    import logging

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "html_extraction.py"
    spec = importlib.util.spec_from_file_location("html_extraction_bench", script)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    if not (bench.BENCH / "ground-truth.json").exists():
        pytest.skip("benchmark data not available")
    gold = json.loads((bench.BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    logging.disable(logging.WARNING)
    try:
        rows = [bench.tp_fp_fn(gold[k]["articleBody"],
                               bench.ours(gzip.decompress((bench.BENCH / "html" / f"{k}.html.gz").read_bytes()),
                                          gold[k]["url"]))
                for k in sorted(gold)[:40]]
    finally:
        logging.disable(logging.NOTSET)
    f1, precision, recall = bench.summarise(rows)
    assert f1 >= 0.965 and precision >= 0.95 and recall >= 0.95


def test_text_header_url_and_source_lines(tmp_path):
    (tmp_path / "a.txt").write_text("URL: https://www.rt.com/news/123-putin-xi/\n\nPutin And Xi Talk\n\n" + STORY,
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Source: Reuters\nDecember 16, 2021\n\n" + STORY, encoding="utf-8")
    a, b = _read(tmp_path)
    assert (a.url, a.source, a.title) == ("https://www.rt.com/news/123-putin-xi/", "RT", "Putin And Xi Talk")
    assert "https://" not in a.text
    assert (b.source, b.published, b.published_how) == ("Reuters", "2021-12-16", "dateline")
    assert b.text.startswith("Russia and China agreed")


def test_excluded_folder_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "articles.jsonl").write_text(json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    names = [Path(i.path).name for i in iter_inputs([tmp_path], exclude=[tmp_path / "out"])]
    assert names == ["a.txt"]


@pytest.mark.parametrize("charset,sentence", [
    ("windows-1251", "Путин и Си Цзиньпин встретились в Пекине в пятницу."),
    ("shift_jis", "プーチン大統領と習近平国家主席は金曜日に北京で会談した。"),
    ("iso-8859-1", "Le président a déclaré que la coopération était « très étroite »."),
    ("iso-8859-1", "The “Quoted” minister’s words — said twice."),  # read as windows-1252, as browsers do
])
def test_html_declared_charset(charset, sentence):
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>' \
           f"<body><p>{sentence}</p></body></html>"
    codec = "cp1252" if charset == "iso-8859-1" else charset
    assert sentence in decode_bytes(page.encode(codec))


def test_warc_uses_the_http_charset(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = HTML.replace("Putin also announced", "Путин также объявил").encode("windows-1251", "replace")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1251")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://ex.ru/a", "response", payload=io.BytesIO(body),
                                                  http_headers=headers))
    (tmp_path / "ru.warc").write_bytes(buf.getvalue())
    (article,) = _read(tmp_path / "ru.warc")
    assert "Путин также объявил" in article.text
