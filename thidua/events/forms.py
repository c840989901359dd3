"""The conference pages' forms: day and time typed as officials write them (dd/mm/yyyy, 08:00)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.evaluations.forms import DATE_WIDGET


class ConferenceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    day = forms.DateField(label=_("Day"), widget=DATE_WIDGET)
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"placeholder": "08:00", "size": 5}))
    place = forms.CharField(label=_("Place"), max_length=300)
    round = forms.TypedChoiceField(label=_("Commendation round"), coerce=int, required=False, empty_value=None)
    presiders = forms.CharField(
        label=_("Presiding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Nông Văn Chí | Chủ tịch UBND thị xã"}),
        help_text=_("One line per person: name | position. The first one hands over the highest forms."),
    )
    agenda = forms.CharField(
        label=_("Programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "08:00 | Đón tiếp đại biểu | Ban tổ chức"}),
        help_text=_("One line per item: time | what happens | who (optional)."),
    )

    def presider_items(self) -> list[dict[str, str]]:
        items = []
        for line in self.cleaned_data.get("presiders", "").splitlines():
            if line.strip():
                parts = [part.strip() for part in line.split("|")] + [""]
                items.append({"name": parts[0], "position": parts[1]})
        return items

    def agenda_items(self) -> list[dict[str, str]]:
        items = []
        for line in self.cleaned_data.get("agenda", "").splitlines():
            if line.strip():
                parts = [part.strip() for part in line.split("|")] + ["", ""]
                items.append({"time": parts[0], "item": parts[1], "by": parts[2]})
        return items


class GuestForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    representing = forms.CharField(label=_("Unit and position"), max_length=300, required=False)


class CheckinForm(forms.Form):
    code = forms.CharField(label=_("Check-in code"), max_length=12)
