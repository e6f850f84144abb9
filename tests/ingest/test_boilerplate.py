"""Boilerplate removal: page furniture goes, every story sentence stays."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.boilerplate import clean_text, is_title_case, is_weak_line, normalise_whitespace

PARA = ("Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday, "
        "and the two leaders issued a joint statement on security.")
PARA2 = ("The statement said both countries oppose further enlargement of the alliance and called "
         "for talks on legally binding guarantees.")


@pytest.mark.parametrize("raw,expected", [
    ("  a  b\u00a0 c  \n\n\n\n   d\t\te  \n\n", "a b c\n\nd e"),
    ("x\r\ny\r\n\r\nz", "x\ny\n\nz"),
    ("\n\n\nonly\n\n", "only"),
    ("en\u00adlarge\u00adment\fof NATO", "enlargement of NATO"),
])
def test_normalise_whitespace(raw, expected):
    assert normalise_whitespace(raw) == expected


@pytest.mark.parametrize("line", [
    "Share", "Advertisement", "ADVERTISEMENT", "Read More", "This website uses cookies.",
    "We use cookies to improve your experience.", "6 hours ago", "1 day ago", "Updated 3 minutes ago",
    "• Lifestyle", "Tags: Russia, China", "© 2024 Example Media. All rights reserved.",
    "This article was written by Jane Doe and originally published by Example.com.",
    "Click here to subscribe", "Follow us on Twitter", "Photo: Reuters", "(AP Photo/Andy Wong)",
    "Advertisement - Continue Reading Below", "Story continues below advertisement",
    "Reporting by Jane Doe; Editing by John Roe", "Related: Putin Visits Beijing", "Loading...",
    "Image source, Getty Images", "Image caption, Putin and Xi in Beijing", "5 min read",
    "Listen to this article", "Subscribe now to continue reading",
])
def test_furniture_lines_are_dropped(line):
    text, removed = clean_text(f"{PARA}\n\n{line}\n\n{PARA2}")
    assert text == f"{PARA}\n\n{PARA2}"
    assert removed == [line]


@pytest.mark.parametrize("line", [
    "Putin's visit comes on the heels of Blinken's visit",  # a sentence-case subheading
    "Share prices fell sharply in Moscow after the announcement, traders said.",
    "He said: “Read more books,” and laughed.",
    "- Russia agreed to supply more gas",
])
def test_story_lines_stay(line):
    text, removed = clean_text(f"{PARA}\n\n{line}\n\n{PARA2}")
    assert line in text and removed == []


def test_recent_posts_block_goes_entirely():
    teaser = ("Recent Posts\n\n  • Lifestyle\n\nSome Catchy Headline About Money\n\n"
              "If you want to save money, then… Read More\n\n6 hours ago\n  • World\n\n"
              "ANOTHER SHOUTY HEADLINE BY A COMPANY\n\nPeople received the thing, said…  Read More\n\n"
              "4 days ago\n\nThis website uses cookies.")
    text, removed = clean_text(f"{PARA}\n\n{PARA2}\n\nShare\nSome Site Name\n\n{teaser}")
    assert text == f"{PARA}\n\n{PARA2}"
    assert "Some Site Name" in removed and "Recent Posts" in removed
    assert "ANOTHER SHOUTY HEADLINE BY A COMPANY" in removed


def test_teaser_block_ends_at_prose():
    text, _ = clean_text(f"{PARA}\n\nRelated Articles\n\nA Teaser Headline\n\n{PARA2}")
    assert text == f"{PARA}\n\n{PARA2}"


def test_related_link_headline_list_between_paragraphs():
    raw = (f"{PARA}\n\nChina Vows To Support Russia In The War\n\n"
           f"Leaders Criticize Israel As Putin Arrives In Beijing\n\n{PARA2}")
    text, removed = clean_text(raw)
    assert text == f"{PARA}\n\n{PARA2}" and len(removed) == 2


def test_headline_and_top_label():
    text, removed = clean_text(f"News\n\nPutin And Xi Call For A Halt\n\n{PARA}")
    assert text == f"Putin And Xi Call For A Halt\n\n{PARA}" and removed == ["News"]


@pytest.mark.parametrize("line,weak,title", [
    ("China Vows To Support Russia In The War With Ukraine", True, True),
    ("Russia and China vow to deepen ties", True, False),
    ("CHECK PRESENTATION AND DONATION", True, True),
    ("This is a sentence.", False, False),
])
def test_line_shapes(line, weak, title):
    assert is_weak_line(line) is weak and is_title_case(line) is title


@pytest.fixture(scope="module")
def cleaned(corpus_dir):
    return {p.name[:3]: clean_text(p.read_text(encoding="utf-8")) for p in sorted(Path(corpus_dir).glob("*.txt"))}


def test_corpus_000_story_kept_teasers_gone(cleaned):
    text, removed = cleaned["000"]
    for sentence in ("In 2020, NATO identified China as a ‘threat’ to the alliance.",
                     "The sides oppose further enlargement of NATO",
                     "the two leaders said in a joint statement.",
                     "The report called for NATO to boost ties with countries in the Asia Pacific",
                     "pose serious risks of nuclear proliferation,” the two leaders said.",
                     "worth an estimated $117.5 billion."):
        assert sentence in text
    for teaser in ("Roofing", "ROOFING", "Starliner", "Blood Types", "Recent Posts", "uses cookies",
                   "Moorpark", "MOORPARK", "Read More", "hours ago", "Lifestyle", "Share", "U Cast"):
        assert teaser not in text
    assert text.startswith("In Show Of Unity, Putin And Xi Call For A Halt To NATO Expansion\n\n")
    assert "Recent Posts" in removed


def test_corpus_004_opinion_kept_links_gone(cleaned):
    text, removed = cleaned["004"]
    assert "This is terrible news for the West" in text
    assert "All of this, while BRICS is growing" in text
    assert "-RT" in text
    assert "China Vows To Support Russia In The War With Ukraine" not in text
    assert not text.startswith(" ") and "\n " not in text


@pytest.mark.parametrize("prefix", ["001", "002", "003"])
def test_corpus_clean_articles_lose_nothing(cleaned, corpus_dir, prefix):
    (path,) = Path(corpus_dir).glob(f"{prefix}_*.txt")
    text, removed = cleaned[prefix]
    assert text.split() == path.read_text(encoding="utf-8").split()
    assert removed == []
    assert "\n\n\n" not in text


def test_teaser_spreads_along_a_long_chain_of_headlines():
    chain = "\n".join(f"Teaser Headline Number {n}" for n in range(5000))
    text, removed = clean_text(f"{PARA}\n\n{PARA2}\n\n3 hours ago\n{chain}")
    assert text == f"{PARA}\n\n{PARA2}" and len(removed) == 5001
