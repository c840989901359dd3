"""The award history of an area, a household and a person, and the diacritic-free search that finds them.

A *history* lists, over the years, a subject's titles (Gia đình văn hóa of a household, Khu dân cư văn
hóa of an area and of the areas it came from through merges and splits), its certificates (Giấy khen
for a window of title years, ``evaluations.CertificateAward``) and its commendations (``Award``: by the
round's decision, or by the higher body's decision on a proposal), each with the decision as officials
cite it ("05/QĐ-UBND ngày 20/01/2014 của UBND thị xã Bắc Kạn"); a revoked one keeps its line with the
day and the reason. A person's history adds their positions with their terms.

Every read is set-based: a history costs a fixed handful of queries whatever its length. Nothing
here reads the exclusion categories of a household year (sensitive personal data).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.awards.citations import ORGAN_SHORT, decision_citation, higher_citation
from thidua.awards.models import Award, ProposalStatus
from thidua.awards.places import UnitNames
from thidua.awards.rounds.selectors import sees_everything
from thidua.db import vi_order
from thidua.evaluations.models import AreaYear, CertificateAward, HouseholdYear, StreakKind, TitleException
from thidua.evaluations.streaks.selectors import REVOKED, TITLED, YearLine, area_history, household_history
from thidua.lib.text import fold, vi_sort_key
from thidua.lib.vietnamese import short_date
from thidua.people.models import Household, Person, Position
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_predecessors, units_visible_to

# The states of an award line.
AWARDED, AWARD_REVOKED, PROPOSED, REFUSED = "awarded", "revoked", "proposed", "refused"
AWARD_LABELS = {
    AWARDED: _("awarded"),
    AWARD_REVOKED: _("revoked"),
    PROPOSED: _("proposed, awaiting the higher body's decision"),
    REFUSED: _("refused by the higher body"),
}


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


# --- the lines of a history --------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleLine:
    """One year of a title: Gia đình văn hóa of a household, Khu dân cư văn hóa of an area."""

    year: int
    area_id: int
    area_name: str  # the area's name that year (a predecessor's lines name the predecessor)
    predecessor: bool  # the year belongs to an area this one came from
    result: str
    result_label: str
    citation: str
    revoked_on: datetime.date | None = None
    revocation_reason: str = ""
    # Titled by the decision although its meeting did not carry it: why, on which document.
    exception: str = ""

    @property
    def titled(self) -> bool:
        return self.result in (TITLED, REVOKED)

    @property
    def revoked(self) -> bool:
        return self.result == REVOKED


@dataclass(frozen=True)
class CertificateLine:
    """A Giấy khen for a window of consecutive title years (the window is never rewarded again)."""

    window_start: int
    window_end: int
    label: str
    citation: str
    subject_name: str = ""  # the area's name when it is a predecessor's certificate

    @property
    def year(self) -> int:
        return self.window_end


@dataclass(frozen=True)
class AwardLine:
    """A commendation of a round: its form, its window, the decision that made it and its state."""

    award_id: int
    round_id: int
    round_name: str
    form_name: str
    awarding_body: str
    subject: str  # Subject.AREA or Subject.BCTMT
    window_start: int
    window_end: int
    status: str
    citation: str  # the decision that made the award (or the higher body's)
    proposal_citation: str = ""  # the tờ trình that sent it up, for a proposed form
    subject_name: str = ""  # the area as named in the period (a predecessor's award names it)
    year: int = 0  # the year the award was made
    revoked_on: datetime.date | None = None
    revocation_reason: str = ""

    @property
    def status_label(self) -> str:
        return str(AWARD_LABELS[self.status])

    @property
    def revoked(self) -> bool:
        return self.status == AWARD_REVOKED


@dataclass(frozen=True)
class PositionLine:
    kind_label: str
    unit_id: int
    unit_name: str  # the unit by its name when the term began
    commune_name: str
    term_from: datetime.date
    term_to: datetime.date | None


@dataclass
class History:
    """What a history page and its API show for one subject."""

    kind: str  # "area", "household", "person"
    subject_id: int
    name: str
    where: str = ""  # the commune of an area, the area of a household or a person
    titles: list[TitleLine] = field(default_factory=list)
    title_label: str = ""
    certificates: list[CertificateLine] = field(default_factory=list)
    awards: list[AwardLine] = field(default_factory=list)
    positions: list[PositionLine] = field(default_factory=list)
    predecessors: list[tuple[int, str]] = field(default_factory=list)  # (unit id, name) of merged areas

    @property
    def title_years(self) -> int:
        return sum(1 for line in self.titles if line.result == TITLED)


def _title_exceptions(rows: Iterable[TitleException]) -> dict[tuple[int, int], str]:
    """(area, year) → the exception that titled the line, as the history prints it."""
    found = {}
    for row in rows:
        line = row.household_year or row.area_year
        assert line is not None
        found[(line.area_id, line.year)] = gettext("by exception: %(reason)s (document: %(document)s)") % {
            "reason": row.reason,
            "document": row.document,
        }
    return found


def _title_lines(
    lines: list[YearLine],
    citations: dict[tuple[int, int], str],
    own_id: int | None,
    exceptions: dict[tuple[int, int], str] | None = None,
) -> list[TitleLine]:
    names = UnitNames()
    names.want(*{line.unit.pk for line in lines})
    return [
        TitleLine(
            year=line.year,
            area_id=line.unit.pk,
            area_name=names.name(line.unit.pk, _year_end(line.year)),
            predecessor=own_id is not None and line.unit.pk != own_id,
            result=line.result,
            result_label=line.result_label,
            citation=citations.get((line.unit.pk, line.year), line.decision),
            revoked_on=line.revoked_on,
            revocation_reason=line.revocation_reason,
            exception=(exceptions or {}).get((line.unit.pk, line.year), ""),
        )
        for line in lines
    ]


def _title_citations(rows: Iterable[tuple[int, int, int, str, datetime.date, int]]) -> dict[tuple[int, int], str]:
    """(area or household, year) → the recognition decision cited with its issuer's name of the day."""
    rows = list(rows)
    names = UnitNames()
    names.want(*{issuer for *_rest, issuer in rows})
    return {
        (owner, year): decision_citation(number, symbol, issued_on, f"UBND {names.name(issuer, issued_on)}")
        for owner, year, number, symbol, issued_on, issuer in rows
    }


def _certificate_label(kind: str) -> str:
    return str(_("Certificate of merit (Giấy khen) for %(title)s") % {"title": StreakKind(kind).label})


def _certificates(rows: QuerySet[CertificateAward], names: dict[int, str] | None = None) -> list[CertificateLine]:
    lines = []
    for award in rows.order_by("window_end", "window_start", "pk"):
        citation = award.decision
        if award.decided_on is not None:
            citation = f"{citation} ngày {short_date(award.decided_on)}".strip()
        lines.append(
            CertificateLine(
                window_start=award.window_start,
                window_end=award.window_end,
                label=_certificate_label(award.kind),
                citation=citation,
                subject_name=(names or {}).get(award.area_id or 0, ""),
            )
        )
    return lines


def award_lines(awards: QuerySet[Award], *, own_area: int | None = None) -> list[AwardLine]:
    """The award lines of ``awards``, oldest window first, in a few queries; an award of another area
    than ``own_area`` (a predecessor's) names that area."""
    rows = list(
        awards.select_related("form", "form__round", "decision", "proposal").order_by(
            "window_end", "window_start", "pk"
        )
    )
    names = UnitNames()
    for award in rows:
        names.want(award.area_id, award.decision.issuer_id if award.decision else None)
    lines = []
    for award in rows:
        decision, proposal, form = award.decision, award.proposal, award.form
        revoked_on = award.revoked_on or (decision.revoked_on if decision else None)
        reason = award.revocation_reason or (decision.revocation_reason if decision and decision.revoked_on else "")
        proposal_citation = ""
        if decision is not None:
            issuer = f"{ORGAN_SHORT.get(decision.organ, '')} {names.name(decision.issuer_id, decision.issued_on)}"
            citation = decision_citation(decision.number, decision.symbol, decision.issued_on, issuer.strip())
            status, year = AWARDED, decision.issued_on.year
        else:
            assert proposal is not None
            citation = higher_citation(proposal.higher_decision, proposal.higher_decided_on, form.awarding_body)
            outcomes: dict[str, str] = {ProposalStatus.DECIDED: AWARDED, ProposalStatus.REFUSED: REFUSED}
            status = outcomes.get(proposal.status, PROPOSED)
            year = (proposal.higher_decided_on or proposal.sent_on).year
        if proposal is not None:
            proposal_citation = "Tờ trình " + decision_citation(proposal.number, proposal.symbol, proposal.sent_on)
        if revoked_on is not None:
            status = AWARD_REVOKED
        lines.append(
            AwardLine(
                award_id=award.pk,
                round_id=form.round_id,
                round_name=form.round.name,
                form_name=form.name,
                awarding_body=form.awarding_body,
                subject=form.subject,
                window_start=award.window_start,
                window_end=award.window_end,
                status=status,
                citation=citation,
                proposal_citation=proposal_citation,
                subject_name=names.name(award.area_id, _year_end(award.window_end))
                if award.area_id and award.area_id != own_area
                else "",
                year=year,
                revoked_on=revoked_on,
                revocation_reason=reason,
            )
        )
    return lines


# --- the three histories ---------------------------------------------------------------------------


def area_award_history(area: Unit) -> History:
    """The titles, certificates and awards of ``area`` and of the areas it came from through lineage."""
    lines = area_history(area)
    predecessors = {u.pk for u in unit_predecessors(area)}
    ids = {line.unit.pk for line in lines} | {area.pk} | predecessors
    decided = AreaYear.objects.filter(area_id__in=ids, decision__isnull=False).values_list(
        "area_id", "year", "decision__number", "decision__symbol", "decision__issued_on", "decision__issuer_id"
    )
    names = UnitNames()
    names.want(*ids)
    last_day = names.last_day(area.pk)
    predecessor_names = {i: names.name(i, names.last_day(i)) for i in ids - {area.pk}}
    commune = names.parent(area.pk, last_day)
    return History(
        kind="area",
        subject_id=area.pk,
        name=names.name(area.pk, last_day),
        where=names.name(commune, last_day),
        titles=_title_lines(
            lines,
            _title_citations(decided),
            area.pk,
            _title_exceptions(TitleException.objects.filter(area_year__area_id__in=ids).select_related("area_year")),
        ),
        title_label=str(StreakKind.AREA.label),
        certificates=_certificates(
            CertificateAward.objects.filter(kind=StreakKind.AREA, area_id__in=ids), predecessor_names
        ),
        awards=award_lines(Award.objects.filter(area_id__in=ids), own_area=area.pk),
        predecessors=sorted(predecessor_names.items(), key=lambda item: vi_sort_key(item[1])),
    )


def household_award_history(household: Household) -> History:
    """The Gia đình văn hóa years and the certificates of ``household`` (it keeps them when it moves)."""
    lines = household_history(household)
    decided = HouseholdYear.objects.filter(household=household, decision__isnull=False).values_list(
        "area_id", "year", "decision__number", "decision__symbol", "decision__issued_on", "decision__issuer_id"
    )
    names = UnitNames()
    names.want(household.area_id)
    today = datetime.date.today()
    return History(
        kind="household",
        subject_id=household.pk,
        name=f"{household.head_name} ({household.code})",
        where=names.name(household.area_id, today),
        titles=_title_lines(
            lines,
            _title_citations(decided),
            None,
            _title_exceptions(
                TitleException.objects.filter(household_year__household=household).select_related("household_year")
            ),
        ),
        title_label=str(StreakKind.HOUSEHOLD.label),
        certificates=_certificates(CertificateAward.objects.filter(kind=StreakKind.HOUSEHOLD, household=household)),
    )


def person_award_history(person: Person) -> History:
    """The positions (with their terms) and the awards of ``person``."""
    positions = list(Position.objects.filter(person=person).order_by("term_from", "pk"))
    names = UnitNames()
    names.want(*{p.unit_id for p in positions})
    household_area = person.household.area_id if person.household_id and person.household else None
    names.want(household_area)
    position_lines = []
    for position in positions:
        day = position.term_to or datetime.date.today()
        day = min(day, datetime.date.today())
        commune = names.parent(position.unit_id, day)
        names.want(commune)
        position_lines.append(
            PositionLine(
                kind_label=str(position.get_kind_display()),
                unit_id=position.unit_id,
                unit_name=names.name(position.unit_id, day),
                commune_name=names.name(commune, day),
                term_from=position.term_from,
                term_to=position.term_to,
            )
        )
    latest = position_lines[-1] if position_lines else None
    where = (
        f"{latest.unit_name}, {latest.commune_name}" if latest else names.name(household_area, datetime.date.today())
    )
    return History(
        kind="person",
        subject_id=person.pk,
        name=person.full_name,
        where=where.strip(", "),
        awards=award_lines(Award.objects.filter(person=person)),
        positions=position_lines,
    )


# --- what a user may see -----------------------------------------------------------------------------


def areas_visible_to(user: User) -> QuerySet[Unit]:
    units = Unit.objects.all() if sees_everything(user) else units_visible_to(user)
    return units.filter(level=Level.AREA)


def households_visible_to(user: User) -> QuerySet[Household]:
    """Households that live, or lived in a title year, in an area of the user's subtree."""
    if sees_everything(user):
        return Household.objects.all()
    visible = units_visible_to(user)
    lived = HouseholdYear.objects.filter(household=OuterRef("pk"), area__in=visible)
    return Household.objects.filter(Q(area__in=visible) | Exists(lived))


def people_visible_to(user: User) -> QuerySet[Person]:
    """People who held a position in, or belong to a household of, or were nominated from the subtree."""
    if sees_everything(user):
        return Person.objects.all()
    visible = units_visible_to(user)
    held = Position.objects.filter(person=OuterRef("pk"), unit__in=visible)
    awarded = Award.objects.filter(person=OuterRef("pk"), nomination__person_area__in=visible)
    return Person.objects.filter(Q(household__area__in=visible) | Exists(held) | Exists(awarded))


def _found[M: Model](queryset: QuerySet[M], pk: int, user: User) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(_("There is no such record, or it is outside the unit you work for."))
    authorize(user, "awards.view_history", found)
    return found


def get_area_for_user(user: User, pk: int) -> Unit:
    return _found(areas_visible_to(user), pk, user)


def get_household_for_user(user: User, pk: int) -> Household:
    return _found(households_visible_to(user), pk, user)


def get_person_for_user(user: User, pk: int) -> Person:
    return _found(people_visible_to(user).select_related("household"), pk, user)


# --- search without diacritics ---------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    kind: str  # "area", "household", "person"
    pk: int
    name: str
    where: str


@dataclass
class SearchResults:
    query: str
    areas: list[Found] = field(default_factory=list)
    households: list[Found] = field(default_factory=list)
    people: list[Found] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.areas) + len(self.households) + len(self.people)


def area_search(queryset: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """Areas whose name or code, or whose commune's name, contains every word of ``text`` ("to 8a duc xuan")."""
    for word in fold(text).split():
        queryset = queryset.filter(Q(search_text__contains=word) | Q(parent__search_text__contains=word))
    return queryset


def household_search(queryset: QuerySet[Household], text: str) -> QuerySet[Household]:
    """Households whose head, code or address contains every word of ``text``, diacritics ignored."""
    for word in fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def person_search(queryset: QuerySet[Person], text: str, *, limit: int) -> list[Person]:
    """People whose name contains every word of ``text``, diacritics ignored, in Vietnamese order:
    one SQL filter on the folded, indexed ``search_text``, as for households and areas."""
    words = fold(text).split()
    if not words:
        return []
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return list(queryset.order_by(vi_order("full_name"), "pk")[:limit])


def history_search(user: User, text: str, *, limit: int = 30) -> SearchResults:
    """Areas, households and people of the user's subtree matching ``text`` without diacritics."""
    results = SearchResults(query=text.strip())
    if not fold(text).split():
        return results
    today = datetime.date.today()
    areas = list(area_search(areas_visible_to(user), text).order_by(vi_order("name"), "pk")[:limit])
    households = list(
        household_search(households_visible_to(user), text).order_by(vi_order("head_name"), "code")[:limit]
    )
    people = person_search(people_visible_to(user), text, limit=limit)
    person_units = {}
    for position in Position.objects.filter(person__in=people).order_by("term_from", "pk"):
        person_units[position.person_id] = position.unit_id  # the latest term wins
    names = UnitNames()
    names.want(*(a.pk for a in areas), *(h.area_id for h in households), *person_units.values())

    def where(unit_id: int | None) -> str:
        commune = names.parent(unit_id, today)
        names.want(commune)
        parts = [names.name(unit_id, today), names.name(commune, today)]
        return ", ".join(p for p in parts if p)

    for area in areas:
        commune = names.parent(area.pk, today)
        names.want(commune)
        results.areas.append(Found("area", area.pk, names.name(area.pk, today), names.name(commune, today)))
    results.households.extend(
        Found("household", h.pk, f"{h.head_name} ({h.code})", where(h.area_id)) for h in households
    )
    results.people.extend(Found("person", p.pk, p.full_name, where(person_units.get(p.pk))) for p in people)
    return results
