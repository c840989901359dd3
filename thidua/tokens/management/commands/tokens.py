from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.acting import acting_user
from thidua.accounts.models import User
from thidua.console import Command as ThiduaCommand
from thidua.errors import DomainError
from thidua.tokens.selectors import tokens_visible_to
from thidua.tokens.services import DEFAULT_DAYS, token_create, token_revoke


class Command(ThiduaCommand):
    help = gettext_lazy("API tokens: create, list, revoke")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        create = verbs.add_parser("create", help=_("Make a token (its secret is printed once)"))
        create.add_argument("--name", required=True, help=_("What uses the token"))
        create.add_argument("--days", type=int, default=DEFAULT_DAYS, help=_("Days it is valid (1–365)"))
        create.add_argument("--for", dest="owner", help=_("The account it acts as (default: the --as user)"))
        listing = verbs.add_parser("list", help=_("The tokens the user may see"))
        revoke = verbs.add_parser("revoke", help=_("Stop a token, with the reason"))
        revoke.add_argument("token_id", type=int)
        revoke.add_argument("--reason", required=True, help=_("Why it is revoked"))
        for sub in (create, listing, revoke):
            sub.add_argument("--as", dest="actor", required=True, help=_("User name of the person acting"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        actor = acting_user(options["actor"])
        try:
            if verb == "create":
                owner = actor
                if options["owner"]:
                    found = User.objects.filter(username=options["owner"], is_active=True).first()
                    if found is None:
                        raise CommandError(_("There is no user %(name)s.") % {"name": options["owner"]})
                    owner = found
                token, secret = token_create(user=owner, name=options["name"], days=options["days"], actor=actor)
                self.stdout.write(secret)
                self.stderr.write(
                    _("Token %(id)d for %(user)s, valid until %(date)s: copy it now, it is not shown again.")
                    % {"id": token.pk, "user": owner.username, "date": f"{token.expires_at:%d/%m/%Y}"}
                )
            elif verb == "list":
                for token in tokens_visible_to(actor):
                    state = _("active") if token.is_active else _("revoked") if token.revoked_at else _("expired")
                    self.stdout.write(
                        f"{token.pk:>5}  {token.prefix}…  {token.user.username:<20} {token.expires_at:%d/%m/%Y}  "
                        f"{state}  {token.name}"
                    )
            else:
                chosen = tokens_visible_to(actor).filter(pk=options["token_id"]).first()
                if chosen is None:
                    raise CommandError(_("No token %(id)s.") % {"id": options["token_id"]})
                token_revoke(token=chosen, reason=options["reason"], actor=actor)
                self.stdout.write(_("Token %(id)d revoked.") % {"id": chosen.pk})
        except DomainError as error:
            raise CommandError(error.text()) from None
