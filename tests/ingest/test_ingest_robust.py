"""Robust runs: no single input raises out of ``iter_inputs``; each hostile input here was a crash
or a flood of output before (deep JSON, deep folders, non-UTF-8 file names, 500,000 bad records,
gzip bombs, junk under a known suffix, files that vanish, readers that fail)."""
from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import zlib
from pathlib import Path

import pytest

from storyline import ingest
from storyline.ingest import MAX_JSON_DEPTH, MAX_LISTED_REJECTS, article_from_record, iter_inputs
from storyline.model import Article, Rejected

STORY = ("Russia and China agreed on Friday to deepen their military cooperation, officials in Beijing "
         "said in a joint statement after the two leaders met.\n\n"
         "The statement also criticised the AUKUS pact between the United States, Britain and Australia.\n")
DEEP = f"JSON nested deeper than {MAX_JSON_DEPTH} levels"


def _read(*paths, **kw):
    return list(iter_inputs(paths, **kw))


def _by_name(items):
    return {Path(i.path).name: i for i in items}


def _deep_list(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


# --------------------------------------------------------------------------- 1. deep nesting

def test_deep_json_document_is_rejected(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (tmp_path / "deep_closed.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    items = _by_name(_read(tmp_path))
    assert items["deep.json"].reason == DEEP
    assert items["deep_closed.json"].reason == DEEP


def test_deep_jsonl_line_is_rejected_and_good_lines_are_read(tmp_path):
    good = json.dumps({"text": STORY, "date": "2022-02-04"})
    for name, lines in (("mix.jsonl", [good, "[" * 100_000, good]), ("first.jsonl", ["[" * 100_000, good])):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _by_name(_read(tmp_path))
    assert isinstance(items["mix.jsonl:1"], Article) and isinstance(items["mix.jsonl:3"], Article)
    assert items["mix.jsonl:2"].reason == DEEP
    assert items["first.jsonl:1"].reason == DEEP and isinstance(items["first.jsonl:2"], Article)


def test_record_with_one_deep_field_is_rejected(tmp_path):
    """A record nested deeper than MAX_JSON_DEPTH is rejected whole (checked before parsing)."""
    deep = "[" * 900 + "]" * 900
    (tmp_path / "rec.json").write_text('{"text": %s, "meta": %s}' % (json.dumps(STORY), deep), encoding="utf-8")
    (tmp_path / "rec.jsonl").write_text(
        '{"text": %s, "date": %s}\n' % (json.dumps(STORY), '{"a":' * 900 + "1" + "}" * 900), encoding="utf-8")
    shallow = json.dumps({"text": STORY, "meta": _deep_list(MAX_JSON_DEPTH - 2)})
    (tmp_path / "ok.json").write_text(shallow, encoding="utf-8")
    items = _by_name(_read(tmp_path))
    assert items["rec.json"].reason == DEEP and items["rec.jsonl:1"].reason == DEEP
    assert isinstance(items["ok.json"], Article)


def test_record_walkers_are_depth_bounded():
    """Records built in Python (not through the depth check) with deep fields keep their text."""
    deep_date: dict = {"$date": "2022-02-04"}
    for _ in range(5000):
        deep_date = {"a": deep_date}
    record = {"text": STORY, "date": deep_date, "author": _deep_list(5000), "title": {"name": _deep_list(5000)},
              "url": _deep_list(5000)}
    item = article_from_record(record, path="x.json")
    assert isinstance(item, Article) and item.text.startswith("Russia and China")
    assert item.published is None and item.author is None
    shallow = article_from_record({"text": STORY, "date": {"$date": {"$numberLong": "1643968800000"}}},
                                  path="y.json")
    assert shallow.published == "2022-02-04"


def _nested_dirs(root: Path, depth: int) -> None:
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("a.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, STORY.encode())
        os.close(out)
    finally:
        os.close(fd)


def _remove_nested_dirs(root: Path, depth: int) -> None:
    """Bottom-up removal with directory descriptors (shutil.rmtree recurses)."""
    fds = [os.open(root, os.O_RDONLY)]
    for _ in range(depth):
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    os.unlink("a.txt", dir_fd=fds[-1])
    for parent, child in zip(reversed(fds[:-1]), reversed(fds[1:])):
        os.close(child)
        os.rmdir("d", dir_fd=parent)
    os.close(fds[0])


def test_folder_tree_2000_deep_is_walked(tmp_path):
    # in memory where there is a tmpfs: 2000 nested folders cost seconds on a disk
    base = Path(tempfile.mkdtemp(dir="/dev/shm")) if os.access("/dev/shm", os.W_OK) else tmp_path
    root = base / "tree"
    root.mkdir()
    try:
        _nested_dirs(root, 2000)
        items = _read(root)
    finally:
        _remove_nested_dirs(root, 2000)
        root.rmdir()
        if base != tmp_path:
            base.rmdir()
    assert len(items) == 1
    if len(str(root)) + 2000 * 2 + len("/a.txt") < os.pathconf("/", "PC_PATH_MAX"):
        assert isinstance(items[0], Article) and items[0].path.endswith("/d/d/a.txt")
    else:  # a path too long for the system is a rejection, not a crash
        assert isinstance(items[0], Rejected) and items[0].reason.startswith("cannot stat")


# --------------------------------------------------------------------------- 2. file names

def test_non_utf8_file_name_is_read_and_shown_with_escapes(tmp_path):
    fd = os.open(os.fsencode(tmp_path) + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, STORY.encode())
    os.close(fd)
    fd = os.open(os.fsencode(tmp_path) + b"/bad\xff.json", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, b"[" * 1000)
    os.close(fd)
    items = _read(tmp_path)
    (article,) = [i for i in items if isinstance(i, Article)]
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    assert article.path == f"{tmp_path}/caf\\xe9.txt"
    assert rejected.path == f"{tmp_path}/bad\\xff.json" and rejected.reason == DEEP
    for text in (article.path, article.id, article.source or "", rejected.path):
        text.encode("utf-8")  # storable and printable
    assert article.text.startswith("Russia and China")


def test_lone_surrogates_in_json_text_are_replaced(tmp_path):
    (tmp_path / "s.json").write_text('{"text": %s, "title": "A \\udce9 B"}'
                                     % json.dumps(STORY + " \ud800 end.", ensure_ascii=True), encoding="utf-8")
    (item,) = _read(tmp_path)
    assert isinstance(item, Article) and "\ufffd end." in item.text
    item.text.encode("utf-8"), item.title.encode("utf-8")


# --------------------------------------------------------------------------- 3. many bad records

def test_many_rejected_records_are_folded_per_file(tmp_path):
    n = 50_000
    (tmp_path / "empty.jsonl.gz").write_bytes(gzip.compress(b"{}\n" * n))
    lines = [json.dumps({"a": i}) for i in range(300)] + ["not json"] * 30 + [json.dumps({"text": STORY})]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(tmp_path)
    empty = [i for i in items if i.path.startswith(str(tmp_path / "empty.jsonl.gz"))]
    assert len(empty) == MAX_LISTED_REJECTS + 1
    assert [Path(i.path).name for i in empty[:3]] == ["empty.jsonl.gz:1", "empty.jsonl.gz:2", "empty.jsonl.gz:3"]
    summary = empty[-1]
    assert summary.path == str(tmp_path / "empty.jsonl.gz") and summary.count == n - MAX_LISTED_REJECTS
    assert summary.reason == (f"{n - MAX_LISTED_REJECTS} more records rejected: "
                              f"no text field (text/body/content/maintext) ({n - MAX_LISTED_REJECTS})")
    assert sum(i.count for i in empty) == n
    mixed = [i for i in items if i.path.startswith(str(tmp_path / "mixed.jsonl"))]
    assert sum(isinstance(i, Article) for i in mixed) == 1
    assert sum(i.count for i in mixed if isinstance(i, Rejected)) == 330
    assert mixed[-1].reason.startswith("310 more records rejected: no text field (text/body/content/maintext) "
                                       "(280); malformed JSON: Expecting value")


def _bomb(head: bytes, fill: bytes, tail: bytes, size: int) -> bytes:
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [co.compress(head)]
    out += [co.compress(fill * (65536 // len(fill))) for _ in range(size // 65536)]
    return b"".join(out + [co.compress(tail), co.flush()])


@pytest.mark.parametrize("name,head,fill,tail", [
    ("b.txt.gz", b"Putin met Xi.\n", b" ", b""),
    ("b.html.gz", b"<html><body><p>Putin met Xi.</p>", b"<b></b>", b"</body></html>"),
    ("b.json.gz", b'{"text": "Putin met Xi.', b" ", b'"}'),
    ("b.jsonl.gz", b'{"text": "Putin met Xi."}\n', b"{}\n", b""),
    ("c.jsonl.gz", b'{"text": "Putin met Xi.', b" ", b'"}\n'),
])
def test_gzip_bomb_is_capped_in_every_format(tmp_path, name, head, fill, tail):
    (tmp_path / name).write_bytes(_bomb(head, fill, tail, 4 << 20))
    items = _read(tmp_path, max_bytes=100_000)
    whole = [i for i in items if isinstance(i, Rejected) and i.path == str(tmp_path / name)
             and i.reason.startswith("too large (decompressed size > limit 100000 bytes")]
    assert len(whole) == 1
    assert sum(i.count for i in items if isinstance(i, Rejected)) < 100_000 // 3 + 2


def test_warc_record_over_the_cap_is_rejected(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    page = b"<html><body><p>" + b" " * (1 << 20) + b"</p></body></html>"
    writer.write_record(writer.create_warc_record("http://x.example/", "response", payload=io.BytesIO(page),
                                                  http_headers=headers))
    (tmp_path / "big.warc.gz").write_bytes(buf.getvalue())
    (item,) = _read(tmp_path, max_bytes=100_000)
    assert item.reason == "too large (record > limit 100000 bytes)"


# --------------------------------------------------------------------------- 4. other hostile inputs

def _warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = f"<html><body><article><p>{STORY}</p></article></body></html>".encode()
        writer.write_record(writer.create_warc_record(f"http://x.example/{n}", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
    return buf.getvalue()


def test_hostile_inputs_each_give_a_plain_reason(tmp_path):
    junk = bytes((i * 7919 + 13) % 256 for i in range(20_000))
    for name in ("junk.json", "junk.html", "junk.jsonl", "junk.warc", "junk.warc.gz", "junk.json.gz"):
        (tmp_path / name).write_bytes(junk)
    (tmp_path / "cut.warc.gz").write_bytes(_warc_bytes()[:100])
    (tmp_path / "nested.html").write_text("<html><body>" + "<div>" * 300_000 + f"<p>{STORY}</p></body></html>",
                                          encoding="utf-8")
    for name, value in (("num.json", "42"), ("str.json", '"hello"'), ("null.json", "null")):
        (tmp_path / name).write_text(value, encoding="utf-8")
    (tmp_path / "texts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (
        {"text": [1, 2]}, {"text": 5}, {"text": {"p": STORY}}, {"text": STORY, "date": [1, 2]})), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    items = _by_name(_read(tmp_path))
    reasons = {name: item.reason for name, item in items.items() if isinstance(item, Rejected)}
    for name in ("junk.json", "junk.html", "junk.jsonl"):
        assert reasons[name] == "binary content"
    assert reasons["junk.json.gz"].startswith("corrupt gzip")
    assert reasons["junk.warc:1"].startswith("broken WARC record: ArchiveLoadFailed")
    assert reasons["cut.warc.gz:1"] == "broken WARC record: truncated gzip"
    assert reasons["nested.html"] == "no article text found in HTML"
    assert reasons["num.json:1"] == "not a JSON object (int)" and reasons["null.json:1"] == "not a JSON object (NoneType)"
    assert reasons["texts.jsonl:1"] == "text field 'text' is not text (list)"
    assert reasons["texts.jsonl:2"] == "text field 'text' is not text (int)"
    assert reasons["texts.jsonl:3"] == "text field 'text' is not text (dict)"
    assert isinstance(items["texts.jsonl:4"], Article) and items["texts.jsonl:4"].published is None
    assert reasons["pipe.txt"] == "not a regular file"


@pytest.mark.parametrize("name", ["gone.txt", "gone.jsonl", "gone.json.gz", "gone.warc.gz", "gone.html"])
def test_file_vanishing_after_listing_is_rejected(tmp_path, monkeypatch, name):
    gone = tmp_path / name
    monkeypatch.setattr(ingest, "iter_paths", lambda paths, exclude=(): iter([gone]))
    (item,) = _read(tmp_path)
    assert item.path == str(gone) and item.reason == "unreadable: No such file or directory"


@pytest.mark.parametrize("name", ["locked.txt", "locked.jsonl", "locked.json", "locked.warc"])
def test_unreadable_file_of_any_format_is_rejected(tmp_path, monkeypatch, name):
    (tmp_path / name).write_text(json.dumps({"text": STORY}), encoding="utf-8")

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ingest.files, "open_binary", refuse)
    (item,) = _read(tmp_path)
    assert isinstance(item, Rejected) and item.reason.startswith("unreadable: ")
    assert "ermission denied" in item.reason


def test_unexpected_reader_error_becomes_a_rejection(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Boom. " + STORY, encoding="utf-8")
    (tmp_path / "c.txt").write_text(STORY, encoding="utf-8")
    real = ingest.text.article_from_text

    def flaky(raw, **kw):
        if raw.startswith("Boom."):
            raise RecursionError("maximum recursion depth exceeded\nwhile doing something")
        return real(raw, **kw)

    monkeypatch.setattr(ingest.text, "article_from_text", flaky)
    items = _by_name(_read(tmp_path))
    assert isinstance(items["a.txt"], Article) and isinstance(items["c.txt"], Article)
    assert items["b.txt"].reason == "could not read: RecursionError: maximum recursion depth exceeded while doing something"
