"""Keyboard users see where they are on every background, and radios are easy to hit."""

from playwright.sync_api import expect

from tests.factories import CycleFactory, EntryFactory, InquiryFactory

# For the element with focus (null once focus has been round the page and back to one it
# has had, or left it): the contrast of each colour its focus indicator draws
# (outline, box-shadow) with the background around it, the nearest ancestor's that is
# not transparent. WCAG 2.2's focus appearance asks for 3:1.
FOCUS_CONTRAST_SCRIPT = """() => {
    const el = document.activeElement;
    if (el === document.body || el.dataset.focusSeen) return null;
    el.dataset.focusSeen = "yes";
    const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const linear = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const contrast = (a, b) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
    };
    let around = el.parentElement;
    while (around && rgb(getComputedStyle(around).backgroundColor)[3] === 0) {
        around = around.parentElement;
    }
    const background = rgb(getComputedStyle(around || document.body).backgroundColor);
    const style = getComputedStyle(el);
    const drawn = (style.boxShadow.match(/rgba?\\([^)]*\\)/g) || []).map(rgb);
    if (style.outlineStyle !== "none") drawn.push(rgb(style.outlineColor));
    const visible = drawn.filter((colour) => colour[3] !== 0);
    const best = Math.max(0, ...visible.map((colour) => contrast(colour, background)));
    return [el.tagName.toLowerCase() + " " + (el.textContent || el.name || "").trim().slice(0, 40),
            Math.round(best * 100) / 100];
}"""


def test_the_focus_indicator_stands_out_on_every_background(site):
    inquiry = InquiryFactory(visibility="private", title="Earlier help at the pharmacy")
    EntryFactory(cycle=CycleFactory(inquiry=inquiry))
    page = site.page
    site.sign_in(inquiry.owner.email)

    for path in ["/issues/", inquiry.cohort.issue.get_absolute_url(), inquiry.get_absolute_url()]:
        site.visit(path)
        stops = []
        while len(stops) < 80 and (found := _tab(page)) is not None:
            stops.append(found)
        faint = [f"{name}: {ratio}:1" for name, ratio in stops if ratio < 3]
        assert len(stops) > 5, f"Too few stops to judge on {path}"
        assert not faint, f"Focus indicators under 3:1 on {path}:\n" + "\n".join(faint)


def _tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS_CONTRAST_SCRIPT)


def test_radios_are_at_least_24_px_square(site):
    inquiry = InquiryFactory()
    site.sign_in(inquiry.owner.email)
    site.visit("/inquiries/new/")
    radios = site.page.get_by_role("radio")
    expect(radios.first).to_be_visible()
    for radio in radios.all():
        box = radio.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, f"A radio of {box}"
