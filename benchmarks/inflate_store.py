"""A bigger store from a built one, for the corpus stages' scale figures without analysing again (#18).

Run: ``.venv/bin/python benchmarks/inflate_store.py OUT_DIR TIMES DEST_DIR``.

Copies OUT_DIR's store into DEST_DIR (``storyline.sqlite``), then adds ``TIMES - 1`` copies of every
article and of its events, quotes and time expressions, copy ``k`` with ``-k`` after each id and its
dates ``400 * k`` years later (the Gregorian calendar repeats every 400 years: weekdays and leap days
stay right), so no copy links with another and each is a corpus of its own in the same store: the
corpus stages find ``TIMES`` times the articles, events and story events.  Prints the numbers of
articles and events.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_memory import STORE_NAME, copy_store  # noqa: E402

#: per table, the columns to change in a copy (``:k`` the copy, ``:suffix`` its id suffix)
_ID = "{c} || :suffix"
_DATE = ("CASE WHEN substr({c}, 1, 4) GLOB '[0-9][0-9][0-9][0-9]' "
         "THEN printf('%04d', CAST(substr({c}, 1, 4) AS INTEGER) + 400 * :k) || substr({c}, 5) ELSE {c} END")
CHANGES = {
    "articles": {"id": _ID, "path": _ID, "duplicate_of": _ID, "content_hash": _ID, "published": _DATE},
    "events": {"id": _ID, "article_id": _ID, "date": _DATE, "story_event": "NULL"},
    "quotes": {"id": _ID, "article_id": _ID},
    "timexes": {"id": _ID, "article_id": _ID, "value": _DATE},
}


def inflate(store: Path, times: int) -> None:
    conn = sqlite3.connect(store)
    try:
        last = {t: conn.execute(f"select max(rowid) from [{t}]").fetchone()[0] or 0 for t in CHANGES}
        with conn:
            for k in range(1, times):
                for table, changes in CHANGES.items():
                    columns = [r[1] for r in conn.execute(f"pragma table_info([{table}])")]
                    exprs = [changes.get(c, "{c}").format(c=f"[{c}]") for c in columns]
                    conn.execute(f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                                 f"select {', '.join(exprs)} from [{table}] where rowid <= :last",
                                 {"suffix": f"-{k}", "k": k, "last": last[table]})
        for table in ("articles", "events"):
            print(f"{table}: {conn.execute(f'select count(*) from [{table}]').fetchone()[0]}")
    finally:
        conn.close()


def main() -> int:
    source, times, dest = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    dest.mkdir(parents=True, exist_ok=True)
    if (dest / STORE_NAME).exists():
        raise SystemExit(f"{dest} already holds a store")
    copy_store((source / STORE_NAME if source.is_dir() else source).resolve(), dest / STORE_NAME)
    inflate(dest / STORE_NAME, times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
