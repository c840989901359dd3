"""Account writes: accounts, their roles with dates, deactivation (the throttling of signing in is in
``throttle.py``)."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from thidua.accounts import rules
from thidua.accounts.models import Role, RoleAssignment, User
from thidua.accounts.permissions import RoleTarget, authorize
from thidua.accounts.system import SYSTEM_ACTOR, Actor, person_of
from thidua.audit.services import audit_record, snapshot
from thidua.errors import DomainError

if TYPE_CHECKING:
    # Only the annotation: accounts sits below units, and a user's unit is a foreign key by name
    # ("units.Unit"); who may give a user a unit is the predicate's business, not an import here.
    from thidua.units.models import Unit


def _check_role_fits(role: str, unit: Unit | None) -> None:
    if role not in Role.values:
        raise DomainError(_("Unknown role “%(role)s”."), role=role)
    if not rules.role_fits_level(role, unit.level if unit is not None else None):
        if role == Role.ADMINISTRATOR:
            raise DomainError(_("An administrator works for no unit."))
        raise DomainError(
            _("A %(role)s works for a unit of another level than %(unit)s."), role=Role(role).label, unit=str(unit)
        )
    # A unit that has since ended is no refusal: its officers keep working on its records (the
    # demo's officers of 2013 work for units dissolved on 1/7/2025).


def user_role_sync(user: User, *, today: datetime.date | None = None) -> User:
    """Put on the account the role in force ``today`` (none when no assignment is): the permissions
    read ``user.role`` and ``user.unit``, the assignments keep the dates and the history.

    The services call it after every change of a role; the login calls it too, so that a term that
    ended or began since the last change takes effect at the next login.
    """
    day = today or timezone.localdate()
    current = (
        user.role_assignments.filter(starts__lte=day)
        .filter(Q(ends__isnull=True) | Q(ends__gte=day))
        .order_by("-starts")
        .first()
    )
    role, unit_id = (current.role, current.unit_id) if current is not None else ("", None)
    administrator = role == Role.ADMINISTRATOR
    if (user.role, user.unit_id, user.is_staff, user.is_superuser) != (role, unit_id, administrator, administrator):
        user.role, user.unit_id = role, unit_id
        user.is_staff = user.is_superuser = administrator
        user.save(update_fields=["role", "unit", "is_staff", "is_superuser"])
    return user


def _assignment_snapshot(assignment: RoleAssignment) -> dict[str, object]:
    return snapshot(assignment, ["user", "role", "unit", "starts", "ends", "end_reason"])


def _assign(
    *, user: User, role: str, unit: Unit | None, starts: datetime.date, ends: datetime.date | None, actor: Actor
) -> RoleAssignment:
    """Record the assignment (inside the caller's transaction), closing the one it follows."""
    if ends is not None and ends < starts:
        raise DomainError(_("The last day of a role cannot come before its first day."))
    others = RoleAssignment.objects.select_for_update().filter(user=user)
    # The role a user holds when given a new one ends the day before: an officer moving to another
    # unit, or to the next term. A role that starts later than the new one is a conflict to sort out.
    for previous in others.filter(Q(ends__isnull=True) | Q(ends__gte=starts)):
        if previous.starts >= starts:
            raise DomainError(
                _("%(user)s already holds a role from %(day)s; end it first."),
                user=user.username,
                day=formats.date_format(previous.starts, "SHORT_DATE_FORMAT"),
            )
        before = _assignment_snapshot(previous)
        previous.ends = starts - datetime.timedelta(days=1)
        previous.ended_by = person_of(actor)
        previous.end_reason = str(_("Followed by a new role."))
        previous.save(update_fields=["ends", "ended_by", "end_reason"])
        audit_record(
            actor=actor, action="accounts.role_end", obj=previous, before=before, after=_assignment_snapshot(previous)
        )
    assignment = RoleAssignment.objects.create(
        user=user, role=role, unit=unit, starts=starts, ends=ends, granted_by=person_of(actor)
    )
    audit_record(actor=actor, action="accounts.role_grant", obj=assignment, after=_assignment_snapshot(assignment))
    user_role_sync(user)
    return assignment


def user_create(
    *,
    username: str,
    role: str,
    unit: Unit | None,
    actor: Actor,
    full_name: str = "",
    email: str = "",
    password: str | None = None,
    starts: datetime.date | None = None,
) -> User:
    """Create an account with its first role at the unit whose subtree it acts on (none for an
    administrator), from ``starts`` (today by default).

    Without a password the account cannot log in until it is given a one-time code.
    """
    authorize(actor, "accounts.grant_role", RoleTarget(role, unit))
    starts = starts or timezone.localdate()
    _check_role_fits(role, unit)
    username = username.strip()
    if not username:
        raise DomainError(_("An account needs a user name."))
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("The user name “%(username)s” is taken."), username=username)
    with transaction.atomic():
        first, _sep, last = full_name.strip().rpartition(" ")
        user = User(username=username, email=email.strip(), first_name=first, last_name=last)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            actor=actor,
            action="accounts.user_create",
            obj=user,
            after=snapshot(user, ["username", "email", "first_name", "last_name"]),
        )
        _assign(user=user, role=role, unit=unit, starts=starts, ends=None, actor=actor)
    return user


def admin_create_first(*, username: str, password: str, email: str = "", full_name: str = "") -> User:
    """The very first account of an installation, an administrator, made from the console.

    Nobody is there yet to authorize it: it is thidua's own act, refused as soon as an active
    administrator exists (from then on an administrator creates the others).
    """
    if User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).exists():
        raise DomainError(
            _("An administrator already exists; log in as an administrator and create the account from the pages.")
        )
    validate_password(password, User(username=username, email=email))
    return user_create(
        username=username,
        password=password,
        role=Role.ADMINISTRATOR,
        unit=None,
        email=email,
        full_name=full_name,
        actor=SYSTEM_ACTOR,
    )


def user_deactivate(*, user: User, reason: str, actor: Actor) -> User:
    """Deactivate an account, with the reason: it can no longer log in; its records and roles stay."""
    authorize(actor, "accounts.manage_user", user)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the account is deactivated."))
    if not user.is_active:
        raise DomainError(_("The account %(user)s is already deactivated."), user=user.username)
    with transaction.atomic():
        before = snapshot(user, ["is_active", "deactivated_at", "deactivation_reason"])
        user.is_active = False
        user.deactivated_at = timezone.now()
        user.deactivation_reason = reason
        user.save(update_fields=["is_active", "deactivated_at", "deactivation_reason"])
        audit_record(
            actor=actor,
            action="accounts.user_deactivate",
            obj=user,
            before=before,
            after=snapshot(user, ["is_active", "deactivated_at", "deactivation_reason"]),
            reason=reason,
        )
    return user


def role_grant(
    *,
    user: User,
    role: str,
    unit: Unit | None,
    starts: datetime.date,
    actor: Actor,
    ends: datetime.date | None = None,
) -> RoleAssignment:
    """Give ``user`` a role at ``unit`` from ``starts`` (to ``ends``, or open); the role they hold
    then ends the day before. The actor must manage the account and may give that role there."""
    authorize(actor, "accounts.grant_role", RoleTarget(role, unit))
    authorize(actor, "accounts.manage_user", user)
    _check_role_fits(role, unit)
    if not user.is_active:
        raise DomainError(_("The account %(user)s is deactivated."), user=user.username)
    with transaction.atomic():
        return _assign(user=user, role=role, unit=unit, starts=starts, ends=ends, actor=actor)


def role_end(*, assignment: RoleAssignment, ends: datetime.date, reason: str, actor: Actor) -> RoleAssignment:
    """End a role on its last day ``ends``, with the reason; the assignment stays in the history."""
    authorize(actor, "accounts.grant_role", RoleTarget(assignment.role, assignment.unit))
    authorize(actor, "accounts.manage_user", assignment.user)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the role ends."))
    if ends < assignment.starts:
        raise DomainError(_("The last day of a role cannot come before its first day."))
    if assignment.ends is not None and assignment.ends <= ends:
        raise DomainError(
            _("This role already ends on %(day)s."), day=formats.date_format(assignment.ends, "SHORT_DATE_FORMAT")
        )
    with transaction.atomic():
        before = _assignment_snapshot(assignment)
        assignment.ends = ends
        assignment.ended_by = person_of(actor)
        assignment.end_reason = reason
        assignment.save(update_fields=["ends", "ended_by", "end_reason"])
        audit_record(
            actor=actor,
            action="accounts.role_end",
            obj=assignment,
            before=before,
            after=_assignment_snapshot(assignment),
            reason=reason,
        )
        user_role_sync(assignment.user)
    return assignment


# Letters and digits that cannot be mistaken for one another when read aloud or from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def code_issue(*, user: User, actor: Actor) -> str:
    """Give ``user`` a one-time code to hand over (printed, where a commune has no mail): it is their
    password until they choose their own at the first login, which they must; it expires after
    ONE_TIME_CODE_DAYS. The code is returned once and kept only hashed; a new code replaces the last."""
    authorize(actor, "accounts.manage_user", user)
    if not user.is_active:
        raise DomainError(_("The account %(user)s is deactivated."), user=user.username)
    code = _new_code()
    with transaction.atomic():
        user.set_password(code)
        user.must_change_password = True
        user.code_expires_at = timezone.now() + datetime.timedelta(days=settings.ONE_TIME_CODE_DAYS)
        user.save(update_fields=["password", "must_change_password", "code_expires_at"])
        audit_record(
            actor=actor,
            action="accounts.code_issue",
            obj=user,
            after={"code_expires_at": user.code_expires_at.isoformat()},
        )
    return code


def link_send(*, user: User, base_url: str, actor: Actor) -> None:
    """Mail ``user`` a one-time link to choose their password (Django's reset token: it works once and
    expires after PASSWORD_RESET_TIMEOUT). ``base_url`` is the site's address, "https://thidua.example.vn"."""
    authorize(actor, "accounts.manage_user", user)
    if not user.is_active:
        raise DomainError(_("The account %(user)s is deactivated."), user=user.username)
    if not user.email:
        raise DomainError(
            _("The account %(user)s has no e-mail address; print a one-time code instead."), user=user.username
        )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = base_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)]
    )
    with transaction.atomic():
        audit_record(actor=actor, action="accounts.link_send", obj=user, after={"email": user.email})
        subject = str(_("Your thidua account"))
        body = str(
            _(
                "An account was made for you in thidua, user name %(user)s.\n\n"
                "Open this link to choose your password (it works once):\n%(link)s\n"
            )
            % {"user": user.username, "link": link}
        )
        transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


def password_chosen(*, user: User) -> None:
    """The user chose their own password (the form saved it): the one-time code no longer applies."""
    with transaction.atomic():
        if user.must_change_password or user.code_expires_at is not None:
            user.must_change_password = False
            user.code_expires_at = None
            user.save(update_fields=["must_change_password", "code_expires_at"])
        audit_record(actor=user, action="accounts.password_change", obj=user)
