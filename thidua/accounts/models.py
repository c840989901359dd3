"""Users, their role and the unit whose subtree they act on."""

from __future__ import annotations

import datetime

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
    # The role in force today, kept from the user's role assignments (``RoleAssignment``, with their
    # dates and history) by ``services.user_role_sync``; empty while no role is in force.
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    # Every user but an administrator belongs to exactly one unit and acts on its subtree only.
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    # Accounts are never deleted: a deactivated account keeps its records, with when and why.
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    deactivation_reason = models.TextField(_("reason for deactivation"), blank=True)
    # Set while the password is one given by someone else (a one-time code): the user must choose
    # their own before doing anything else.
    must_change_password = models.BooleanField(_("must change the password"), default=False)
    # Until when the one-time code given as the password lets the user in (to choose their own).
    code_expires_at = models.DateTimeField(_("one-time code valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="administrator") | models.Q(role="") | models.Q(unit__isnull=False),
                name="user_has_unit_unless_administrator",
            )
        ]

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR


class RoleAssignment(models.Model):
    """A role given to a user at a unit for a period: officers change every term, and the history stays.

    An assignment is never deleted; ``role_end`` closes it with a last day and a reason. At most one
    assignment of a user is in force on any day.
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, verbose_name=_("given by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("given at"), auto_now_add=True)
    ended_by = models.ForeignKey(
        User, verbose_name=_("ended by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField(_("reason for the end"), blank=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user_id", "-starts"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__isnull=True) | models.Q(ends__gte=models.F("starts")),
                name="role_assignment_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(role="administrator", unit__isnull=True)
                | (~models.Q(role="administrator") & models.Q(unit__isnull=False)),
                name="role_assignment_unit_unless_administrator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.username}: {self.get_role_display()}"

    def in_force_on(self, day: datetime.date) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)
