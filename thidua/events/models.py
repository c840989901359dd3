"""Honouring conferences (hội nghị biểu dương): the programme, the invitations, who came.

A conference closes a commendation round: the awarded areas (represented by their Trưởng ban công
tác Mặt trận) and people are invited from the round's awards, guests are added by hand, and each
invitation carries a short code printed on the invitation letter that the desk types (or scans) at
check-in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conference(models.Model):
    round = models.ForeignKey(
        "awards.Round",
        verbose_name=_("commendation round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    organizer = models.ForeignKey("units.Unit", verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=300)
    # The programme: [{"time": "08:00", "item": "Đón tiếp đại biểu", "by": "Ban tổ chức"}, …]
    agenda = models.JSONField(_("programme"), default=list, blank=True)
    # Who presides: [{"name": "Nông Văn Chí", "position": "Chủ tịch UBND thị xã"}, …]; the first one
    # presents the highest forms.
    presiders = models.JSONField(_("presiding"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.name


class InviteeKind(models.TextChoices):
    AWARDED_AREA = "area", _("awarded residential area")
    AWARDED_PERSON = "person", _("awarded person")
    GUEST = "guest", _("guest")


class Invitation(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="invitations")
    kind = models.CharField(_("invited as"), max_length=10, choices=InviteeKind.choices)
    award = models.ForeignKey("awards.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("full name"), max_length=120)
    # What the person represents or holds: "Trưởng ban công tác Mặt trận tổ 8A, phường Đức Xuân".
    representing = models.CharField(_("representing"), max_length=300, blank=True)
    code = models.CharField(_("check-in code"), max_length=12)
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["conference", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "code"], name="invitation_code_unique"),
            models.UniqueConstraint(
                fields=["conference", "award"], condition=models.Q(award__isnull=False), name="invitation_award_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"
