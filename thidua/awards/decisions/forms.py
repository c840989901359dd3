"""The forms of the decision pages: dates typed dd/mm/yyyy, lists one item a line."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import ProposalStatus
from thidua.evaluations.forms import DATE_WIDGET

SIGNER_PREFIXES = (
    ("", _("the chairman signs (no prefix)")),
    ("KT. Chủ tịch", "KT. CHỦ TỊCH"),
    ("TM. Ủy ban nhân dân", "TM. ỦY BAN NHÂN DÂN"),
    ("TM. Ban Thường trực", "TM. BAN THƯỜNG TRỰC"),
)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class IssueForm(forms.Form):
    forms_given = forms.MultipleChoiceField(label=_("Award forms"), widget=forms.CheckboxSelectMultiple)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE_WIDGET)
    subject = forms.CharField(label=_("Subject"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    legal_bases = forms.CharField(
        label=_("Legal bases"), help_text=_("One a line."), widget=forms.Textarea(attrs={"rows": 5})
    )
    signer_prefix = forms.ChoiceField(label=_("Signing for"), choices=SIGNER_PREFIXES, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120, initial="Chủ tịch")
    signer_name = forms.CharField(label=_("Signer's name"), max_length=120)
    recipients_note = forms.CharField(
        label=_("Recipients (Nơi nhận)"),
        help_text=_("One a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="Như Điều 3",
        required=False,
    )
    select = forms.CharField(
        label=_("Only these nominations (ids, when over the quota)"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "12, 15, 18"}),
    )

    def __init__(self, *args: Any, form_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forms_given = self.fields["forms_given"]
        assert isinstance(forms_given, forms.ChoiceField)
        forms_given.choices = form_choices

    def clean_select(self) -> list[int] | None:
        text = self.cleaned_data["select"].replace(",", " ").split()
        if not text:
            return None
        try:
            return [int(item) for item in text]
        except ValueError:
            raise forms.ValidationError(_("Write the nomination ids as numbers.")) from None


class RevokeForm(forms.Form):
    on = forms.DateField(label=_("Revoked on"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ProposalForm(forms.Form):
    form_code = forms.ChoiceField(label=_("Award form"))
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE_WIDGET)
    to_body = forms.CharField(label=_("Sent to"), max_length=200)

    def __init__(self, *args: Any, form_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_code = self.fields["form_code"]
        assert isinstance(form_code, forms.ChoiceField)
        form_code.choices = form_choices


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ProposalStatus.DECIDED, ProposalStatus.DECIDED.label),
            (ProposalStatus.REFUSED, ProposalStatus.REFUSED.label),
        ],
    )
    higher_decision = forms.CharField(label=_("Decision of the higher body"), max_length=120, required=False)
    higher_decided_on = forms.DateField(label=_("Decided on"), widget=DATE_WIDGET, required=False)
    nominations = forms.MultipleChoiceField(
        label=_("Awarded by the higher body"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, nomination_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nominations = self.fields["nominations"]
        assert isinstance(nominations, forms.ChoiceField)
        nominations.choices = nomination_choices
