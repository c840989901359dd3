"""The form of the households import page: the commune, the year and the file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.units.imports.forms import CommuneChoiceField, ImportUploadForm
from thidua.units.models import Unit


class HouseholdsTemplateForm(forms.Form):
    """Which template to download: for a commune (its areas in the list) and a year."""

    commune = CommuneChoiceField(queryset=Unit.objects.none(), label=_("Commune"), empty_label=_("Choose a commune"))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)

    def __init__(self, *args: Any, communes: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = communes


class HouseholdsUploadForm(ImportUploadForm):
    commune = CommuneChoiceField(
        queryset=Unit.objects.none(),
        label=_("Commune"),
        empty_label=_("Choose a commune"),
        help_text=_("Every row of the file must name a residential area of this commune."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1900,
        max_value=2100,
        help_text=_("The year of the registrations; the file itself gives no year."),
    )
    field_order = ["commune", "year", "file"]

    def __init__(self, *args: Any, communes: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = communes
