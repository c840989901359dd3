"""The forms of the council's pages: a member, a session with its attendance, a ballot, a paper tally."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import BallotMethod, Choice, CouncilMember, CouncilRole

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 10})


class CouncilForm(forms.Form):
    name = forms.CharField(label=_("Name of the council"), max_length=200)


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    role = forms.ChoiceField(label=_("Role in the council"), choices=CouncilRole.choices, initial=CouncilRole.MEMBER)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    username = forms.CharField(
        label=_("Account (for voting on the page)"),
        max_length=150,
        required=False,
        help_text=_("The user name of the member's account; leave empty for a member who votes on paper."),
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=CouncilMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if members is not None:
            present = self.fields["present"]
            assert isinstance(present, forms.ModelMultipleChoiceField)
            present.queryset = members


class BallotForm(forms.Form):
    method = forms.ChoiceField(label=_("Ballot"), choices=BallotMethod.choices, initial=BallotMethod.SECRET)


class TallyForm(forms.Form):
    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstain"), min_value=0, initial=0)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect)
