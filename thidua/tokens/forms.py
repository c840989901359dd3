from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.tokens.services import DEFAULT_DAYS, MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name (what uses it)"), max_length=100)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ServiceAccountForm(forms.Form):
    username = forms.RegexField(
        label=_("Account name"), max_length=150, regex=r"^[a-z0-9_.-]+$", help_text=_("e.g. lgsp-backan")
    )
    description = forms.CharField(label=_("Which system uses it"), max_length=300)
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, r.label) for r in Role if r != Role.ADMINISTRATOR])
    unit_code = forms.CharField(label=_("Unit code"), max_length=20)
