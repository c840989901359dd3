"""Forms of the import pages: they take the uploaded file (and the commune of an areas file)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.units.imports.tables import unit_with_period
from thidua.units.models import Unit


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return unit_with_period(obj)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_("An Excel workbook made from the template, or a CSV file (UTF-8, comma or semicolon)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class AreasUploadForm(ImportUploadForm):
    commune = CommuneChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Commune"),
        empty_label=_("The communes named in the file"),
        help_text=_("When a commune is chosen, every row of the file must belong to it."),
    )
    field_order = ["commune", "file"]

    def __init__(self, *args: Any, communes: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = communes
