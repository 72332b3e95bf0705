"""cylch/text.py: Markdown becomes clean HTML; nothing a reader's browser would run gets through."""

from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cylch.text import ALLOWED_TAGS, is_safe_url, render_markdown

SCRIPT_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<body onload="alert(1)">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="alert(1)">click</p>',
    '<a href="https://ok.example" onmouseover="alert(1)">hover</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<input autofocus onfocus="alert(1)">',
    "<style>body{display:none}</style>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>-->alert(1)<!--</script>-->",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<b><i>broken <u>nesting</b></i> <script>alert(1)",
    "<p><a href='https://ok.example'><script>alert(1)</script></a>",
    '<a href="https://ok.example"<script>alert(1)</script>>x</a>',
]

BAD_HREFS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "javascript:1",
    "javascript:0000",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "\x01javascript:alert(1)",
    "file:///etc/passwd",
    "//evil.example/path",
    "/relative/path",
    "ftp://files.example/",
]


class _Elements(HTMLParser):
    """Every element's tag and attributes, entities decoded, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append(SimpleNamespace(tag=tag, attrib=dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_harmless(html):
    for element in elements(html):
        assert element.tag in ALLOWED_TAGS, f"{element.tag} survived in {html!r}"
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{name} survived in {html!r}"
            assert name in {"href", "title", "rel"}, f"{name} survived in {html!r}"
            if name == "href":
                assert is_safe_url(value), f"unsafe href {value!r} in {html!r}"


@pytest.mark.parametrize("payload", SCRIPT_PAYLOADS)
def test_script_tags_and_event_attributes_never_survive(payload):
    html = render_markdown(payload)

    assert_harmless(html)
    assert "<script" not in html.lower()


@pytest.mark.parametrize("href", BAD_HREFS)
def test_links_to_anything_but_http_https_mailto_lose_their_address(href):
    for source in (f"[click me]({href})", f'<a href="{href}">click me</a>'):
        html = render_markdown(source)

        assert_harmless(html)
        links = [e for e in elements(html) if e.tag == "a"]
        assert all("href" not in link.attrib for link in links), html
        assert "click me" in html  # the words stay, only the link goes


@pytest.mark.parametrize(
    "href",
    ["https://example.org/a?b=c", "http://example.org/", "mailto:someone@example.org"],
)
def test_good_links_stay_and_are_marked_nofollow_noopener(href):
    html = render_markdown(f"[a good link]({href})")

    (link,) = [e for e in elements(html) if e.tag == "a"]
    assert link.attrib["href"] == href
    assert link.attrib["rel"] == "nofollow noopener"


def test_markdown_formatting_a_writer_uses_comes_through():
    html = render_markdown(
        "## What happened\n\nWe **tried** a *thing*.\n\n- one\n- two\n\n> a quote\n\n`code`"
    )

    assert "<h2>What happened</h2>" in html
    assert "<strong>tried</strong>" in html
    assert "<em>thing</em>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html
    assert "<code>code</code>" in html


def test_broken_nesting_is_closed_properly():
    html = render_markdown("<em>open <strong>both</em> and more")

    assert html.count("<em>") == html.count("</em>")
    assert html.count("<strong>") == html.count("</strong>")


def test_text_that_looks_like_html_is_shown_as_text_not_run():
    html = render_markdown("Use `<script>` tags with care, and 3 < 4 > 2.")

    assert "&lt;script&gt;" in html
    assert "<script" not in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_at_all_renders_to_harmless_html(text):
    assert_harmless(render_markdown(text))


_fragments = st.sampled_from(
    [
        "<",
        ">",
        "<a href=",
        '"',
        "'",
        "javascript:",
        "JAVASCRIPT:",
        "java\tscript:",
        "&#106;",
        "&#x3A;",
        "&colon;",
        "data:",
        "vbscript:",
        "onerror=",
        "onclick=alert(1)",
        "<script>",
        "</script>",
        "<img src=x ",
        "<svg ",
        "[x](",
        ")",
        "](",
        "<p>",
        "</p>",
        "<em>",
        "**",
        "\n\n",
        " ",
        "alert(1)",
        "https://ok.example",
        "mailto:",
        "1",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_fragments, max_size=25).map("".join))
def test_any_mix_of_dangerous_fragments_renders_to_harmless_html(text):
    assert_harmless(render_markdown(text))
