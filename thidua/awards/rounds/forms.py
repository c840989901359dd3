"""The forms of the rounds' pages: a round, one of its award forms (criteria as typed inputs), a movement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards import rules
from thidua.awards.models import FormKind, Organ, PassRule, RoundStatus, Subject
from thidua.campaigns.parameters import MTTQ_TIER_LABELS

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 10})
YEARS_HELP = _("“all”, or a number of years of the period")
ROUNDINGS = [("floor", _("round down")), ("ceil", _("round up")), ("half_up", _("round to the nearest"))]


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300, widget=forms.TextInput(attrs={"size": 80}))
    issuer = forms.TypedChoiceField(label=_("Issuing unit"), coerce=int)
    organ = forms.ChoiceField(label=_("Issuing organ"), choices=Organ.choices)
    period_start = forms.IntegerField(label=_("First year of the period"), min_value=1995, max_value=2100)
    period_end = forms.IntegerField(label=_("Last year of the period"), min_value=1995, max_value=2100)
    nominations_due = forms.DateField(label=_("Nominations due"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, issuers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issuer = self.fields["issuer"]
        assert isinstance(issuer, forms.ChoiceField)
        issuer.choices = issuers


def _years(value: str) -> str | int:
    value = (value or "").strip().lower()
    if value in ("", rules.ALL):
        return value
    try:
        return int(value)
    except ValueError:
        return value


class AwardFormForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Award form"), max_length=200, widget=forms.TextInput(attrs={"size": 60}))
    subject = forms.ChoiceField(label=_("Awarded to"), choices=Subject.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=FormKind.choices)
    awarding_body = forms.CharField(
        label=_("Awarding body"), max_length=200, widget=forms.TextInput(attrs={"size": 60})
    )
    rank = forms.IntegerField(label=_("Rank (0 is the highest)"), min_value=0, initial=0)
    # Criteria: of an area …
    title_years = forms.CharField(
        label=_("Years as a cultural area"), initial=rules.ALL, required=False, help_text=YEARS_HELP
    )
    min_tier = forms.ChoiceField(label=_("Front evaluation at least"), required=False)
    min_tier_years = forms.CharField(label=_("in years"), initial=rules.ALL, required=False, help_text=YEARS_HELP)
    min_gdvh_share = forms.CharField(label=_("Share of cultural families at least"), required=False, help_text="0.8")
    # … of a Trưởng ban.
    min_years_served = forms.CharField(
        label=_("Years as Trưởng ban (≥ 6 months each)"), initial=rules.ALL, required=False, help_text=YEARS_HELP
    )
    area_titled = forms.BooleanField(label=_("Only years in which the area was a cultural area"), required=False)
    min_grade = forms.ChoiceField(label=_("Grade of the Trưởng ban at least"), required=False)
    quota_count = forms.IntegerField(label=_("Quota (count)"), min_value=0, required=False)
    quota_share = forms.CharField(label=_("Quota (share)"), max_length=20, required=False, help_text="0.15")
    quota_rounding = forms.ChoiceField(label=_("Rounding of the quota"), choices=ROUNDINGS, initial="floor")
    women_first = forms.BooleanField(label=_("Prefer women on equal votes before 1/7/2025 too"), required=False)
    pass_rule = forms.ChoiceField(label=_("Pass threshold"), choices=PassRule.choices)
    pass_share = forms.CharField(label=_("Pass share"), max_length=20, required=False, help_text="0.7")

    def __init__(self, *args: Any, tiers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(t[0]), f"{MTTQ_TIER_LABELS.get(str(t[0]), t[0])} (≥ {t[1]})") for t in tiers]
        min_tier = self.fields["min_tier"]
        assert isinstance(min_tier, forms.ChoiceField)
        min_tier.choices = choices
        min_grade = self.fields["min_grade"]
        assert isinstance(min_grade, forms.ChoiceField)
        min_grade.choices = choices

    GROUPS = (
        (_("The form"), ("code", "name", "subject", "kind", "awarding_body", "rank")),
        (_("Criteria for a residential area"), ("title_years", "min_tier", "min_tier_years", "min_gdvh_share")),
        (_("Criteria for a Trưởng ban công tác Mặt trận"), ("min_years_served", "area_titled", "min_grade")),
        (
            _("Quota, ties and the council's threshold"),
            ("quota_count", "quota_share", "quota_rounding", "women_first", "pass_rule", "pass_share"),
        ),
    )

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def criteria(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data["subject"] == Subject.AREA:
            found = {
                "title_years": _years(data["title_years"]),
                "min_tier": data["min_tier"],
                "min_tier_years": _years(data["min_tier_years"]) if data["min_tier"] else "",
                "min_gdvh_share": data["min_gdvh_share"].strip(),
            }
        else:
            found = {
                "min_years_served": _years(data["min_years_served"]),
                "area_titled": bool(data["area_titled"]),
                "min_grade": data["min_grade"],
            }
        return {k: v for k, v in found.items() if v not in ("", None, False)}

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "code": data["code"],
            "name": data["name"],
            "subject": data["subject"],
            "kind": data["kind"],
            "awarding_body": data["awarding_body"],
            "rank": data["rank"],
            "criteria": self.criteria(),
            "quota_count": data["quota_count"],
            "quota_share": data["quota_share"],
            "quota_rounding": data["quota_rounding"],
            "tie_break": ["women"] if data["women_first"] else [],
            "pass_rule": data["pass_rule"],
            "pass_share": data["pass_share"],
        }

    @staticmethod
    def initial_of(form: Any) -> dict[str, Any]:
        criteria = form.criteria or {}
        return {
            "code": form.code,
            "name": form.name,
            "subject": form.subject,
            "kind": form.kind,
            "awarding_body": form.awarding_body,
            "rank": form.rank,
            "quota_count": form.quota_count,
            "quota_share": form.quota_share,
            "quota_rounding": form.quota_rounding,
            "women_first": "women" in (form.tie_break or []),
            "pass_rule": form.pass_rule,
            "pass_share": form.pass_share,
            **{k: v for k, v in criteria.items()},
        }


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=RoundStatus.choices)
    reason = forms.CharField(required=False, max_length=2000)


class AreaMovementForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1995, max_value=2100)
    movement = forms.TypedChoiceField(label=_("Movement"), coerce=int)
    description = forms.CharField(
        label=_("What the area did"), required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )

    def __init__(self, *args: Any, movements: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        movement = self.fields["movement"]
        assert isinstance(movement, forms.ChoiceField)
        movement.choices = movements
