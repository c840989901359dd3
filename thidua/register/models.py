"""The register of issued documents (sổ đăng ký văn bản đi, Nghị định 30/2020/NĐ-CP, Điều 15).

Every numbered document thidua issues — recognition decisions, commendation decisions, tờ trình —
holds one ``RegisterEntry``: the issuing body (a unit and its organ), the year, the number and the
type symbol ("QĐ", "TTr"), unique in the database. ``RegisterSequence`` is the row a numbering
locks (``SELECT … FOR UPDATE``) so that concurrent issues are served one after the other. Entries are
never edited nor deleted (a PostgreSQL trigger, migration ``0002_entries_immutable``): only the
reference to the document, once, and its stored file, once, are filled in after the number is taken.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organ(models.TextChoices):
    UBND = "ubnd", _("People's Committee")
    MTTQ = "mttq", _("Committee of the Fatherland Front")


class EntryKind(models.TextChoices):
    RECOGNITION = "evaluations.decision", _("recognition decision")
    AWARD = "awards.decision", _("commendation decision")
    PROPOSAL = "awards.proposal", _("proposal to a higher body")


class RegisterSequence(models.Model):
    """The last number a body gave its documents of one type in a year: the row a numbering locks."""

    issuer = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    organ = models.CharField(max_length=10, choices=Organ.choices)
    year = models.PositiveSmallIntegerField()
    type_symbol = models.CharField(max_length=10)  # "QĐ", "TTr", "BB"
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "organ", "year", "type_symbol"], name="registersequence_one_per_body_year_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.type_symbol}: {self.last}"


class RegisterEntry(models.Model):
    """One numbered document of an issuing body, as registered at its văn thư."""

    issuer = models.ForeignKey(
        "units.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="register_entries"
    )
    organ = models.CharField(_("issuing organ"), max_length=10, choices=Organ.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    type_symbol = models.CharField(_("type of document"), max_length=10)
    symbol = models.CharField(_("symbol"), max_length=30)  # the full symbol: "QĐ-UBND", "TTr-MTTQ"
    issued_on = models.DateField(_("issued on"))
    kind = models.CharField(_("kind"), max_length=40, choices=EntryKind.choices)
    # True when thidua gave the number, False when an officer typed the number of a paper document.
    allocated = models.BooleanField(_("numbered by thidua"), default=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    document = GenericForeignKey("content_type", "object_id")
    # The text as issued, rendered once and kept with its checksum: the download serves this file.
    file = models.FileField(_("issued file"), upload_to="register/%Y/", blank=True, max_length=300)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "organ", "year", "type_symbol", "number"], name="registerentry_number_unique"
            ),
            models.UniqueConstraint(fields=["content_type", "object_id"], name="registerentry_one_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}/{self.symbol} ({self.year})"
