"""Is this page news? The evidence weighed, and the reasons kept.

Two signals are strong: the page sits in one of the site's news sections (``sections``), or
it declares itself a news article (JSON-LD ``NewsArticle``, ``BlogPosting``, ``Report``…).
Three are weak: ``og:type=article``, a publication date (not a modification date), running
text under a headline. A page is taken when a strong signal and enough weak ones agree
(a score of three, a strong signal counting two); no weak signal decides alone, and no page
is taken without a publication date unless it declares itself news. A page that declares
another type (an ``Event``, a ``ContactPage``, a ``GovernmentService``) is left whatever else
it shows.

Until a crawl has seen any news section on the site, a page is judged on its own evidence
(a publication date, and text more than links), as sites where only news carries a date can
be; a portal shows its news section on its first listing, usually the start page. Once the
site has shown one, a page that only lacks a place in a news section is *held*: decided once the
crawl has read every listing.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.discovery.evidence import PageEvidence
from crawler.discovery.sections import Location

STRONG, WEAK = 2, 1
TAKE_AT = 3


@dataclass(frozen=True)
class Verdict:
    decision: str  # taken | left | held
    reasons: tuple[str, ...]

    @property
    def taken(self) -> bool:
        return self.decision == "taken"

    @property
    def held(self) -> bool:
        return self.decision == "held"

    @property
    def text(self) -> str:
        return f"{self.decision}: {'; '.join(self.reasons)}"


def forced(rule: str) -> Verdict:
    return Verdict("taken", (f"the site config's discovery.article ({rule})",))


def decide(
    evidence: PageEvidence,
    location: Location | None,
    *,
    sections_known: bool,
    final: bool,
) -> Verdict:
    """Weigh one page's evidence. ``location`` says why it is in a news section (None: it
    is not known to be), with the date its listing gives it; ``final`` once no listing is
    left to read."""
    other = evidence.declared_other
    news = evidence.declared_news
    if other and not news:
        return Verdict("left", (f"declares {other}",))
    reasons, score = [], 0
    if location:
        reasons.append(location.reason)
        score += STRONG
    if news:
        reasons.append(f"declares {news}")
        score += STRONG
    if evidence.og_article:
        reasons.append("og:type=article")
        score += WEAK
    published = evidence.published or ("listing" if location and location.listed else None)
    if published:
        reasons.append(f"publication date ({published})")
        score += WEAK
    reasons.append(evidence.shape)
    if evidence.running_text:
        score += WEAK
    if not published and not news:
        lacking = "only a modification date" if evidence.modified else "no publication date"
        return Verdict("left", (lacking, *reasons))
    if (location or news) and score >= TAKE_AT:
        return Verdict("taken", tuple(reasons))
    if not location and score + STRONG >= TAKE_AT:
        if not sections_known and published and evidence.article_shape:
            return Verdict("taken", ("no news section seen on the site", *reasons))
        if not final:
            return Verdict("held", ("not yet seen in a news section", *reasons))
    where = "not in a news section" if not location else "too little evidence"
    return Verdict("left", (where, *reasons))
