"""Form errors: a service's refusal put on its form, and the error summary's facts (which
forms on a page failed, and what to say about each).

A template library (registered in TEMPLATES' ``libraries`` as ``form_errors``)
so that base.html finds every failed form in the page's context by itself: a
form page needs no line of its own to get the summary at the top of the page,
the focus on it and "Error: " before its title.
"""

from dataclasses import dataclass

from django import template
from django.core.exceptions import ValidationError
from django.forms import BaseForm

register = template.Library()


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: by field where it names one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@dataclass(frozen=True)
class ErrorLine:
    """One line of the summary: a link to the field it is about, or text when none is shown."""

    message: str
    field_id: str = ""


@register.simple_tag(takes_context=True)
def failed_forms(context) -> list[BaseForm]:
    """The submitted forms with errors in the context, each once, in the view's order."""
    found = {}
    for layer in context.dicts:
        for value in layer.values():
            # type(), not isinstance(): isinstance would evaluate lazy values such
            # as csrf_token, setting a cookie on pages that have no form.
            if issubclass(type(value), BaseForm) and value.is_bound and value.errors:
                found.setdefault(id(value), value)
    return list(found.values())


@register.filter
def error_lines(form: BaseForm) -> list[ErrorLine]:
    """The errors in the order people meet them: the form's own first, then field by field."""
    lines = [ErrorLine(str(message)) for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            if field.is_hidden:
                lines.append(ErrorLine(str(message)))
            else:
                lines.append(ErrorLine(f"{field.label}: {message}", _target_id(field)))
    return lines


def _target_id(field) -> str:
    """The control a link can focus: the field's own, or the first of a group.

    A group (radios, checkboxes, a date beside a time) has no control of its own
    to label; Django numbers its parts from the field's id: id_mode_0, id_mode_1.
    """
    if field.id_for_label:
        return field.id_for_label
    return f"{field.auto_id}_0" if field.auto_id else ""
