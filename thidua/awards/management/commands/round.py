"""``thidua round``: commendation rounds from the console.

thidua round show ROUND_ID                                   the round, its forms, criteria and quotas
thidua round candidates ROUND_ID --format json|csv [--form CODE] [--unit CODE] [--language vi|en]
                                                             every candidate, eligible or not, with the reasons
thidua round create --name N --issuer CODE --start Y --end Y [--organ ubnd|mttq]
thidua round movements --load-defaults                       add the usual emulation movements to the catalogue
thidua round movements                                       list the catalogue
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from thidua.awards import rules
from thidua.awards.models import Movement, Round
from thidua.awards.rounds import selectors, services
from thidua.errors import DomainError
from thidua.evaluations.management.commands.recompute import unit_of_year

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


def _round(round_id: int) -> Round:
    round = Round.objects.select_related("issuer").filter(pk=round_id).first()
    if round is None:
        raise CommandError(f"Không có đợt khen thưởng {round_id} / There is no round {round_id}.")
    return round


class Command(BaseCommand):
    help = "Đợt khen thưởng: ứng viên và lý do / Commendation rounds: candidates and their reasons"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        show = verbs.add_parser("show", help="Đợt và các hình thức khen thưởng / The round and its forms")
        show.add_argument("round_id", type=int)
        show.add_argument("--language", choices=["vi", "en"], default="vi")
        found = verbs.add_parser("candidates", help="Ứng viên và lý do / Every candidate with its reasons")
        found.add_argument("round_id", type=int)
        found.add_argument("--format", dest="output_format", choices=["json", "csv"], default="json")
        found.add_argument("--form", default="", help="Mã hình thức / The code of one form")
        found.add_argument("--unit", default="", help="Mã xã hoặc khu dân cư / A commune's or area's code")
        found.add_argument("--language", choices=["vi", "en"], default="vi")
        create = verbs.add_parser("create", help="Tạo đợt khen thưởng / Create a round")
        create.add_argument("--name", required=True)
        create.add_argument("--issuer", required=True, help="Mã đơn vị ban hành / The issuing unit's code")
        create.add_argument("--organ", choices=["ubnd", "mttq"], default="ubnd")
        create.add_argument("--start", type=int, required=True)
        create.add_argument("--end", type=int, required=True)
        movements = verbs.add_parser("movements", help="Danh mục phong trào thi đua / The emulation movements")
        movements.add_argument(
            "--load-defaults", action="store_true", help="Nạp danh mục mặc định / Load the usual ones"
        )

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        getattr(self, f"_{verb}")(**options)

    def _show(self, *, round_id: int, language: str, **options: Any) -> None:
        round = _round(round_id)
        with translation.override(language):
            self.stdout.write(f"{round.pk}. {round.name}")
            self.stdout.write(
                f"   {round.get_organ_display()} {round.issuer.full_name} · {round.period_start}–{round.period_end}"
                f" · {round.get_status_display()}"
            )
            rows = selectors.round_candidates(round)
            for form in selectors.round_forms(round):
                pool = selectors.eligible_pool(rows, form)
                self.stdout.write(f"  [{form.rank}] {form.code}: {form.name} ({form.get_subject_display()})")
                for line in rules.criteria_lines(form.subject, form.criteria or {}):
                    self.stdout.write(f"      - {line}")
                self.stdout.write(f"      {pool} / {selectors.form_quota_text(form, pool)}")

    def _candidates(
        self, *, round_id: int, output_format: str, form: str, unit: str, language: str, **options: Any
    ) -> None:
        round = _round(round_id)
        award_form = None
        if form:
            award_form = round.forms.filter(code=form).first()
            if award_form is None:
                raise CommandError(f"Đợt không có hình thức {form} / The round has no form {form}.")
        scope = unit_of_year(unit, round.period_end) if unit else None
        with translation.override(language):
            rows = selectors.round_candidates(round, form=award_form, unit=scope)
            if output_format == "json":
                self.stdout.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
                return
            writer = csv.writer(self.stdout)
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                shown = [c for c in row.result.checks if c.passed] if row.eligible else row.failed
                data = row.as_dict()
                writer.writerow(
                    [
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
        unit = unit_of_year(issuer, end)
        try:
            round = services.round_create(
                name=name, issuer=unit, organ=organ, period_start=start, period_end=end, actor=None
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã tạo đợt {round.pk} / Round {round.pk} created: {round.name}")

    def _movements(self, *, load_defaults: bool, **options: Any) -> None:
        if load_defaults:
            added = services.movements_load_defaults(actor=None)
            self.stdout.write(f"Đã thêm {added} phong trào / {added} movements added")
        for movement in Movement.objects.order_by("code"):
            self.stdout.write(f"  {movement.code:<26} {movement.name}")
