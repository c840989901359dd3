"""Forms of the tree pages and of the residential-area operations; they parse, the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.units.models import Unit, UnitKind
from thidua.units.rules import default_area_kind
from thidua.units.services import AREA_KINDS

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
AREA_KIND_CHOICES = [(kind.value, kind.label) for kind in UnitKind if kind in AREA_KINDS]


class DayInput(forms.DateInput):
    """A date typed as officials write it, dd/mm/yyyy (the browser's date picker follows the
    browser's locale, which is often not Vietnamese)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": "dd/mm/yyyy",
                "inputmode": "numeric",
                "autocomplete": "off",
                "pattern": r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}",
                "size": 10,
                **(attrs or {}),
            },
            format="%d/%m/%Y",
        )


def day_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, input_formats=DATE_FORMATS, widget=DayInput())


class AsOfForm(forms.Form):
    as_of = day_field(_("As of"), required=False)

    def day(self, default: datetime.date) -> datetime.date:
        if self.is_valid() and self.cleaned_data["as_of"]:
            day: datetime.date = self.cleaned_data["as_of"]
            return day
        return default


class TreeForm(AsOfForm):
    root = forms.IntegerField(required=False, widget=forms.HiddenInput)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.full_name} ({obj.code})"


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.full_name} ({obj.code})"


class LineageForm(forms.Form):
    """What every change of the tree records: when it takes effect and by which legal act."""

    date = day_field(_("Effective date"))
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        help_text=_(
            "The decision that makes the change, e.g. “Quyết định 05/QĐ-UBND ngày 05/01/2013 của UBND phường”."
        ),
    )


class AreaCreateForm(LineageForm):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("Without the kind: “8A”, “Tổng Nẻng”."))
    kind = forms.ChoiceField(label=_("Kind"), choices=AREA_KIND_CHOICES)
    code = forms.CharField(
        label=_("Code"), max_length=20, required=False, help_text=_("Leave empty for the commune's code and the name.")
    )
    field_order = ["name", "kind", "code", "date", "legal_basis"]

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = default_area_kind(commune.kind)


class AreaRenameForm(LineageForm):
    name = forms.CharField(label=_("New name"), max_length=200)
    field_order = ["name", "date", "legal_basis"]


class AreaTransferForm(LineageForm):
    commune = UnitChoiceField(label=_("To the commune"), queryset=Unit.objects.none())
    field_order = ["commune", "date", "legal_basis"]

    def __init__(self, *args: Any, communes: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]


class AreasMergeForm(LineageForm):
    areas = UnitsChoiceField(
        label=_("Areas to merge"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    into = UnitChoiceField(
        label=_("Into the existing area"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— a new area —"),
        help_text=_("An existing area absorbs the others and goes on; otherwise a new area is created."),
    )
    new_name = forms.CharField(label=_("Name of the new area"), max_length=200, required=False)
    new_kind = forms.ChoiceField(label=_("Kind of the new area"), choices=AREA_KIND_CHOICES, required=False)
    new_code = forms.CharField(
        label=_("Code of the new area"),
        max_length=20,
        required=False,
        help_text=_("Leave empty for the commune's code and the name."),
    )
    field_order = ["areas", "into", "new_name", "new_kind", "new_code", "date", "legal_basis"]

    def __init__(self, *args: Any, commune: Unit, areas: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas  # type: ignore[attr-defined]
        self.fields["into"].queryset = areas  # type: ignore[attr-defined]
        self.fields["new_kind"].initial = default_area_kind(commune.kind)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("into") and not (data.get("new_name") or "").strip():
            self.add_error("new_name", _("Name the new area, or choose an existing area to merge into."))
        return data


class AreaSplitForm(LineageForm):
    new_names = forms.CharField(
        label=_("New areas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One name per line; each becomes a new area of the same kind and commune."),
    )
    into = UnitsChoiceField(
        label=_("Existing areas that take a part"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["new_names", "into", "date", "legal_basis"]

    def __init__(self, *args: Any, others: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = others  # type: ignore[attr-defined]

    def names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("new_names", "").splitlines() if line.strip()]


class AreaDissolveForm(LineageForm):
    pass
