"""What is issued does not change, in the database: raw SQL and the ORM's bulk paths are refused.

Recognition decisions and their title lines, commendation decisions' awards, tờ trình and register
entries; only a revocation (once) and the register's two fill-ins (the document, the stored file) are
writable.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from thidua.awards.decisions.services import award_revoke, decision_issue, proposal_send
from thidua.awards.models import Award, Proposal
from thidua.awards.tests.fixtures_decisions import LEGAL_BASES, SUBJECT, build_round
from thidua.evaluations.models import AreaYear, Decision, HouseholdYear
from thidua.evaluations.services import title_revoke
from thidua.evaluations.tests.documents_fixtures import Year, build_year
from thidua.people.models import Person
from thidua.register.models import RegisterEntry
from thidua.register.selectors import entry_of
from thidua.register.services import entry_attach
from thidua.testing import Cast

D = datetime.date


def refused(write: Callable[[], Any]) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        write()


def sql(statement: str, *params: Any) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)

    return run


@pytest.fixture
def year(cast: Cast) -> Year:
    return build_year(cast)


def test_a_recognition_decision_refuses_sql_and_the_bulk_paths(year: Year) -> None:
    decision = year.gdvh
    refused(sql("UPDATE evaluations_decision SET number = 99 WHERE id = %s", decision.pk))
    refused(sql("UPDATE evaluations_decision SET issued_on = %s WHERE id = %s", D(2012, 1, 1), decision.pk))
    refused(lambda: Decision.objects.filter(pk=decision.pk).update(signer_name="Người khác"))
    decision.number = 99
    refused(lambda: Decision.objects.bulk_update([decision], ["number"]))
    if connection.vendor == "postgresql":
        refused(sql("DELETE FROM evaluations_decision WHERE id = %s", decision.pk))
    decision.refresh_from_db()
    assert decision.number == year.gdvh.number and decision.signer_name != "Người khác"


def test_a_decided_household_year_keeps_its_title_and_may_only_be_revoked_once(cast: Cast, year: Year) -> None:
    line = HouseholdYear.objects.filter(decision=year.gdvh, titled=True).order_by("pk").first()
    assert line is not None
    untitled = HouseholdYear.objects.filter(decision=year.gdvh, titled=False).first()
    assert untitled is not None
    refused(sql("UPDATE evaluations_householdyear SET titled = NOT titled WHERE id = %s", untitled.pk))
    refused(lambda: HouseholdYear.objects.filter(pk=line.pk).update(titled=False))
    refused(lambda: HouseholdYear.objects.filter(pk=line.pk).update(decision=None))
    line.household_id = untitled.household_id
    refused(lambda: HouseholdYear.objects.bulk_update([line], ["household"]))
    if connection.vendor == "postgresql":
        refused(sql("DELETE FROM evaluations_householdyear WHERE id = %s", line.pk))
    line.refresh_from_db()
    # The working columns of the year stay writable …
    HouseholdYear.objects.filter(pk=line.pk).update(points=95)
    # … and the revocation is recorded once, through its service, and never undone.
    title_revoke(line=line, revoked_on=D(2013, 6, 1), reason="Vi phạm hương ước", actor=cast["ducxuan"])
    refused(lambda: HouseholdYear.objects.filter(pk=line.pk).update(revoked_on=None, revocation_reason=""))
    refused(sql("UPDATE evaluations_householdyear SET revocation_reason = 'khác' WHERE id = %s", line.pk))
    line.refresh_from_db()
    assert (line.titled, line.decision_id, line.revoked_on) == (True, year.gdvh.pk, D(2013, 6, 1))


def test_a_decided_area_year_keeps_its_title(year: Year) -> None:
    line = AreaYear.objects.get(decision=year.kdc)
    refused(sql("UPDATE evaluations_areayear SET titled = NOT titled WHERE id = %s", line.pk))
    refused(lambda: AreaYear.objects.filter(pk=line.pk).update(decision=year.gdvh))
    line.year = 2011
    refused(lambda: AreaYear.objects.bulk_update([line], ["year"]))
    AreaYear.objects.filter(pk=line.pk).update(mttq_points=88)  # the Front's own evaluation is not the title


def _issued(cast: Cast) -> Any:
    data = build_round(cast)
    return decision_issue(
        round=data.round,
        form_codes=["gk-kdc", "gk-bctmt"],
        issued_on=D(2014, 1, 10),
        subject=SUBJECT,
        legal_bases=LEGAL_BASES,
        signer_prefix="",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Du",
        recipients_note="",
        actor=cast["backan"],
    ), data


def test_the_awards_of_an_issued_decision_refuse_sql_and_the_bulk_paths(cast: Cast) -> None:
    decision, _data = _issued(cast)
    area_award = Award.objects.filter(decision=decision, area__isnull=False).first()
    person_award = Award.objects.filter(decision=decision, person__isnull=False).first()
    assert area_award is not None and person_award is not None
    # The reviewer's attacks: an awarded area swapped for a unit of huyện Chợ Mới, a person swapped.
    refused(sql("UPDATE awards_award SET area_id = %s WHERE id = %s", cast.cho_moi.pk, area_award.pk))
    other = Person.objects.exclude(pk=person_award.person_id).first()
    assert other is not None
    refused(lambda: Award.objects.filter(pk=person_award.pk).update(person=other))
    person_award.person = other
    refused(lambda: Award.objects.bulk_update([person_award], ["person"]))
    refused(lambda: Award.objects.filter(decision=decision).update(window_end=2014))
    if connection.vendor == "postgresql":
        refused(sql("DELETE FROM awards_award WHERE id = %s", area_award.pk))
    area_award.refresh_from_db()
    assert area_award.area_id != cast.cho_moi.pk
    award_revoke(award=area_award, on=D(2014, 5, 1), reason="Khai man thành tích", actor=cast["backan"])
    refused(lambda: Award.objects.filter(pk=area_award.pk).update(revoked_on=None))
    area_award.refresh_from_db()
    assert area_award.revoked_on == D(2014, 5, 1)


def test_a_numbered_proposal_and_its_list_never_change(cast: Cast) -> None:
    data = build_round(cast)
    proposal = proposal_send(
        round=data.round,
        form_code=data.propose_form.code,
        sent_on=D(2014, 1, 12),
        to_body="Ban Thường trực Ủy ban MTTQ tỉnh Bắc Kạn",
        actor=cast["backan"],
    )
    refused(lambda: Proposal.objects.filter(pk=proposal.pk).update(number=9))
    refused(sql("UPDATE awards_proposal SET sent_on = %s WHERE id = %s", D(2013, 1, 1), proposal.pk))
    if connection.vendor == "postgresql":
        refused(sql("DELETE FROM awards_proposal_nominations WHERE proposal_id = %s", proposal.pk))
        refused(sql("DELETE FROM awards_proposal WHERE id = %s", proposal.pk))
    entry = entry_of(proposal)
    assert entry is not None and entry.number == proposal.number


def test_a_register_entry_is_filled_in_once_and_never_renumbered(cast: Cast, year: Year) -> None:
    entry = entry_of(year.gdvh)
    assert entry is not None
    refused(lambda: RegisterEntry.objects.filter(pk=entry.pk).update(number=entry.number + 1))
    refused(sql("UPDATE register_registerentry SET year = year - 1 WHERE id = %s", entry.pk))
    refused(lambda: entry_attach(entry=entry, document=year.kdc))
    RegisterEntry.objects.filter(pk=entry.pk).update(file="register/2012/qd.pdf", sha256="ab" * 32)
    refused(lambda: RegisterEntry.objects.filter(pk=entry.pk).update(sha256="cd" * 32))
    if connection.vendor == "postgresql":
        refused(sql("DELETE FROM register_registerentry WHERE id = %s", entry.pk))
    entry.refresh_from_db()
    assert (entry.object_id, entry.sha256) == (year.gdvh.pk, "ab" * 32)
