"""Accounts and their roles as plain text, for ``thidua users``."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.errors import DomainError
from thidua.units.models import Unit
from thidua.useradmin.selectors import accounts_in


def find_account(username: str) -> User:
    user = User.objects.filter(username__iexact=username.strip()).first()
    if user is None:
        raise DomainError(_("No account has the user name %(username)s."), username=username)
    return user


def _day(day: object) -> str:
    return day.strftime("%d/%m/%Y") if day is not None else "…"  # type: ignore[attr-defined]


def account_lines(*, root: Unit | None, include_inactive: bool) -> list[str]:
    lines = []
    for user in accounts_in(root=root, include_inactive=include_inactive):
        role = str(user.get_role_display()) if user.role else gettext("no role in force")
        unit = user.unit.full_name if user.unit is not None else ""
        state = (
            "" if user.is_active else " — " + gettext("deactivated: %(reason)s") % {"reason": user.deactivation_reason}
        )
        lines.append(f"{user.username:<20} {user.get_full_name():<28} {role}{', ' + unit if unit else ''}{state}")
    return lines or [gettext("No account.")]


def roles_lines(user: User) -> list[str]:
    lines = [f"{user.username} ({user.get_full_name()})"]
    for number, assignment in enumerate(user.role_assignments.select_related("unit").order_by("starts", "pk"), 1):
        unit = assignment.unit.full_name if assignment.unit is not None else ""
        period = f"{_day(assignment.starts)} – {_day(assignment.ends)}"
        ended = f" ({assignment.end_reason})" if assignment.end_reason else ""
        lines.append(f"  {number}. {assignment.get_role_display()}{', ' + unit if unit else ''}: {period}{ended}")
    return lines
