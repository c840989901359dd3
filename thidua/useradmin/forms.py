"""Forms of the account pages: they parse (a unit by its code, dates dd/mm/yyyy); the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.units.forms import day_field
from thidua.units.models import Unit
from thidua.units.selectors import unit_by_code

HANDOVER_CHOICES = [
    ("code", _("A one-time code, printed and handed over")),
    ("link", _("A one-time link sent by mail")),
]


class UnitCodeField(forms.CharField):
    """A unit typed by its code (the page offers the codes of the user's units as suggestions)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_length=40,
            widget=forms.TextInput(attrs={"list": "unit-codes", "autocomplete": "off", "size": 12}),
            **kwargs,
        )

    def clean(self, value: Any) -> Unit | None:
        code = (super().clean(value) or "").strip()
        if not code:
            return None
        unit = unit_by_code(code, timezone.localdate())
        if unit is None:
            raise forms.ValidationError(_("No unit has the code %(code)s."), params={"code": code})
        return unit


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AccountCreateForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    role = _role_field()
    unit = UnitCodeField(label=_("Unit code"), required=False, help_text=_("Empty for an administrator."))
    starts = day_field(_("First day of the role"), required=False)
    handover = forms.ChoiceField(
        label=_("How the password is set"), choices=HANDOVER_CHOICES, initial="code", widget=forms.RadioSelect
    )

    def starts_day(self) -> datetime.date:
        day: datetime.date | None = self.cleaned_data.get("starts")
        return day or timezone.localdate()


class RoleGrantForm(forms.Form):
    role = _role_field()
    unit = UnitCodeField(label=_("Unit code"), required=False)
    starts = day_field(_("First day of the role"))
    ends = day_field(_("Last day of the role"), required=False)


class RoleEndForm(forms.Form):
    ends = day_field(_("Last day of the role"))
    reason = forms.CharField(label=_("Reason"), max_length=500)


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
