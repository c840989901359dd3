"""The choice of a unit and a period for the summary report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.reports.selectors import MAX_YEARS


class SummaryForm(forms.Form):
    unit = forms.IntegerField(label=_("Unit"), min_value=1)
    start = forms.IntegerField(label=_("First year of the period"), min_value=1990, max_value=2100)
    end = forms.IntegerField(label=_("Last year of the period"), min_value=1990, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None:
            if end < start:
                raise forms.ValidationError(_("The period must end in or after the year it starts."))
            if end - start >= MAX_YEARS:
                raise forms.ValidationError(_("A period covers at most %(n)s years."), params={"n": MAX_YEARS})
        return data
