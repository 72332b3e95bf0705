"""People's headings take the level the page leaves them (kernel/text.py)."""

from cms.blocks import MarkdownBlock
from kernel.text import render_markdown


def test_inside_our_pages_a_hash_heading_is_an_h3():
    assert (
        render_markdown("# What happened\n\n## So what")
        == "<h3>What happened</h3>\n<h4>So what</h4>"
    )


def test_in_a_weeknote_body_a_hash_heading_is_an_h2_under_the_title():
    html = MarkdownBlock().render("# What happened\n\n## So what")
    assert "<h2>What happened</h2>" in html
    assert "<h3>So what</h3>" in html
