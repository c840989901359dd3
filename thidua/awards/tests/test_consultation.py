# ruff: noqa: F811  (the fixtures imported from fixtures_consultation are parameters here)
"""The public consultation's services: the period in working days, objections, answers, blockers."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from thidua.audit.models import AuditEntry
from thidua.awards.consultation.selectors import (
    consultation_blocker_errors,
    consultation_blockers,
    consultation_last_day,
    published_rows,
)
from thidua.awards.consultation.services import (
    OBJECTION_RATE_LIMIT,
    consultation_publish,
    objection_answer,
    objection_submit,
    source_hash,
)
from thidua.awards.models import (
    NominationStatus,
    NominationStep,
    ObjectionStatus,
    PublicObjection,
    Round,
    RoundStatus,
)
from thidua.awards.tests.fixtures_consultation import (  # noqa: F401  (the fixtures)
    LAST_DAY,
    PUBLISHED_ON,
    RoundSetup,
    _empty_cache,
    build_round,
    published,
    setup,
)
from thidua.errors import DomainError
from thidua.testing import Cast

TEXT = "Tổ 8A năm 2012 chưa đạt danh hiệu khu dân cư văn hóa."
D = datetime.date


def _round_fields(round: Round) -> tuple[object, ...]:
    round.refresh_from_db()
    return (round.status, round.consultation_from, round.consultation_working_days, round.consultation_until)


def _objection(
    setup: RoundSetup, on: D = PUBLISHED_ON, source: str = "203.0.113.7", **fields: object
) -> PublicObjection:
    return objection_submit(round=setup.round, text=fields.pop("text", TEXT), source=source, on=on, **fields)  # type: ignore[arg-type]


# --- the period -------------------------------------------------------------------------------------


def test_the_day_of_publication_is_not_counted_and_weekends_are_skipped() -> None:
    # Wed 26/02/2014: Thu 27, Fri 28, Mon 3 … Fri 7 (7), Mon 10, Tue 11, Wed 12/03 is the tenth.
    assert consultation_last_day(D(2014, 2, 26), 10) == D(2014, 3, 12)
    # Published on a Friday: the period starts on Monday, and ends on the Friday two weeks later.
    assert consultation_last_day(D(2014, 3, 14), 10) == D(2014, 3, 28)


def test_the_period_skips_tet() -> None:
    # Fri 24/01/2014: Mon 27, Tue 28, then Tết (29/01–04/02, a weekend inside it), Wed 5/2 is the third
    # working day … Fri 14/02/2014 the tenth.
    assert consultation_last_day(D(2014, 1, 24), 10) == D(2014, 2, 14)
    # Without the holidays it would have ended on Friday 7/2, in the middle of nothing.
    assert consultation_last_day(D(2014, 1, 24), 15) == D(2014, 2, 21)


def test_publishing_sets_the_period_and_the_status(setup: RoundSetup, cast: Cast) -> None:
    round = consultation_publish(round=setup.round, on=D(2014, 1, 24), working_days=10, actor=cast["backan"])
    assert _round_fields(round) == (RoundStatus.CONSULTING, D(2014, 1, 24), 10, D(2014, 2, 14))
    entry = AuditEntry.objects.get(action="awards.consultation_publish")
    assert entry.actor == cast["backan"]
    assert entry.changes["consultation_until"] == [None, "2014-02-14"]
    assert entry.changes["status"] == [RoundStatus.NOMINATING, RoundStatus.CONSULTING]


def test_nine_working_days_are_refused_and_nothing_changes(setup: RoundSetup, cast: Cast) -> None:
    before = _round_fields(setup.round)
    with pytest.raises(DomainError) as info:
        consultation_publish(round=setup.round, on=PUBLISHED_ON, working_days=9, actor=cast["backan"])
    assert info.value.reason("en") == "The consultation lasts at least 10 working days; 9 were given."
    assert info.value.reason("vi") == "Thời gian lấy ý kiến ít nhất 10 ngày làm việc; mới đặt 9 ngày."
    assert _round_fields(setup.round) == before
    assert not AuditEntry.objects.filter(action="awards.consultation_publish").exists()


def test_ten_working_days_are_accepted(setup: RoundSetup, cast: Cast) -> None:
    round = consultation_publish(round=setup.round, on=PUBLISHED_ON, working_days=10, actor=cast["backan"])
    assert round.consultation_until == LAST_DAY


def test_a_round_without_an_accepted_nomination_is_not_published(cast: Cast) -> None:
    setup = build_round(cast, accepted=NominationStatus.SUBMITTED)
    before = _round_fields(setup.round)
    with pytest.raises(DomainError) as info:
        consultation_publish(round=setup.round, on=PUBLISHED_ON, actor=cast["backan"])
    assert "nothing to publish" in info.value.reason("en")
    assert _round_fields(setup.round) == before


def test_a_list_is_published_once(published: RoundSetup, cast: Cast) -> None:
    before = _round_fields(published.round)
    with pytest.raises(DomainError) as info:
        consultation_publish(round=published.round, on=D(2014, 3, 20), actor=cast["backan"])
    assert info.value.reason("en") == "The list of this round was already published on 26/02/2014."
    assert _round_fields(published.round) == before


def test_a_round_before_the_council_is_not_published_again(cast: Cast) -> None:
    setup = build_round(cast, status=RoundStatus.COUNCIL)
    with pytest.raises(DomainError):
        consultation_publish(round=setup.round, on=PUBLISHED_ON, actor=cast["backan"])
    assert _round_fields(setup.round)[0] == RoundStatus.COUNCIL


def test_only_accepted_nominations_are_published_without_their_evidence(published: RoundSetup) -> None:
    rows = published_rows(published.round)
    assert [(r.name, r.area, r.commune, r.collective) for r in rows] == [
        ("tổ 8A", "tổ 8A", "phường Đức Xuân", True),
        ("Hoàng Văn Thụ", "tổ 8A", "phường Đức Xuân", False),
    ]
    assert published.pending.pk not in {r.nomination_id for r in rows}
    assert not {"evidence", "report", "justification"} & set(vars(rows[0]))


# --- objections -------------------------------------------------------------------------------------


def test_an_objection_on_the_day_of_publication_and_on_the_last_day_is_taken(published: RoundSetup) -> None:
    first = _objection(published, on=PUBLISHED_ON)
    last = _objection(published, on=LAST_DAY, nomination=published.area_nomination, name="Nông Văn A")
    assert PublicObjection.objects.filter(round=published.round).count() == 2
    assert last.nomination == published.area_nomination
    assert first.status == ObjectionStatus.OPEN


def test_an_objection_the_day_after_the_last_day_is_refused(published: RoundSetup) -> None:
    with pytest.raises(DomainError) as info:
        _objection(published, on=LAST_DAY + datetime.timedelta(days=1))
    assert info.value.reason("en") == "Objections are taken from 26/02/2014 to 12/03/2014 only."
    assert info.value.reason("vi") == "Chỉ nhận ý kiến phản ánh từ ngày 26/02/2014 đến ngày 12/03/2014."
    assert not PublicObjection.objects.exists()


def test_an_objection_before_publication_is_refused(setup: RoundSetup) -> None:
    with pytest.raises(DomainError) as info:
        _objection(setup)
    assert "not published" in info.value.reason("en")
    assert not PublicObjection.objects.exists()


def test_an_objection_of_nineteen_characters_is_refused_and_twenty_are_taken(published: RoundSetup) -> None:
    with pytest.raises(DomainError) as info:
        _objection(published, text="x" * 19)
    assert info.value.reason("en") == "Write the objection in at least 20 characters."
    assert not PublicObjection.objects.exists()
    # Spaces around the text do not count.
    assert _objection(published, text="  " + "y" * 20 + "  ").text == "y" * 20


def test_an_objection_to_a_nomination_not_on_the_list_is_refused(published: RoundSetup) -> None:
    with pytest.raises(DomainError):
        _objection(published, nomination=published.pending)
    assert not PublicObjection.objects.exists()


def test_the_sender_address_is_kept_only_as_a_keyed_hash(published: RoundSetup) -> None:
    objection = _objection(published, source="198.51.100.23")
    assert objection.source_hash == source_hash("198.51.100.23")
    assert len(objection.source_hash) == 64
    assert "198.51.100.23" not in objection.source_hash
    assert source_hash("198.51.100.23") != source_hash("198.51.100.24")
    entry = AuditEntry.objects.get(action="awards.objection_submit")
    assert entry.actor is None
    assert "198.51.100.23" not in str(entry.changes)


def test_the_fifth_objection_in_an_hour_is_taken_and_the_sixth_refused(published: RoundSetup) -> None:
    for _ in range(OBJECTION_RATE_LIMIT):
        _objection(published, source="203.0.113.9")
    assert PublicObjection.objects.count() == 5
    with pytest.raises(DomainError) as info:
        _objection(published, source="203.0.113.9")
    assert "at most 5 an hour" in info.value.reason("en")
    assert PublicObjection.objects.count() == 5
    # Another sender is not held back by the first one.
    _objection(published, source="203.0.113.10")
    assert PublicObjection.objects.count() == 6


# --- answers ----------------------------------------------------------------------------------------


def test_an_answer_is_required(published: RoundSetup, cast: Cast) -> None:
    objection = _objection(published)
    with pytest.raises(DomainError) as info:
        objection_answer(objection=objection, status=ObjectionStatus.DISMISSED, answer="   ", actor=cast["backan"])
    assert info.value.reason("en") == "Write the answer to the objection."
    objection.refresh_from_db()
    assert (objection.status, objection.answer, objection.answered_at) == (ObjectionStatus.OPEN, "", None)


def test_an_answer_is_upheld_or_dismissed(published: RoundSetup, cast: Cast) -> None:
    objection = _objection(published)
    with pytest.raises(DomainError):
        objection_answer(objection=objection, status=ObjectionStatus.OPEN, answer="Đã xem xét.", actor=cast["backan"])
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN


def test_a_dismissed_objection_keeps_the_nomination(published: RoundSetup, cast: Cast) -> None:
    objection = _objection(published, nomination=published.area_nomination)
    objection_answer(
        objection=objection,
        status=ObjectionStatus.DISMISSED,
        answer="Tổ 8A đạt danh hiệu năm 2012 theo Quyết định số 15/QĐ-UBND.",
        actor=cast["backan"],
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DISMISSED
    assert objection.answered_by == cast["backan"]
    published.area_nomination.refresh_from_db()
    assert published.area_nomination.status == NominationStatus.ACCEPTED
    assert AuditEntry.objects.filter(action="awards.objection_answer", actor=cast["backan"]).count() == 1


def test_an_upheld_objection_withdraws_its_nomination_citing_it(published: RoundSetup, cast: Cast) -> None:
    objection = _objection(published, nomination=published.person_nomination)
    objection_answer(
        objection=objection,
        status=ObjectionStatus.UPHELD,
        answer="Ông Thụ thôi giữ chức Trưởng ban từ năm 2011.",
        actor=cast["backan"],
    )
    published.person_nomination.refresh_from_db()
    assert published.person_nomination.status == NominationStatus.WITHDRAWN
    step = NominationStep.objects.get(nomination=published.person_nomination)
    assert (step.source, step.target, step.actor) == (
        NominationStatus.ACCEPTED,
        NominationStatus.WITHDRAWN,
        cast["backan"],
    )
    assert "Ông Thụ thôi giữ chức Trưởng ban" in step.reason
    assert step.reason.startswith("Ý kiến phản ánh ngày")
    moved = AuditEntry.objects.filter(action="awards.nomination_transition", actor=cast["backan"], reason=step.reason)
    assert moved.count() == 1
    # The withdrawn nomination leaves the published list.
    assert [r.name for r in published_rows(published.round)] == ["tổ 8A"]


def test_an_objection_is_answered_once(published: RoundSetup, cast: Cast) -> None:
    objection = _objection(published)
    objection_answer(
        objection=objection, status=ObjectionStatus.DISMISSED, answer="Không có cơ sở.", actor=cast["backan"]
    )
    with pytest.raises(DomainError):
        objection_answer(objection=objection, status=ObjectionStatus.UPHELD, answer="Đổi ý.", actor=cast["backan"])
    objection.refresh_from_db()
    assert (objection.status, objection.answer) == (ObjectionStatus.DISMISSED, "Không có cơ sở.")


# --- blockers ---------------------------------------------------------------------------------------


def test_blockers_until_the_period_ends_and_every_objection_is_answered(published: RoundSetup, cast: Cast) -> None:
    first = _objection(published)
    second = _objection(published, on=LAST_DAY)
    with translation.override("en"):
        assert consultation_blockers(published.round, LAST_DAY) == [
            "The consultation runs until 12/03/2014.",
            "2 objections are not answered.",
        ]
    with translation.override("vi"):
        assert consultation_blockers(published.round, LAST_DAY) == [
            "Thời gian lấy ý kiến nhân dân kéo dài đến hết ngày 12/03/2014.",
            "Còn 2 ý kiến phản ánh chưa được trả lời.",
        ]
    after = LAST_DAY + datetime.timedelta(days=1)
    objection_answer(objection=first, status=ObjectionStatus.DISMISSED, answer="Không có cơ sở.", actor=cast["backan"])
    with translation.override("en"):
        assert consultation_blockers(published.round, after) == ["1 objection is not answered."]
    objection_answer(objection=second, status=ObjectionStatus.DISMISSED, answer="Không có cơ sở.", actor=cast["backan"])
    assert consultation_blockers(published.round, after) == []
    assert consultation_blocker_errors(published.round, after) == []


def test_an_unpublished_round_is_blocked(setup: RoundSetup) -> None:
    errors = consultation_blocker_errors(setup.round, D(2014, 6, 1))
    assert [e.reason("en") for e in errors] == ["The list has not been published for public consultation."]
