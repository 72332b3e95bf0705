from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The site root: what the programme is and where to start."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title saying what Cylch is for."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        help_text=_("More about the programme: how cohorts form and how learning is shared."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("home page")
