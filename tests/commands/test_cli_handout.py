"""`mspain-kb handout` end to end through the command line, on the real articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mspain_kb.cli import main
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.collection.importing.pdf_import import read_pdf
from mspain_kb.core.handout import HandoutOptions, make_handout
from mspain_kb.core.vocabulary.glossary import load_glossary
from tests.conftest import REPO

ARTICLES = REPO / "articles"


def _pages(path: Path) -> list[str]:
    return [
        " ".join(" ".join(span.text for span in page.spans).split())
        for page in read_pdf(path.read_bytes()).pages
    ]


def test_handout_writes_the_pdf_and_says_so(tmp_path, capsys):
    target = tmp_path / "leg-pain.pdf"
    assert main(["handout", "ms-and-leg-pain", "--output", str(target)]) == 0
    pages = _pages(target)
    message = capsys.readouterr().err
    assert message.startswith(f"Wrote {target} ({len(pages)} pages, ")
    assert "terms explained" in message
    assert pages[0].startswith("Can multiple sclerosis cause leg pain?")
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_handout_is_the_same_pdf_the_window_makes(tmp_path):
    """The command line and the window call one maker: same options, same bytes."""
    target = tmp_path / "h.pdf"
    arguments = ["--font-size", "18", "--clinic-name", "Riverside MS Clinic"]
    assert main(["handout", "pain-management-for-ms", "-o", str(target), *arguments]) == 0
    article = read_article(ARTICLES / "pain-management-for-ms.md")
    options = HandoutOptions(font_size=18, clinic_name="Riverside MS Clinic")
    assert target.read_bytes() == make_handout([article], load_glossary(), options)


def test_handout_options_reach_the_pdf(tmp_path):
    target = tmp_path / "h.pdf"
    arguments = ["--with-promotional", "--all-terms", "--clinic-phone", "01632 960 123"]
    assert main(["handout", "ms-and-leg-pain", "-o", str(target), *arguments]) == 0
    text = " ".join(_pages(target))
    assert "Pain O Soma" in text  # the advert, boxed
    assert "Promotional content from the original page, not clinical guidance" in text
    assert "Joint:" in text or "Nerve:" in text  # everyday words explained too
    assert "Phone 01632 960 123" in text


def test_several_articles_make_one_handout_in_the_order_given(tmp_path):
    target = tmp_path / "three.pdf"
    ids = ["muscle-spasms-and-ms", "ms-and-leg-pain", "pain-management-for-ms"]
    assert main(["handout", *ids, "ms-and-leg-pain", "-o", str(target)]) == 0
    pages = _pages(target)
    titles = [read_article(ARTICLES / f"{article_id}.md").title for article_id in ids]
    starts = [next(i for i, page in enumerate(pages) if page.startswith(t)) for t in titles]
    assert starts[0] == 0 and starts == sorted(starts)  # in the order given
    assert sum(page.startswith(titles[1]) for page in pages) == 1  # each once
    assert [page.startswith("Medical words explained") for page in pages].count(True) == 1


def test_unknown_id_is_a_one_line_error_with_suggestions_and_no_file(tmp_path, capsys):
    target = tmp_path / "h.pdf"
    assert main(["handout", "ms-and-leg-pain", "ms-leg-pian", "-o", str(target)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: no article with the id 'ms-leg-pian'. Did you mean:")
    assert "ms-and-leg-pain" in error and "\n" not in error
    assert not target.exists()


@pytest.mark.parametrize("where", ["missing-folder/h.pdf", "."])
def test_unwritable_output_is_a_one_line_error(tmp_path, capsys, where):
    target = tmp_path / where
    assert main(["handout", "ms-and-leg-pain", "-o", str(target)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: cannot save") and "\n" not in error
    assert not (tmp_path / "missing-folder").exists()


def test_font_size_must_be_one_of_the_choices(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["handout", "ms-and-leg-pain", "-o", str(tmp_path / "h.pdf"), "--font-size", "12"])
    assert "choose from 16, 18, 22" in capsys.readouterr().err


def test_handout_needs_no_display_and_loads_no_qt(tmp_path):
    """On a server with no display the command works, and Qt is never loaded."""
    target = tmp_path / "h.pdf"
    code = (
        "import sys\n"
        "from mspain_kb.cli import main\n"
        f"assert main(['handout', 'ms-and-leg-pain', '-o', {str(target)!r}]) == 0\n"
        "loaded = [name for name in sys.modules if name.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")
    }
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=REPO)
    assert target.read_bytes().startswith(b"%PDF")
