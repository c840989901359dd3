"""The areas' year in the Bắc Kạn story: registration, self-assessment, the commune's meeting, the town's
decision, and the Front's own evaluation — generated inputs, outcomes by the rules.

Each area has a generated *standing* (how well the campaign goes there), fixed for the period: it
drives the inputs (the self-assessment's points, the commune meeting's votes, the Front's points), so
that a believable share of areas hold the title every year and a few lose it some years. The areas
the town's 2009–2013 summary names are among the strongest. A generator of its own (seeded by name)
keeps the households' part of the story exactly as it was.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from typing import Any

from thidua.campaigns.services import parameter_set
from thidua.evaluations.kdc.services import (
    area_front_evaluation_record,
    area_register,
    area_self_assessment_record,
    areas_evaluate,
)
from thidua.evaluations.models import AreaYear, Dossier, DossierKind, DossierStatus, MeetingKind
from thidua.evaluations.services import Vote, decision_record, dossier_transition, meeting_record
from thidua.units.models import Unit
from thidua.units.selectors import unit_ancestors

# The areas the summary names: exemplary, strong every year.
NAMED = ("01840-08A", "01834-13", "01837-12", "01855-TONGNENG", "01855-NABAN", "01852-KHUOICHANG")
# The town's threshold for a cultural area on the 100-point scale of the self-assessment: an assumed
# provincial value (Bắc Kạn's own regulation of the period was not found), set as the province would,
# from the first year the campaign's five contents are known (c. 2011); before it the areas are not
# self-assessed and the meeting's vote decides.
AREA_MIN_POINTS = 75
SELF_ASSESSED_FROM = 2011
# The town's chairman, who signs the cultural areas' decisions (and chairs its council in the round).
TOWN_CHAIRMAN = "Nông Văn Chí"
# The commune's area evaluation meeting: the commune's Ban chỉ đạo and the heads of its areas.
COMMUNE_MEETING = (15, 21)


def standings(areas: Sequence[Unit]) -> dict[int, float]:
    """Each area's standing in [0, 1), by a generator of its own; the named areas are at the top."""
    rng = random.Random("bac-kan-areas-2013")
    result = {}
    for area in sorted(areas, key=lambda u: u.code):
        value = rng.random()
        result[area.pk] = 0.9 + value / 10 if area.code in NAMED else value
    return result


def town_of(commune: Unit, year: int) -> Unit:
    """The district-level unit above ``commune`` in ``year`` (thị xã Bắc Kạn)."""
    return unit_ancestors(commune, as_of=datetime.date(year, 12, 31))[-2]


def provincial_parameters(commune: Unit, actor: Any) -> None:
    province = unit_ancestors(commune, as_of=datetime.date(2009, 12, 31))[0]
    parameter_set(
        province=province,
        name="area_min_points",
        year_from=SELF_ASSESSED_FROM,
        value=AREA_MIN_POINTS,
        legal_basis="Quy định của UBND tỉnh (giả định cho dữ liệu mẫu)",
        reason="Dữ liệu mẫu: ngưỡng điểm khu dân cư văn hóa của tỉnh",
        actor=actor,
    )


def _scores(rng: random.Random, total: int) -> dict[int | str, int]:
    """Five contents' points adding up to ``total`` (each at most 20)."""
    scores: dict[int | str, int] = {n: total // 5 for n in range(1, 6)}
    for n in range(1, total % 5 + 1):
        scores[n] += 1
    for _ in range(3):  # move a point or two between contents, keeping the total
        a, b = rng.sample(range(1, 6), 2)
        if scores[a] < 20 and scores[b] > 0:
            scores[a] += 1
            scores[b] -= 1
    return scores


def area_year(
    *,
    commune: Unit,
    areas: Sequence[Unit],
    year: int,
    standing: dict[int, float],
    number: int,
    actor: Any,
) -> int:
    """One commune's areas through the year; returns the town's next decision number."""
    rng = random.Random(f"bac-kan-{commune.code}-{year}")
    lines: list[AreaYear] = []
    for area in areas:
        # A weak area sometimes does not register at all.
        if standing[area.pk] < 0.1 and rng.random() < 0.5:
            continue
        line = area_register(
            area=area, year=year, registered_on=datetime.date(year, 1, rng.randint(10, 28)), actor=actor
        )
        total = max(40, min(99, round(58 + 40 * standing[area.pk] + rng.uniform(-7, 5))))
        if year >= SELF_ASSESSED_FROM:
            area_self_assessment_record(area_year=line, scores=_scores(rng, total), actor=actor)
        lines.append(line)
    convened = rng.randint(*COMMUNE_MEETING)
    present = convened - rng.randint(0, 3)
    votes = {
        line.pk: Vote(
            votes_for=min(present, round(present * (0.55 + 0.45 * standing[line.area_id] + rng.uniform(-0.1, 0.1))))
        )
        for line in lines
    }
    meeting = meeting_record(
        kind=MeetingKind.AREA_REVIEW,
        unit=commune,
        year=year,
        held_on=datetime.date(year, 12, rng.randint(12, 16)),
        convened=convened,
        present=present,
        votes=votes,
        actor=actor,
    )
    areas_evaluate(commune=meeting.unit, year=meeting.year, actor=actor)
    # The commune's dossier of its areas (the container the workflow moves up; not a result).
    dossier, _created = Dossier.objects.get_or_create(kind=DossierKind.KDC, unit=commune, year=year)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=actor)
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=actor)
    proposed = AreaYear.objects.filter(meeting=meeting, proposed=True).values_list("pk", flat=True)
    decision_record(
        dossier=dossier,
        number=number,
        issued_on=datetime.date(year, 12, 26),
        issuer=town_of(commune, year),
        signer_title="CHỦ TỊCH",
        signer_name=TOWN_CHAIRMAN,
        titled_ids=list(proposed),
        actor=actor,
    )
    dossier_transition(dossier=dossier, to=DossierStatus.LOCKED, actor=actor)
    # The Front's own evaluation of the campaign in each area, and the grade of its Trưởng ban.
    for line in AreaYear.objects.filter(meeting=meeting).order_by("area__code"):
        points = max(45, min(100, round(60 + 38 * standing[line.area_id] + rng.uniform(-6, 6))))
        grade = "tot" if points >= 90 else "kha" if points >= 70 else "trung_binh"
        area_front_evaluation_record(area_year=line, points=points, front_head_grade=grade, actor=actor)
    return number + 1
