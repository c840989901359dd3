from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.parameters import Kind, Parameter, ParameterError


class ParameterValueForm(forms.Form):
    """A province's value of one parameter from a year on, typed as officials write it ("80%", "25/11")."""

    year_from = forms.IntegerField(label=_("From the year"), min_value=2006, max_value=2100)
    uses_default = forms.BooleanField(
        label=_("Return to the national default from this year"),
        required=False,
    )
    value = forms.CharField(label=_("Value"), required=False, max_length=500)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=500,
        help_text=_("The province's decision, e.g. “QĐ 15/2019/QĐ-UBND”."),
    )
    reason = forms.CharField(label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, parameter: Parameter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parameter = parameter
        if parameter.kind == Kind.CHOICE:
            self.fields["value"] = forms.ChoiceField(
                label=_("Value"),
                required=False,
                choices=[("", "—"), *[(k, str(v)) for k, v in parameter.choices.items()]],
            )
        elif parameter.choices:
            codes = ", ".join(parameter.choices)
            self.fields["value"].help_text = _("Codes separated by commas: %(codes)s") % {"codes": codes}
        elif parameter.kind == Kind.SHARE:
            self.fields["value"].help_text = _("A share such as 0,8 or 80%; empty: not set.")
        elif parameter.kind == Kind.MONTH_DAY:
            self.fields["value"].help_text = _("A day as dd/mm, such as 25/11; empty: no deadline.")
        elif parameter.kind == Kind.TIERS:
            self.fields["value"].help_text = _(
                "Tiers as code:minimum separated by commas, such as tot:90, kha:70, yeu:0."
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("uses_default"):
            cleaned["parsed"] = None
            return cleaned
        try:
            cleaned["parsed"] = self.parameter.parse(cleaned.get("value") or "")
        except ParameterError as error:
            self.add_error("value", error.text())
        return cleaned
