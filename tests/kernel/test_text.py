"""kernel/text.py: Markdown in, clean HTML out. Nothing that could run survives."""

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kernel.text import ALLOWED_TAGS, LINK_REL, is_safe_href, render_markdown

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=`javascript:alert(1)`>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="javascript:1">digits only</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab entity</a>',
    '<a href="jav&#9;ascript:alert(1)">tab decimal</a>',
    '<a href="jav\tascript:alert(1)">raw tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;1">x</a>',
    '<a href="&#0000106avascript:alert(1)">padded</a>',
    '<a href=" &#14; javascript:alert(1)">control</a>',
    '<a href="\x00javascript:alert(1)">nul</a>',
    '<a href="javascript&colon;alert(1)">named colon</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="VBScript:msgbox(1)">vb</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<a href="DaTa:text/html;base64,PHNjcmlwdD4=">data</a>',
    '<a href="//evil.example">protocol-relative</a>',
    '<a href="https://ok.example" onclick="alert(1)" onmouseover=alert(1)>events</a>',
    '<a href="https://ok.example" style="background:url(javascript:alert(1))">style</a>',
    '<a href="https://ok.example" target="_blank">target</a>',
    "[md link](javascript:alert(1))",
    "[md digits](javascript:1)",
    "[md vb](vbscript:msgbox(1))",
    "[md data](data:text/html;base64,PHNjcmlwdD4=)",
    "[md entity](&#106;avascript:alert(1))",
    "[md space]( javascript:alert(1))",
    "[md case](JAVASCRIPT:alert(1))",
    "![img](javascript:alert(1))",
    "![img](https://evil.example/pixel.png)",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<https://ok.example>",
    "<javascript:alert(1)>",
    "<div><p><b>broken <i>nesting</b></i></p>",
    "<p onclick=alert(1)>para</p><a href='https://ok.example'",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    "<style>@import 'javascript:alert(1)';</style>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<base href="javascript:/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<template><script>alert(1)</script></template>",
    "```\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
]


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)

    handle_startendtag = handle_starttag


def assert_inert(html: str) -> None:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    assert set(audit.tags) <= ALLOWED_TAGS, html
    for tag, name, value in audit.attrs:
        assert tag == "a", html
        assert name in {"href", "title", "rel"}, html
        if name == "href":
            assert value.split(":", 1)[0] in {"http", "https", "mailto"}, html
            assert is_safe_href(value), html
        if name == "rel":
            assert value == LINK_REL, html
    # No live markup hides in the text either: every "<" that is not ours is escaped.
    assert "<script" not in html.lower()


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_known_xss_payloads_come_out_inert(payload):
    assert_inert(render_markdown(payload))


@pytest.mark.parametrize(
    "payload",
    [
        p
        for p in XSS_CORPUS
        if ("javascript" in p.lower() or "vbscript" in p.lower()) and "ok.example" not in p
    ],
)
def test_no_script_link_survives_in_any_spelling(payload):
    audit = _Audit()
    audit.feed(render_markdown(payload))

    assert [(tag, name) for tag, name, _ in audit.attrs if name.endswith("href")] == []


@pytest.mark.parametrize(
    "href",
    [
        "javascript:1",
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "java\nscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&amp;#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,hi",
        "//evil.example",
        "/relative",
        "#fragment",
        "ftp://files.example",
        "",
    ],
)
def test_our_own_link_check_refuses_all_but_web_and_mail(href):
    assert not is_safe_href(href)


@pytest.mark.parametrize(
    "href", ["https://example.org/a?b=c", "http://example.org", "mailto:someone@example.org"]
)
def test_our_own_link_check_allows_web_and_mail(href):
    assert is_safe_href(href)


def test_ordinary_markdown_keeps_its_meaning():
    html = render_markdown(
        "# What happened\n\nI met **the outreach team** and *listened*.\n\n"
        "- one\n- two\n\nSee [the report](https://example.org/report) or https://example.org.\n\n"
        "> a quote\n\n```\ncode <here>\n```"
    )

    assert "<h3>What happened</h3>" in html
    assert "<strong>the outreach team</strong>" in html
    assert "<em>listened</em>" in html
    assert "<ul>\n<li>one</li>" in html
    assert '<a href="https://example.org/report" rel="nofollow noopener">the report</a>' in html
    assert '<a href="https://example.org" rel="nofollow noopener">https://example.org</a>' in html
    assert "<blockquote>" in html
    assert "code &lt;here&gt;" in html


def test_mail_links_are_kept_with_rel():
    html = render_markdown("[write to me](mailto:nia@example.org)")

    assert '<a href="mailto:nia@example.org" rel="nofollow noopener">write to me</a>' in html


def test_raw_html_is_shown_as_text_not_dropped():
    assert render_markdown("<b>bold?</b>") == "<p>&lt;b&gt;bold?&lt;/b&gt;</p>"


def test_empty_text_renders_to_nothing():
    assert render_markdown("") == ""
    assert render_markdown("  \n ") == ""


FRAGMENTS = st.sampled_from(
    [
        "<",
        ">",
        "</",
        "/>",
        "<a href=",
        "<img src=x ",
        "<script>",
        "</script>",
        "onerror=",
        "onclick=",
        "javascript",
        "vbscript",
        "data",
        ":",
        "&#",
        "&#x",
        "6A;",
        "106;",
        "&colon;",
        "\t",
        "\n",
        "\x00",
        "\x0e",
        " ",
        '"',
        "'",
        "`",
        "[",
        "](",
        ")",
        "![",
        "*",
        "**",
        "#",
        "alert(1)",
        "http://",
        "https://x.example",
        "mailto:",
        "<!--",
        "-->",
        "<svg",
        "<style>",
        "=",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join))
def test_generated_hostile_text_comes_out_inert(text):
    assert_inert(render_markdown(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all_comes_out_inert(text):
    assert_inert(render_markdown(text))
