"""Every writing service of awards refuses an actor outside its scope (as "not found") and an actor of
a lower role, by itself, whoever calls it: nothing is written.

``PROBED`` lists every writing service (a public function of an awards ``services.py`` with a
keyword-only ``actor``); ``test_every_writing_service_is_probed`` fails when one is added without a
probe here, and the project's collector reads ``PROBED`` for the same reason.

The world is built directly, one object of each kind, so that each call reaches the service's own
gate with arguments it would otherwise accept: the refusal is the authorization's, not the input's.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone, translation

from thidua import awards
from thidua.audit.models import AuditEntry
from thidua.awards.consultation import services as consultation
from thidua.awards.council import services as council
from thidua.awards.decisions import services as decisions
from thidua.awards.models import (
    Award,
    AwardDecision,
    AwardForm,
    BallotBox,
    BallotMethod,
    Council,
    CouncilMember,
    CouncilRole,
    CouncilSession,
    FormKind,
    Movement,
    Nomination,
    NominationStatus,
    Organ,
    Proposal,
    PublicObjection,
    Round,
    RoundStatus,
    SittingStatus,
    Subject,
)
from thidua.awards.nominations import services as nominations
from thidua.awards.rounds import services as rounds
from thidua.errors import Refused
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db
D = datetime.date


@dataclass
class World:
    cast: Cast
    round: Round
    form: AwardForm
    propose_form: AwardForm
    draft: Nomination
    submitted: Nomination
    objection: PublicObjection
    council: Council
    seat: CouncilMember
    session: CouncilSession
    box: BallotBox
    decision: AwardDecision
    award: Award
    proposal: Proposal
    movement: Movement


def _world(cast: Cast) -> World:
    """thị xã Bắc Kạn's round 2009–2013 with one of everything a service writes on."""
    round = Round.objects.create(
        name="Đợt 2009–2013", issuer=cast.town, organ=Organ.UBND, period_start=2009, period_end=2013
    )
    form = AwardForm.objects.create(
        round=round, code="gk", name="Giấy khen", subject=Subject.AREA, awarding_body="UBND thị xã", rank=1
    )
    propose_form = AwardForm.objects.create(
        round=round,
        code="gk-tinh",
        name="Giấy khen của tỉnh",
        subject=Subject.AREA,
        kind=FormKind.PROPOSE,
        awarding_body="UB MTTQ tỉnh",
        rank=0,
    )

    def nomination(status: str, area_code: str) -> Nomination:
        area = (
            cast.to_8a
            if area_code == "8A"
            else make_unit(code=f"01840-{area_code}", name=area_code, kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan)
        )
        return Nomination.objects.create(
            round=round, form=form, area=area, nominated_by=cast.duc_xuan, status=status, report="Báo cáo."
        )

    draft = nomination(NominationStatus.DRAFT, "8A")
    submitted = nomination(NominationStatus.SUBMITTED, "9")
    accepted = nomination(NominationStatus.ACCEPTED, "10")
    objection = PublicObjection.objects.create(round=round, nomination=accepted, text="Một ý kiến phản ánh đủ dài.")
    council_row = Council.objects.create(unit=cast.town, name="Hội đồng Thi đua – Khen thưởng")
    round.council = council_row
    round.save(update_fields=["council"])
    seat = CouncilMember.objects.create(
        council=council_row, full_name="Lý Thị Hoa", role=CouncilRole.MEMBER, user=cast["hoidong"]
    )
    session = CouncilSession.objects.create(round=round, held_on=D(2014, 1, 22), opened_at=timezone.now())
    session.present.set([seat])
    box = BallotBox.objects.create(session=session, nomination=accepted, method=BallotMethod.SECRET)
    closed = BallotBox.objects.create(
        session=CouncilSession.objects.create(round=round, held_on=D(2014, 1, 20), status=SittingStatus.CLOSED),
        nomination=accepted,
        method=BallotMethod.SECRET,
        status=SittingStatus.CLOSED,
        passed=True,
    )
    decision = AwardDecision.objects.create(
        round=round,
        issuer=cast.town,
        organ=Organ.UBND,
        year=2014,
        number=1,
        symbol="QĐ-UBND",
        issued_on=D(2014, 1, 24),
        subject="Về việc khen thưởng",
        signer_title="Chủ tịch",
        signer_name="Nông Văn Chí",
    )
    award = Award.objects.create(
        nomination=closed.nomination,
        form=form,
        area=accepted.area,
        window_start=2009,
        window_end=2013,
        decision=decision,
    )
    proposal = Proposal.objects.create(
        round=round, form=propose_form, number=1, symbol="TTr-UBND", sent_on=D(2014, 1, 27), to_body="UB MTTQ tỉnh"
    )
    proposal.nominations.set([submitted])
    Round.objects.filter(pk=round.pk).update(consultation_from=D(2014, 1, 3), consultation_until=D(2014, 1, 17))
    round.refresh_from_db()
    movement = Movement.objects.create(code="an-ninh", name="An ninh trật tự")
    return World(
        cast,
        round,
        form,
        propose_form,
        draft,
        submitted,
        objection,
        council_row,
        seat,
        session,
        box,
        decision,
        award,
        proposal,
        movement,
    )


@dataclass(frozen=True)
class Probe:
    """One writing service, the arguments it would take from the actor, who is outside it, who lower."""

    service: Callable[..., Any]
    arguments: Callable[[World], dict[str, Any]]
    lower: tuple[str, ...]
    # None for a service without a unit to be outside of (the catalogue of movements is one for all).
    outside: str | None = "chomoi"

    @property
    def name(self) -> str:
        return f"{self.service.__module__.rsplit('.', 2)[-2]}.{self.service.__name__}"


def _form_fields(w: World) -> dict[str, Any]:
    return {
        "code": "gk2",
        "name": "Giấy khen 2",
        "subject": Subject.AREA,
        "kind": FormKind.GIVE,
        "awarding_body": "UBND thị xã",
        "rank": 2,
        "criteria": {},
    }


PROBES = [
    # rounds
    Probe(
        rounds.round_create,
        lambda w: {
            "name": "Đợt mới",
            "issuer": w.cast.town,
            "organ": Organ.UBND,
            "period_start": 2014,
            "period_end": 2018,
        },
        ("ducxuan", "hoidong"),
    ),
    Probe(rounds.round_update, lambda w: {"round": w.round, "name": "Đổi tên"}, ("ducxuan", "hoidong")),
    Probe(rounds.round_status_set, lambda w: {"round": w.round, "to": RoundStatus.NOMINATING}, ("ducxuan", "to8a")),
    Probe(rounds.award_form_add, lambda w: {"round": w.round, **_form_fields(w)}, ("ducxuan", "hoidong")),
    Probe(rounds.award_form_update, lambda w: {"form": w.form, "name": "Đổi"}, ("ducxuan", "hoidong")),
    Probe(rounds.award_form_delete, lambda w: {"form": w.form}, ("ducxuan", "hoidong")),
    Probe(rounds.movement_create, lambda w: {"code": "moi", "name": "Mới"}, ("to8a", "hoidong"), outside=None),
    Probe(rounds.movements_load_defaults, lambda w: {}, ("ducxuan", "hoidong"), outside=None),
    Probe(
        rounds.area_movement_record,
        lambda w: {"area": w.cast.to_8a, "year": 2012, "movement": w.movement},
        ("hoidong",),
    ),
    Probe(
        rounds.area_movement_delete,
        lambda w: {"row": w.movement.areas.create(area=w.cast.to_8a, year=2012)},
        ("hoidong",),
    ),
    # nominations
    Probe(
        nominations.nomination_create,
        lambda w: {"round": w.round, "form": w.form, "area": w.cast.to_8a, "nominated_by": w.cast.duc_xuan},
        ("to8a", "hoidong"),
    ),
    Probe(
        nominations.nomination_report_update, lambda w: {"nomination": w.draft, "report": "Khác."}, ("to8a", "hoidong")
    ),
    Probe(nominations.nomination_submit, lambda w: {"nomination": w.draft}, ("to8a", "hoidong")),
    Probe(nominations.nomination_withdraw, lambda w: {"nomination": w.draft}, ("to8a", "hoidong")),
    Probe(
        nominations.nomination_return,
        lambda w: {"nomination": w.submitted, "reason": "Bổ sung."},
        ("ducxuan", "hoidong"),
    ),
    Probe(nominations.nomination_accept, lambda w: {"nomination": w.submitted}, ("ducxuan", "hoidong")),
    Probe(
        nominations.nomination_move,
        lambda w: {"nomination": w.submitted, "to": NominationStatus.ACCEPTED},
        ("ducxuan", "to8a"),
    ),
    # consultation
    Probe(consultation.consultation_publish, lambda w: {"round": w.round, "on": D(2014, 1, 3)}, ("hoidong", "to8a")),
    Probe(
        consultation.objection_answer,
        lambda w: {"objection": w.objection, "status": "upheld", "answer": "Đúng."},
        ("hoidong", "ducxuan"),
    ),
    # council
    Probe(
        council.council_create,
        lambda w: {"unit": w.cast.town, "name": "Hội đồng mới", "round": w.round},
        ("hoidong", "ducxuan"),
    ),
    Probe(council.round_council_set, lambda w: {"round": w.round, "council": w.council}, ("hoidong", "ducxuan")),
    Probe(
        council.council_member_add,
        lambda w: {"council": w.council, "full_name": "Nông Văn Mới", "role": CouncilRole.MEMBER},
        ("hoidong", "to8a"),
    ),
    Probe(
        council.session_open,
        lambda w: {"round": w.round, "held_on": D(2014, 1, 23), "present": [w.seat]},
        ("hoidong", "ducxuan"),
    ),
    Probe(
        council.ballot_open,
        lambda w: {"session": w.session, "nomination": w.submitted, "method": BallotMethod.SECRET},
        ("hoidong", "ducxuan"),
    ),
    # Voting is a seat's: the district's officer without one, and a resident's officer, may not.
    Probe(council.vote_cast, lambda w: {"box": w.box, "choice": "for"}, ("backan", "to8a")),
    Probe(
        council.ballot_tally_record,
        lambda w: {"box": w.box, "votes_for": 1, "votes_against": 0, "votes_abstain": 0},
        ("hoidong", "ducxuan"),
    ),
    Probe(council.ballot_close, lambda w: {"box": w.box}, ("hoidong", "ducxuan")),
    Probe(council.session_close, lambda w: {"session": w.session}, ("hoidong", "to8a")),
    # decisions
    Probe(
        decisions.decision_issue,
        lambda w: {
            "round": w.round,
            "form_codes": ["gk"],
            "issued_on": D(2014, 1, 24),
            "subject": "Về việc",
            "legal_bases": ["Căn cứ"],
            "signer_prefix": "",
            "signer_title": "Chủ tịch",
            "signer_name": "Chí",
            "recipients_note": "",
        },
        ("hoidong", "ducxuan"),
    ),
    Probe(
        decisions.decision_revoke,
        lambda w: {"decision": w.decision, "on": D(2014, 3, 1), "reason": "Sai."},
        ("hoidong", "ducxuan"),
    ),
    Probe(
        decisions.award_revoke,
        lambda w: {"award": w.award, "on": D(2014, 3, 1), "reason": "Sai."},
        ("hoidong", "ducxuan"),
    ),
    Probe(
        decisions.proposal_send,
        lambda w: {"round": w.round, "form_code": "gk-tinh", "sent_on": D(2014, 1, 28), "to_body": "UB MTTQ tỉnh"},
        ("hoidong", "ducxuan"),
    ),
    Probe(
        decisions.proposal_outcome_record,
        lambda w: {
            "proposal": w.proposal,
            "status": "refused",
            "higher_decision": "",
            "higher_decided_on": None,
            "nominations": [],
        },
        ("hoidong", "ducxuan"),
    ),
    Probe(decisions.award_certificates_start, lambda w: {"decision": w.decision}, ("hoidong", "ducxuan")),
    Probe(decisions.decision_certificates, lambda w: {"decision_id": w.decision.pk}, ("hoidong", "ducxuan")),
]

PROBED = [probe.service for probe in PROBES]


@pytest.fixture
def world(cast: Cast) -> World:
    return _world(cast)


def _refused(probe: Probe, world: World, username: str) -> Refused:
    written = AuditEntry.objects.count()
    with pytest.raises(Refused) as refusal:
        probe.service(**probe.arguments(world), actor=world.cast[username])
    assert AuditEntry.objects.count() == written, "a refused service wrote its audit row"
    return refusal.value


@pytest.mark.parametrize("probe", [p for p in PROBES if p.outside], ids=lambda p: p.name)
def test_an_actor_outside_the_scope_is_refused_as_not_found(probe: Probe, world: World) -> None:
    assert probe.outside is not None
    assert _refused(probe, world, probe.outside).hidden


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
def test_an_actor_of_a_lower_role_is_refused(probe: Probe, world: World) -> None:
    for username in probe.lower:
        refusal = _refused(probe, world, username)
        assert refusal.reason("en")


def test_a_member_of_the_council_votes_in_her_own_seat(world: World) -> None:
    answer = {"status": "dismissed", "answer": "Không có cơ sở."}
    consultation.objection_answer(objection=world.objection, actor=world.cast["backan"], **answer)
    council.vote_cast(box=world.box, choice="for", actor=world.cast["hoidong"])
    world.box.refresh_from_db()
    assert world.box.votes_for == 1 and world.box.participations.get().member == world.seat


def test_the_district_sees_but_may_not_vote_without_a_seat(world: World) -> None:
    with translation.override("en"):
        refusal = _refused(next(p for p in PROBES if p.service is council.vote_cast), world, "backan")
    assert not refusal.hidden and "member of the council" in refusal.reason("en")


def _writing_services() -> set[Callable[..., Any]]:
    found: set[Callable[..., Any]] = set()
    for module_info in pkgutil.walk_packages(awards.__path__, "thidua.awards."):
        if not module_info.name.endswith(".services"):
            continue
        module = importlib.import_module(module_info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            actor = inspect.signature(function).parameters.get("actor")
            if actor is not None and actor.kind is inspect.Parameter.KEYWORD_ONLY:
                found.add(function)
    return found


def test_every_writing_service_is_probed() -> None:
    missing = {f"{f.__module__}.{f.__name__}" for f in _writing_services() - set(PROBED)}
    assert not missing, f"writing services without a probe: {sorted(missing)}"
