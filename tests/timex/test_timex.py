"""Time expressions: extraction spans, TIMEX3 values, tense of weekdays, ranges, the JSONL command."""
from __future__ import annotations

import pytest

from storyline.timex import extract_timexes, timex_jsonl
from storyline.dates import parse_dct


def _parse(nlp, text: str, dct):
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def _find(timexes, text):
    hits = [t for t in timexes if t.text == text]
    assert hits, f"{text!r} not found in {[(t.text, t.value) for t in timexes]}"
    return hits[0]


# Every relative expression of the putin-xi corpus, in its sentence, with its correct value.
CORPUS_CASES = [
    # 002, published Thursday 2021-12-16
    ("Just before Wednesday's Putin-Xi virtual summit, the Kremlin described that the meeting among allies is essential.",
     "2021-12-16", "Wednesday", "DATE", "2021-12-15"),
    ("On Wednesday China's Xi declared formal support for this central security concern of Russia's",
     "2021-12-16", "Wednesday", "DATE", "2021-12-15"),
    ("Thursday, December 16, 2021", None, "Thursday, December 16, 2021", "DATE", "2021-12-16"),
    ("In the discussion which lasted from 4:07 p.m. to 5:21 p.m. Beijing time, Xi responded.",
     "2021-12-16", "4:07 p.m.", "TIME", "2021-12-16T16:07"),
    # 003, published Friday 2024-05-17
    ("Putin and Xi affirmed their commitment during their meeting in Beijing on Thursday.",
     "2024-05-17", "Thursday", "DATE", "2024-05-16"),
    ("Blinken was in China for 24th April to 26th April.",
     "2024-05-17", "24th April to 26th April", "DATE", "2024-04-24/2024-04-26"),
    ("The meeting, spanning two days, aims to highlight the strong bond.", "2024-05-17", "two days", "DURATION", "P2D"),
    # 000 (undated) and 001
    ("In 2020, NATO identified China as a 'threat' to the alliance.", None, "2020", "DATE", "2020"),
    ("Western countries have been engaged in diplomatic efforts in recent weeks to prevent an invasion.",
     "2021-12-15", "recent weeks", "DURATION", "PXW"),
    (" date 2021-12-15 Putin and Xi agree that NATO should not expand east", None, "2021-12-15", "DATE", "2021-12-15"),
    ("they intend to meet during the Beijing Olympics in 2022.", "2021-12-15", "2022", "DATE", "2022"),
    ("Both countries are currently subject to sanctions sponsored by the United States.",
     "2021-12-15", "currently", "DATE", "PRESENT_REF"),
    ("Xi and Putin agreed to meet in person at the 2022 Beijing Olympic Games.",
     "2021-12-15", "the 2022 Beijing Olympic Games", "DATE", "2022-02-04/2022-02-20"),
    # 000 once its date is inferred (2022-02-04, the Friday the Olympics opened)
    ("Russian President Vladimir Putin met with Chinese President Xi Jinping on the sidelines of the Beijing Olympics on Friday.",
     "2022-02-04", "Friday", "DATE", "2022-02-04"),
    ("Putin announced Friday new gas and oil deals with China.", "2022-02-04", "Friday", "DATE", "2022-02-04"),
    ("a key demand in security proposals Putin recently presented to the US.", "2022-02-04", "recently", "DATE", "PAST_REF"),
    ("what is happening now in relations between our two countries.", "2021-12-16", "now", "DATE", "PRESENT_REF"),
    # 004, published 2024-02-08
    ("the two rulers have been tightening political ties for decades now.", "2024-02-08", "decades", "DURATION", "PXY"),
    ("by | Feb 8, 2024 | Headline News", None, "Feb 8, 2024", "DATE", "2024-02-08"),
]


@pytest.mark.parametrize("text,dct,span,type_,value", CORPUS_CASES)
def test_corpus_expressions_with_parse(nlp, text, dct, span, type_, value):
    doc = _parse(nlp, text, dct)
    found = [t for t in doc._.timexes if t["text"] == span]
    assert found, doc._.timexes
    assert (found[0]["type"], found[0]["value"]) == (type_, value)
    assert text[found[0]["start"]:found[0]["end"]] == span


@pytest.mark.parametrize("text,dct,span,type_,value", CORPUS_CASES)
def test_corpus_expressions_without_parse(text, dct, span, type_, value):
    t = _find(extract_timexes(text, dct), span)
    assert (t.type, t.value) == (type_, value)


NEWS_CASES = [
    # weekday tense: future looks forward, past looks back; "next"/"last" move a week
    ("The two leaders will meet on Friday.", "2021-12-16", "Friday", "2021-12-17"),
    ("The two leaders met on Friday.", "2021-12-16", "Friday", "2021-12-10"),
    ("The vote is scheduled for next Tuesday.", "2021-12-16", "next Tuesday", "2021-12-21"),
    ("Prices fell last Monday.", "2021-12-16", "last Monday", "2021-12-13"),
    ("The talks ended yesterday.", "2021-12-16", "yesterday", "2021-12-15"),
    ("Officials will decide tomorrow.", "2021-12-16", "tomorrow", "2021-12-17"),
    ("Profit rose last year.", "1998-02-13", "last year", "1997"),
    ("A referendum will be held next year.", "1998-02-13", "next year", "1999"),
    ("Sales rose 5% last month.", "1998-02-13", "last month", "1998-01"),
    ("He visited Moscow last week.", "1998-02-13", "last week", "1998-W06"),
    ("This week the market rallied.", "1998-02-13", "This week", "1998-W07"),
    ("The company said it expects a loss this year.", "1998-02-13", "this year", "1998"),
    ("It was founded two years ago.", "1998-02-13", "two years ago", "1996"),
    ("The plant closed three days ago.", "1998-02-13", "three days ago", "1998-02-10"),
    ("The deal was signed in March.", "1998-06-13", "March", "1998-03"),
    ("The deal was signed on March 3.", "1998-06-13", "March 3", "1998-03-03"),
    ("The summit will take place in November.", "1998-06-13", "November", "1998-11"),
    ("Elections were held in December.", "1998-02-13", "December", "1997-12"),
    ("The report came out on 5 May 2023.", None, "5 May 2023", "2023-05-05"),
    ("It opened on Feb. 4, 2022.", None, "Feb. 4, 2022", "2022-02-04"),
    ("The law passed in January 2019.", None, "January 2019", "2019-01"),
    ("Profits doubled in the third quarter.", "1989-10-30", "the third quarter", "1989-Q3"),
    ("Growth slowed in the 1990s.", None, "the 1990s", "199"),
    ("He is now the leader.", "2024-05-17", "now", "PRESENT_REF"),
    ("She recently returned.", "2024-05-17", "recently", "PAST_REF"),
    ("They will talk in the future.", "2024-05-17", "the future", "FUTURE_REF"),
    ("The war lasted for three years.", "2024-05-17", "three years", "P3Y"),
    ("Over the past two months, prices rose.", "2024-05-17", "the past two months", "P2M"),
    ("The fund pays dividends annually.", "2024-05-17", "annually", "P1Y"),
    ("The board meets every week.", "2024-05-17", "every week", "P1W"),
    ("The meeting ran from May 3 to May 5.", "2024-05-17", "May 3 to May 5", "2024-05-03/2024-05-05"),
    ("The fair runs April 24-26.", "2024-05-17", "April 24-26", "2024-04-24/2024-04-26"),
    ("Putin met Xi on the sidelines of the Beijing Olympics.", "2022-02-05", "the Beijing Olympics", "2022-02-04/2022-02-20"),
    ("The summit comes a week after the Biden-Putin virtual summit.", "2021-12-16",
     "a week after the Biden-Putin virtual summit", "2021-W50"),
    ("Earlier this month the bank cut rates.", "1989-10-30", "Earlier this month", "1989-10"),
    # earnings stories: "a year ago" and "the quarter" follow the quarter the story reports
    ("Third-quarter profit rose to $5 million from $3 million a year ago.", "1989-11-02", "a year ago", "1988-Q3"),
    ("Third-quarter profit rose. In the quarter, sales rose 5%.", "1989-11-02", "the quarter", "1989-Q3"),
    ("The Ford Motor Company made a profit in the final quarter of 2009.", "2010-01-28",
     "the final quarter of 2009", "2009-Q4"),
    # clock times take the day next to them, and their zone
    ("Castro said they will leave at 4 a.m. EDT Thursday.", "2000-04-05", "4 a.m. EDT Thursday", "2000-04-06T04:00"),
    # parts of the day take the day next to them or the one the text last named
    ("Oil slid on Friday. Traders sold heavily in the morning before a late rally.", "2011-03-14", "the morning",
     "2011-03-11TMO"),
    ("In Tokyo at mid-afternoon yesterday, the yen was weaker.", "2011-03-14", "mid-afternoon yesterday",
     "2011-03-13TAF"),
    ("Sony said on Monday that sales fell. Its shares slid in morning trading but recovered later in the day.",
     "2011-03-15", "morning", "2011-03-14TMO"),
    ("Sony said on Monday that sales fell. Its shares slid in morning trading but recovered later in the day.",
     "2011-03-15", "the day", "2011-03-14"),
    ("The convoy will leave at 5 in the morning on Thursday.", "2011-03-14", "5 in the morning on Thursday",
     "2011-03-17T05:00"),
    ("The plane made its first flight at 18:00 UTC.", "2009-12-15", "18:00 UTC", "2009-12-15T18:00Z"),
    # headline future, present schedules and reported futures take the coming or nearer day
    ("Xi to visit Moscow on Monday.", "2024-05-15", "Monday", "2024-05-20"),
    ("Putin arrives in Beijing on Thursday.", "2024-05-15", "Thursday", "2024-05-16"),
    ("He said on Monday that talks would resume on Friday.", "2024-05-15", "Friday", "2024-05-17"),
    ("He said on Monday that talks would resume on Friday.", "2024-05-15", "Monday", "2024-05-13"),
    # lexical cues of the future: deadlines, "as soon as"
    ("The group might come to the U.S. as soon as Tuesday.", "2000-04-03", "Tuesday", "2000-04-04"),
    ("The dividend is payable Dec. 7 to stock of record.", "1989-10-27", "Dec. 7", "1989-12-07"),
    ("The tender offer was extended to Nov. 16.", "1989-10-30", "Nov. 16", "1989-11-16"),
    ("The doctor was shot on the night of Oct. 23 as he stood in his kitchen.", "1999-05-05", "Oct. 23", "1998-10-23"),
    ("More than 2,000 people gathered on Thanksgiving Day.", "1998-12-01", "Thanksgiving Day", "1998-11-26"),
    ("Pilgrims filled the old city as Easter week began.", "2014-04-14", "Easter week", "2014-W16"),
    ("January nineteen ninety-seven. Atlanta again.", "1998-02-27", "January nineteen ninety-seven", "1997-01"),
    ("Prices hit that low in the winter of nineteen ninety-four.", "1998-02-23", "the winter of nineteen ninety-four",
     "1994-WI"),
    ("She spent about 5 1/2 hours in Nairobi.", "1998-08-17", "about 5 1/2 hours", "PT5H30M"),
    ("The release is two and a half years behind schedule.", "2009-12-15", "two and a half years", "P2.5Y"),
    ("As the yen soared in recent years, the company struggled.", "1989-10-30", "recent years", "PAST_REF"),
    ("The share rose from 35 percent several years ago.", "1998-02-13", "several years ago", "PAST_REF"),
    # ranges written day-first, business periods, parts of periods, nights
    ("The forum runs 24-26 April 2024.", None, "24-26 April 2024", "2024-04-24/2024-04-26"),
    ("Talks ran from 24 to 26 April.", "2024-05-17", "24 to 26 April", "2024-04-24/2024-04-26"),
    ("He was in Kyiv between 24 and 26 April.", "2024-05-17", "24 and 26 April", "2024-04-24/2024-04-26"),
    ("Revenue rose in Q3 2023.", None, "Q3 2023", "2023-Q3"),
    ("Profit in FY2023 rose.", None, "FY2023", "FY2023"),
    ("By the end of the year, they will decide.", "2024-05-17", "the end of the year", "2024"),
    ("Last night, rockets hit the city.", "2024-05-17", "Last night", "2024-05-16TNI"),
    ("The 2010s were calm.", None, "The 2010s", "201"),
    ("The talks, held on 3 and 4 March, failed.", "2024-05-17", "4 March", "2024-03-04"),
    ("The talks, held on 3 and 4 March, failed.", "2024-05-17", "3", "2024-03-03"),
    ("The NATO summit meets on April 24 and 25.", "1999-02-10", "25", "1999-04-25"),
    ("The new rules apply from 14.05.2024.", None, "14.05.2024", "2024-05-14"),
    ("Protesters rallied this past weekend.", "2024-05-17", "this past weekend", "2024-W19-WE"),
    ("Inspectors visit twice a year.", "2024-05-17", "a year", "P1Y"),
    # "later" counts from the day the text last named, not from the publication date
    ("It arrives on November 11, 2005, three days later than planned.", "2005-11-05", "three days later", "2005-11-14"),
    # anaphoric references count from the date the text last named
    ("He was shot on Oct. 23, 1998. The following day, police searched his home.", "1999-01-05",
     "The following day", "1998-10-24"),
    ("He was promoted in 1995 and the following year he was appointed attache.", "1998-04-18",
     "the following year", "1996"),
    ("The plant will be closed over the next year or so.", "1989-11-02", "the next year or so", "P1Y"),
    ("Exports fell to $40 billion in 2012, $3 billion less than the year previous.", "2013-02-01",
     "the year previous", "2011"),
    # events dated in the same text anchor later references to them
    ("Wednesday's Putin-Xi summit was cordial. Two days after the summit, Xi left.", "2021-12-16",
     "Two days after the summit", "2021-12-17"),
    ("Markets fell this morning.", "2024-05-17", "this morning", "2024-05-17TMO"),
    ("Net income for the year ended Sept. 30 rose.", "1989-11-02", "the year", "P1Y"),
    ("He forecast an earnings increase for the full year.", "1989-11-02", "the full year", "1989"),
    ("Hate groups grew over the past year.", "1998-03-03", "the past year", "1997"),
    ("The economy will slow in coming months.", "1998-02-06", "coming months", "FUTURE_REF"),
    ("Growth looks good in the near term.", "2009-03-01", "the near term", "FUTURE_REF"),
    ("Aqaba is the only outlet now that the noose has tightened.", "1990-08-16", "now", "PRESENT_REF"),
    ("It was the worst single-day decline since 1987.", "2008-10-10", "single-day", "P1D"),
    # "N units later" with no day named before it: the duration is the timex
    ("A day later, he resigned.", "2024-05-17", "A day", "P1D"),   # later than what? no day guessed
    ("Four days later, the company withdrew its offer.", "2003-06-12", "Four days", "P4D"),
    ("A few weeks later the board approved the merger.", "2003-06-12", "A few weeks", "PXW"),
    ("About an hour later, firefighters reached the site.", "2003-06-12", "About an hour", "PT1H"),
    # a day named as the one planned is still ahead, whatever the tense of the planning verb
    ("Farmers planned a march on the capital on Saturday.", "2003-06-12", "Saturday", "2003-06-14"),
    ("The union has scheduled a strike vote Tuesday.", "2003-06-12", "Tuesday", "2003-06-17"),
    ("The prosecutor has scheduled a news conference Friday to announce charges.", "2003-06-11", "Friday",
     "2003-06-13"),
    # earnings quarters: "ended <date>" names the quarter; "year-ago" moves an ordinal quarter a year back
    ("In the quarter ended July 31, the retailer earned $4 million.", "2003-09-02", "the quarter", "2003-Q2"),
    ("Net fell in the quarter ending Dec. 31, the bank said.", "2004-01-20", "the quarter", "2003-Q4"),
    ("Its earnings in the year-ago second quarter were $9 million.", "2003-08-05", "the year-ago second quarter",
     "2002-Q2"),
    # "the same period last year": the month (or quarter) the story reports, a year back
    ("Car sales fell 12% in March compared with the same month a year ago.", "2008-04-02",
     "the same month a year ago", "2007-03"),
    ("Exports rose in May from the same period last year.", "2011-06-10", "the same period last year", "2010-05"),
    ("Profit beat the figure for the corresponding period last year.", "2005-07-30",
     "the corresponding period last year", "2004"),
    ("For the quarter a year ago, the insurer earned $40 million.", "1995-10-20", "the quarter a year ago", "1994-Q3"),
    ("The economy shrank for two consecutive quarters of weak demand.", "2009-02-16", "two consecutive quarters", "P2Q"),
    # a month modifying a noun takes the tense of the clause the noun is in
    ("Police said they had new leads in the October shooting.", "2001-04-10", "October", "2000-10"),
    ("Voters will return to the polls in the November runoff.", "2001-04-10", "November", "2001-11"),
    ("Prosecutors have charged two men over the Dec. 3 robbery.", "2001-04-10", "Dec. 3", "2000-12-03"),
    # a stretch of days in one month is one range, also when written twice; longer stretches are two dates
    ("The fair runs from May 3 to May 5.", "2012-04-20", "May 3 to May 5", "2012-05-03/2012-05-05"),
    ("The fund bought shares from Aug. 26 to Oct. 20.", "2002-10-28", "Oct. 20", "2002-10-20"),
    # "the day" of a market report is the trading day the report last named, else the publication day;
    # a gerund after "the day before/after" is governed by the preposition ("the day" is the timex)
    ("Tokyo shares slid on Monday, and the Nikkei lost 2% to finish the day at 9,800.", "2011-03-15",
     "the day", "2011-03-14"),
    ("Shares recovered later in the day after dropping 4% at the open.", "2011-03-14", "the day", "2011-03-14"),
    ("The Fed will meet on Wednesday. The Dow rose 1% to end the day at 12,000.", "2011-03-14", "the day",
     "2011-03-14"),
    ("Miners have fought the plan for decades.", "2012-06-01", "decades", "PXY"),
    # a plan in the past perfect was overtaken: its day has passed; "is to" looks ahead in any clause
    ("The bid had been scheduled to expire at midnight Friday but was extended.", "1989-10-30",
     "midnight Friday", "1989-10-27T24:00"),
    ("The bank, which is being sold and is to delist its shares Tuesday, fell.", "2010-06-04", "Tuesday", "2010-06-08"),
    # the perfect progressive reaches back from now
    ("Police have been hunting the gunman since the Aug. 14 shooting.", "2003-05-02", "Aug. 14", "2002-08-14"),
    # weeks named by a day or by their place in a month
    ("The hearing is set for the week of June 9.", "2014-05-20", "the week of June 9", "2014-W24"),
    ("Exports picked up in the last week of January.", "2015-02-10", "the last week of January", "2015-W04"),
    # "the whole year" after a year named in its sentence is that year; "the 2015 model year" is a year
    ("The carmaker lost $4.8 billion in the last quarter of 2005 and $10 billion for the whole year.", "2006-01-27",
     "the whole year", "2005"),
    ("The sedan returns for the 2015 model year.", "2014-03-01", "2015", "2015"),
    ("Since 2001 the chain has doubled in size, and it expects growth for the full year.", "2006-01-27",
     "the full year", "2006"),
    # unspecified stretches: "over the years", "in minutes"
    ("She thanked the staff for their loyalty over the years.", "2016-04-02", "the years", "PXY"),
    ("The lender may extend the loan for an additional year.", "2016-04-02", "an additional year", "P1Y"),
    ("The index gave up the gains in just minutes.", "2016-04-02", "minutes", "PTXM"),
    # "recent" before a noun is the past, as "current" is the present
    ("Investors fretted about recent declines in bond prices.", "2016-04-02", "recent", "PAST_REF"),
    # recurring days and months are sets; "the previous Friday" is the one before the day the story is about
    ("The museum is closed on Mondays.", "2016-04-02", "Mondays", "XXXX-WXX-1"),
    ("Ferries run on Friday nights in summer.", "2016-04-02", "Friday nights", "XXXX-WXX-5TNI"),
    ("Pilgrims gather at the shrine each August.", "2016-04-02", "each August", "XXXX-08"),
    ("Stocks slid on Friday, leaving the index 3% below the previous Friday.", "1989-10-30",
     "the previous Friday", "1989-10-20"),
    ("A minute and a half later, the engine failed.", "2016-04-02", "A minute and a half", "PT1M30S"),
    ("Steel demand should stay weak through the first two quarters of 2003.", "2002-10-20",
     "the first two quarters of 2003", "2003-H1"),
    ("Buses will run on Saturday and Sunday nights from June 1.", "2016-04-02", "Saturday", "XXXX-WXX-6TNI"),
    # a run of periods: its latest is the one reported
    ("Trading in Athens was halted for a third straight day on Friday.", "2015-07-03", "a third straight day",
     "2015-07-03"),
    ("European shares gained for a fifth week in a row.", "2015-07-03", "a fifth week", "2015-W27"),
    # an apposition naming a day: 'the day' is that day
    ("Shares peaked on Aug. 9, the day before the crash, at $40.", "2011-09-01", "the day", "2011-08-09"),
    # 'by' sets a deadline ahead, unless its clause is past
    ("Most member states had filed their reports by Wednesday.", "2024-05-17", "Wednesday", "2024-05-15"),
    ("The company must file its restructuring plan by Wednesday.", "2024-05-17", "Wednesday", "2024-05-22"),
    ("Bondholders had tendered most of the notes by the Tuesday deadline.", "2024-05-17", "Tuesday", "2024-05-14"),
    ("Bondholders must tender their notes by the Tuesday deadline.", "2024-05-17", "Tuesday", "2024-05-21"),
    # a participle clause takes the tense of the verb it hangs on
    ("The stock has swung widely, climbing to $31 in June from $20 in March.", "2003-10-30", "March", "2003-03"),
]


@pytest.mark.parametrize("text,dct,span,value", NEWS_CASES)
def test_news_phrasing(nlp, text, dct, span, value):
    doc = _parse(nlp, text, dct)
    found = [t for t in doc._.timexes if t["text"] == span]
    assert found, doc._.timexes
    assert found[0]["value"] == value


@pytest.mark.parametrize("text,dct,span", [
    ("The officials met on Friday.", None, "Friday"),          # no DCT: cannot guess the week
    ("Police said the next morning he fled.", "2024-05-17", "the next morning"),
    ("Prices rose last year.", None, "last year"),
    ("The deal was signed in March.", None, "March"),
])
def test_unresolved_without_dct(text, dct, span):
    t = _find(extract_timexes(text, dct), span)
    assert t.value is None and t.anchor is None


@pytest.mark.parametrize("text", [
    "Putin and Xi Jinping solidified their relations further in a recent phone call.",
    "The Chinese leader hailed a group of non-Western economic powers.",
    "Shares of the Russel 2000 Index fell.",
    "You may march on the capital.",
    "The company has 2000 employees and 300 shareholders.",
    "The rate was 1998.5 points.",
    "The price is $4.1556 per share.",
    "A 6-year-old boy and his 44-year-old father were rescued.",
    "The company pays a quarterly dividend.",
    "Mr. Reupke, 52 years old, resigned.",
    "The country imports about three-quarters of its grain.",
    "The quarter-to-quarter comparison was hurt by charges.",
])
def test_no_timex(text):
    assert [t.text for t in extract_timexes(text, "2024-02-08")] == []


def test_offsets_exact_with_unicode():
    text = "“Quoted” — Russian President\xa0Vladimir Putin met Xi on Friday, December 3, 2021 in Beijing."
    for t in extract_timexes(text, None):
        assert text[t.start:t.end] == t.text
    assert _find(extract_timexes(text, None), "Friday, December 3, 2021").value == "2021-12-03"


@pytest.mark.parametrize("dct,expected", [
    ("2021-12-16", "2021-12-16"), ("2021-12-16T14:26:00", "2021-12-16"), ("03-02-2009", "2009-02-03"),
    ("", None), (None, None), ("garbage", None),
])
def test_parse_dct(dct, expected):
    d = parse_dct(dct)
    assert (d.isoformat() if d else None) == expected


def test_timex_jsonl_passes_ids_and_errors():
    records = [
        {"id": "a", "text": "They met on Wednesday.", "dct": "2021-12-16"},
        {"id": "b", "error": "line 2: bad json"},
        {"id": "c"},
        {"id": "d", "text": "In 2020, NATO identified China as a threat.", "dct": None},
    ]
    out = list(timex_jsonl(records))
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    assert out[0]["timexes"] == [{"start": 12, "end": 21, "text": "Wednesday", "type": "DATE", "value": "2021-12-15"}]
    assert out[1]["timexes"] == [] and "error" in out[1]
    assert out[2]["error"] == "no text"
    assert out[3]["timexes"][0]["value"] == "2020"


def test_event_anchored_values_are_marked_inferred():
    text = "Putin met Xi on the sidelines of the Beijing Olympics. The summit comes a week after the Biden-Putin virtual summit."
    found = {t.text: t for t in extract_timexes(text, "2022-02-05")}
    olympics = found["the Beijing Olympics"]
    assert (olympics.value, olympics.anchor, olympics.inferred) == ("2022-02-04/2022-02-20", "table", True)
    week = found["a week after the Biden-Putin virtual summit"]
    assert (week.value, week.inferred) == ("2021-W50", True)


def test_component_survives_multiprocess_serialisation(nlp):
    doc = _parse(nlp, "They met on Wednesday.", "2021-12-16")
    assert all(isinstance(t, dict) and set(t) >= {"start", "end", "text", "type", "value"} for t in doc._.timexes)
    from spacy.tokens import Doc
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.timexes == doc._.timexes


def test_timeml_floor():
    """Quality gate: rules alone (no parse) on the TimeML gold keep their value and span F1."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "timex.py"
    spec = importlib.util.spec_from_file_location("storyline_timex_benchmark", path)
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench          # dataclasses look their module up
    spec.loader.exec_module(bench)
    if not (bench.TIMEML / "TBAQ-cleaned").exists():
        pytest.skip("TimeML benchmark data not available")
    total = bench.Counts()
    for doc in bench.load_documents():
        total.add(bench.score_document(doc, [t.to_dict() for t in extract_timexes(doc.text, doc.dct)]))
    assert bench.prf(total.value, total.system, total.gold)[2] >= 0.77
    assert bench.prf(total.relaxed, total.system, total.gold)[2] >= 0.91


def _all_case_texts():
    return [c[0] for c in CORPUS_CASES] + [c[0] for c in NEWS_CASES] + [
        "On 3/4/2021 at 10:30 a.m., the 1990s-era plant (built in the '80s) shut for 14.05.2024 repairs.",
        "Sales rose 5% a year, twice a month, in a single-day surge and a day-long rally since '98.",
    ]


def test_fast_scan_finds_what_finditer_finds():
    """find_candidates tries rules only where their matches can begin: the same candidates as a full scan."""
    from storyline.timex import rules

    rules._load_rules()
    for text in _all_case_texts():
        ctx = rules.Context(text, parse_dct("2021-12-16"), lambda s, e: None)
        full = [vars(c) for pattern, fn in rules.RULES for m in pattern.finditer(text)
                for c in [fn(ctx, m)] if c is not None and c.end > c.start]
        assert [vars(c) for c in rules.find_candidates(ctx)] == full


def test_rule_beginnings_are_read_off_the_patterns():
    import re

    from storyline.timex.rules import first_chars, word_beginnings

    assert word_beginnings(re.compile(r"\b(?:[Tt]he\s+)?(?P<m>January|Jan\.)")) == frozenset({"the", "jan"})
    assert word_beginnings(re.compile(r"\b(?P<n>\d+|a|two)\s+days")) == frozenset({"\\d", "a", "two"})
    assert word_beginnings(re.compile(r"(?<=\s)days")) is None          # no leading \b: not bounded by words
    assert first_chars(re.compile(r"(?<![\d:])\d{1,2}:\d\d")) is not None
    assert first_chars(re.compile(r"(?<=\d\s)an?\s+year")) is None      # begins with a letter: not worth it


@pytest.mark.parametrize("text,dct,span", [
    ("Leaders meet at the Washington summit on April 24. Poland was invited at the Madrid summit.", "1999-02-10",
     "the Madrid summit"),
    ("The talks on May 3 went well. In 2015, at the talks, both sides had walked out.", "2019-05-06", "the talks"),
])
def test_other_events_are_not_dated_by_a_dated_one(text, dct, span):
    """A dated 'Washington summit' does not date 'the Madrid summit', nor talks placed in another year."""
    assert span not in [t.text for t in extract_timexes(text, dct)]


# Span boundaries as TimeML draws them.
SPAN_CASES = [
    # a measure used as a modifier leaves the article to the noun it modifies
    ("Talks ended the nine-year conflict between the two neighbours.", "2003-05-02", "nine-year", "P9Y"),
    ("Lawmakers extended the 90-day review period.", "2017-06-12", "90-day", "P90D"),
    ("Delegates arrived for the three day summit in Addis Ababa.", "2012-01-27", "three day", "P3D"),
    # ... but a measure that is the noun keeps it
    ("Sales rose 4% in the nine months to September.", "2003-10-30", "the nine months", "P9M"),
    # focus adverbs ('just', 'only') stay outside; quantity modifiers stay inside
    ("The minister spent only three hours in Kabul.", "2010-03-28", "three hours", "PT3H"),
    ("Just two weeks after the vote, the coalition collapsed.", "2010-03-28", "two weeks", "P2W"),
    ("The index closed at its lowest level in over a decade.", "2008-11-20", "over a decade", "P10Y"),
    ("Voters have waited nearly four years for the reform.", "2008-11-20", "nearly four years", "P4Y"),
    # a decade takes its article and its part (early/late/mid)
    ("The region boomed in the late 1990s.", "2008-11-20", "the late 1990s", "199"),
    ("Unemployment peaked in the mid-1980s.", "2008-11-20", "the mid-1980s", "198"),
    ("Police arrived just over an hour later.", "2008-11-20", "over an hour", "PT1H"),
    # 'the year-ago results': the article belongs to 'results'
    ("The year-ago results included a large tax charge.", "1996-11-04", "year-ago", "1995"),
    # 'or so' approximates the measure and belongs to it
    ("Talks could last two months or so.", "2008-11-20", "two months or so", "P2M"),
    # the part of a month or day named is in the timex (TIMEX3 marks it as a modifier)
    ("The offer expires at the end of November.", "1995-10-12", "the end of November", "1995-11"),
    ("Stocks slid at the start of the day before recovering.", "1995-10-12", "the start of the day", "1995-10-12"),
    ("Demand should stay strong well into the summer.", "1995-04-12", "the summer", "1995-SU"),
    # 'over' as the preposition 'during' is not part of the duration
    ("The loan will be repaid over five years.", "2008-11-20", "five years", "P5Y"),
]


@pytest.mark.parametrize("text,dct,span,value", SPAN_CASES)
def test_span_boundaries(text, dct, span, value):
    found = {t.text: t.value for t in extract_timexes(text, dct)}
    assert span in found, found
    assert found[span] == value


def _timex_doc(text: str, dct: str, **config):
    import spacy

    import storyline.timex  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("storyline_timex", config=config)
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def test_component_spans_mirror_timexes():
    # demo article 003
    doc = _timex_doc("Putin met Xi on Thursday. Blinken was in China for 24th April to 26th April.", "2024-05-17")
    spans = doc.spans["storyline_timex"]
    assert [(s.text, s.label_, s.kb_id_) for s in spans] == [
        ("Thursday", "DATE", "2024-05-16"), ("24th April to 26th April", "DATE", "2024-04-24/2024-04-26")]
    assert [(t["start"], t["end"]) for t in doc._.timexes] == [(s.start_char, s.end_char) for s in spans]


def test_component_config_resolve_events():
    # demo article 002
    text = "The summit comes a week after the Biden-Putin virtual summit."
    assert [t["value"] for t in _timex_doc(text, "2021-12-16")._.timexes] == ["2021-W50"]
    assert [t["value"] for t in _timex_doc(text, "2021-12-16", resolve_events=False)._.timexes] == ["P1W"]
