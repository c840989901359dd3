"""Nominations through the services: who may nominate what, the moves of a nomination, the quota at
acceptance, and the achievement report drafted from the data. Every refusal changes nothing."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from thidua.audit.models import AuditEntry
from thidua.awards.consultation import services as consultation
from thidua.awards.models import (
    Award,
    AwardDecision,
    Nomination,
    NominationStatus,
    NominationStep,
    ObjectionStatus,
    Organ,
    PublicObjection,
    RoundStatus,
)
from thidua.awards.nominations import services as nominations
from thidua.awards.nominations import workflow as nomination_workflow
from thidua.awards.nominations.services import (
    nomination_accept,
    nomination_create,
    nomination_report_draft,
    nomination_report_update,
    nomination_return,
    nomination_submit,
    nomination_withdraw,
)
from thidua.awards.rounds.services import round_status_set
from thidua.awards.tests.fixtures_nominations import Story, head_of, make_round, story_fixture  # noqa: F401
from thidua.errors import DomainError

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Tổ đã tự quản an ninh trật tự tốt, được Công an phường khen năm 2012."


def _state() -> tuple[Any, ...]:
    return (
        sorted(Nomination.objects.values_list("pk", "status", "report", "outside_candidates")),
        NominationStep.objects.count(),
        AuditEntry.objects.count(),
    )


def refused(call: Callable[[], object]) -> DomainError:
    """The error of a refused call, after checking that it changed nothing."""
    before = _state()
    with pytest.raises(DomainError) as info:
        call()
    assert _state() == before
    return info.value


def _nominate(story: Story, **fields: Any) -> Nomination:
    values: dict[str, Any] = {
        "round": story.round,
        "form": story.area_form,
        "area": story.to_8a,
        "nominated_by": story.cast.duc_xuan,
        "actor": story.cast["ducxuan"],
    }
    values.update(fields)
    return nomination_create(**values)


def test_a_commune_nominates_an_eligible_area_with_its_evidence_and_a_drafted_report(story: Story) -> None:
    nomination = _nominate(story)

    assert nomination.status == NominationStatus.DRAFT
    assert nomination.outside_candidates is False
    assert nomination.evidence["years"]["2010"]["decision"] == "07/QĐ-UBND 15/01/2011"
    assert "Quyết định số 07/QĐ-UBND ngày 15/01/2011" in nomination.report
    entry = AuditEntry.objects.get(action="awards.nomination_create")
    assert entry.object_id == str(nomination.pk)


def test_a_commune_nominates_its_truong_ban_with_the_area_of_the_person(story: Story) -> None:
    nomination = _nominate(story, form=story.bctmt_form, area=None, person=story.head_8a)

    assert nomination.person_area == story.to_8a
    assert nomination.evidence["terms"][0]["from"] == "01/01/2009"


def test_it_refuses_an_area_outside_the_nominating_communes_subtree(story: Story) -> None:
    error = refused(lambda: _nominate(story, area=story.to_12))

    assert "is not in phường Đức Xuân during the period" in error.reason("en")


def test_it_refuses_a_person_whose_area_is_outside_the_communes_subtree(story: Story) -> None:
    head_12 = head_of(story.to_12, "Nông Văn Chí")

    error = refused(lambda: _nominate(story, form=story.bctmt_form, area=None, person=head_12))

    assert "is not in phường Đức Xuân" in error.reason("en")


@pytest.mark.parametrize("username", ["backan", "chomoi", "to8a", "hoidong"])
def test_it_refuses_an_actor_who_is_not_an_officer_of_the_nominating_commune(story: Story, username: str) -> None:
    refused(lambda: _nominate(story, actor=story.cast[username]))


def test_it_refuses_an_area_level_unit_as_the_nominating_unit(story: Story) -> None:
    error = refused(lambda: _nominate(story, nominated_by=story.to_8a, actor=story.cast["admin"]))

    assert "a commune or a higher unit does" in error.reason("en")


def test_it_refuses_a_candidate_that_is_not_eligible_and_says_why(story: Story) -> None:
    error = refused(lambda: _nominate(story, area=story.to_10))

    assert "is not an eligible candidate" in error.reason("en")
    assert "not in 2009, 2010" in error.reason("en")


def test_outside_the_candidates_it_needs_a_justification_of_thirty_characters(story: Story) -> None:
    short = "x" * (nominations.MIN_JUSTIFICATION - 1)

    error = refused(lambda: _nominate(story, area=story.to_10, outside_candidates=True, justification=short))
    assert "at least 30 characters" in error.reason("en")

    exact = "x" * nominations.MIN_JUSTIFICATION
    nomination = _nominate(story, area=story.to_10, outside_candidates=True, justification=exact)
    assert nomination.outside_candidates is True
    assert nomination.justification == exact


def test_an_outside_nomination_is_flagged_and_its_report_carries_the_justification(story: Story) -> None:
    nomination = _nominate(story, area=story.to_10, outside_candidates=True, justification=JUSTIFICATION)

    assert nomination.outside_candidates is True
    assert JUSTIFICATION in nomination.report
    assert AuditEntry.objects.get(action="awards.nomination_create").reason == JUSTIFICATION


def test_an_eligible_candidate_asked_outside_the_list_is_not_flagged(story: Story) -> None:
    nomination = _nominate(story, outside_candidates=True, justification=JUSTIFICATION)

    assert nomination.outside_candidates is False
    assert nomination.justification == ""


def test_it_refuses_a_second_nomination_of_the_same_subject_in_the_round(story: Story) -> None:
    _nominate(story)

    error = refused(lambda: _nominate(story))

    assert "is already nominated in this round" in error.reason("en")
    assert "đã được đề nghị" in error.reason("vi") or error.reason("vi")


def test_it_refuses_a_second_nomination_of_a_person_even_for_another_form(story: Story) -> None:
    _nominate(story, form=story.bctmt_form, area=None, person=story.head_8a)

    refused(lambda: _nominate(story, form=story.bctmt_form, area=None, person=story.head_8a))


def test_a_withdrawn_nomination_stays_on_record_and_the_subject_may_be_put_forward_again(story: Story) -> None:
    withdrawn = nomination_withdraw(nomination=_nominate(story), actor=story.cast["ducxuan"], reason="Nhầm hình thức")

    again = _nominate(story)

    assert again.pk != withdrawn.pk
    assert list(Nomination.objects.filter(area=story.to_8a).order_by("pk").values_list("status", flat=True)) == [
        NominationStatus.WITHDRAWN,
        NominationStatus.DRAFT,
    ]
    # The one that stands still blocks a third.
    assert "is already nominated in this round" in refused(lambda: _nominate(story)).reason("en")


def test_two_nominations_at_the_same_moment_end_in_the_same_clear_refusal(
    story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _nominate(story)
    check = nominations._refuse_duplicate
    calls = {"n": 0}

    def late(*args: Any) -> None:
        # The first check runs before the other officer's row exists; the database catches it.
        calls["n"] += 1
        if calls["n"] > 1:
            check(*args)

    monkeypatch.setattr(nominations, "_refuse_duplicate", late)
    error = refused(lambda: _nominate(story))

    assert "is already nominated in this round" in error.reason("en")
    assert Nomination.objects.get() == first


def test_it_refuses_a_window_already_rewarded(story: Story) -> None:
    cast = story.cast
    earlier = make_round(cast, name="Biểu dương 2011–2013", period_start=2011, period_end=2013)
    form = earlier.forms.create(code="gk", name="Giấy khen", subject="area", awarding_body="UBND")
    old = Nomination.objects.create(round=earlier, form=form, area=story.to_8a, nominated_by=cast.duc_xuan)
    decision = AwardDecision.objects.create(
        round=earlier,
        issuer=cast.town,
        organ=Organ.UBND,
        year=2014,
        number=4,
        symbol="QĐ-UBND",
        issued_on=datetime.date(2014, 3, 1),
        subject="Về việc khen thưởng",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Bình",
    )
    Award.objects.create(
        nomination=old, form=form, area=story.to_8a, window_start=2011, window_end=2013, decision=decision
    )

    error = refused(lambda: _nominate(story, outside_candidates=True, justification=JUSTIFICATION))

    assert "was already rewarded for these years" in error.reason("en")
    assert "04/QĐ-UBND" in error.reason("en")


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CONSULTING, RoundStatus.DECIDED])
def test_it_refuses_a_nomination_when_the_round_does_not_take_them(story: Story, status: str) -> None:
    # The round moves there through its own table, as the officers who run it move it.
    path = {RoundStatus.DRAFT: [RoundStatus.DRAFT], RoundStatus.CONSULTING: [RoundStatus.CONSULTING]}.get(
        status, [RoundStatus.CONSULTING, RoundStatus.COUNCIL, RoundStatus.DECIDED]
    )
    for step in path:
        round_status_set(round=story.round, to=step, actor=story.cast["backan"])

    error = refused(lambda: _nominate(story))

    assert "nominations are taken only while they are open" in error.reason("en")


def test_it_takes_nominations_on_the_due_day_and_refuses_them_the_day_after(
    story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    story.round.nominations_due = datetime.date(2014, 2, 28)
    story.round.save()
    monkeypatch.setattr(nomination_workflow, "_today", lambda: datetime.date(2014, 3, 1))
    error = refused(lambda: _nominate(story))
    assert "were due on 28/02/2014" in error.reason("en")

    monkeypatch.setattr(nomination_workflow, "_today", lambda: datetime.date(2014, 2, 28))
    assert _nominate(story).status == NominationStatus.DRAFT


# The moves ----------------------------------------------------------------------------------------


def test_the_commune_submits_and_the_district_returns_with_a_reason_then_accepts(story: Story) -> None:
    cast = story.cast
    nomination = _nominate(story)

    nomination_submit(nomination=nomination, actor=cast["ducxuan"])
    nomination_return(nomination=nomination, reason="Bổ sung số liệu năm 2012.", actor=cast["backan"])
    nomination_submit(nomination=nomination, actor=cast["ducxuan"])
    nomination_accept(nomination=nomination, actor=cast["backan"])

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED
    steps = list(nomination.steps.values_list("source", "target", "actor__username", "reason"))
    assert steps == [
        ("draft", "submitted", "ducxuan", ""),
        ("submitted", "returned", "backan", "Bổ sung số liệu năm 2012."),
        ("returned", "submitted", "ducxuan", ""),
        ("submitted", "accepted", "backan", ""),
    ]
    assert AuditEntry.objects.filter(action="awards.nomination_transition").count() == 4


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_return_without_a_reason_is_refused(story: Story, reason: str) -> None:
    nomination = _nominate(story)
    nomination_submit(nomination=nomination, actor=story.cast["ducxuan"])

    error = refused(lambda: nomination_return(nomination=nomination, reason=reason, actor=story.cast["backan"]))

    assert "Say why the nomination is returned" in error.reason("en")


@pytest.mark.parametrize("username", ["backan", "to8a", "hoidong", "chomoi"])
def test_only_the_communes_officer_submits(story: Story, username: str) -> None:
    nomination = _nominate(story)

    refused(lambda: nomination_submit(nomination=nomination, actor=story.cast[username]))


@pytest.mark.parametrize("username", ["ducxuan", "to8a", "hoidong", "chomoi"])
def test_only_the_district_returns_or_accepts(story: Story, username: str) -> None:
    nomination = _nominate(story)
    nomination_submit(nomination=nomination, actor=story.cast["ducxuan"])
    actor = story.cast[username]

    refused(lambda: nomination_accept(nomination=nomination, actor=actor))
    refused(lambda: nomination_return(nomination=nomination, reason="Thiếu hồ sơ.", actor=actor))


def test_a_draft_cannot_be_accepted_nor_an_accepted_one_withdrawn(story: Story) -> None:
    cast = story.cast
    nomination = _nominate(story)
    error = refused(lambda: nomination_accept(nomination=nomination, actor=cast["backan"]))
    assert "It is draft and cannot become accepted" in error.reason("en")

    nomination_submit(nomination=nomination, actor=cast["ducxuan"])
    nomination_accept(nomination=nomination, actor=cast["backan"])
    refused(lambda: nomination_withdraw(nomination=nomination, actor=cast["ducxuan"]))
    # Only an upheld objection takes an accepted nomination off the list, not the district's wish.
    error = refused(lambda: nomination_withdraw(nomination=nomination, actor=cast["backan"]))
    assert "only when an objection against it is upheld" in error.reason("en")
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.ACCEPTED


def test_a_nomination_withdrawn_after_an_upheld_objection_keeps_the_subject_taken(story: Story) -> None:
    nomination = _nominate(story)
    nomination_submit(nomination=nomination, actor=story.cast["ducxuan"])
    nomination_accept(nomination=nomination, actor=story.cast["backan"])
    objection = PublicObjection.objects.create(
        round=story.round, nomination=nomination, text="Khu dân cư có vụ vi phạm năm 2013, đề nghị xem lại."
    )
    consultation.objection_answer(
        objection=objection, status=ObjectionStatus.UPHELD, answer="Đúng: có vi phạm.", actor=story.cast["backan"]
    )
    assert Nomination.objects.get().status == NominationStatus.WITHDRAWN

    error = refused(lambda: _nominate(story))

    assert "cannot be nominated again in the round" in error.reason("en")
    assert Nomination.objects.count() == 1


def test_a_submission_after_the_due_day_is_refused_but_a_returned_one_comes_back(
    story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    cast = story.cast
    story.round.nominations_due = datetime.date(2014, 2, 28)
    story.round.save()
    monkeypatch.setattr(nomination_workflow, "_today", lambda: datetime.date(2014, 2, 20))
    late = _nominate(story, area=story.to_9)
    returned = _nominate(story)
    nomination_submit(nomination=returned, actor=cast["ducxuan"])
    nomination_return(nomination=returned, reason="Bổ sung báo cáo.", actor=cast["backan"])

    monkeypatch.setattr(nomination_workflow, "_today", lambda: datetime.date(2014, 3, 5))
    refused(lambda: nomination_submit(nomination=late, actor=cast["ducxuan"]))
    nomination_submit(nomination=returned, actor=cast["ducxuan"])
    assert returned.status == NominationStatus.SUBMITTED


def test_a_nomination_without_a_report_cannot_be_submitted(story: Story) -> None:
    nomination = _nominate(story)
    Nomination.objects.filter(pk=nomination.pk).update(report="")

    error = refused(lambda: nomination_submit(nomination=nomination, actor=story.cast["ducxuan"]))

    assert "Attach the achievement report" in error.reason("en")


# The quota ----------------------------------------------------------------------------------------


def _three_submitted(story: Story) -> list[Nomination]:
    cast = story.cast
    made = [
        _nominate(story),
        _nominate(story, area=story.to_9),
        _nominate(story, area=story.to_12, nominated_by=cast.song_cau, actor=cast["admin"]),
    ]
    for nomination in made:
        nomination_submit(nomination=nomination, actor=cast["admin"])
    return made


def test_exactly_the_quota_is_accepted_and_one_more_is_refused_with_the_numbers(story: Story) -> None:
    story.area_form.quota_count = 2
    story.area_form.save()
    first, second, third = _three_submitted(story)
    district = story.cast["backan"]

    nomination_accept(nomination=first, actor=district)
    nomination_accept(nomination=second, actor=district)
    error = refused(lambda: nomination_accept(nomination=third, actor=district))

    assert "is 2" in error.reason("en")
    assert "of 3 eligible candidates" in error.reason("en")
    assert "2 nominations are already accepted" in error.reason("en")
    assert Nomination.objects.get(pk=third.pk).status == NominationStatus.SUBMITTED


def test_a_share_quota_is_rounded_by_the_forms_rule(story: Story) -> None:
    # 50% of a pool of 3 eligible areas is 1.5: one place when rounded down.
    story.area_form.quota_share = "0.5"
    story.area_form.save()
    first, second, _third = _three_submitted(story)
    district = story.cast["backan"]

    nomination_accept(nomination=first, actor=district)
    error = refused(lambda: nomination_accept(nomination=second, actor=district))

    assert "is 1 (50%" in error.reason("en")


def test_a_form_without_a_quota_accepts_every_submitted_nomination(story: Story) -> None:
    for nomination in _three_submitted(story):
        nomination_accept(nomination=nomination, actor=story.cast["backan"])

    assert Nomination.objects.filter(status=NominationStatus.ACCEPTED).count() == 3


# The report ---------------------------------------------------------------------------------------


def test_the_area_report_lists_each_year_with_its_decision_tier_and_movements(story: Story) -> None:
    report = _nominate(story).report

    for year, number in {2009: "05", 2010: "07", 2011: "12", 2012: "03", 2013: "09"}.items():
        assert f"- Năm {year}: đạt danh hiệu “Khu dân cư văn hóa” (Quyết định số {number}/QĐ-UBND" in report
    assert "ngày 15/01/2010 của Chủ tịch Ủy ban nhân dân thành phố Bắc Kạn" in report
    assert "xếp loại Khá, 88 điểm" in report
    assert "120/135 hộ đạt danh hiệu “Gia đình văn hóa” (88,9%)" in report
    assert "tổ 8A, phường Đức Xuân" in report
    assert "có 135 hộ gia đình" in report
    assert "phong trào “Toàn dân bảo vệ an ninh Tổ quốc”: Xây dựng mô hình khu dân cư tự quản" in report
    assert "Trưởng ban công tác Mặt trận trong giai đoạn: Hoàng Thị Mai (từ 01/01/2009 đến nay)" in report
    assert "“Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư”" in report


def test_the_truong_ban_report_gives_the_terms_and_the_areas_results(story: Story) -> None:
    nomination = _nominate(story, form=story.bctmt_form, area=None, person=story.head_8a)

    report = nomination_report_draft(nomination)

    assert "Họ và tên: Hoàng Thị Mai, sinh năm 1960; giới tính: nữ." in report
    assert "Nhiệm kỳ Trưởng ban trong giai đoạn: từ 01/01/2009 đến nay." in report
    assert "Quyết định số 09/QĐ-UBND ngày 15/01/2014" in report
    assert "ông (bà) Hoàng Thị Mai, Trưởng ban công tác Mặt trận tổ 8A" in report


def test_the_report_is_edited_while_draft_and_frozen_once_submitted(story: Story) -> None:
    cast = story.cast
    nomination = _nominate(story)

    nomination_report_update(nomination=nomination, report="Báo cáo đã sửa.", actor=cast["ducxuan"])
    assert Nomination.objects.get().report == "Báo cáo đã sửa."

    refused(lambda: nomination_report_update(nomination=nomination, report="Khác.", actor=cast["backan"]))
    refused(lambda: nomination_report_update(nomination=nomination, report="  ", actor=cast["ducxuan"]))
    nomination_submit(nomination=nomination, actor=cast["ducxuan"])
    error = refused(lambda: nomination_report_update(nomination=nomination, report="Khác.", actor=cast["ducxuan"]))
    assert "cannot be edited any more" in error.reason("en")


def test_the_report_document_carries_the_edited_text_under_the_areas_header(story: Story) -> None:
    import io

    from docx import Document

    from thidua.awards.nominations.documents import nomination_report, nomination_report_file

    nomination = _nominate(story)
    document = nomination_report(nomination, on=datetime.date(2014, 3, 10))

    assert document.kind == "BÁO CÁO"
    assert document.issuing_body == ("Ban công tác Mặt trận", "tổ dân phố 8A")
    assert document.signature.signer == "Hoàng Thị Mai"
    assert any("Quyết định số 12/QĐ-UBND ngày 15/01/2012" in line for line in document.body)
    text = "\n".join(
        p.text for p in Document(io.BytesIO(nomination_report_file(nomination, "docx").content)).paragraphs
    )
    assert "Quyết định số 09/QĐ-UBND ngày 15/01/2014" in text


def test_a_movement_kept_up_over_the_years_is_one_line_of_the_report(story: Story) -> None:
    from thidua.awards.tests.fixtures_nominations import movement_of

    for year in (2009, 2010, 2012, 2013):
        movement_of(
            story.cast.to_8a,
            year,
            "an-ninh",
            "Toàn dân bảo vệ an ninh Tổ quốc",
            "Xây dựng mô hình khu dân cư tự quản về an ninh trật tự",
        )
    for year in (2010, 2012):
        movement_of(story.cast.to_8a, year, "xanh", "Khu dân cư xanh – sạch – đẹp", "")
    report = _nominate(story).report

    assert report.count("“Toàn dân bảo vệ an ninh Tổ quốc”") == 1
    assert "- Các năm 2009–2013, phong trào “Toàn dân bảo vệ an ninh Tổ quốc”: Xây dựng mô hình" in report
    assert "- Các năm 2010, 2012, phong trào “Khu dân cư xanh – sạch – đẹp”." in report
