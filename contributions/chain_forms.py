"""The owner's form for what their inquiry is for."""

from django import forms

from kernel.submissions import SubmittedOnce

from .models import InquiryChain


class ChainForm(SubmittedOnce, forms.ModelForm):
    class Meta:
        model = InquiryChain
        fields = ["benefit", "beneficiaries", "users", "results"]
        widgets = {"results": forms.Textarea(attrs={"rows": 3})}
