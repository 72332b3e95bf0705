"""The error summary's facts: each error once, in reading order, linked to a control that exists."""

from django import forms
from django.template import Context, Template

from kernel.form_errors import ErrorLine, error_lines, failed_forms


class TripForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    place = forms.CharField(label="Place")
    mode = forms.ChoiceField(
        label="How you travel",
        choices=[("bus", "Bus"), ("foot", "On foot")],
        widget=forms.RadioSelect,
    )
    when = forms.SplitDateTimeField(label="When")

    def clean(self):
        raise forms.ValidationError("Nothing adds up.")


def test_the_form_s_own_errors_come_first_then_each_field_in_order():
    form = TripForm(data={})

    assert error_lines(form) == [
        ErrorLine("Nothing adds up."),
        ErrorLine("This field is required."),  # the hidden token: no control to link to
        ErrorLine("Place: This field is required.", "id_place"),
        ErrorLine("How you travel: This field is required.", "id_mode_0"),
        ErrorLine("When: This field is required.", "id_when_0"),
    ]


def test_every_link_leads_to_a_control_on_the_page():
    form = TripForm(data={})
    html = Template("{{ form }}").render(Context({"form": form}))

    for line in error_lines(form):
        if line.field_id:
            assert f'id="{line.field_id}"' in html


def test_only_submitted_forms_with_errors_count_each_once():
    failed = TripForm(data={})
    context = Context({"form": failed, "same": failed, "fresh": TripForm(), "text": "x"})

    assert failed_forms(context) == [failed]
