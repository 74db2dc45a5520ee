"""Reading a handout PDF back as a reader sees it: each page's text, lines and font sizes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from mspain_kb.core.collection.files import read_article
from mspain_kb.core.collection.importing.pdf_import import read_pdf
from mspain_kb.core.handout import HandoutOptions, lay_out
from mspain_kb.core.handout.pdf import BOTTOM_MARGIN, PAGE_HEIGHT
from mspain_kb.core.vocabulary.glossary import load_glossary
from tests.conftest import REPO

ARTICLES = REPO / "articles"
BUNDLED = sorted(path.stem for path in ARTICLES.glob("*.md"))
THREE = ("pain-management-for-ms", "ms-and-leg-pain", "muscle-spasms-and-ms")
GLOSSARY = load_glossary()


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    bold: bool
    top: float


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]  # the text area, top to bottom (the footer left out)
    footer: str

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.text for line in self.lines).split())


@dataclass(frozen=True)
class ReadHandout:
    laid: object  # core.handout.pdf.Laid
    pages: tuple[Page, ...]

    @property
    def text(self) -> str:
        return " ".join(page.text for page in self.pages)

    def body_size(self) -> float:
        """The size of most of the text, counted by characters."""
        sizes = Counter()
        for page in self.pages:
            for line in page.lines:
                sizes[line.size] += len(line.text)
        return sizes.most_common(1)[0][0]


def read_handout(data: bytes) -> list[Page]:
    footer_top = PAGE_HEIGHT - BOTTOM_MARGIN
    pages = []
    for pdf_page in read_pdf(data).pages:
        lines: dict[float, list] = {}
        footer = []
        for span in sorted(pdf_page.spans, key=lambda span: (round(span.baseline), span.x0)):
            if span.top > footer_top:
                footer.append(span.text)
            else:
                lines.setdefault(round(span.baseline), []).append(span)
        page_lines = tuple(
            Line(
                " ".join(span.text for span in spans),
                max(span.size for span in spans),
                all(span.bold for span in spans),
                min(span.top for span in spans),
            )
            for _, spans in sorted(lines.items())
        )
        pages.append(Page(pdf_page.number, page_lines, " ".join(footer)))
    return pages


@lru_cache(maxsize=64)
def handout(ids: tuple[str, ...], **options) -> ReadHandout:
    """The handout of bundled articles, laid out and read back (cached: read-only)."""
    articles = [read_article(ARTICLES / f"{article_id}.md") for article_id in ids]
    laid = lay_out(articles, GLOSSARY, HandoutOptions(**options))
    return ReadHandout(laid, tuple(read_handout(laid.data)))


def glossary_page(read: ReadHandout) -> Page:
    pages = [page for page in read.pages if "Medical words explained" in page.text]
    assert len(pages) == 1, "the glossary heading is on exactly one page"
    return pages[0]
