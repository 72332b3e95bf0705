"""The Wagtail admin's editor, made a little more accessible where Wagtail leaves a gap."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def label_the_tag_field():
    return format_html('<script src="{}"></script>', static("js/admin-tag-field.js"))
