"""``{% new_submission_key %}``: the one-time key of a form written out by hand, in any
app's templates (``{% load submissions %}``); see ``kernel/submissions.py``."""

from django import template

from .. import submissions

register = template.Library()

register.simple_tag(submissions.new_submission_key)
