"""Every kind of document the demo story issues, found again in a database where the story is built.

One list for the pictures of the documentation (`scripts/render_documents.py`) and for the tests
that open every kind of document in programs thidua did not write (an OOXML validator, LibreOffice,
a PDF/A check): a kind added here is pictured and checked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from thidua.documents.model import AdministrativeDocument, Certificate

# The demo story's fixed references: the town, tổ 8A of phường Đức Xuân, the last year of the period.
TOWN = "vn-2024:058"
TO_8A = "01840-08A"
YEAR = 2013
# The papers the story leaves undated are dated as the story would have them: the area's report
# after the town's last recognition decision (26/12/2013), the summary report after the province
# decided on the proposals (18/02/2014), for the conference of 27/02/2014 where it is read.
REPORT_ON = datetime.date(2013, 12, 27)
SUMMARY_ON = datetime.date(2014, 2, 24)


@dataclass(frozen=True)
class StoryDocuments:
    """(file stem, document) of each kind in the story's order, and two of the town's Giấy khen."""

    documents: list[tuple[str, AdministrativeDocument]]
    certificates: list[Certificate]


def story_documents() -> StoryDocuments:
    """The story's documents; SystemExit when the story is not in this database."""
    from thidua.awards.council.documents import council_minutes
    from thidua.awards.decisions.documents import award_certificates, award_decision_document, proposal_document
    from thidua.awards.models import AwardDecision, CouncilSession, Nomination, Proposal, Round
    from thidua.awards.nominations.documents import nomination_report
    from thidua.demo.story_round import NAME
    from thidua.evaluations.documents import meeting_minutes, recognition_decision
    from thidua.evaluations.models import AreaYear, DecisionKind, HouseholdYear, MeetingKind
    from thidua.events.documents import conference_report, invitation_letter, personal_letters, presentation_document
    from thidua.events.models import Conference
    from thidua.reports.selectors import period_stats
    from thidua.reports.summary import summary_report
    from thidua.units.models import Unit

    town = Unit.objects.get(source_key=TOWN)
    round = Round.objects.filter(name=NAME, issuer=town).first()
    if round is None:
        raise SystemExit("The demo story is not in this database: run `manage.py demo --story` first.")
    household_line = HouseholdYear.objects.filter(
        area__code=TO_8A, year=YEAR, decision__kind=DecisionKind.GDVH
    ).select_related("decision", "meeting")[0]
    area_line = AreaYear.objects.filter(area__code=TO_8A, year=YEAR, decision__isnull=False)
    gdvh, kdc = household_line.decision, area_line.select_related("decision")[0].decision
    meeting = household_line.meeting
    assert gdvh is not None and kdc is not None and meeting is not None
    assert meeting.kind == MeetingKind.HOUSEHOLD_REVIEW
    nomination = Nomination.objects.filter(round=round, area__code=TO_8A).order_by("id")[0]
    session = CouncilSession.objects.filter(round=round).order_by("id")[0]
    decision = AwardDecision.objects.filter(round=round).order_by("id")[0]
    proposal = Proposal.objects.filter(round=round).order_by("id")[0]
    conference = Conference.objects.filter(round=round).order_by("id")[0]
    # The certificates of tổ 8A and of its Trưởng ban, or the decision's first two when not awarded.
    certificates = award_certificates(decision)
    chosen = [c for c in certificates if "8A" in c.recipient or "8A" in c.recipient_detail][:2] or certificates[:2]
    documents = [
        ("quyet-dinh-gdvh", recognition_decision(gdvh)),
        ("quyet-dinh-kdc", recognition_decision(kdc)),
        ("bien-ban-binh-xet", meeting_minutes(meeting)),
        ("bao-cao-thanh-tich", nomination_report(nomination, on=REPORT_ON)),
        ("bien-ban-hoi-dong", council_minutes(session)),
        ("quyet-dinh-khen-thuong", award_decision_document(decision)),
        ("to-trinh", proposal_document(proposal)),
        ("giay-moi", invitation_letter(conference)),
        ("giay-moi-ca-nhan", personal_letters(conference)[0]),
        ("thu-tu-trao-thuong", presentation_document(conference)),
        ("bao-cao-hoi-nghi", conference_report(conference)),
        ("bao-cao-tong-ket", summary_report(period_stats(town, 2009, 2013), on=SUMMARY_ON)),
    ]
    return StoryDocuments(documents, chosen)
