"""One submission, one record: a form that creates something, sent twice (a double click,
the back button, a retry after a lost answer), makes one thing and answers as the first did.

The form carries a hidden one-time key, made when it is shown (``SubmittedOnce``, or the
``{% new_submission_key %}`` tag in a form written by hand); the row it makes keeps the key
in a unique column (``submission_key_field``). A service first asks ``sent_before``, and
returns what it finds; otherwise it saves through ``save_once``, where the unique column
decides between two sends that both looked before either saved. A key is only ever looked
for among the sender's own rows (``mine``), so someone else's key never returns their record.
"""

import uuid

from django import forms, template
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KEY_HELP = gettext_lazy("The key of the form that made it: the same form sent twice makes one.")


def submission_key_field() -> models.UUIDField:
    """The column a created row keeps its form's key in.

    A function, not a field class, so migrations record a plain ``UUIDField`` and do not
    depend on this module. Empty for rows made without a form (the admin, the demo);
    unique, so two rows can never come from one form.
    """
    return models.UUIDField(null=True, blank=True, unique=True, editable=False, help_text=KEY_HELP)


class SubmittedOnce(forms.Form):
    """A hidden key made when the form is first shown, so sending it twice makes one thing.

    Shown again with its errors, a form keeps the key it was sent with: nothing was made
    with it yet.
    """

    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_key"].initial = uuid.uuid4


# A template library too (named in TEMPLATES' ``libraries``): ``{% load submissions %}``.
register = template.Library()


@register.simple_tag
def new_submission_key() -> uuid.UUID:
    """A fresh key for a form written out by hand."""
    return uuid.uuid4()


def sent_before(mine: models.QuerySet, key: uuid.UUID | None):
    """What this person's form with this key already made, if it was sent before, else None.

    ``mine`` narrows the look to the sender's own rows: a key copied from someone else's
    form finds nothing here (and ``save_once`` then refuses it).
    """
    return mine.filter(submission_key=key).first() if key else None


def save_once(row: models.Model, mine: models.QuerySet):
    """Save ``row`` and return None; or, if the same form sent at the same moment saved
    first, return that one instead, saving nothing.

    Both sends passed ``sent_before``; the unique key column lets only one row in. The save
    runs in a savepoint so that, on PostgreSQL, the transaction goes on after the refusal
    (and the look that follows sees the winner's row, committed by then). An integrity
    error with no row of the sender's behind it is someone else's key: a form this person
    was never shown, refused in words rather than answered with their record.
    """
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        if row.submission_key is None:  # not a form's row: another rule refused it
            raise
        earlier = sent_before(mine, row.submission_key)
        if earlier is None:
            raise ValidationError(
                _("This form was sent already: open it again to write something new.")
            ) from None
        return earlier
    return None
