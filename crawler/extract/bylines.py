"""Read byline lines: dates, author, source, editor and the view counters to throw away."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .dateparse import FoundDate, find_dates
from .nodes import clean_text
from .vocabulary import (
    BARE_LABEL,
    COUNTER,
    FURNITURE_LINE,
    LABEL,
    PRESS_OFFICE,
    UPDATED_BEFORE,
    fold,
)

logger = logging.getLogger(__name__)

_MAX_LINE = 250  # a byline is one short line; longer text is the article
_MAX_LEFTOVER = 60  # what may remain once dates and labelled fields are taken out
_MAX_NAME = 50  # an author, source or editor name is never longer
# What sits between a byline's fields: "Jane Doe | 12 May 2023", "by A ● May 12, 2023 ●".
_SEPARATORS = "|｜·•●◦◆◇■□▪▫∙⋅"
_VALUE_END = re.compile(rf"\s{{2,}}|[{_SEPARATORS}【\[（(/]|\s+(?=\d+\s*$)")
_BY = re.compile(r"^by\s+(?P<name>[^\d\s].{1,60})$", re.I)
# Words that label a date without a colon, as English bylines write them before it.
_DATE_WORD = re.compile(r"(?<!\w)(?:posted|published|updated|last updated|modified)(?!\w)", re.I)
_SENTENCE = re.compile(r"[。！？!?；;]|[.]\s")
_JUNK_NAMES = re.compile(
    r"^(?:admin|administrator|webmaster|root|system|editor|管理员|超级管理员|网站管理员|"
    r"本站|本网|原创|佚名|未知|unknown|n/?a|none|null|-+)$",
    re.I,
)
_DIGIT = re.compile(r"\d")
_MAX_NAME_WORDS = 8
# Lower-case words that belong inside names ("Ursula von der Leyen", "A. Nurlanova and B. Saidov").
_NAME_PARTICLES = frozenset(
    {"and", "&", "de", "del", "der", "van", "von", "da", "di", "du", "la", "le", "al", "el",
     "bin", "ibn", "ul"}
)  # fmt: skip
_CLAUSE = re.compile(r"[，。？！；?!;]")  # names have none of these; questions and sentences do
_BRACKETED = re.compile(r"【[^】]{1,30}】|\[[^\]]{1,30}\]")
_FIELDS = re.compile(rf"\s{{2,}}|[{_SEPARATORS}]")
_EDGE = f" \t-–—/:：,，;；()（）[]【】«»\"'“”{_SEPARATORS}"


@dataclass
class BylineFacts:
    """What one byline line says. ``published``/``updated`` keep the page's order."""

    published: list[FoundDate] = field(default_factory=list)
    updated: list[FoundDate] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    bare: str = ""  # an unlabelled token such as "秘书处" in "2022-01-30 秘书处 1"
    labelled: bool = False
    counted: bool = False
    prose: bool = False  # a labelled value too long to be a name: the line is text

    @property
    def has_date(self) -> bool:
        return bool(self.published or self.updated)

    def merge(self, other: BylineFacts) -> None:
        for name in ("published", "updated", "authors", "sources", "editors", "publishers"):
            getattr(self, name).extend(getattr(other, name))
        self.bare = self.bare or other.bare
        self.labelled = self.labelled or other.labelled
        self.counted = self.counted or other.counted


def _drop(pattern: re.Pattern[str], text: str, keep: Callable[[str], bool] | None = None) -> str:
    # Match on the folded text, cut from the original: both have the same offsets.
    pieces, last = [], 0
    for match in pattern.finditer(fold(text)):
        if keep is not None and keep(match.group()):
            continue
        pieces += [text[last : match.start()], " "]
        last = match.end()
    return "".join(pieces) + text[last:]


def _tidy(value: str) -> str:
    value = _drop(COUNTER, clean_text(value)).strip(_EDGE)
    value = clean_text(value).strip(_EDGE)
    return "" if _JUNK_NAMES.match(fold(value)) else value


class _Line:
    """A byline's text, its folded twin, and which characters are still unexplained."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.open = [True] * len(text)

    def take(self, start: int, end: int) -> None:
        self.open[start:end] = [False] * (end - start)

    def rest(self) -> str:
        return "".join(ch if keep else " " for ch, keep in zip(self.text, self.open, strict=True))


def _take_dates(line: _Line, facts: BylineFacts) -> list[int]:
    starts = []
    for date in find_dates(line.folded):
        end = date.start + len(date.raw)
        date = replace(date, raw=line.text[date.start : end])
        before = line.folded[max(0, date.start - 30) : date.start]
        (facts.updated if UPDATED_BEFORE.search(before) else facts.published).append(date)
        line.take(date.start, end)
        starts.append(date.start)
    return starts


def _value_span(line: _Line, start: int, end: int) -> tuple[int, int]:
    segment = line.text[start:end]
    begin = start + len(segment) - len(segment.lstrip())
    cut = _VALUE_END.search(line.text, begin, end)
    return begin, cut.start() if cut else end


def _take_labels(line: _Line, facts: BylineFacts, date_starts: list[int]) -> None:
    matches = list(LABEL.finditer(line.folded))
    targets = {
        "author": facts.authors,
        "source": facts.sources,
        "editor": facts.editors,
        "publisher": facts.publishers,
    }
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line.text)
        end = min([end, *(start for start in date_starts if start >= match.end())])
        kind = match.lastgroup or ""
        facts.labelled = True
        facts.counted = facts.counted or kind == "counter"
        line.take(match.start(), match.end())
        if kind in ("tool", "counter"):
            line.take(match.end(), end)  # font-size switches and view counts: nothing to keep
        elif kind in targets:
            begin, stop = _value_span(line, match.end(), end)
            value = _tidy(line.text[begin:stop])
            if len(value) > _MAX_NAME or _CLAUSE.search(value):
                facts.prose = True  # "记者：请问……" is a question, not a name
            elif value:
                targets[kind].append(value)
            line.take(begin, stop)


def _is_furniture(text: str) -> bool:
    return bool(FURNITURE_LINE.match(fold(text)))


def _leftover(text: str, facts: BylineFacts) -> str:
    if COUNTER.search(fold(text)):
        facts.counted = True
        text = _drop(COUNTER, text)
    if facts.has_date:  # "Published 7 May 2024": the word names the date, not an author
        text = _drop(_DATE_WORD, text)
    if facts.has_date or facts.labelled or facts.counted:
        # MetInfo prints the view count bare at the end: "2022-01-30 19:04:10 秘书处 1".
        text = re.sub(r"(?:^|\s)\d{1,7}\s*$", " ", text)
    text = _drop(_BRACKETED, text, keep=lambda found: not _is_furniture(found))
    words = [
        word for word in re.split(rf"\s{{2,}}|[{_SEPARATORS}]", text) if not _is_furniture(word)
    ]
    return clean_text(" ".join(words)).strip(_EDGE)


def parse_byline(text: str) -> BylineFacts | None:
    """The facts in one byline line, or None when the line is article text."""
    text = clean_text(text)
    if not text or len(text) > _MAX_LINE:
        return None
    facts = BylineFacts()
    line = _Line(text)
    # Every date has a digit and every label but a few a colon: skip what cannot match.
    date_starts = _take_dates(line, facts) if _DIGIT.search(text) else []
    if ":" in line.folded or "：" in line.folded or BARE_LABEL.search(line.folded):
        _take_labels(line, facts, date_starts)
    facts.counted = facts.counted or bool(COUNTER.search(line.folded))
    if facts.prose:
        return None
    if not (facts.has_date or facts.labelled or facts.counted):
        return _by_line(text) or _signature(text)
    leftover = _leftover(line.rest(), facts)
    if len(leftover) > _MAX_LEFTOVER or _SENTENCE.search(leftover):
        return None
    by = _BY.match(leftover)
    if by and _looks_like_name(by.group("name")):
        facts.authors.append(_tidy(by.group("name")))
    elif by:
        return None  # "… by the end of the year": a sentence, not a byline
    elif leftover and not leftover.isdigit():
        facts.bare = _tidy(leftover)
    return facts


def _looks_like_name(text: str) -> bool:
    # "Jane Doe", "A. Nurlanova and B. Saidov", "Ursula von der Leyen"; not "the end of 2023".
    words = re.split(r"\s+|,\s*", text.strip().rstrip("."))
    if not words or len(words) > _MAX_NAME_WORDS or _DIGIT.search(text):
        return False
    return all(word[:1].isupper() or word.lower() in _NAME_PARTICLES for word in words if word)


def _by_line(text: str) -> BylineFacts | None:
    # "By Jane Doe" on a line of its own: a byline without a date or a colon.
    by = _BY.match(text)
    if not by or _CLAUSE.search(by.group("name")) or not _looks_like_name(by.group("name")):
        return None
    name = _tidy(by.group("name"))
    return BylineFacts(authors=[name], labelled=True) if name else None


def _signature(text: str) -> BylineFacts | None:
    # "Пресс-служба Губернатора области" alone on a line: the issuing body signing.
    if not PRESS_OFFICE.match(text) or _SENTENCE.search(text) or text.endswith((".", "!", "?")):
        return None
    if len(text.split()) > _MAX_NAME_WORDS + 2:
        return None
    return BylineFacts(sources=[text], labelled=True)


def is_byline(text: str) -> bool:
    """Whether a text line is a byline (dates, labels, counters, a source) and nothing else."""
    return parse_byline(text) is not None


def is_counter(text: str) -> bool:
    """Whether a line is only a view counter ("浏览次数：137", "Просмотров: 5")."""
    return bool(COUNTER.fullmatch(fold(clean_text(text))))


def _usable(name: str | None, site: set[str]) -> str | None:
    name = _tidy(name or "")
    if not name or len(name) > 120 or re.match(r"^(?:https?:|www\.|@)", name):
        return None
    return None if name.lower() in site else name


def choose_author(
    facts: BylineFacts,
    *,
    declared: list[str],
    meta_author: str | None,
    meta_source: str | None,
    site_names: list[str],
) -> str | None:
    """The named author if the page gives one, else the issuing body or source."""
    site = {name.lower() for name in site_names}
    named = [*facts.authors, ", ".join(declared) if declared else None, meta_author]
    for candidate in named:
        if _usable(candidate, site):
            return _usable(candidate, site)
    # A meta author that is the site's own name is the issuing body: a source, not a person.
    issuing = [*facts.sources, facts.bare, *facts.publishers, meta_source, *declared, meta_author]
    for candidate in issuing:
        name = _tidy(candidate or "")
        if name and not re.match(r"^(?:https?:|www\.)", name):
            return name
    return None
