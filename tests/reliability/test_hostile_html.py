"""Articles whose raw HTML is hostile render inert: nothing runs, nothing remote is loaded.

Extends tests/core/render/test_render.py (one hostile fixture) to a longer list of tricks, each in
an article file of a real collection, rendered for reading and for print, through the core
and through `mspain-kb render`.
"""

from __future__ import annotations

import html as html_module
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from mspain_kb.cli import main
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.render.article import render_article
from tests.reliability.conftest import FIXTURE_ARTICLES, folder_fingerprint

HUGE_DATA = "data:image/png;base64," + "QUFB" * 300_000  # 1.2 MB of inline image

# Each trick on its own paragraph, with a marker word that must still be readable after.
TRICKS = {
    "script": '<script>alert("x")</script>',
    "script-caps": "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    "script-split": "<scr<script>x</script>ipt>alert(1)</script>",
    "event-handler": '<p onclick="alert(1)" onmouseover="alert(2)">handler text</p>',
    "body-onload": '<body onload="alert(1)">body text</body>',
    "svg-onload": '<svg onload="alert(1)"><circle r="5"/></svg>',
    "img-onerror": '<img src="x.png" onerror="alert(1)">',
    "javascript-link": '<a href="javascript:alert(1)">js</a>',
    "javascript-entity": '<a href="jav&#x61;script&#58;alert(1)">js entity</a>',
    "javascript-space": '<a href=" &#10;javascript:alert(1)">js space</a>',
    "vbscript-link": '<a href="vbscript:msgbox(1)">vb</a>',
    "data-link": '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    "file-link": '<a href="file:///etc/passwd">file</a>',
    "md-javascript": "[md js](javascript:alert(1))",
    "md-file": "[md file](file:///etc/shadow)",
    "md-autolink": "<javascript:alert(1)>",
    "remote-img": '<img src="http://evil.example/t.gif">',
    "protocol-relative-img": '<img src="//evil.example/t.gif">',
    "srcset-img": '<img src="ok.png" srcset="http://evil.example/big.png 2x">',
    "md-remote-img": "![remote](https://evil.example/remote.png)",
    "absolute-file-img": '<img src="/etc/passwd">',
    "dotdot-img": '<img src="../../secret.png">',
    "background-attr": '<table background="http://evil.example/bg.png"><tr><td>cell</td></tr></table>',
    "style-attr": '<p style="background:url(http://evil.example/bg.png)">styled</p>',
    "style-expression": '<p style="width: expression(alert(1))">expr</p>',
    "css-import": "<style>@import url(http://evil.example/i.css);</style>",
    "link-stylesheet": '<link rel="stylesheet" href="http://evil.example/s.css">',
    "font-face": "<style>@font-face{font-family:E;src:url(http://evil.example/f.woff)}</style>",
    "base-href": '<base href="http://evil.example/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    "iframe": '<iframe src="http://evil.example/frame"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="http://evil.example/o.swf"></object>',
    "embed": '<embed src="http://evil.example/e.swf">',
    "video": '<video poster="http://evil.example/p.png" src="http://evil.example/v.mp4"></video>',
    "audio": '<audio src="http://evil.example/a.mp3" autoplay></audio>',
    "form": '<form action="http://evil.example/post"><input name="q"><button>Go</button></form>',
    "input-formaction": '<input type="image" src="http://evil.example/i.png" formaction="x">',
    "math": '<math><mtext><a href="javascript:alert(1)">m</a></mtext></math>',
    "template": "<template><script>alert(1)</script></template>",
    "comment": "<!-- <script>alert(1)</script> -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "huge-md-data-image": f"![big]({HUGE_DATA})",
    "huge-img-data": f'<img src="{HUGE_DATA}">',
    "data-link-huge": f'<a href="{HUGE_DATA}">huge data link</a>',
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "glossary", "tag"}
DANGEROUS_TAGS = {
    "script", "style", "iframe", "frame", "object", "embed", "svg", "math", "form", "input",
    "button", "link", "meta", "base", "video", "audio", "template", "applet", "frameset",
}  # fmt: skip


def hostile_article_text() -> str:
    parts = ["title: Hostile page", "tags: spasticity", "summary: s", "", "## Tricks", ""]
    for number, (name, trick) in enumerate(TRICKS.items()):
        parts += [f"Marker{number} before {name}.", "", trick, ""]
    parts += ["A [fine link](https://example.org/fine) stays.", ""]
    return "\n".join(parts)


@pytest.fixture
def collection(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURE_ARTICLES, folder)
    (folder / "hostile-page.md").write_text(hostile_article_text(), encoding="utf-8")
    return folder


def assert_inert(document: str) -> None:
    """No live markup, no handler, no remote or local-file reference, no inline payload."""
    assert_no_live_markup(document)
    lowered = document.lower()
    for needle in ("@import", "expression(", "javascript:", "vbscript:", "file:", "evil.example"):
        assert needle not in lowered, needle
    assert "data:" not in lowered
    assert not re.search(r"url\(\s*['\"]?(?:https?:|//)", lowered)
    assert len(document) < 200_000  # the 1.2 MB inline payloads were dropped, not carried


def assert_no_live_markup(document: str) -> None:
    """No dangerous element, no handler or style attribute, links and images only safe ones."""
    soup = BeautifulSoup(document, "html.parser")
    body = soup.body or soup
    for tag in body.find_all(True):
        assert tag.name not in DANGEROUS_TAGS, tag.name
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (tag.name, attribute)
            assert attribute.lower() not in {"style", "srcset", "background", "poster"}
            text = value if isinstance(value, str) else " ".join(value)
            if attribute in ("href", "src"):
                target = html_module.unescape(text).strip().lower()
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", target)
                if attribute == "src":
                    assert scheme is None and not target.startswith(("/", "\\")), target
                    assert ".." not in target.split("/"), target
                elif scheme:
                    assert scheme.group(1) in ALLOWED_SCHEMES, target
    for tag in soup.find_all(["script", "link", "iframe", "object", "embed", "base", "meta"]):
        # The page's own <head> may have a charset meta only; nothing that loads anything.
        assert tag.name == "meta" and set(tag.attrs) <= {"charset"}, tag


@pytest.mark.parametrize("print_mode", [False, True])
def test_every_trick_in_an_article_file_renders_inert(collection, glossary, vocabulary, print_mode):
    """Forty-five hostile constructs in one article file: output inert, the words still there."""
    article = read_article(collection / "hostile-page.md")
    rendered = render_article(article, glossary, vocabulary, print_mode=print_mode)
    assert_inert(rendered.html)
    text = BeautifulSoup(rendered.html, "html.parser").get_text()
    for number in range(len(TRICKS)):
        assert f"Marker{number} before" in text, number
    assert "fine link" in text


@pytest.mark.parametrize("name", list(TRICKS))
def test_each_trick_alone_renders_inert(tmp_path, glossary, vocabulary, name):
    """Each construct on its own (so one trick cannot hide another) renders inert."""
    path = tmp_path / f"{name}.md"
    path.write_text(f"title: {name}\n\n## H\n\nBefore.\n\n{TRICKS[name]}\n\nAfter.\n")
    for print_mode in (False, True):
        html = render_article(read_article(path), glossary, vocabulary, print_mode=print_mode).html
        assert_inert(html)
        assert "After." in html


@pytest.mark.parametrize("options", [[], ["--print"], ["--theme", "dark"]])
def test_render_command_output_is_inert(collection, capsys, options):
    """`mspain-kb render hostile-page` prints inert HTML and leaves the article file as it was."""
    before = folder_fingerprint(collection)
    code = main(["--articles-dir", str(collection), "render", "hostile-page", *options])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert_inert(out)
    assert folder_fingerprint(collection) == before


def test_hostile_title_and_summary_are_shown_as_text(tmp_path, glossary, vocabulary):
    """Markup in the title, summary and tags header lines is escaped, never live."""
    path = tmp_path / "head.md"
    path.write_text(
        "title: <img src=x onerror=alert(1)>Title\ntags: <script>x</script>\n"
        'summary: <a href="javascript:alert(1)">s</a>\nsource: <iframe src=http://evil.example>\n'
        "\n## H\n\nBody.\n"
    )
    html = render_article(read_article(path), glossary, vocabulary).html
    assert_no_live_markup(html)
    assert "&lt;img src=x onerror=alert(1)&gt;Title" in html
