"""The one stream block weeknotes are written with. Each block has its template
in ``templates/blocks/``."""

from functools import cached_property, lru_cache

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from kernel.text import render_markdown

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        help_text=_("Use sections first; a subsection sits inside a section."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("attribution"), required=False, help_text=_("Who said it, if they agreed to it.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("link text"), max_length=200)
    url = blocks.URLBlock(label=_("address"))
    description = blocks.CharBlock(label=_("description"), required=False, max_length=300)


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("links"))

    class Meta:
        icon = "list-ul"
        label = _("List of links")
        template = "blocks/link_list.html"


# The same text always renders to the same clean HTML: keep recent results, so a
# feed of twenty weeknotes does not run Markdown and bleach twenty times a request.
# "#" is an h2 there: the weeknote's title is the page's only heading above its body.
@lru_cache(maxsize=2048)
def _render(text: str) -> str:
    return render_markdown(text, top_heading=2)


class MarkdownBlock(blocks.TextBlock):
    """Markdown, rendered through the project's one sanitiser (kernel/text.py)."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["html"] = mark_safe(_render(value or ""))  # noqa: S308 - cleaned by bleach
        return context

    @cached_property
    def field(self):
        # Wagtail heads a plain block with its name but gives its textarea no <label>.
        field = super().field
        field.widget.attrs["aria-label"] = str(self.label)
        return field

    def get_api_representation(self, value, context=None):
        # API readers get the clean HTML too, so none of them has to sanitise it again.
        return {"markdown": value, "html": _render(value or "")}

    class Meta:
        icon = "code"
        label = _("Markdown")
        template = "blocks/markdown.html"
        help_text = _("Text written in Markdown, for example from a participant's cycle.")


class WeeknoteStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="blocks/paragraph.html",
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    links = LinkListBlock()
    markdown = MarkdownBlock()
