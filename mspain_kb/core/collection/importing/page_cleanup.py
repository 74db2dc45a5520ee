"""Recognise what on a web page is not the article: page furniture and promotional passages.

Furniture (comment forms, share buttons, navigation, footers, cookie banners) is removed line
by line, and only when a whole line is clearly furniture: when unsure, the text stays.

Promotional passages are scored paragraph by paragraph. Each signal adds points; only a clear
case (PROMO_THRESHOLD or more, so never one signal alone) is marked. Marked passages stay in
the article, word for word, inside a `promotional` admonition block so they render with a
warning and stay out of ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mspain_kb.core.collection.article import PROMOTIONAL_FLAG, PROMOTIONAL_TITLE

PROMO_THRESHOLD = 4
SHORT_TEXT_CHARS = 70

_I = re.IGNORECASE
_MARKUP_PREFIX = re.compile(r"^(?:[-*+]\s+|#{1,6}\s*|>\s*|\|\s*)+")
_EMPHASIS = re.compile(r"^(?:\*\*|__|\*|_)(.+?)(?:\*\*|__|\*|_)$")

# (kind shown in the report, pattern that must match the whole line)
_FURNITURE_LINES: list[tuple[str, re.Pattern[str]]] = [
    (
        "comment form",
        re.compile(
            r"(leave a (reply|comment)|write a comment|add a comment|post (a )?comment|"
            r"submit comment|cancel reply|\d+ (comments?|responses?|replies)|no comments( yet)?|"
            r"(name|email|comment|website)\s*\*?\s*\*|"
            r"join the discussion|be the first to comment)[.!:]?",
            _I,
        ),
    ),
    (
        "comment form",
        re.compile(
            r"(your email address will not be published|required fields are marked|"
            r"save my name, email,? and website|notify me of (new|follow-up) (comments|posts)|"
            r"you must be logged in to post a comment).*",
            _I,
        ),
    ),
    (
        "share buttons",
        re.compile(
            r"(share( this( (post|article|page|story))?)?|share on \w+( \w+)?|tweet( this)?|"
            r"pin it|email this|print this( (page|article))?|like this|"
            r"follow us( on \w+)?|share:?\s*(facebook|twitter|linkedin|pinterest|whatsapp|email"
            r"|x)([\s,|/]+(facebook|twitter|linkedin|pinterest|whatsapp|email|x))*)[.!:]?",
            _I,
        ),
    ),
    (
        "navigation",
        re.compile(
            r"(home|menu|main menu|skip to (main )?content|back to top|previous post|next post|"
            r"previous article|next article|read more|continue reading|related posts|"
            r"related articles|you may also like|search for:?|search this site)"
            r"[.!:]?( »|»| ›)?",
            _I,
        ),
    ),
    ("breadcrumb", re.compile(r"home\s*(›|»|>|/|\|)\s*.{1,120}", _I)),
    (
        "footer",
        re.compile(
            r"((©|\(c\)|copyright)\s*\d{4}.{0,120}|all rights reserved\.?|"
            r"(privacy policy|terms (of use|and conditions)|cookie policy|sitemap|contact us)"
            r"(\s*[|·•]\s*(privacy policy|terms (of use|and conditions)|cookie policy|sitemap"
            r"|contact us|about us))*)",
            _I,
        ),
    ),
    (
        "cookie banner",
        re.compile(
            r"((this (web)?site|we) uses? cookies.{0,250}|accept (all )?cookies|"
            r"cookie (settings|preferences)|(accept|reject|decline) all)[.!]?",
            _I,
        ),
    ),
]

# Promotional signals: (points, kind, pattern). Kinds name the reason in the report.
_DRUG = "drug advertising"
_SELF = "self-promotion by a clinic or company"
_PROMO_SIGNALS: list[tuple[int, str, re.Pattern[str]]] = [
    # A chat-bot reply pasted into the page to carry a drug name.
    (3, _DRUG, re.compile(r"\bit seems (like|that) you'?re (mentioning|referring to|asking)", _I)),
    # A brand name followed by a dose: "Pain O Soma 500 mg".
    # (Bounded repetition: a long run of capitalised words must not take quadratic time.)
    (2, _DRUG, re.compile(r"\b[A-Z][\w-]*(?: [A-Z][\w-]*){0,4} \d{2,4} ?mg\b")),
    (1, _DRUG, re.compile(r"\bis a brand name for\b", _I)),
    (3, _DRUG, re.compile(r"\b(buy|order|purchase)\b[^.]{0,60}\bonline\b", _I)),
    (2, _DRUG, re.compile(r"\b(without (a )?prescription|cheap(est)? price|discount code)\b", _I)),
    (2, _SELF, re.compile(r"\b(this (post|article) was written by)\b[^.]{0,80}\bat [A-Z]", _I)),
    (2, _SELF, re.compile(r"\b[Aa]t [A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,4},? we (provide|offer)")),
    (2, _SELF, re.compile(r"\bwe (provide|offer) access to\b", _I)),
    (1, _SELF, re.compile(r"\b[A-Z][\w-]* (Inc|LLC|Ltd|GmbH|Clinic)\b\.?")),
    (
        2,
        _SELF,
        re.compile(
            r"\b(contact us|call (us )?today|call now|book (a|your) (free )?"
            r"(consultation|appointment)|schedule (a|your) (free )?consultation"
            r"|request (a|your) free)\b",
            _I,
        ),
    ),
    (1, _SELF, re.compile(r"\bour (clinic|team|services|treatments?|programs?|patients)\b", _I)),
]
# A direct call to consider a treatment: marked only next to a company's own promotion.
_CALL_TO_ACTION = re.compile(
    r"\b(you should (explore|consider|ask about)|may be a treatment option|"
    r"(learn|find out) more about (our|this) (treatment|therapy))",
    _I,
)


@dataclass(frozen=True)
class PromoVerdict:
    score: int
    kinds: tuple[str, ...]
    call_to_action: bool

    @property
    def is_clear(self) -> bool:
        return self.score >= PROMO_THRESHOLD


def shorten(text: str, limit: int = SHORT_TEXT_CHARS) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def describe(kind: str, text: str) -> str:
    """The report line for one removal or mark: `comment form: "Leave a Reply"`."""
    return f'{kind}: "{shorten(text)}"'


def furniture_kind(line: str) -> str | None:
    """What kind of page furniture this whole line is, or None when it may be article text."""
    stripped = _MARKUP_PREFIX.sub("", line.replace("\\", "").strip())
    stripped = _EMPHASIS.sub(r"\1", stripped).strip()
    if not stripped or len(stripped) > 300:
        return None
    for kind, pattern in _FURNITURE_LINES:
        if pattern.fullmatch(stripped):
            return kind
    return None


def remove_furniture(block: str, removed: list[str]) -> str:
    """Drop the furniture lines of one block, noting each in `removed`."""
    kept = []
    for line in block.splitlines():
        kind = furniture_kind(line)
        if kind:
            removed.append(describe(kind, line))
        else:
            kept.append(line)
    return "\n".join(kept).strip("\n")


def judge_promotional(paragraph: str) -> PromoVerdict:
    """Score one paragraph for advertising signals."""
    score = 0
    kinds: list[str] = []
    for points, kind, pattern in _PROMO_SIGNALS:
        if pattern.search(paragraph):
            score += points
            if kind not in kinds:
                kinds.append(kind)
    return PromoVerdict(score, tuple(kinds), bool(_CALL_TO_ACTION.search(paragraph)))


def promotional_block(paragraphs: list[str]) -> str:
    """Wrap paragraphs, unchanged, in one `promotional` admonition block."""
    lines = [f'!!! {PROMOTIONAL_FLAG} "{PROMOTIONAL_TITLE}"']
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines.append("")
        lines += [f"    {line}" if line.strip() else "" for line in paragraph.splitlines()]
    return "\n".join(lines)


def mark_promotional(blocks: list[str], skip: list[bool]) -> tuple[list[str], list[str]]:
    """Return (blocks with promotional runs wrapped, report lines for what was marked).

    A paragraph is marked when its own score is clear. A call to consider a treatment is marked
    too when it sits right next to a clinic's or company's self-promotion. Blocks flagged in
    `skip` (headings, code, blocks already inside an admonition) are never judged.
    """
    verdicts = [
        None if skipped else judge_promotional(block)
        for block, skipped in zip(blocks, skip, strict=True)
    ]
    marked_kind: list[str | None] = [
        v.kinds[0] if v is not None and v.is_clear else None for v in verdicts
    ]
    for index, verdict in enumerate(verdicts):
        if verdict is None or marked_kind[index] or not verdict.call_to_action:
            continue
        neighbours = [i for i in (index - 1, index + 1) if 0 <= i < len(blocks)]
        if any(marked_kind[i] == _SELF for i in neighbours):
            marked_kind[index] = "call to consider a promoted treatment"
    result: list[str] = []
    report: list[str] = []
    run: list[str] = []
    for block, kind in zip(blocks, marked_kind, strict=True):
        if kind:
            run.append(block)
            report.append(describe(kind, block))
            continue
        if run:
            result.append(promotional_block(run))
            run = []
        result.append(block)
    if run:
        result.append(promotional_block(run))
    return result, report
