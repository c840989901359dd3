"""``thidua round``: commendation rounds from the console.

thidua round show ROUND_ID                                   the round, its forms, criteria and quotas
thidua round candidates ROUND_ID --format json|csv [--form CODE] [--unit CODE] [--language vi|en]
                                                             every candidate, eligible or not, with the reasons
thidua round create --name N --issuer CODE --start Y --end Y [--organ ubnd|mttq]
thidua round movements --load-defaults                       add the usual emulation movements to the catalogue
thidua round movements                                       list the catalogue

The command acts as thidua itself (the operator, acting as nobody) and reads every round.
"""

from __future__ import annotations

import csv
import json
from typing import Any, cast

from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards import rules
from thidua.awards.management.acting import AwardsCommand, acting_user, round_for, unit_of_year
from thidua.awards.models import Movement
from thidua.awards.rounds import services
from thidua.awards.rounds.candidates import eligible_pool, round_candidates, round_forms
from thidua.awards.rounds.selectors import pool_quota_text
from thidua.lib.sheets import csv_cell

CSV_COLUMNS = (
    "form",
    "subject",
    "area_id",
    "person_id",
    "name",
    "person_area",
    "commune",
    "eligible",
    "reasons",
    "already_awarded",
)


class Command(AwardsCommand):
    # Read when the command is listed, in the language the console runs in.
    help = cast(str, gettext_lazy("Commendation rounds: candidates and their reasons"))

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        show = verbs.add_parser("show", help=_("The round and its forms"))
        show.add_argument("round_id", type=int)
        show.add_argument("--language", choices=["vi", "en"], default="vi")
        found = verbs.add_parser("candidates", help=_("Every candidate with its reasons"))
        found.add_argument("round_id", type=int)
        found.add_argument("--format", dest="output_format", choices=["json", "csv"], default="json")
        found.add_argument("--form", default="", help=_("The code of one form"))
        found.add_argument("--unit", default="", help=_("A commune's or area's code"))
        found.add_argument("--language", choices=["vi", "en"], default="vi")
        create = verbs.add_parser("create", help=_("Create a round"))
        create.add_argument("--name", required=True)
        create.add_argument("--issuer", required=True, help=_("The issuing unit's code"))
        create.add_argument("--organ", choices=["ubnd", "mttq"], default="ubnd")
        create.add_argument("--start", type=int, required=True)
        create.add_argument("--end", type=int, required=True)
        movements = verbs.add_parser("movements", help=_("The emulation movements"))
        movements.add_argument("--load-defaults", action="store_true", help=_("Load the usual ones"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        getattr(self, f"_{verb}")(**options)

    def _show(self, *, round_id: int, language: str, **options: Any) -> None:
        round = round_for(acting_user(None), round_id)
        with translation.override(language):
            self.stdout.write(f"{round.pk}. {round.name}")
            self.stdout.write(
                f"   {round.get_organ_display()} {round.issuer.full_name} · {round.period_start}–{round.period_end}"
                f" · {round.get_status_display()}"
            )
            rows = round_candidates(round)
            for form in round_forms(round):
                pool = eligible_pool(rows, form)
                self.stdout.write(f"  [{form.rank}] {form.code}: {form.name} ({form.get_subject_display()})")
                for line in rules.criteria_lines(form.subject, form.criteria or {}):
                    self.stdout.write(f"      - {line}")
                self.stdout.write(f"      {pool} / {pool_quota_text(form, pool)}")

    def _candidates(
        self, *, round_id: int, output_format: str, form: str, unit: str, language: str, **options: Any
    ) -> None:
        round = round_for(acting_user(None), round_id)
        award_form = None
        if form:
            award_form = round.forms.filter(code=form).first()
            if award_form is None:
                raise CommandError(_("The round has no form %(code)s.") % {"code": form})
        scope = unit_of_year(unit, round.period_end) if unit else None
        with translation.override(language):
            rows = round_candidates(round, form=award_form, unit=scope)
            if output_format == "json":
                self.stdout.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
                return
            writer = csv.writer(self.stdout)
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                shown = [c for c in row.result.checks if c.passed] if row.eligible else row.failed
                data = row.as_dict()
                # An officer opens this file in Excel: no name from the register may run as a formula.
                writer.writerow(
                    csv_cell(value)
                    for value in [
                        data["form"],
                        data["subject"],
                        data["area_id"] or "",
                        data["person_id"] or "",
                        data["name"],
                        data["person_area"],
                        data["commune"],
                        "1" if row.eligible else "0",
                        " | ".join(c.detail for c in shown),
                        " | ".join(row.already_awarded),
                    ]
                )

    def _create(self, *, name: str, issuer: str, organ: str, start: int, end: int, **options: Any) -> None:
        round = services.round_create(
            name=name,
            issuer=unit_of_year(issuer, end),
            organ=organ,
            period_start=start,
            period_end=end,
            actor=acting_user(None),
        )
        self.stdout.write(_("Round %(id)s created: %(name)s") % {"id": round.pk, "name": round.name})

    def _movements(self, *, load_defaults: bool, **options: Any) -> None:
        if load_defaults:
            added = services.movements_load_defaults(actor=acting_user(None))
            self.stdout.write(_("%(count)s movements added") % {"count": added})
        for movement in Movement.objects.order_by("code"):
            self.stdout.write(f"  {movement.code:<26} {movement.name}")
