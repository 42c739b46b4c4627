"""The meeting a document records: its date and committee (from the header lines, else a decision
page's footer, a release's "today (...)" or the committee the body names), and the authority the
text names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .dates import find_dates
from .dates import parse_date as parse_iso
from .places import KNOWN_PLACE, PLACES
from .spans import line_windows
from .text import lines

HEADER_LINES = 14
BODY_START = re.compile(r"^\s*(?:Minutes\s*:|Present\s*:|Apologies|Members present|Agenda item\s*\d)", re.I)
COMMITTEE_WORDS = re.compile(
    r"\b(?:Committee|Cabinet|Council Assembly|Full Council|Board|Panel|Sub-Committee|Forum|Executive|Partnership|"
    r"Commission)\b",
    re.I,
)
NOT_COMMITTEE = re.compile(
    r"\b(?:report|question|response|item|update|published|agenda|resolved|that|would|was|were|said|says|asked|"
    r"Cllr|Councillor|Member for|Chair of|present|apologies|briefing|Chief\s+Executive)\b|:\s*$",
    re.I,
)
LEADING = re.compile(
    r"^(?:(?:Minutes|Meeting|Notes)\s+of\s+(?:the\s+|a\s+)?(?:(?:Meeting|Minutes)\s+of\s+(?:the\s+)?)?)", re.I
)
TRAILING = re.compile(
    r"(?:\s*(?:,|\bheld\b|\bon\b|\bat\b|\bdated\b|[-–—:]))*\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?[\s,]*$",
    re.I,
)
MEETING_LINE = re.compile(r"^\s*Meeting\s*:\s*(?P<rest>.+)$", re.I)
PROSE = re.compile(
    r"\b(?:took|take|takes|taking|would|will|was|were|had|has|have|is|are|said|says|confirmed|explained|"
    r"reported|advised|noted|asked|undertook|visited)\b"
    # an agenda item's purpose, not a heading: "To receive a verbal update", "Report ... to follow on 20 March 2025"
    r"|\bto\s+(?:follow|share|receive|consider|update|note|approve|agree|provide|scrutinise|review)\b",
    re.I,
)
AGENDA_ITEM = re.compile(r"^\s*Agenda\s+item\s*$", re.I)  # a ModernGov item page's first line
HEADER_START = re.compile(r"(?:Minutes|Meeting|Notes|Date|Held|Published|Posted|Issued)\b", re.I)
PUBLISHED = re.compile(r"\b(?:Published|Posted|Issued)\b", re.I)


def _plain(line: str) -> str:
    line = re.sub(r"[#*_]+", " ", line).strip()
    return re.sub(r"^[-–•·Ø▪●]\s+", "", line)  # "- Meeting of ... Panel, Monday 13th October 2025"


ITEM_MARK = re.compile(r"^\s*(?:[a-z][.)]|\((?:[a-z]|[ivx]{1,4}|\d{1,2})\))\s")  # "b. Ofsted SEND revisit: 4-6 October"
# "View Cabinet Decision Record", "View the declarations ...", and a page's address ("URL: https://.../Committee/325")
LINK_LINE = re.compile(r"^\s*(?:View\s|URL:|https?://|www\.)", re.I)
# A decision page's other dates: "Publication date: 08/03/2017", "Date of decision: 07/03/2017", call-in dates.
DECISION_LABEL = re.compile(
    r"^\s*(?:Publication date|Date of publication|Date of decision|Decision date|Call[- ]in|"
    r"Effective from|Expiry date|Deadline|Date of call)",
    re.I,
)
SIDEBAR = re.compile(
    r"^\s*(?:Recent|Related|Latest|More|Popular|Trending|Most read|Top)\s*(?:posts?|news|articles?|stories)?\s*:?\s*$"
    r"|^\s*You (?:may|might) also (?:like|be interested)",
    re.I,
)
PAGE_KIND = re.compile(r"\s*[-–—]\s*(?:Agenda and (?:draft )?minutes|(?:Draft )?Minutes|Agenda|Decisions?)\s*$", re.I)
ISO_DATELINE = re.compile(r"^\s*date\s+((?:19|20)\d\d-[01]\d-[0-3]\d)\b", re.I)
TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\s*\(", re.I)
DECIDED_AT = re.compile(r"^[ \t]*(?:Decided at meeting|Meeting)[ \t]*:[ \t]*(?P<rest>[^\n]{6,160})$", re.I | re.M)


def find_meeting(text: str) -> tuple[str | None, str | None]:
    """(ISO date, committee) from the first lines of the document, before the body starts; failing
    those, a decision page's "Decided at meeting: 07/03/2017 - Cabinet" line, a release's
    "today (Thursday 21 December 2017)", and the committee the body names as receiving the report."""
    header = []
    for s, e in lines(text)[:HEADER_LINES]:
        line = text[s:e]
        if (BODY_START.match(line) and header) or (len(line) > 200 and not ISO_DATELINE.match(line)):
            break
        header.append((s, e))
    meeting_date = None
    committee = None
    bare_date = False  # the date came from a line that is only a date (a site's date above a release?)
    in_sidebar = False
    item_title = False  # the line after a bare "Agenda item" names the item, not the meeting
    for index, (s, e) in enumerate(header):
        line = text[s:e]
        if item_title and line.strip():
            item_title = False
            continue
        if AGENDA_ITEM.match(line):
            item_title = True
            continue
        if SIDEBAR.match(line):
            in_sidebar = True  # "Recent posts": the dated titles below are other pages
            continue
        if in_sidebar and len(line) < 120:
            continue
        in_sidebar = False
        iso = ISO_DATELINE.match(line)
        if iso and meeting_date is None and parse_iso(iso.group(1)):
            meeting_date = iso.group(1)  # " date 2024-03-22 The council was ordered ...": a news page's dateline
            continue
        if ITEM_MARK.match(line) or LINK_LINE.match(line) or DECISION_LABEL.match(line):
            continue  # an agenda item or a link, not the page's heading
        if len(line) > 160 or (
            not HEADER_START.match(_plain(line)) and (len(line) > 140 or len(line.split()) > 18 or PROSE.search(line))
        ):
            continue  # a sentence of the body, not a heading
        plain = _plain(line)
        dates = [
            d for d in find_dates(text, s, e) if d.first[0] is not None and d.first[2] is not None and d.last is None
        ]  # a range ("4-6 October 2022") is a visit's, not a meeting's
        if not dates and meeting_date is None and index + 1 < len(header):
            split = _split_dateline(text, (s, e), header[index + 1])
            if split:
                meeting_date = split  # "Monday 3rd June" / "2019" on the next line
                continue
        m = MEETING_LINE.match(plain)
        if m and committee is None:
            rest = re.sub(r"\(Item[^)]*\)", "", m.group("rest"))
            parts = [p.strip() for p in re.split(r"\s+[-–—]\s+", rest) if p.strip()]
            named = [p for p in parts if not find_dates(p)]
            if named:
                committee = _title(named[0])
        if dates and meeting_date is None:
            meeting_date = dates[0].iso()
            before = text[s : dates[0].start]
            before_plain = PAGE_KIND.sub("", _plain(before).rstrip(" -–—,:")).rstrip(" -–—,:")
            bare_date = not re.search(
                r"[A-Za-z]{3}",
                re.sub(r"(?i)\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", "", before + text[dates[0].end : e]),
            )
            if committee is None and COMMITTEE_WORDS.search(before_plain) and not NOT_COMMITTEE.search(before_plain):
                committee = _committee(before_plain)
        elif committee is None and COMMITTEE_WORDS.search(plain) and not NOT_COMMITTEE.search(plain):
            if len(plain.split()) <= 14 and not plain.endswith("."):
                committee = _committee(plain)
    if meeting_date is None or committee is None:
        decided_date, decided_committee = _decided_at(text)
        meeting_date = meeting_date or decided_date
        committee = committee or decided_committee
    if meeting_date is None or bare_date:
        meeting_date = _today(text) or meeting_date
    if committee is None:
        committee = _named_in_body(text)
    return meeting_date, committee


YEAR_LINE = re.compile(r"\s*((?:19|20)\d\d)\s*$")  # matched at the line start


def _split_dateline(text: str, line: tuple[int, int], following: tuple[int, int]) -> str | None:
    """A dateline broken before its year: "Monday 3rd June" then "2019"."""
    if not YEAR_LINE.match(text, following[0], following[1]):
        return None
    days = [
        d
        for d in find_dates(text, line[0], following[1])
        if d.first[0] and d.first[2] and d.last is None and d.start < line[1] < d.end
    ]
    if len(days) != 1 or re.search(
        r"[A-Za-z]{3,}",
        re.sub(r"(?i)\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", "", text[line[0] : days[0].start]),
    ):
        return None  # only a bare day and month on the line
    return days[0].iso()


def _decided_at(text: str) -> tuple[str | None, str | None]:
    """ModernGov decision pages end "Decided at meeting: 07/03/2017 - Cabinet"."""
    if "eeting" not in text:
        return None, None
    for m in DECIDED_AT.finditer(text):
        rest = re.sub(r"\(Item[^)]*\)", "", m.group("rest"))
        parts = [p.strip() for p in re.split(r"\s+[-–—]\s+", rest) if p.strip()]
        if len(parts) < 2:
            continue
        day = [d for d in find_dates(parts[0]) if d.first[0] and d.first[2] and d.last is None]
        if not day or day[0].start > 0:
            continue
        named = [p for p in parts[1:] if not find_dates(p) and COMMITTEE_WORDS.search(p)]
        return day[0].iso(), (_committee(named[0]) if named else None)
    return None, None


def _today(text: str) -> str | None:
    """A release saying "today (Thursday 21 December 2017)" is dated by that, not by a site's date above it."""
    for m in TODAY.finditer(text, 0, min(len(text), 4000)):
        close = text.find(")", m.end(), m.end() + 60)
        if close < 0:
            continue
        day = [d for d in find_dates(text, m.end(), close) if d.first[0] and d.first[2] and d.last is None]
        if day:
            return day[0].iso()
    return None


_CW = r"(?:[A-Z][\w’'&-]*|and|of|for|&|,)"
_BODY = rf"(?:{_CW}[ \t]+){{0,9}}?(?:Committee|Board|Panel|Commission|Sub-Committee|Forum|Cabinet|Executive)"
NAMED_BODY = rf"(?P<name>{_BODY})\b"
BODY_COMMITTEE = [
    re.compile(rf"\binvit(?:e|es|ed|ing)\s+the\s+{NAMED_BODY}\s+to\b"),  # "invites the Scrutiny Board to consider"
    re.compile(rf"\b(?:presented|submitted|reported)\s+to\s+the\s+{NAMED_BODY}"),  # "presented to the ... Committee"
    re.compile(rf"\bmembers\s+of\s+the\s+{NAMED_BODY}\s+(?:were|was|had|would|are)\b"),
    re.compile(
        r"(?:^|\n)[ \t]*(?P<name>Cabinet|[A-Z][\w’' ]{2,60}?(?:Committee|Board|Panel))\s+(?:is|"
        r"are)\s+recommended\s+to\b"
    ),
    re.compile(
        rf"(?:^|\n|RESOLVED\b[^\n]{{0,12}}?)[ \t]*(?:\(?[a-z\d]{{1,2}}[.)]?[ \t]+)?That\s+(?:the\s+)?"
        rf"(?P<name>Cabinet|{_BODY})\s+(?:would|will|agrees?|notes?|approves?|endorses?)\b"
    ),  # "That Cabinet notes", "RESOLVED - (a) That the Scrutiny Committee note the arrangements"
    # the body receiving the item: "the Scrutiny Board considered a briefing note", "provided the Cabinet with"
    re.compile(rf"\b(?:[Tt]he|[Tt]his)\s+{NAMED_BODY}\s+(?:considered|received|scrutinised|discussed)\b"),
    re.compile(rf"\b(?:provided|informed|updated|advised)\s+the\s+{NAMED_BODY}\s+(?:with|of|on|about|that)\b"),
]
BODY_COMMITTEE_WORDS = [
    ("invit",),
    ("ed to the",),
    ("embers of the",),
    ("recommended to",),
    ("That ",),
    (" considered", " received", " scrutinised", " discussed"),
    ("provided the", "informed the", "updated the", "advised the"),
]
# "the same report was presented to ...", "will be presented to ...": another meeting, before or after this one
OTHER_MEETING = re.compile(
    r"\b(?:same|also|previously|earlier|last|next|future|later|will|due|going)\b|\bhad been\b", re.I
)
GENERIC_BODY = re.compile(r"^(?:the\s+)?(?:Committee|Board|Panel|Commission|Sub-Committee|Forum|Executive)$", re.I)


def _named_in_body(text: str) -> str | None:
    """The committee a report goes to, as the body names it ("invites the Scrutiny Board to consider",
    "presented to the Children's Services Overview and Scrutiny Committee", "Cabinet is recommended to").
    "The same report was presented to the Corporate Parenting Committee on ..." is another meeting."""
    best = None
    head = text[:20000]
    for pattern, words in zip(BODY_COMMITTEE, BODY_COMMITTEE_WORDS, strict=True):
        if not any(w in head for w in words):
            continue
        for m in pattern.finditer(text, 0, len(head)):
            name = m.group("name").strip(" ,")
            name = re.sub(r"^(?:(?:and|of|for|&|,)\s+)+", "", name)
            if GENERIC_BODY.match(name) or re.search(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", name):
                continue
            sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()))
            if OTHER_MEETING.search(text, sentence_start + 1, m.start()):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), name)
            break
    return _committee(best[1]) if best else None


def _committee(name: str) -> str | None:
    name = re.sub(
        r"\s+held\s+(?:at|in|on|virtually|remotely|online)\b.*$", "", LEADING.sub("", name.strip()), flags=re.I
    )
    name = re.sub(r"\s*\((?:Image|Photo|Picture|credit)\b[^)]*\)?", "", name, flags=re.I)  # a caption's credit
    name = re.sub(r"^(?:Decision\s+Maker\s*:\s*|\(\d{4}/\d{2,4}\)\s*|The\s+former\s+)", "", name, flags=re.I)
    name = PAGE_KIND.sub("", name)
    name = TRAILING.sub("", name)
    name = re.sub(r"(?:\s+meeting|\s*\(\d{1,3}\)|\s+Decisions?(?:\s+Record)?)+$", "", name, flags=re.I)  # "Board (5)"
    council = re.match(rf"^{_PLACE}(?:\s+{COUNCIL_TYPE})?\s+Council(?:{_APOS}s)?\s+", name)
    if council and COMMITTEE_WORDS.search(name[council.end() :]):
        name = name[council.end() :]  # "Knowsley Council Cabinet": the committee is Cabinet
    return _title(name) if name else None


SMALL = {"of", "and", "the", "for", "in", "on", "to", "a", "an"}


def _title(name: str) -> str:
    name = " ".join(name.split()).strip(" -–—,:")
    if name.isupper() or name.islower():
        words = name.lower().split()
        name = " ".join(w if (i and w in SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return name


# --- the authority the text names ------------------------------------------------------------

_PW = (
    r"(?=[A-Z])(?!(?:City|Borough|County|Council|Councils|Metropolitan|District|Royal|"
    r"London)\b)(?:[A-Z][a-z]+(?:-(?:on|upon|under|in|le|by|with)-[A-Z][a-z]+)*|[A-Z]{2,5})"
)  # "Leeds", "Stockton-on-Tees", "BCP"
_PLACE = rf"{_PW}(?:(?:[ \t]+|[ \t]+(?:and|&|with|upon|of)[ \t]+){_PW}){{0,5}}"
COUNCIL_TYPE = r"(?:City|Borough|County|Metropolitan\s+Borough|Metropolitan\s+District|District)"
NAMED_COUNCIL = re.compile(
    rf"(?<![\w’'])(?:(?P<pre>City|Royal\s+Borough|London\s+Borough|Metropolitan\s+Borough|Borough|County)\s+of\s+)?"
    rf"(?P<place>{_PLACE})(?P<type>\s+{COUNCIL_TYPE})?\s+(?P<council>Council|council)\b(?!\s*(?:Tax|tax))"
)
# The same, read backwards from each "Council" / suffix found: a pattern that must end where the word starts.
COUNCIL_WORD = re.compile(r"\b(?P<council>Council|council)\b(?!\s*(?:Tax|tax))")
NAMED_BEFORE = re.compile(
    rf"(?=[A-Z])(?<![\w’'])(?:(?P<pre>City|Royal\s+Borough|London\s+Borough|Metropolitan\s+Borough|Borough|County)\s+of\s+)?"
    rf"(?P<place>{_PLACE})(?P<type>\s+{COUNCIL_TYPE})?\s+\Z"
)
# A council named as the home of someone from outside: "a Peer Review, led by Gloucestershire County
# Council's Director", "a commissioner from Hampshire County Council". Not the council the page is about.
OUTSIDE_COUNCIL_BEFORE = re.compile(
    r"(?:\b(?:led|chaired|headed|conducted|undertaken|carried[ \t]+out|commissioned|delivered)[ \t]+by|"
    r"\b(?:[Cc]ommissioner|[Aa]dviser|[Aa]dvisor|[Rr]eviewers?|[Pp]eers?|[Cc]olleagues?|[Pp]artners?)[ \t]+"
    r"(?:from|of|at))[ \t]+(?:the[ \t]+)?\Z"
)
BOROUGH_OF = re.compile(
    rf"(?<![\w’'])(?P<pre>London|Royal)\s+Borough\s+of\s+(?P<place>{_PLACE})(?!\s+(?:{COUNCIL_TYPE}\s+)?Council)"
)
COUNCIL_OF = re.compile(rf"\bCouncil\s+of\s+(?:the\s+)?(?P<place>{_PLACE})")
# Where only the place is named: "Oldham's children's services", "Hackney Children's Social Care",
# "Thurrock Local Safeguarding Children Board", "children in Haringey", "the SEND revisit in Bristol".
_APOS = r"[’']"
PLACE_OWNS = re.compile(
    rf"(?<![\w’'])(?P<place>{_PLACE})(?:{_APOS}s\s+(?:[a-z]+\s+){{0,2}}|\s+)(?:[Cc]hildren{_APOS}s\s+(?:[Ss]ervices|[Ss]ocial\s+[Cc]are)"
    rf"|(?:Local\s+)?Safeguarding\s+Children(?:{_APOS}s)?\s+(?:Board|Partnership)|Improvement\s+Board)\b"
)
OWNS_SUFFIX = re.compile(
    rf"(?:[Cc]hildren{_APOS}s\s+(?:[Ss]ervices|[Ss]ocial\s+[Cc]are)|(?:Local\s+)?Safeguarding\s+Children(?:{_APOS}s)?\s+"
    rf"(?:Board|Partnership)|Improvement\s+Board)\b"
)
OWNS_BEFORE = re.compile(rf"(?=[A-Z])(?<![\w’'])(?P<place>{_PLACE})(?:{_APOS}s\s+(?:[a-z]+\s+){{0,2}}|\s+)\Z")
PLACE_AFTER = re.compile(
    rf"\b(?:[Cc]hildren{_APOS}s\s+services|children|child|families|young\s+people|revisit|visit|inspection|study|review)\s+in\s+(?P<place>{_PLACE})\b"
)
PLACE_POSSESSIVE = re.compile(
    rf"(?=[A-Z])(?<=[a-z,;] )(?P<place>{_PW}){_APOS}s\s+[a-z]"
)  # "... under Wolverhampton's scope"
NOT_PLACE = {
    # words of the genre that look like places when capitalised
    "the",
    "updated",  # an item's title: "Updated Children's Social Care Improvement Plan"
    "revised",
    "draft",
    "new",
    "refreshed",
    "this",
    "that",
    "these",
    "those",
    "our",
    "their",
    "its",
    "his",
    "her",
    "a",
    "an",
    "every",
    "each",
    "both",
    "all",
    "any",
    "no",
    "yesterday",
    "today",
    "tonight",
    "last",
    "next",
    "but",
    "and",
    "however",
    "meanwhile",
    "when",
    "while",
    "whilst",
    "if",
    "since",
    "in",
    "at",
    "on",
    "by",
    "for",
    "from",
    "with",
    "within",
    "under",
    "as",
    "to",
    "ofsted",
    "cllr",
    "councillor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "professor",
    "sir",
    "dame",
    "leader",
    "member",
    "members",
    "inspectors",
    "inspector",
    "report",
    "statement",
    "officers",
    "officer",
    "chair",
    "chairman",
    "chief",
    "executive",
    "council",
    "councils",
    "county",
    "city",
    "borough",
    "district",
    "town",
    "parish",
    "metropolitan",
    "combined",
    "local",
    "authority",
    "authorities",
    "government",
    "national",
    "regional",
    "region",
    "department",
    "education",
    "children",
    "child",
    "young",
    "people",
    "youth",
    "school",
    "schools",
    "care",
    "leavers",
    "need",
    "social",
    "work",
    "health",
    "safeguarding",
    "services",
    "service",
    "trust",
    "partnership",
    "board",
    "committee",
    "cabinet",
    "panel",
    "commission",
    "forum",
    "scrutiny",
    "research",
    "medical",
    "nursing",
    "professions",
    "arts",
    "sports",
    "privy",
    "security",
    "economic",
    "housing",
    "skills",
    "funding",
    "mayor",
    "parent",
    "parents",
    "carers",
    "foster",
    "student",
    "students",
    "full",
    "england",
    "english",
    "britain",
    "british",
    "great",
    "uk",
    "united",
    "kingdom",
    "wales",
    "welsh",
    "scotland",
    "scottish",
    "ireland",
    "europe",
    "european",
    "london",
    "midlands",
    "north",
    "south",
    "east",
    "west",
    "dfe",
    "lga",
    "ilacs",
    "send",
    "jtai",
    "cqc",
    "hmi",
    "nhs",
    "mps",
    "majesty",
    "state",
    "secretary",
    "minister",
    "commissioner",
    "director",
    "head",
    "manager",
    "team",
    "family",
    "families",
    "early",
    "help",
    "integrated",
    "improvement",
    "inspection",
    "visit",
    "monitoring",
    "focused",
    "strategic",
    "interim",
    "corporate",
    "assistant",
    "deputy",
    "senior",
    "policy",
    "overview",
    "adult",
    "adults",
    "wellbeing",
    "item",
    "agenda",
    "minutes",
    "meeting",
    "page",
    "appendix",
    "section",
    "part",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "covid",
    "group",
    "cross",
    "party",
    "barnardo",
    "nspcc",
    "cafcass",
    "coram",
    "unicef",
    "police",
    "specialist",
    "targeted",
    "universal",
    "statutory",
    "preventative",
    "wider",
    "spring",
    "summer",
    "autumn",
    "winter",
    "year",
    "key",
    "stage",
    "wave",
    "phase",
    "quarter",
    "term",
    "week",
    "month",
    "inspecting",
    "conservative",
    "labour",
    "liberal",
    "democrat",
    "democrats",
    "green",
    "independent",
    "reform",
}
KEEP_DIRECTIONS = {"north", "south", "east", "west"}  # "East Sussex", "North Yorkshire": fine inside a place


def _place(raw: str, trailing: bool = False) -> str | None:
    """The place in a captured run of capitalised words, or None when it is a word of the genre.
    With trailing, genre words after the place are dropped ("Thurrock Local | Safeguarding ...")."""
    words = raw.split()
    while trailing and words and words[-1].lower() == "local":
        words = words[:-1]
    while (
        words
        and words[0].lower() in NOT_PLACE
        and not (words[0].lower() in KEEP_DIRECTIONS and len(words) > 1 and words[1].lower() not in NOT_PLACE)
    ):
        words = words[1:]  # a sentence's first word: "Yesterday Leeds City Council said"
    while words and words[0].lower() in {"and", "&", "with", "upon", "of"}:
        words = words[1:]  # "Inspection of | Leeds"
        while words and words[0].lower() in NOT_PLACE and words[0].lower() not in KEEP_DIRECTIONS:
            words = words[1:]
    if not words or words[-1].lower() in {"and", "&", "with", "upon", "of"}:
        return None
    if any(w.lower() in NOT_PLACE and w.lower() not in KEEP_DIRECTIONS | {"and", "with", "upon", "of"} for w in words):
        return None  # "Children in Care Council", "Health and Care Professions Council"
    if all(w.lower() in KEEP_DIRECTIONS for w in words):
        return None
    return " ".join(words)


def _capitals_titled(text: str) -> str:
    """Header lines in capitals ("LEEDS CITY COUNCIL") in title case, the same length, so the
    patterns read them; other text unchanged."""
    if "COUNCIL" not in text[:5000]:
        return text
    out = []
    for line in text[:5000].split("\n"):
        if "COUNCIL" in line and line.isupper():
            line = line.title()
            line = re.sub(r"(?<=\w)-(On|Upon|Under|In|Le|By|With)-", lambda m: "-" + m.group(1).lower() + "-", line)
            line = re.sub(r" (And|Of|With|Upon|The) ", lambda m: " " + m.group(1).lower() + " ", line)
        out.append(line)
    return "\n".join(out) + text[5000:]


def _key(place: str) -> str:
    return " ".join(w for w in place.lower().replace("&", "and").split())


AUTHORITY_SPAN = 200_000


def find_authority(text: str) -> str | None:
    """The council the text names: "Leeds City Council", "City of York Council", "Walsall council"
    (written "Walsall Council"); where only the place is named ("Oldham's children's services"),
    "<Place> Council"; None when the text names none. The most often named council wins, so a
    commissioner "from Hampshire County Council" does not displace the council the page is about.
    Only the first 200,000 characters are read: a page names its council near the top."""
    text = _capitals_titled(text[:AUTHORITY_SPAN])
    named: dict[str, list] = {}  # place key -> [count, first offset, best written form]
    councils = {}  # where each named council's place ends -> its "Council"
    for at in _positions(text, "ouncil"):
        c = COUNCIL_WORD.match(text, at - 1) if at else None
        if c and at > 1 and text[at - 2].isspace():
            councils[c.start()] = c
    found = [
        m
        for m in (NAMED_BEFORE.search(text, max(0, at - 150), at) for at in councils)
        if m and not OUTSIDE_COUNCIL_BEFORE.search(text, max(0, m.start() - 60), m.start())
    ]
    for pattern, words in ((None, ()), (BOROUGH_OF, ("Borough of",)), (COUNCIL_OF, ("Council of",))):
        matches = (
            found
            if pattern is None
            else [m for s, e in line_windows(text, words) for m in pattern.finditer(text, s, e)]
        )
        for m in matches:
            place = _place(m.group("place"))
            if not place:
                continue
            written = _written(m, place, councils[m.end()] if pattern is None else None)
            if written is None:
                continue
            entry = named.setdefault(_key(place), [0, m.start(), written])
            entry[0] += 1
            if len(written) > len(entry[2]):
                entry[2] = written  # "Peterborough City Council" over "Peterborough Council"
    places: dict[str, list] = {}
    counted: set[int] = set()  # where a place was counted, so that the known places are not counted twice
    suffixes = {
        o.start()
        for word, back in (("hildren", 1), ("Safeguarding", 0), ("Local Safeguarding", 0), ("Improvement Board", 0))
        for at in _positions(text, word)
        if at >= back
        for o in [OWNS_SUFFIX.match(text, at - back)]
        if o
    }
    owns = [m for m in (OWNS_BEFORE.search(text, max(0, at - 120), at) for at in sorted(suffixes)) if m]
    for pattern, weight, words in ((None, 2, ()), (PLACE_AFTER, 1, (" in ",)), (PLACE_POSSESSIVE, 1, ("’s ", "'s "))):
        matches = (
            owns if pattern is None else [m for s, e in line_windows(text, words) for m in pattern.finditer(text, s, e)]
        )
        for m in matches:
            place = _place(m.group("place"), trailing=True)
            if not place or place.isupper() or (pattern is PLACE_POSSESSIVE and _looks_like_person(text, place)):
                continue  # an acronym ("NSPCC's report") is a body, not a place
            entry = places.setdefault(_key(place), [0, m.start(), place])
            entry[0] += weight
            counted.add(m.start("place"))
    for m in KNOWN_PLACE.finditer(text):  # "services in Coventry", "the City of London's offer", "Medway's"
        if m.start() in counted or not (
            KNOWN_BEFORE.search(text, max(0, m.start() - 12), m.start()) or KNOWN_AFTER.match(text, m.end())
        ):
            continue
        entry = places.setdefault(_key(m.group()), [0, m.start(), m.group()])
        entry[0] += 1
    strong = max(named.values(), key=lambda e: (e[0], -e[1])) if named else None
    weak = max(places.values(), key=lambda e: (e[0], -e[1])) if places else None
    if strong and not (weak and _key(weak[2]) not in named and weak[0] >= 2 * strong[0] + 2):
        return strong[2]  # a council named in full, unless its place is only a passing mention
    return f"{weak[2]} Council" if weak else None


# A known place (places.py) counts where it is plainly a place: after "in", "across", "for", "of", "at", or with
# a possessive or a lower-case "council" after it ("the Isle of Wight council"), not as a sentence's first word.
KNOWN_BEFORE = re.compile(r"\b(?:in|across|throughout|for|of|at)[ \t]+(?:the[ \t]+)?\Z")
KNOWN_AFTER = re.compile(rf"{_APOS}s\b|[ \t]+council\b")


def _positions(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _written(m: re.Match[str], place: str, council_match: re.Match[str] | None = None) -> str | None:
    groups = m.groupdict()
    council = council_match.group("council") if council_match else groups.get("council")
    kind = " ".join((groups.get("type") or "").split())
    pre = " ".join((groups.get("pre") or "").split())
    if council == "council" and not kind and len(place.split()) > 1 and place not in PLACES:
        return None  # "the Trust and Slough council" is fine, "Every Child Matters council" is not a name
    if council is None and "Council of" in m.group(0):
        return " ".join(m.group(0).split())  # "Council of the Isles of Scilly"
    if council is None:
        return f"{pre} Borough of {place}"
    if pre:
        return f"{pre} of {place}{' ' + kind if kind else ''} Council"
    return f"{place}{' ' + kind if kind else ''} Council"


def _looks_like_person(text: str, place: str) -> bool:
    """ "Professor Jay's report", "Alan Wood's review": a surname, named in full elsewhere."""
    return re.search(rf"(?:\b[A-Z][a-z]+|\bProf\.?|\bDr\.?|\bMr|\bMrs|\bMs)\s+{re.escape(place)}\b", text) is not None
