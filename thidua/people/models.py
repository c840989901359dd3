"""Households, their members and residence over time, and people holding positions with terms.

Glossary: a *hộ gia đình* (household) lives in one residential area at a time; it may move to
another area or dissolve, and both are recorded, never overwritten. A *Trưởng ban công tác Mặt
trận* (BCTMT head), a *Trưởng thôn* or a *Tổ trưởng tổ dân phố* holds a position in an area for a
term.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.lib.text import fold


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    UNKNOWN = "", _("not recorded")


class Household(models.Model):
    # Codes are given by the commune (often the number in its household book); unique nationwide
    # only together with the commune's code, so thidua stores the full code "01840-08A-017".
    code = models.CharField(_("household code"), max_length=40, unique=True)
    head_name = models.CharField(_("head of household"), max_length=120)
    head_gender = models.CharField(_("gender of the head"), max_length=10, choices=Gender.choices, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # As the commune's household book gives it; ``members`` lists only those recorded by name.
    member_count = models.PositiveSmallIntegerField(_("number of members"), null=True, blank=True)
    # The area it lives in now (or last lived in); Residence holds every period. Not indexed alone:
    # ``household_area_idx`` (area, code) serves every lookup by area.
    area = models.ForeignKey("units.Unit", verbose_name=_("residential area"), on_delete=models.PROTECT, db_index=False)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    dissolution_reason = models.CharField(_("reason of dissolution"), max_length=200, blank=True)
    # Searched only with ``contains`` (``household_search``), which no btree serves: not indexed, so
    # that writing a province's households does not maintain two unused indexes of long text.
    search_text = models.CharField(max_length=300, editable=False)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [models.Index(fields=["area", "code"], name="household_area_idx")]

    def __str__(self) -> str:
        return f"{self.head_name} ({self.code})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = household_search_text(self.head_name, self.code, self.address)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def household_search_text(head_name: str, code: str, address: str) -> str:
    """What a search for a household compares with (the imports, which bypass ``save()``, set it too)."""
    return fold(f"{head_name} {code} {address}")[:300]


class Residence(models.Model):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="residences")
    # Not indexed alone: ``residence_area_idx`` (area, valid_from, valid_to) serves every lookup by area.
    area = models.ForeignKey("units.Unit", verbose_name=_("residential area"), on_delete=models.PROTECT, db_index=False)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("residence")
        verbose_name_plural = _("residences")
        ordering = ["household", models.F("valid_from").asc(nulls_first=True)]
        indexes = [models.Index(fields=["area", "valid_from", "valid_to"], name="residence_area_idx")]

    def __str__(self) -> str:
        return f"{self.household_id} @ {self.area_id}"


class Member(models.Model):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(_("full name"), max_length=120)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    relation = models.CharField(_("relation to the head"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.full_name


class PositionKind(models.TextChoices):
    TRUONG_BAN_BCTMT = "truong_ban_bctmt", _("Head of the Front working committee")
    TRUONG_THON = "truong_thon", _("Village head")
    TO_TRUONG = "to_truong", _("Residential group head")


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=120)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The folded name ("hoang thi nong"), so that a search without diacritics is one SQL filter.
    search_text = models.CharField(max_length=300, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = person_search_text(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:  # type: ignore[operator]
            kwargs["update_fields"] = {*update_fields, "search_text"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def person_search_text(full_name: str) -> str:
    """What a search for a person compares with (whatever writes people without ``save()`` sets it too)."""
    return fold(full_name)[:300]


class Position(models.Model):
    """A person's term in a position of an area: Trưởng ban BCTMT of tổ 8A from 2009 to 2014."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions")
    kind = models.CharField(_("position"), max_length=30, choices=PositionKind.choices)
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term until"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["unit", "kind", "term_from"]
        indexes = [models.Index(fields=["unit", "kind", "term_from"], name="position_unit_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_to__isnull=True) | models.Q(term_to__gte=models.F("term_from")),
                name="position_term_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person}"


class HouseholdImportFile(models.Model):
    """An uploaded file of a commune's households and their registrations for a year, kept so that
    the background job that imports it can read it, and as the record of what came from where."""

    name = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField()
    commune = models.ForeignKey(
        "units.Unit", verbose_name=_("commune"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("household file")
        verbose_name_plural = _("household files")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"
