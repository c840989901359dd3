"""Administrative units and residential areas.

Glossary: a *unit* is any node of the tree — tỉnh (province), huyện/quận/thị xã/thành phố thuộc
tỉnh (district level, abolished on 1/7/2025), xã/phường/thị trấn/đặc khu (commune level), and the
residential areas (khu dân cư, KDC) below a commune: thôn, tổ dân phố and their local synonyms.
A code is not an identity: the same code is reused by a successor unit, so a unit is its code
plus its validity period [valid_from, valid_to] (either end open when unknown).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.lib.text import fold


class Level(models.IntegerChoices):
    PROVINCE = 1, _("province level")
    DISTRICT = 2, _("district level")
    COMMUNE = 3, _("commune level")
    AREA = 4, _("residential area")


class UnitKind(models.TextChoices):
    # The labels are the Vietnamese terms themselves in the Vietnamese catalogue.
    TINH = "tinh", _("province")
    THANH_PHO_TW = "thanh_pho_tw", _("centrally-governed city")
    HUYEN = "huyen", _("rural district")
    QUAN = "quan", _("urban district")
    THI_XA = "thi_xa", _("district-level town")
    THANH_PHO = "thanh_pho", _("provincial city")
    XA = "xa", _("commune")
    PHUONG = "phuong", _("ward")
    THI_TRAN = "thi_tran", _("township")
    DAC_KHU = "dac_khu", _("special zone")
    THON = "thon", _("village")
    TO_DAN_PHO = "to_dan_pho", _("residential group")
    LANG = "lang", _("village (làng)")
    AP = "ap", _("hamlet (ấp)")
    BAN = "ban", _("hamlet (bản)")
    BUON = "buon", _("hamlet (buôn)")
    KHOM = "khom", _("neighbourhood (khóm)")
    KHOI = "khoi", _("neighbourhood (khối)")
    TIEU_KHU = "tieu_khu", _("sub-area (tiểu khu)")
    KHU_PHO = "khu_pho", _("quarter (khu phố)")


KIND_LEVEL: dict[str, int] = {
    UnitKind.TINH: Level.PROVINCE,
    UnitKind.THANH_PHO_TW: Level.PROVINCE,
    UnitKind.HUYEN: Level.DISTRICT,
    UnitKind.QUAN: Level.DISTRICT,
    UnitKind.THI_XA: Level.DISTRICT,
    UnitKind.THANH_PHO: Level.DISTRICT,
    UnitKind.XA: Level.COMMUNE,
    UnitKind.PHUONG: Level.COMMUNE,
    UnitKind.THI_TRAN: Level.COMMUNE,
    UnitKind.DAC_KHU: Level.COMMUNE,
}

# How a kind is written before a name in Vietnamese ("phường Đức Xuân", "tổ dân phố 8A" is
# written "tổ 8A" by officials, so the prefix is the short form they use).
KIND_PREFIX: dict[str, str] = {
    UnitKind.TINH: "tỉnh",
    UnitKind.THANH_PHO_TW: "thành phố",
    UnitKind.HUYEN: "huyện",
    UnitKind.QUAN: "quận",
    UnitKind.THI_XA: "thị xã",
    UnitKind.THANH_PHO: "thành phố",
    UnitKind.XA: "xã",
    UnitKind.PHUONG: "phường",
    UnitKind.THI_TRAN: "thị trấn",
    UnitKind.DAC_KHU: "đặc khu",
    UnitKind.THON: "thôn",
    UnitKind.TO_DAN_PHO: "tổ",
    UnitKind.LANG: "làng",
    UnitKind.AP: "ấp",
    UnitKind.BAN: "bản",
    UnitKind.BUON: "buôn",
    UnitKind.KHOM: "khóm",
    UnitKind.KHOI: "khối",
    UnitKind.TIEU_KHU: "tiểu khu",
    UnitKind.KHU_PHO: "khu phố",
}


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200, help_text=_("The name without the kind, e.g. “Đức Xuân”."))
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Folded name and code ("phuong duc xuan 01840"), kept by save() and the importers, so that a
    # search ignores diacritics with a plain indexed LIKE on both databases.
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    # Where a unit of the national lists comes from ("vn-2024:058", "vn-2025:01840"), so that loading
    # the lists again finds it even after its history changed its dates; empty for local units.
    source_key = models.CharField(max_length=40, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_valid_from_unique"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]
        indexes = [models.Index(fields=["parent", "level"], name="unit_parent_level_idx")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        # Services that know every name of the unit (its versions) set search_text themselves.
        if not self.search_text:
            self.search_text = unit_search_text(self.kind, self.name, self.code)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("units:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        """The name as written in Vietnamese documents: "phường Đức Xuân"."""
        return f"{KIND_PREFIX[self.kind]} {self.name}"


def unit_search_text(kind: str, name: str, code: str) -> str:
    return fold(f"{KIND_PREFIX[kind]} {name} {code}")


class UnitVersion(models.Model):
    """What a unit was called, what kind it was and where it hung, over one period.

    The versions of a unit do not overlap and together cover its validity. The fields of ``Unit``
    itself repeat its latest version, for the queries about today.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="versions")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        Unit, verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("unit version")
        verbose_name_plural = _("unit versions")
        ordering = ["unit", models.F("valid_from").asc(nulls_first=True)]
        indexes = [
            models.Index(fields=["parent", "valid_from", "valid_to"], name="unitversion_parent_idx"),
            models.Index(fields=["unit", "valid_from"], name="unitversion_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unitversion_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.valid_from or '…'} – {self.valid_to or '…'})"

    @property
    def full_name(self) -> str:
        return f"{KIND_PREFIX[self.kind]} {self.name}"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class LineageKind(models.TextChoices):
    ESTABLISH = "establish", _("establish")
    RENAME = "rename", _("rename")
    RECLASSIFY = "reclassify", _("reclassify")
    TRANSFER = "transfer", _("transfer to another parent")
    MERGE = "merge", _("merge")
    SPLIT = "split", _("split")
    DISSOLVE = "dissolve", _("dissolve")


class LineageEvent(models.Model):
    """A change of the tree on a date, by a legal act: predecessors → successors.

    A rename, reclassification or transfer links a unit to itself (the unit goes on, with a new
    version from ``date``); a merge links several predecessors to one successor, a split one
    predecessor to several; an establishment has successors only, a dissolution predecessors only.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=LineageKind.choices)
    date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Where the event came from: "official-2025", "history:bac-kan", "ui", "file:<name>".
    source = models.CharField(_("source"), max_length=100, blank=True)
    # A stable name for events loaded from data ("official-2025:commune:01840"), so that loading
    # the same data again finds them instead of adding them twice.
    key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lineage event")
        verbose_name_plural = _("lineage events")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["date"], name="lineage_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class LineageLink(models.Model):
    event = models.ForeignKey(LineageEvent, on_delete=models.PROTECT, related_name="links")
    predecessor = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    successor = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # A predecessor only part of which went to this successor (a partial merge, a split).
    partial = models.BooleanField(_("partial"), default=False)

    class Meta:
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage links")
        indexes = [
            models.Index(fields=["successor"], name="lineagelink_successor_idx"),
            models.Index(fields=["predecessor"], name="lineagelink_predecessor_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(predecessor__isnull=False) | models.Q(successor__isnull=False),
                name="lineagelink_has_an_end",
            ),
            models.UniqueConstraint(fields=["event", "predecessor", "successor"], name="lineagelink_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id}"


class ImportKind(models.TextChoices):
    AREAS = "areas", _("residential areas")
    LINEAGE = "lineage", _("lineage events")


class ImportFile(models.Model):
    """An uploaded file of residential areas or lineage events, kept so that the background job
    that imports it can read it, and as the record of what was imported from where."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    name = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField()
    # The commune an areas file is restricted to, when it was uploaded for one commune.
    commune = models.ForeignKey(
        Unit, verbose_name=_("commune"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.name
