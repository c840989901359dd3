"""The forms of the yearly cycle's pages: dates typed dd/mm/yyyy, numbers checked before a service sees them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.evaluations.models import Ballot, DossierStatus

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 10})


class RegistrationForm(forms.Form):
    registered_on = forms.DateField(label=_("Registered on"), widget=DATE_WIDGET)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE_WIDGET)
    convened = forms.IntegerField(label=_("Convened"), min_value=0)
    present = forms.IntegerField(label=_("Present"), min_value=0)
    ballot = forms.ChoiceField(label=_("Ballot"), choices=Ballot.choices, initial=Ballot.HANDS)
    chair = forms.CharField(label=_("Chaired by"), max_length=120, required=False)
    front_head = forms.CharField(label=_("Head of the Front working committee"), max_length=120, required=False)
    posted_from = forms.DateField(label=_("Posted from"), widget=DATE_WIDGET, required=False)
    posted_until = forms.DateField(label=_("Posted until"), widget=DATE_WIDGET, required=False)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=DossierStatus.choices)
    reason = forms.CharField(required=False, max_length=2000)


class DecisionForm(forms.Form):
    number = forms.IntegerField(label=_("Decision number"), min_value=1)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE_WIDGET)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120, initial="CHỦ TỊCH")
    signer_name = forms.CharField(label=_("Signer's name"), max_length=120)


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label=_("Revoked on"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ObjectionForm(forms.Form):
    line = forms.IntegerField(label=_("Household"))
    raised_on = forms.DateField(label=_("Raised on"), widget=DATE_WIDGET)
    raised_by = forms.CharField(label=_("Raised by"), max_length=120, required=False)
    text = forms.CharField(label=_("Objection"), widget=forms.Textarea(attrs={"rows": 2}))


class ResolutionForm(forms.Form):
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DATE_WIDGET)
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}))


class StreaksForm(forms.Form):
    """The first year of a recount of the streaks (empty: only the year of the page)."""

    since = forms.IntegerField(label=_("From the year"), min_value=1990, max_value=2100, required=False)
