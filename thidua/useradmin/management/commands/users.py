from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role, User
from thidua.accounts.services import admin_create_first, role_end, role_grant, user_create, user_deactivate
from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.console import Command as ThiduaCommand
from thidua.errors import DomainError
from thidua.units.console import find_unit, parse_day
from thidua.useradmin.console import account_lines, find_account, roles_lines


class Command(ThiduaCommand):
    help = gettext_lazy("User accounts: create-admin, create, list, deactivate, roles")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        roles = ", ".join(Role.values)
        admin = verbs.add_parser("create-admin", help=_("Create the first administrator (asks for the password)"))
        admin.add_argument("username", help=_("User name"))
        admin.add_argument("--email", default="", help=_("E-mail address"))
        admin.add_argument("--full-name", default="", help=_("Full name"))
        create = verbs.add_parser("create", help=_("Create an account with its first role"))
        create.add_argument("username", help=_("User name"))
        create.add_argument("--role", required=True, choices=Role.values, metavar="ROLE", help=roles)
        create.add_argument("--unit", default="", help=_("Code of the unit (none for an administrator)"))
        create.add_argument("--full-name", default="", help=_("Full name"))
        create.add_argument("--email", default="", help=_("E-mail address"))
        create.add_argument("--starts", default="", help=_("First day of the role (default: today)"))
        listing = verbs.add_parser("list", help=_("List the accounts"))
        listing.add_argument("--unit", default="", help=_("Only the accounts of this unit's subtree"))
        listing.add_argument("--all", action="store_true", help=_("Deactivated accounts too"))
        deactivate = verbs.add_parser("deactivate", help=_("Deactivate an account, with the reason"))
        deactivate.add_argument("username", help=_("User name"))
        deactivate.add_argument("--reason", required=True, help=_("Why the account is deactivated"))
        role = verbs.add_parser("roles", help=_("Show an account's roles; give one or end one"))
        role.add_argument("username", help=_("User name"))
        role.add_argument("--grant", choices=Role.values, metavar="ROLE", help=_("Give this role: %s") % roles)
        role.add_argument("--unit", default="", help=_("Code of the unit of the role given"))
        role.add_argument("--starts", default="", help=_("First day of the role given (default: today)"))
        role.add_argument("--ends", default="", help=_("Last day of the role (given or ended)"))
        role.add_argument("--end", type=int, metavar="N", help=_("End the role numbered N in the list"))
        role.add_argument("--reason", default="", help=_("Why the role ends"))
        for sub in (create, deactivate, role):
            sub.add_argument("--as", dest="actor", default="", help=_("Act as this user, with their rights"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        try:
            getattr(self, verb.replace("-", "_"))(options)
        except DomainError as error:
            raise CommandError(str(error)) from None
        except ValueError as error:  # a date that is not one
            raise CommandError(str(error)) from None

    def _actor(self, options: dict[str, Any]) -> Actor:
        # The console is the server's operator: thidua itself, unless asked to act as a person.
        return find_account(options["actor"]) if options.get("actor") else SYSTEM_ACTOR

    def create_admin(self, options: dict[str, Any]) -> None:
        password = self._password()
        user = admin_create_first(
            username=options["username"], password=password, email=options["email"], full_name=options["full_name"]
        )
        self.stdout.write(_("Administrator %(user)s created.") % {"user": user.username})

    def _password(self) -> str:
        if not sys.stdin.isatty():
            # A script pipes the password in (twice is not asked of a pipe).
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass(_("Password: "))
        if getpass.getpass(_("Password (again): ")) != first:
            raise CommandError(_("The two passwords differ."))
        return first

    def create(self, options: dict[str, Any]) -> None:
        starts = parse_day(options["starts"]) if options["starts"] else None
        unit = find_unit(options["unit"], starts) if options["unit"] else None
        user = user_create(
            username=options["username"],
            role=options["role"],
            unit=unit,
            full_name=options["full_name"],
            email=options["email"],
            starts=starts,
            actor=self._actor(options),
        )
        self.stdout.write(_("Account %(user)s created.") % {"user": user.username})

    def list(self, options: dict[str, Any]) -> None:
        root = find_unit(options["unit"], None) if options["unit"] else None
        self.stdout.write("\n".join(account_lines(root=root, include_inactive=options["all"])))

    def deactivate(self, options: dict[str, Any]) -> None:
        user = user_deactivate(
            user=find_account(options["username"]), reason=options["reason"], actor=self._actor(options)
        )
        self.stdout.write(_("Account %(user)s deactivated.") % {"user": user.username})

    def roles(self, options: dict[str, Any]) -> None:
        user: User = find_account(options["username"])
        ends = parse_day(options["ends"]) if options["ends"] else None
        if options["grant"] and options["end"]:
            raise CommandError(_("Give a role or end one, not both at once."))
        if options["grant"]:
            starts = parse_day(options["starts"]) if options["starts"] else None
            from django.utils import timezone

            day = starts or timezone.localdate()
            unit = find_unit(options["unit"], day) if options["unit"] else None
            role_grant(user=user, role=options["grant"], unit=unit, starts=day, ends=ends, actor=self._actor(options))
        elif options["end"]:
            assignments = list(user.role_assignments.order_by("starts", "pk"))
            if not 1 <= options["end"] <= len(assignments):
                raise CommandError(
                    _("%(user)s has no role numbered %(number)s.") % {"user": user.username, "number": options["end"]}
                )
            if ends is None:
                raise CommandError(_("Say the last day of the role with --ends."))
            role_end(
                assignment=assignments[options["end"] - 1],
                ends=ends,
                reason=options["reason"],
                actor=self._actor(options),
            )
        self.stdout.write("\n".join(roles_lines(user)))
