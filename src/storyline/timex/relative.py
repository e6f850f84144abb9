"""Relative time expressions: weekdays, "last week", "two years ago", durations, sets, clock times.

Rules register themselves with :func:`storyline.timex_rules.rule` on import.  Relative values are
resolved against the DCT (or, for "later"/"earlier", the last day the text named), with the tense
of the governing clause deciding between the past and the coming weekday or month.
"""
from __future__ import annotations

import datetime as dt
import re

from .rules import (
    MONTH, Candidate, LEX, NUMWORD, PART, PARTS, SEASON, SEASONS, TIME_CLOCK, UNIT, UNITS, VAGUE, WEEKDAY,
    WEEKDAYS, _alt, _c, _iso, _season_year, _tense, duration_value, number_of, resolve_weekday,
    rule, shift, week_value,
)


@rule(r"\b(?P<t>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)(?:(?:'s)?\s+(?P<part>morning|afternoon|evening|night))?\b")
def _deictic(ctx, m):
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "deictic")
    t = m.group("t").lower()
    d = ctx.dct + dt.timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[t])
    if t == "tonight":
        return _c(m, "TIME", f"{d.isoformat()}TNI", "dct", "deictic")
    if m.group("part"):
        return _c(m, "TIME", f"{d.isoformat()}T{PARTS[m.group('part').lower()]}", "dct", "deictic")
    return _c(m, "DATE", d.isoformat(), "dct", "deictic")


@rule(r"\b[Tt]his\s+(?P<part>morning|afternoon|evening)\b")
def _this_part(ctx, m):
    if ctx.dct is None:
        return _c(m, "TIME", None, "dct", "part")
    return _c(m, "TIME", f"{ctx.dct.isoformat()}T{PARTS[m.group('part').lower()]}", "dct", "part")


@rule(rf"\b(?P<wd>{WEEKDAY})(?:'s)?(?:\s+(?P<part>{PART}))?\b")
def _weekday(ctx, m):
    before = ctx.text[max(0, m.start() - 12):m.start()]
    rel = re.search(r"\b(last|next|this|on|coming|past)\s+$", before, re.I)
    wd = WEEKDAYS[m.group("wd").lower()]
    start = m.start()
    tense = _tense(ctx, m)
    if rel and rel.group(1).lower() in ("last", "next", "this", "coming", "past"):
        r = rel.group(1).lower()
        start = m.start() - len(rel.group(0))
        if r in ("next", "coming"):
            tense = "future"
        elif r in ("last", "past"):
            tense = "past"
    if tense is None and ctx.loose_tense(m.start(), m.end()) == "future":
        tense = "future"
    d = resolve_weekday(ctx, wd, tense)
    if rel and rel.group(1).lower() == "next" and d is not None and d == ctx.dct:
        d += dt.timedelta(days=7)
    if rel and rel.group(1).lower() == "last" and d is not None and d == ctx.dct:
        d -= dt.timedelta(days=7)
    end = m.end("wd")
    if m.group("part"):
        end = m.end("part")
        v = f"{d.isoformat()}T{PARTS[m.group('part').lower()]}" if d else None
        return Candidate(start, end, "TIME", v, "dct", "weekday")
    return Candidate(start, end, "DATE", _iso(d), "dct", "weekday")


@rule(rf"\b[Tt]he\s+(?:previous|preceding|prior)\s+(?P<wd>{WEEKDAY})\b")
def _previous_weekday(ctx, m):
    """"the previous Friday": the one before the day the text is about (before the DCT here; moved back
    from the day the text last named by :func:`storyline.timex.extract_timexes`)."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "prev_weekday")
    back = (ctx.dct.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7 or 7
    return _c(m, "DATE", (ctx.dct - dt.timedelta(days=back)).isoformat(), "dct", "prev_weekday")


@rule(rf"\b(?P<wd>{WEEKDAY})(?:s\b|\s+(?P<part>mornings|afternoons|evenings|nights)\b"
      rf"|(?=\s+(?:and|or)\s+{WEEKDAY}\s+(?P<part2>mornings|afternoons|evenings|nights)\b))")
def _weekday_set(ctx, m):
    """"on Mondays", "Tuesday nights", "Monday and Tuesday nights": every such day (a SET)."""
    v = f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower()] + 1}"
    part = m.group("part") or m.group("part2")
    if part:
        v += f"T{PARTS[part.lower()[:-1]]}"
    return _c(m, "SET", v, None, "set")


@rule(rf"\b(?:[Tt]his\s+)?(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]revious|[Ff]ollowing|(?<=this\s)past|(?<=This\s)past)\s+(?P<u>week|month|year|weekend|decade|century|{SEASON})\b(?!-)")
def _rel_unit(ctx, m):
    rel = m.group("rel").lower()
    u = m.group("u").lower()
    before = ctx.text[max(0, m.start() - 5):m.start()].lower()
    if rel in ("last", "previous", "following") and re.search(r"\bthe\s+$", before):
        return None  # "the last year" is a duration, handled elsewhere
    if rel == "past":
        rel = "last"    # "this past weekend"
    if rel in ("previous", "following"):
        return _c(m, "DATE", None, "dct", "rel")
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    step = {"last": -1, "next": 1, "this": 0, "coming": 1}[rel]
    d = ctx.dct
    if u == "week":
        return _c(m, "DATE", week_value(d + dt.timedelta(weeks=step)), "dct", "rel")
    if u == "weekend":
        return _c(m, "DATE", week_value(d + dt.timedelta(weeks=step)) + "-WE", "dct", "rel")
    if u == "month":
        x = shift(d, months=step)
        return _c(m, "DATE", f"{x.year}-{x.month:02d}", "dct", "rel")
    if u == "year":
        return _c(m, "DATE", str(d.year + step), "dct", "rel")
    if u == "decade":
        return _c(m, "DATE", str(d.year // 10 + step), "dct", "rel")
    if u == "century":
        return _c(m, "DATE", f"{d.year // 100 + step:02d}", "dct", "rel")
    return _c(m, "DATE", _season_year(ctx, SEASONS[u], None, rel), "dct", "rel")


@rule(r"\b(?P<e>[Ee]arlier|[Ll]ater)\s+this\s+(?P<u>week|month|year)\b")
def _earlier_this(ctx, m):
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    u = m.group("u").lower()
    d = ctx.dct
    v = {"week": week_value(d), "month": f"{d.year}-{d.month:02d}", "year": str(d.year)}[u]
    return _c(m, "DATE", v, "dct", "rel")


@rule(rf"\b(?P<n>\d+(?:\.\d+)?|{NUMWORD}|{VAGUE}|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)))\s+(?P<u>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|before|later|after|from\s+now|hence)\b", re.I)
def _ago(ctx, m):
    n = number_of(m.group("n"))
    u = UNITS[m.group("u").lower().split()[-1]]
    direction = m.group("dir").lower()
    if direction in ("before", "after"):
        # "a week after the summit": anchored on an event; the bare duration is the timex
        return Candidate(m.start(), m.end("u"), "DURATION", duration_value(n, m.group("u")), None, "duration")
    sign = -1 if direction in ("ago", "earlier") else 1
    if n is None and direction in ("ago", "earlier"):
        return _c(m, "DATE", "PAST_REF", "dct", "ref")      # "several years ago"
    d = ctx.dct
    anchor = "dct"
    if direction not in ("ago", "from now", "hence"):
        # "two days later": counted from the last day the text mentioned, not from the DCT
        prior = ctx.last_day_before(m.start())
        if prior is not None:
            d, anchor = prior, "text"
        elif direction == "later":
            d = None
    if direction in ("later", "earlier") and (d is None or n is None or not float(n).is_integer() or u == "H"):
        # "three days later" with no day to count from: TimeML's timex is the duration itself
        return Candidate(m.start(), m.end("u"), "DURATION", duration_value(n, m.group("u")), None, "duration")
    if d is None or n is None or not float(n).is_integer():
        return _c(m, "DATE", None, "dct", "ago")
    n = int(n) * sign
    if u == "Y":
        return _c(m, "DATE", str(d.year + n), anchor, "ago")
    if u == "M":
        x = shift(d, months=n)
        return _c(m, "DATE", f"{x.year}-{x.month:02d}", anchor, "ago")
    if u == "W":
        return _c(m, "DATE", week_value(d + dt.timedelta(weeks=n)), anchor, "ago")
    if u == "D":
        return _c(m, "DATE", (d + dt.timedelta(days=n)).isoformat(), anchor, "ago")
    if u == "DE":
        return _c(m, "DATE", str(d.year + 10 * n), anchor, "ago")
    if u == "Q":
        x = shift(d, months=3 * n)
        return _c(m, "DATE", f"{x.year}-Q{(x.month - 1) // 3 + 1}", anchor, "ago")
    if u == "H":
        return _c(m, "TIME", None, anchor, "ago")
    return _c(m, "DATE", None, anchor, "ago")


@rule(r"\b(?:a|one)\s+year\s+(?:ago|earlier)\b|\b(?:the\s+)?(?:comparable\s+)?year-(?:earlier|ago)(?:\s+(?:period|quarter))?\b", re.I)
def _year_ago_quarter(ctx, m):
    adjective = re.search(r"year-(?:earlier|ago)$", m.group(0), re.I)   # "the year-ago results"
    # a modifier of another noun ("the year-ago results") leaves the article to that noun
    start = m.start() + (len(re.match(r"the\s+", m.group(0), re.I).group(0))
                         if adjective and re.match(r"the\s+(?!comparable)", m.group(0), re.I) else 0)
    if ctx.dct is None:
        return Candidate(start, m.end(), "DATE", None, "dct", "ago")
    if ctx.quarter_context(m.start()) or "quarter" in m.group(0).lower():
        x = shift(ctx.dct, years=-1)
        q = (x.month - 1) // 3
        yy = x.year
        if q == 0:
            q, yy = 4, yy - 1
        return Candidate(start, m.end(), "DATE", f"{yy}-Q{q}", "dct", "year_ago_quarter")
    return Candidate(start, m.end(), "DATE", str(ctx.dct.year - 1), "dct", "ago" if adjective else "year_ago")


@rule(r"\b[Tt]he\s+(?:(?:same|corresponding|comparable)\s+(?P<u>period|month|quarter|week|time)|(?P<q>quarter|period)(?=\s+a\s+year))\s+(?:a\s+year\s+(?:ago|earlier)|"
      r"(?:of\s+)?(?:the\s+)?(?:last|previous|prior)\s+year|the\s+year\s+before)\b")
def _same_period_year_ago(ctx, m):
    """"the same month a year ago", "the same period last year": the period the story reports, a year back."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "ago")
    u = (m.group("u") or m.group("q")).lower()
    if u == "quarter" or ctx.quarter_context(m.start()):
        x = shift(ctx.dct, years=-1)
        q = (x.month - 1) // 3 or 4
        return _c(m, "DATE", f"{x.year - (1 if x.month <= 3 else 0)}-Q{q}", "dct", "year_ago_quarter")
    left = max(ctx.text.rfind(". ", 0, m.start()), ctx.text.rfind("\n", 0, m.start())) + 1
    named = list(re.finditer(rf"\b(?P<mon>{MONTH})\b", ctx.text[left:m.start()]))
    if named and u in ("period", "month"):
        month = LEX["months"][named[-1].group("mon").rstrip(".").lower()]
        year = ctx.dct.year - (1 if month <= ctx.dct.month else 2)   # the named month, a year back
        return _c(m, "DATE", f"{year}-{month:02d}", "dct", "ago")
    return _c(m, "DATE", str(ctx.dct.year - 1), "dct", "ago")


@rule(rf"\b(?:(?P<the>[Tt]he)\s+)?(?P<rel>[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming|[Ff]irst|[Ff]ollowing|[Pp]revious)\s+(?:(?P<n>\d+(?:\.\d+)?|{NUMWORD}|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|several|few|couple\s+of)\s+)?(?P<u>{UNIT})\b(?!-)")
def _past_n(ctx, m):
    rel = m.group("rel").lower()
    n_txt = m.group("n")
    u = m.group("u").lower()
    if not m.group("the") and not n_txt and rel in ("last", "next", "coming", "first", "following", "previous"):
        return None  # "last year" etc. are dates (see _rel_unit); "first day" is not a timex
    if rel == "recent" and not u.endswith("s"):
        return None
    if (rel == "last" and not m.group("the") and n_txt
            and re.search(r"\b(?:will|would|could|can|may|might|should|must|to|'ll)\s+$", ctx.text[max(0, m.start() - 8):m.start()], re.I)):
        return None   # "could last two months": the verb; the duration rule takes "two months"
    if rel in ("first", "following", "previous") and not n_txt:
        return None
    if rel == "past" and not m.group("the") and not n_txt and u.endswith("s"):
        return _c(m, "DATE", "PAST_REF", "dct", "ref")     # "in past years"
    if rel == "past" and not m.group("the") and not n_txt:
        return None                                          # "this past weekend" is a date
    if m.group("the") and not n_txt and rel in ("past", "last") and u == "year" and ctx.dct is not None:
        return _c(m, "DATE", str(ctx.dct.year - 1), "dct", "past_n")   # "the past year": last year (TimeML)
    n = None if n_txt is None and u.endswith("s") else (1.0 if n_txt is None else number_of(n_txt))
    return _c(m, "DURATION", duration_value(n, u), None, "past_n")


@rule(rf"\b(?P<n>\d+(?:\.\d+)?(?:\s+1/2)?|{NUMWORD}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine)|{VAGUE})(?P<half>\s+and\s+a\s+half)?(?:\s+(?:more|additional|extra|further|full|straight|consecutive|long|short))?[\s-]+(?P<u>{UNIT})(?P<half2>\s+and\s+a\s+half\b)?(?P<old>[\s-]+old)?\b(?![-–]\w)", re.I)
def _duration(ctx, m):
    n_txt = m.group("n")
    n = number_of(n_txt.replace(" 1/2", ""))
    if n is not None and (" 1/2" in n_txt or m.group("half") or m.group("half2")):
        n += 0.5     # "2 1/2 years", "two and a half years", "a minute and a half"
    u = m.group("u")
    if m.group("old") or re.match(r"[\s-]+(?:old|olds)\b", ctx.text[m.end():m.end() + 6]):
        return None  # an age ("a 6-year-old"), not a time expression
    if n is None and n_txt.lower() in ("some", "many") and not u.lower().endswith("s"):
        return None
    if n_txt.lower() in ("a", "an") and u.lower() in ("quarter", "second"):
        return None
    before = ctx.text[max(0, m.start() - 15):m.start()].lower()
    if re.search(r"(?:\$|\d[.,]?)\s*$", before):
        return None
    if n_txt[0].isdigit() and u.lower() in ("quarter", "quarters") and n and n <= 4:
        return None
    if u.lower().startswith("quarter") and re.match(r"\s+of\s+(?:its|their|his|her|our|all|the\s+(?!year\b))",
                                                     ctx.text[m.end():m.end() + 20]):
        return None   # "three-quarters of its food": a fraction, not a time
    return _c(m, "DURATION", duration_value(n, u), None, "duration")


@rule(r"\b(?:[Ff]or|[Oo]ver|[Ii]n|[Ww]ithin|[Ff]rom)\s+(?:just\s+|only\s+|mere\s+)?(?P<x>(?:years|decades|months|weeks|days|hours|minutes|centuries|ages))\b")
def _bare_plural(ctx, m):
    u = m.group("x").lower()
    if u == "ages":
        return None
    return _c(m, "DURATION", duration_value(None, u), None, "duration", "x")


@rule(r"\b(?:[Oo]ver|[Ii]n|[Dd]uring|[Tt]hrough|[Aa]cross)\s+(?P<x>the\s+years)\b(?!\s+(?:of|to|between|\d))")
def _the_years(ctx, m):
    """"dedication over the years", "in the years that followed": an unspecified stretch of years."""
    return _c(m, "DURATION", "PXY", None, "duration", "x")


@rule(r"\b(?P<x>[Dd]ecades|[Yy]ears|[Cc]enturies)(?=[\s-]+(?:long|old|of|ago|earlier|later|before|after)\b)")
def _bare_plural2(ctx, m):
    after = ctx.text[m.end():m.end() + 8].lower()
    if re.match(r"[\s-]+old\b", after) and re.search(
            r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty|several|many|few))[\s-]*$",
            ctx.text[max(0, m.start() - 20):m.start()], re.I):
        return None  # an age ("52 years old", "fifty-two years old"), not a time expression
    if re.match(r"[\s-]+(?:ago|earlier|later)", after):
        return _c(m, "DATE", "PAST_REF" if "ago" in after or "earlier" in after else "FUTURE_REF", "dct", "ref")
    if re.match(r"[\s-]+(?:before|after)", after):
        return _c(m, "DURATION", duration_value(None, m.group("x")), None, "duration")
    if re.match(r"[\s-]+of", after):
        return _c(m, "DURATION", duration_value(None, m.group("x")), None, "duration")
    return _c(m, "DURATION", duration_value(None, m.group("x")), None, "duration")


@rule(r"\b(?<![\w-])(?:[Ss]ingle-(?P<u1>day|week|month|year)|(?P<u2>[Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear|[Hh]our)-long)\b(?!-)")
def _unit_adjective(ctx, m):
    """"the worst single-day decline", "a day-long meeting": one unit's length."""
    return _c(m, "DURATION", duration_value(1.0, m.group("u1") or m.group("u2")), None, "duration")


@rule(r"\b(?:[Tt]he\s+)?(?:[Cc]oming|[Uu]pcoming)\s+(?:days|weeks|months|years|quarters)\b|\b[Tt]he\s+(?:weeks|months|days|years)\s+ahead\b")
def _coming_units(ctx, m):
    """"in coming months", "the weeks ahead": an unspecified stretch of the near future."""
    return _c(m, "DATE", "FUTURE_REF", "dct", "ref")


@rule(r"\b[Rr]ecent\s+(?P<u>years|months|weeks|days|decades)(?:\s+and\s+(?:years|months|weeks|days))?\b")
def _recent_units(ctx, m):
    if m.group("u").lower() == "years":
        return _c(m, "DATE", "PAST_REF", "dct", "ref")
    return _c(m, "DURATION", duration_value(None, m.group("u")), None, "duration")


@rule(r"\b(?:[Ee]very|[Ee]ach|[Pp]er)\s+(?P<n>other\s+|\d+\s+|two\s+|three\s+|four\s+)?(?P<u>year|month|week|day|night|hour|quarter|decade|morning|evening|afternoon|weekend|summer|winter|spring|fall|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
      r"January|February|March|April|May|June|July|August|September|October|November|December)s?\b")
def _set_every(ctx, m):
    u = m.group("u").lower()
    n = m.group("n")
    k = 2 if n and n.strip() == "other" else (number_of(n.strip()) if n else 1)
    k = int(k or 1)
    if u in WEEKDAYS:
        return _c(m, "SET", f"XXXX-WXX-{WEEKDAYS[u] + 1}", None, "set")
    if u in LEX["months"]:
        return _c(m, "SET", f"XXXX-{LEX['months'][u]:02d}", None, "set")     # "each July"
    if u in PARTS:
        return _c(m, "SET", f"XXXX-XX-XXT{PARTS[u]}", None, "set")
    if u in SEASONS:
        return _c(m, "SET", f"XXXX-{SEASONS[u]}", None, "set")
    if u == "night":
        return _c(m, "SET", f"P{k}D", None, "set")
    if u == "weekend":
        return _c(m, "SET", f"P{k}WE", None, "set")
    return _c(m, "SET", duration_value(k, u), None, "set")


@rule(r"\b(?:(?<=\d\s)(?P<x>an?\s+(?:year|month|week|day|hour|quarter))\b|(?<=\d%\s)(?P<y>an?\s+(?:year|month|week|day|quarter))\b|(?:once|twice|(?:three|four|five|\d+)\s+times)\s+(?P<z>an?\s+(?:year|month|week|day|quarter))\b)")
def _set_a_year(ctx, m):
    g = "x" if m.group("x") else ("y" if m.group("y") else "z")
    u = m.group(g).split()[-1]
    return _c(m, "SET", duration_value(1, u), None, "set", g)


@rule(r"\b(?P<w>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly)\b", re.I)
def _set_adverb(ctx, m):
    w = m.group("w").lower()
    if w == "quarterly" and re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # "a quarterly dividend": an attribute of the payment, not a time expression
    return _c(m, "SET", LEX["set_adverbs"][w], None, "set")


_REF_WORDS = {k: v for k, v in LEX["refs"].items() if v}


@rule(r"\b(?:(?P<in>in)\s+)?(?P<w>" + _alt(_REF_WORDS) + r")\b(?!\s+(?:tense|participle|perfect))", re.I)
def _ref(ctx, m):
    w = m.group("w").lower()
    if w in ("the present",):
        after = ctx.text[m.end():m.end() + 10].lower()
        if not re.match(r"\s*(?:day|time|$|[.,;])", after):
            return None
    if w == "now" and re.match(r"-\w", ctx.text[m.end():m.end() + 8].lower()):
        return None   # "the now-cancelled deal" ("now that …" still refers to the present)
    return _c(m, "DATE", _REF_WORDS[w], "dct", "ref", "w")


@rule(rf"(?<![\d:])(?P<t>{TIME_CLOCK})(?:\s+(?P<zone>[A-Z][a-z]+\s+time|local\s+time|EST|EDT|GMT|UTC|PST|PDT))?")
def _clock(ctx, m):
    t = m.group("t").lower()
    mm = re.match(r"(\d{1,2})(?::(\d{2}))?", t)
    h, mi = int(mm.group(1)), int(mm.group(2) or 0)
    if "p" in t and h < 12:
        h += 12
    if re.search(r"a\.?\s?m", t) and h == 12:
        h = 0
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    zone = "Z" if re.search(r"(?:UTC|GMT)$", m.group(0)) else ""
    return Candidate(m.start(), m.end(), "TIME", f"{day}T{h:02d}:{mi:02d}{zone}", "dct", "clock")


@rule(r"\b(?:(?P<h>(?:[01]?\d|2[0-3]))(?::(?P<mi>[0-5]\d))?\s+in\s+the\s+(?P<p0>morning|afternoon|evening)"
      r"|(?:[Ii]n|[Dd]uring|[Bb]y|[Ll]ate\s+in|[Ee]arly\s+in|[Ll]ater\s+in|[Ee]arlier\s+in)\s+(?P<x>the\s+(?P<p>morning|afternoon|evening))"
      r"|(?P<y>[Mm]id[- ]?(?P<p2>morning|afternoon)))\b(?!\s+(?:papers?|news|editions?|shows?|session|trading|hours))")
def _part_of_day(ctx, m):
    """"in the morning", "by mid-afternoon", "4 in the morning": that part of the day the text is about
    (joined to a day next to it, or the day its sentence or the text last named, as clock times are)."""
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    if m.group("h"):
        h, mi = int(m.group("h")), int(m.group("mi") or 0)
        if m.group("p0").lower() in ("afternoon", "evening") and h < 12:
            h += 12
        return _c(m, "TIME", f"{day}T{h:02d}:{mi:02d}", "dct", "clock")
    part = PARTS[(m.group("p") or m.group("p2")).lower()]
    return _c(m, "TIME", f"{day}T{part}", "dct", "clock", "x" if m.group("x") else "y")


@rule(r"\b(?:[Ii]n|[Dd]uring)\s+(?P<x>(?P<p>morning|afternoon|evening))(?=\s+(?:trading|session|dealings)\b)")
def _part_of_day_trading(ctx, m):
    """"rose in morning trading": that part of the day the market report is about (see _part_of_day)."""
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return _c(m, "TIME", f"{day}T{PARTS[m.group('p').lower()]}", "dct", "clock", "x")


@rule(r"\b(?P<w>noon|midnight|midday)\b")
def _noon(ctx, m):
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return _c(m, "TIME", f"{day}T{'24:00' if m.group('w').lower() == 'midnight' else '12:00'}", "dct", "clock")


@rule(r"\b(?<!then\s)(?P<w>[Cc]urrent)\b(?!\s+(?:accounts?|events|affairs|flows?|carrying|speed))(?=\s+[a-z])")
def _current(ctx, m):
    """"current" before a noun ("the current quarter's", "current prices"): the present (TimeML)."""
    return _c(m, "DATE", "PRESENT_REF", "dct", "ref")


@rule(r"\b(?<!most\s)(?<!more\s)(?<![Aa]\s)(?P<w>[Rr]ecent)\b(?=\s+[A-Za-z])")
def _recent(ctx, m):
    """"recent" before a noun ("the recent sale", "recent declines"): the past (TimeML), as "current" is the
    present; not after "a" ("in a recent phone call" describes the call more than it dates it)."""
    return _c(m, "DATE", "PAST_REF", "dct", "recent")


@rule(r"\b[Tt]he\s+weekend\b")
def _the_weekend(ctx, m):
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    tense = _tense(ctx, m)
    d = ctx.dct
    if tense == "future" and d.weekday() < 5:
        pass
    elif d.weekday() < 5:
        d = d - dt.timedelta(days=d.weekday() + 1)     # the weekend just past
    return _c(m, "DATE", week_value(d) + "-WE", "dct", "rel")


_GERUND = r"(?!morning\b|evening\b|spring\b)[a-z]+ing\b"   # "after falling", "before returning"


@rule(r"\b(?P<pre>(?:end(?:ed|ing)?|finish(?:ed|ing)?|close[ds]?|closing|for|during|later\s+in|late\s+in|earlier\s+in|early\s+in|start\s+of|rest\s+of)\s+)(?P<x>the\s+day)\b(?!\s+(?:of|when|that)\b)"
      r"(?!\s+(?:before|after)\b(?!\s+" + _GERUND + r"))", re.I)
def _the_day(ctx, m):
    """"ended the day", "later in the day": the day the story reports.

    The DCT here; :func:`storyline.timex.extract_timexes` moves it to the day the text last named
    ("Stocks fell on Monday … to end the day at 7,114")."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "the_day", "x")
    return _c(m, "DATE", ctx.dct.isoformat(), "dct", "the_day", "x")


@rule(r"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?:UTC|GMT)\b")
def _military_time(ctx, m):
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return _c(m, "TIME", f"{day}T{m.group('h')}:{m.group('mi')}Z", "dct", "clock")


@rule(r"\b(?:(?:the\s+)?year[-\s]end|year's\s+end|the\s+end\s+of\s+the\s+year)\b", re.I)
def _year_end(ctx, m):
    """"by year-end": the end of the current year (TIMEX3: the year, with mod END)."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    return _c(m, "DATE", str(ctx.dct.year), "dct", "rel")


@rule(r"\b[Ll]ast\s+night\b")
def _last_night(ctx, m):
    if ctx.dct is None:
        return _c(m, "TIME", None, "dct", "deictic")
    return _c(m, "TIME", f"{(ctx.dct - dt.timedelta(days=1)).isoformat()}TNI", "dct", "deictic")


@rule(r"\b(?:[Tt]he\s+)?(?:very\s+)?(?P<part>end|beginning|start|middle|close|turn)\s+of\s+(?P<rel>the|this|next|last)\s+(?P<u>year|month|week|decade|century)\b")
def _part_of_period(ctx, m):
    """"the end of the year", "the start of next month": that period (TIMEX3 puts the part in a modifier)."""
    if ctx.dct is None:
        return _c(m, "DATE", None, "dct", "rel")
    step = {"the": 0, "this": 0, "next": 1, "last": -1}[m.group("rel").lower()]
    u = m.group("u").lower()
    d = ctx.dct
    if u == "year":
        v = str(d.year + step)
    elif u == "month":
        x = shift(d, months=step)
        v = f"{x.year}-{x.month:02d}"
    elif u == "week":
        v = week_value(d + dt.timedelta(weeks=step))
    elif u == "decade":
        v = str(d.year // 10 + step)
    else:
        v = f"{d.year // 100 + step:02d}"
    return _c(m, "DATE", v, "dct", "rel")


@rule(r"\b(?:(?:[Tt]he\s+)?(?P<rel>following|next|previous|preceding|same)\s+(?P<u>day|morning|evening|night|week|month|year)"
      r"|(?P<that>[Tt]hat|[Tt]hat\s+same)\s+(?P<u2>day|morning|evening|night|week|month|year)"
      r"|[Tt]he\s+(?P<u3>day|week|month|year)\s+(?P<dir>before|after|previous|prior))\b(?!\s+(?:or|of|to|and))")
def _anaphoric(ctx, m):
    """"the following day", "that year", "the day before": counted from the date the text last named.

    The value is filled in by :func:`storyline.timex.extract_timexes`, which knows the dates
    chosen before this one; a bare "the next year" (usually "over the next year", a duration)
    is left to the duration rules.
    """
    rel = (m.group("rel") or "").lower()
    if m.group("u3") and re.match(r"\s+" + _GERUND, ctx.text[m.end():m.end() + 20]):
        return None   # "late in the day after falling 250 points": 'after' governs the gerund
    if rel == "next" and not re.match(r"[Tt]he", m.group(0)):
        return None
    if rel == "next" and re.search(r"\b(?:over|during|in|within|for)\s+$", ctx.text[max(0, m.start() - 8):m.start()]):
        return None
    return _c(m, "DATE", None, "text", "anaphoric")


_STREAK_ORDINALS = r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th)"


@rule(r"\b(?:(?:[Aa]|[Tt]he|[Ii]ts|[Tt]heir)\s+)?(?:(?:" + _STREAK_ORDINALS + r")\s+(?:straight|consecutive|successive)\s+"
      r"(?P<u>day|week|month|year|session)|(?:" + _STREAK_ORDINALS + r")\s+(?P<u2>day|week|month|year)\s+in\s+a\s+row)\b")
def _streak(ctx, m):
    """"for a second consecutive day", "gains for a fourth week in a row": the latest of a run of periods,
    the one the report is about: a day like "the day" (the day the text last named, else the DCT), a week the
    DCT's; a month or year too, unless told in the past tense ("it was the third consecutive month": which?)."""
    u = (m.group("u") or m.group("u2")).lower()
    if ctx.dct is None or (u in ("month", "year") and ctx.tense(m.start(), m.end()) == "past"):
        return None
    d = ctx.dct
    v = {"day": d.isoformat(), "session": d.isoformat(), "week": week_value(d), "month": f"{d.year}-{d.month:02d}",
         "year": str(d.year)}[u]
    end = m.end("u2") if m.group("u2") else m.end()
    return Candidate(m.start(), end, "DATE", v, "dct", "the_day" if u in ("day", "session") else "streak")
