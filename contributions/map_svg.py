"""The relationship map drawn as SVG on the server: the same data always gives the same picture.

Layout: the organisations sit evenly on one circle, clockwise from the top, in
map order (sector, in the order of ``cohorts.models.Sector``, then name, which
is unique whatever its case), so organisations of a sector sit together and a new organisation only
moves the ones after it. A link is a straight line between two organisations,
``stroke_width`` wide: 2 for one action, growing with the square root of the
count, at most 14. Lines are drawn strongest last (on top), nodes over lines.
A link first made in the month called out is dashed as well as darker, so
colour is never the only cue; each organisation is labelled with its name and
coloured by its sector (the legend beside the picture says which colour is which).

Every coordinate is rounded to one decimal and nothing random or time-dependent
goes in, so two drawings of the same data are byte for byte the same. Every text
(organisation names, sentences) is escaped with ``format_html``, which escapes
the five characters XML and HTML reserve. Colours are attributes, not CSS, so the
picture prints as it shows and needs no stylesheet or JavaScript.
"""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from kernel.characters import strip_control_characters

from .map_words import LinkWords

WIDTH, HEIGHT = 800, 500
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2
RADIUS = 185
NODE_RADIUS = 11
LABEL_GAP = 18
LABEL_LENGTH = 26

LINE_COLOUR = "#505a5f"
NEW_LINE_COLOUR = "#0b0c0c"
TEXT_COLOUR = "#0b0c0c"

# Okabe and Ito's palette, told apart by most colour-blind readers, and a grey.
SECTOR_COLOURS = {
    "police": "#0072b2",
    "health": "#009e73",
    "council": "#e69f00",
    "fire": "#d55e00",
    "housing": "#cc79a7",
    "education": "#56b4e9",
    "civil_service": "#f0e442",
    "charity": "#7b3f9e",
    "other": "#8c8c8c",
}


def sector_colour(sector: str) -> str:
    return SECTOR_COLOURS.get(sector, SECTOR_COLOURS["other"])


def positions(organisations) -> dict[int, tuple[float, float, float]]:
    """pk → (x, y, angle): evenly on the circle, clockwise from the top, in the given order."""
    count = len(organisations)
    placed = {}
    for index, organisation in enumerate(organisations):
        angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
        placed[organisation.pk] = (
            round(CENTRE_X + RADIUS * math.cos(angle), 1),
            round(CENTRE_Y + RADIUS * math.sin(angle), 1),
            angle,
        )
    return placed


def stroke_width(count: int) -> float:
    return round(min(2 + 3 * math.sqrt(count - 1), 14), 1)


def short_label(name: str) -> str:
    name = strip_control_characters(name)
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1].rstrip() + "…"


def _label(organisation, x, y, angle):
    cos, sin = math.cos(angle), math.sin(angle)
    anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
    label_x = round(x + LABEL_GAP * cos, 1)
    label_y = round(y + LABEL_GAP * sin + (5 if abs(sin) < 0.95 else 10 * sin + 4), 1)
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="14" fill="{}">{}</text>',
        label_x,
        label_y,
        anchor,
        TEXT_COLOUR,
        short_label(organisation.name),
    )


def _node(organisation, x, y, angle):
    return format_html(
        '<g><title>{} ({})</title><circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" '
        'stroke-width="1.5"/>{}</g>',
        strip_control_characters(organisation.name),
        organisation.get_sector_display(),
        x,
        y,
        NODE_RADIUS,
        sector_colour(organisation.sector),
        TEXT_COLOUR,
        _label(organisation, x, y, angle),
    )


def _line(link, placed, words):
    new = link.is_new
    (x1, y1, _a), (x2, y2, _b) = placed[link.a.pk], placed[link.b.pk]
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}>'
        "<title>{}</title></line>",
        x1,
        y1,
        x2,
        y2,
        NEW_LINE_COLOUR if new else LINE_COLOUR,
        stroke_width(link.count),
        mark_safe(' stroke-dasharray="8 4"') if new else "",
        strip_control_characters(words.sentence(link)),
    )


def map_svg(relationship_map, *, title: str, description: str, id_prefix: str = "map"):
    """The whole picture as one safe string of SVG, ready to sit inline in a page."""
    placed = positions(relationship_map.organisations)
    words = LinkWords(relationship_map.month)
    lines = format_html_join(
        "",
        "{}",
        ((_line(link, placed, words),) for link in reversed(relationship_map.links)),
    )
    nodes = format_html_join(
        "",
        "{}",
        ((_node(o, *placed[o.pk]),) for o in relationship_map.organisations),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="relationship-map" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<g stroke-linecap="round">{}</g>{}</svg>',
        WIDTH,
        HEIGHT,
        id_prefix,
        id_prefix,
        id_prefix,
        strip_control_characters(title),
        id_prefix,
        strip_control_characters(description),
        lines,
        nodes,
    )
