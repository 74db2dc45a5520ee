"""The allow-list between article HTML and the reader: nothing runs, nothing loads from
outside, and what a reader needs (text, tables, the app's own links) stays."""

from __future__ import annotations

import pytest

from mspain_kb.core.render.sanitize import is_local_image, sanitize_html


@pytest.mark.parametrize(
    "fragment",
    [
        "<script>alert(1)</script>",
        "<style>body { display: none }</style>",
        '<iframe src="https://example.org"></iframe>',
        "<form><input name=x><button>Go</button></form>",
        "<svg><circle onload=alert(1) /></svg>",
        "<object data=x.swf></object>",
    ],
)
def test_active_and_embedded_content_goes_with_everything_inside(fragment):
    cleaned = sanitize_html(f"<p>Before</p>{fragment}<p>After</p>")
    assert cleaned == "<p>Before</p><p>After</p>"


def test_event_handlers_and_styles_are_dropped_but_the_text_stays():
    cleaned = sanitize_html('<p onclick="alert(1)" style="color:red">Stretch gently.</p>')
    assert cleaned == "<p>Stretch gently.</p>"


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("https://www.nhs.uk/conditions/multiple-sclerosis/", True),
        ("mailto:nurse@example.org", True),
        ("glossary:spasticity", True),
        ("tag:leg-pain", True),
        ("#section-2", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("file:///etc/passwd", False),
    ],
)
def test_links_go_only_to_web_pages_mail_and_the_apps_own_pages(href, kept):
    cleaned = sanitize_html(f'<p><a href="{href}">a link</a></p>')
    assert ("href=" in cleaned) == kept
    assert "a link" in cleaned


def test_print_mode_keeps_no_links_at_all():
    cleaned = sanitize_html('<p><a href="https://www.nhs.uk">NHS</a></p>', print_mode=True)
    assert cleaned == "<p>NHS</p>"


@pytest.mark.parametrize(
    ("src", "local"),
    [
        ("images/stretch.png", True),
        ("stretch.png", True),
        ("https://example.org/pixel.gif", False),
        ("//example.org/pixel.gif", False),
        ("/etc/hosts", False),
        ("../../secret.png", False),
        ("C:\\pictures\\a.png", False),
        ("", False),
    ],
)
def test_only_images_beside_the_article_are_shown(src, local):
    assert is_local_image(src) is local
    cleaned = sanitize_html(f'<p><img src="{src}" alt="a picture"></p>')
    assert ("<img" in cleaned) == local


def test_tables_and_headings_keep_what_the_reader_needs():
    fragment = (
        '<h2 id="drugs" class="x">Drugs</h2><table><tr><th align="left">Name</th></tr>'
        '<tr><td colspan="2">Baclofen</td></tr></table>'
    )
    assert sanitize_html(fragment) == fragment.replace("<table><tr>", "<table><tbody><tr>").replace(
        "</tr></table>", "</tr></tbody></table>"
    )
