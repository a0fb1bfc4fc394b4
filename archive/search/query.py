"""The search query language, turned into an FTS5 expression over the index's search forms.

Terms are ANDed; ``OR`` between two terms makes them alternatives; ``-term`` (or ``NOT
term``) excludes; ``"quoted words"`` must appear together, exactly as written (no stemming).
A word outside quotes finds its other inflections (Russian, English); a CJK string of any
length finds the same string inside longer text. Scripts mix freely: ``北斗 summit саммит``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from archive.search.textforms import BREAK, is_cjk, query_stems, search_form

# The index's columns that hold the search form (exact words, CJK characters).
EXACT_COLUMNS = "{title text}"
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')

TermKind = Literal["cjk", "word", "exact", "phrase"]


class QueryError(ValueError):
    """A query that cannot be searched for; the message says why."""


@dataclass(frozen=True)
class Term:
    """One search term: the tokens of its search form and how they must match."""

    forms: tuple[str, ...]
    kind: TermKind

    @classmethod
    def parse(cls, text: str, *, quoted: bool) -> Term | None:
        forms = tuple(search_form(text).split())
        while forms and forms[0] == BREAK:
            forms = forms[1:]
        while forms and forms[-1] == BREAK:
            forms = forms[:-1]
        if not forms:
            return None
        if all(is_cjk(form) for form in forms):
            return cls(forms, "cjk")
        if len(forms) == 1:
            return cls(forms, "exact" if quoted else "word")
        return cls(forms, "phrase")

    @property
    def stems(self) -> frozenset[str]:
        return query_stems(self.forms[0]) if self.kind == "word" else frozenset()

    def fts(self) -> str:
        """This term as an FTS5 expression.

        CJK and unquoted words need no column filter (a filter makes FTS5 read more): a
        bigram is a token of the stem columns only, a lone CJK character of the exact ones
        only; a stem found among the exact words, or the query word among the stems, is an
        inflection of the query word all the same.
        """
        if self.kind == "cjk":
            pairs = [a + b for a, b in pairwise(self.forms)] or list(self.forms)
            return _phrase(pairs)
        if self.kind == "word":
            options = sorted(self.stems | {self.forms[0]})
            return "(" + " OR ".join(_phrase([option]) for option in options) + ")"
        return f"{EXACT_COLUMNS} : {_phrase(self.forms)}"


def _phrase(tokens: list[str] | tuple[str, ...]) -> str:
    return '"' + " ".join(tokens).replace('"', '""') + '"'


@dataclass(frozen=True)
class Query:
    """A parsed query: groups of alternatives that must all match, and excluded terms."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term that can make an article match (what a snippet highlights)."""
        return tuple(term for group in self.groups for term in group)

    def fts(self) -> str:
        """The whole query as one FTS5 expression."""
        groups = " AND ".join("(" + " OR ".join(t.fts() for t in g) + ")" for g in self.groups)
        if not self.excluded:
            return groups
        return f"{groups} NOT ({' OR '.join(term.fts() for term in self.excluded)})"


def parse_query(text: str) -> Query:
    """Parse a user's query; raise QueryError when nothing is left to search for."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = negate_next = False
    for match in _CHUNK.finditer(text):
        minus, quoted, bare = match.groups()
        if bare in ("OR", "AND", "NOT"):
            if bare == "OR" and not groups:
                raise QueryError(f"{text!r}: OR needs a term before it")
            join_next, negate_next = join_next or bare == "OR", bare == "NOT"
            continue
        negate = negate_next or bool(minus) or (bare is not None and _is_excluded(bare))
        if quoted is None:
            quoted_text, raw = None, bare[1:] if _is_excluded(bare) else bare
        else:
            quoted_text, raw = quoted, quoted
        term = Term.parse(raw, quoted=quoted_text is not None)
        negate_next = False
        if term is None:
            continue
        if negate:
            if join_next:
                raise QueryError(f"{text!r}: OR cannot join an excluded term")
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        raise QueryError(f"{text!r}: nothing to search for (only excluded terms or punctuation)")
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


def _is_excluded(bare: str) -> bool:
    return bare.startswith("-") and len(bare) > 1


def fts_expression(text: str) -> str:
    """The FTS5 MATCH expression for a user's query (what ``secnews_match()`` returns)."""
    return parse_query(text).fts()
