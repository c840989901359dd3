"""The campaign by period, its five contents by period, and the provinces' values of the rules' parameters.

Glossary: the *campaign* (Cuộc vận động) is the Fatherland Front's "Toàn dân đoàn kết xây dựng
đời sống văn hóa ở khu dân cư", renamed over time; its *contents* (nội dung) are the five lines
of work it asks of residential areas. The regimes and the national defaults of the parameters are
code (``rules.REGIMES``, ``parameters.PARAMETERS``); a province's own values are rows here.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignPeriod(models.Model):
    """The campaign under one name, from one date to another (the name is the official Vietnamese one)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # The rename to "…đời sống văn hóa…" happened "by 2000": its exact date was not found.
    start_confirmed = models.BooleanField(_("start date confirmed"), default=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("campaign period")
        verbose_name_plural = _("campaign periods")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="campaignperiod_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CampaignContent(models.Model):
    """One of the five contents of the campaign, in the wording of one edition (c. 2011, 2016 …)."""

    period = models.ForeignKey(
        CampaignPeriod, verbose_name=_("campaign period"), on_delete=models.PROTECT, related_name="contents"
    )
    edition = models.SlugField(_("edition"), max_length=40)
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # False when the sources show the wording only in part (a truncated excerpt, "to be confirmed").
    wording_confirmed = models.BooleanField(_("wording confirmed"), default=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("campaign content")
        verbose_name_plural = _("campaign contents")
        ordering = ["valid_from", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="campaigncontent_edition_number_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1) & models.Q(number__lte=5), name="campaigncontent_number_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class ParameterIsAppendOnly(Exception):
    pass


class ProvincialParameterQuerySet(models.QuerySet["ProvincialParameter"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise ParameterIsAppendOnly("A parameter value is never changed: record a new one.")

    def delete(self) -> NoReturn:
        raise ParameterIsAppendOnly("A parameter value is never deleted: record a new one.")


class ProvincialParameter(models.Model):
    """A province's value of a parameter from ``year_from`` on, until a later year's value.

    Rows are only ever added: a correction is a new row, so the history of a parameter is its rows.
    For a year, the row with the latest ``year_from`` not after it applies, and among rows of the
    same ``year_from`` the last recorded. ``uses_default`` returns to the national default.
    """

    province = models.ForeignKey(
        "units.Unit",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": 1},
    )
    name = models.CharField(_("parameter"), max_length=60)
    year_from = models.PositiveSmallIntegerField(_("from the year"))
    value = models.JSONField(_("value"), null=True, blank=True)
    uses_default = models.BooleanField(_("national default"), default=False)
    legal_basis = models.CharField(
        _("legal basis"), max_length=500, help_text=_("The province's decision, e.g. “QĐ 15/2019/QĐ-UBND”.")
    )
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.PROTECT
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ProvincialParameterQuerySet.as_manager()

    class Meta:
        verbose_name = _("provincial parameter")
        verbose_name_plural = _("provincial parameters")
        ordering = ["province", "name", "-year_from", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["province", "name", "year_from"], name="provparam_lookup_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_from__gte=2006) & models.Q(year_from__lte=2100),
                name="provparam_year_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year_from}–)"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ParameterIsAppendOnly("A parameter value is never changed: record a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ParameterIsAppendOnly("A parameter value is never deleted: record a new one.")
