"""The achievement report of a nomination (báo cáo thành tích) as a document: the text the commune
drafted and edited on the nomination, under the header of the area's Front working committee, signed
by its Trưởng ban (or by the person nominated) and certified by the nominating unit.

Names of places are those of the report's day, or of the unit's last day when it ended before (a
report of 2014 is written in "thị xã Bắc Kạn").
"""

from __future__ import annotations

import datetime

from thidua.awards.models import Nomination
from thidua.awards.places import commune_in
from thidua.awards.sheets import file_slug
from thidua.campaigns.documents import place_on
from thidua.documents.formats import FORMATS, Rendered
from thidua.documents.model import AdministrativeDocument, Signature
from thidua.lib.vietnamese import vi_upper
from thidua.people.models import Position, PositionKind
from thidua.units.models import Unit


def _on(unit: Unit, day: datetime.date) -> datetime.date:
    return min(day, unit.valid_to) if unit.valid_to else day


def _area_head(area: Unit, nomination: Nomination) -> str:
    """The Trưởng ban who signs an area's report: the one serving at the end of the period."""
    last = datetime.date(nomination.round.period_end, 12, 31)
    position = (
        Position.objects.filter(unit=area, kind=PositionKind.TRUONG_BAN_BCTMT, term_from__lte=last)
        .select_related("person")
        .order_by("-term_from")
        .first()
    )
    return position.person.full_name if position else ""


def nomination_report(nomination: Nomination, *, on: datetime.date | None = None) -> AdministrativeDocument:
    """The báo cáo thành tích of ``nomination``, dated ``on`` (by default the day it was made)."""
    day = on or nomination.created_at.date()
    round = nomination.round
    area = nomination.area or nomination.person_area
    assert area is not None
    commune = commune_in(area, round)
    place = place_on(area, _on(area, day))
    nominator = place_on(nomination.nominated_by, _on(nomination.nominated_by, day))
    governing = (
        (f"Ủy ban MTTQ Việt Nam {place_on(commune, _on(commune, day)).full_name}",) if commune is not None else ()
    )
    if nomination.person is not None:
        whom = f"Trưởng ban công tác Mặt trận {place.full_name}"
        signature = Signature(title="NGƯỜI BÁO CÁO", signer=nomination.person.full_name)
        subject = f"Thành tích của ông (bà) {nomination.person.full_name}, {whom}"
    else:
        signature = Signature(title="TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", signer=_area_head(area, nomination))
        subject = f"Thành tích của khu dân cư {place.full_name}"
    return AdministrativeDocument(
        governing_body=governing,
        issuing_body=("Ban công tác Mặt trận", place.header_name),
        number=None,
        symbol="",
        place=place_on(commune, _on(commune, day)).name if commune is not None else nominator.name,
        date=day,
        kind="BÁO CÁO",
        subject=(f"{subject}\nđề nghị tặng {nomination.form.name}\ngiai đoạn {round.period_start}–{round.period_end}"),
        authority="",
        enacting_word="",
        legal_bases=(),
        body=tuple(line.strip() for line in nomination.report.splitlines() if line.strip()),
        articles=(),
        signature=signature,
        left_signature=Signature(title=vi_upper(f"Xác nhận của Ủy ban nhân dân {nominator.full_name}"), signer=""),
        recipients=(),
    )


def nomination_report_file(nomination: Nomination, fmt: str) -> Rendered:
    """ "bao-cao-thanh-tich-<id>-to-8a.pdf": the report as DOCX or PDF, the same for page, API and CLI."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    render, content_type = FORMATS[fmt]
    subject = nomination.area.name if nomination.area else str(nomination.person)
    stem = file_slug(f"bao cao thanh tich {nomination.pk} {subject}")
    return Rendered(render(nomination_report(nomination)), f"{stem}.{fmt}", content_type)
