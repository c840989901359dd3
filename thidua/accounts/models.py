"""Users, their role and the unit whose subtree they act on."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AREA_OFFICER = "area_officer", _("Residential-area officer")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    DISTRICT_OFFICER = "district_officer", _("District officer")
    PROVINCE_OFFICER = "province_officer", _("Province officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Every user but an administrator belongs to exactly one unit and acts on its subtree only.
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="administrator") | models.Q(unit__isnull=False),
                name="user_has_unit_unless_administrator",
            )
        ]

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR
