"""What the reader sees beside and in the article: the glossary pane follows the search,
the glossary filter forgives typos, a result opens on the user's own words, terms are
marked quietly (every term on request), and the Section box follows scrolling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from ui_helpers import SYNC_TIMEOUT_MS, click_link, search

SPASMS = "muscle-spasms-and-ms"
LOWER_BACK = "ms-lower-back-pain-and-lhermittes-sign"


def _open(qtbot, window, article_id, query=""):
    with qtbot.waitSignal(window.controller.articleShown, timeout=SYNC_TIMEOUT_MS):
        window.controller.open_article(article_id, query)


def test_the_glossary_pane_shows_what_the_search_is_about(qtbot, window):
    """The two searches of the report: a reading of Lhermitte's sign, a named term."""
    search(qtbot, window, "electric shock when I bend my neck")
    glossary = window.glossary_panel
    assert glossary.current_slug() == "lhermittes-sign"
    assert "Lhermitte" in glossary.definition.toPlainText()
    search(qtbot, window, "spasticity in my legs")
    assert glossary.current_slug() == "spasticity"


def test_the_glossary_pane_clears_when_the_search_names_no_term(qtbot, window):
    search(qtbot, window, "muscle spasm")
    assert window.glossary_panel.current_slug() == "muscle-spasm"
    search(qtbot, window, "mornings at work")
    assert window.glossary_panel.current_slug() is None
    assert "Choose a term" in window.glossary_panel.definition.toPlainText()


def test_a_term_the_reader_clicks_stays_until_the_article_no_longer_uses_it(qtbot, window):
    search(qtbot, window, "electric shock when I bend my neck")
    _open(qtbot, window, SPASMS, "electric shock when I bend my neck")
    href = click_link(qtbot, window.view, "glossary:")
    clicked = href.removeprefix("glossary:")
    assert window.glossary_panel.current_slug() == clicked
    window.view.reload_page()  # the same article again: the choice stays
    assert window.glossary_panel.current_slug() == clicked
    _open(qtbot, window, LOWER_BACK)
    terms = {t.slug for t in window.controller.pages.load(window.view.source()).rendered.terms}
    expected = clicked if clicked in terms else "lhermittes-sign"
    assert window.glossary_panel.current_slug() == expected


def test_the_glossary_filter_forgives_a_small_typo(qtbot, window):
    glossary = window.glossary_panel
    qtbot.keyClicks(glossary.filter, "lhermite")
    shown = [
        glossary.term_list.item(r).text()
        for r in range(glossary.term_list.count())
        if not glossary.term_list.item(r).isHidden()
    ]
    assert shown == ["Lhermitte's sign"]
    qtbot.keyClick(glossary.filter, Qt.Key.Key_Return)
    assert glossary.current_slug() == "lhermittes-sign"


def test_a_result_opens_on_the_users_own_words(qtbot, window):
    """ "pins and needles": match 1 is "numbness" (the entry's words), not "nerve"."""
    search(qtbot, window, "pins and needles")
    window.search_box.completer().popup().hide()
    with qtbot.waitSignal(window.controller.articleShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    view = window.view
    assert view.current_hit() == 1
    start, end = view.hit_selection
    cursor = view.textCursor()
    assert cursor.selectedText().casefold() in ("numbness", "tingling")
    assert (start, end) == (cursor.selectionStart(), cursor.selectionEnd())
    assert window.hit_label.text().startswith("Match 1 of")


def _glossary_fragments(view):
    found = []
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref().startswith("glossary:"):
                found.append(fragment)
            iterator += 1
        block = block.next()
    return found


def test_terms_are_marked_quietly_and_every_term_on_request(qtbot, window):
    """Dotted underline in the text colour; "tendons" unmarked until View > Mark every
    glossary term, which is remembered."""
    _open(qtbot, window, LOWER_BACK)
    view = window.view
    quiet = _glossary_fragments(view)
    assert quiet
    text_colour = view.document().begin().charFormat().foreground().color()
    for fragment in quiet:
        char_format = fragment.charFormat()
        assert char_format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
        assert char_format.foreground().color().name() in ("#1d1f21", text_colour.name())
    words = {fragment.text().casefold() for fragment in quiet}
    assert "spasticity" in words and "tendons" not in words and "exhaustion" not in words
    action = window.actions_by_name["mark_every_term"]
    action.trigger()
    every = {fragment.text().casefold() for fragment in _glossary_fragments(view)}
    assert {"tendons", "exhaustion"} <= every
    assert window.controller.settings.value("reading/mark_every_term", type=bool)


def test_the_section_box_follows_scrolling(qtbot, window):
    window.resize(1024, 700)
    _open(qtbot, window, LOWER_BACK)
    outline, view = window.outline, window.view
    assert outline.currentIndex() == 0
    last = outline.count() - 1
    view.scrollToAnchor(outline.itemData(last))
    bar = view.verticalScrollBar()
    if bar.value() < bar.maximum():
        assert outline.currentIndex() == last
    middle = outline.count() // 2
    view.scrollToAnchor(outline.itemData(middle))
    assert outline.currentIndex() == middle
    bar.setValue(0)
    assert outline.currentIndex() == 0
