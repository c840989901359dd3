"""The public consultation of a round (lấy ý kiến nhân dân): publish the accepted nominations, take
objections from anyone, answer each one, and say what still stands in the way of the council's vote.

How the period is counted (``consultation_publish``). Luật Thi đua, khen thưởng 2022 and Nghị định
98/2023/NĐ-CP (Điều 46 khoản 2; kept by NĐ 152/2025 Điều 60 khoản 3) require the list to be made public
for *at least 10 working days* before the council sits, without saying how the days are counted.
The general rule of Vietnamese law on periods applies: Bộ luật Dân sự 2015, Điều 147 khoản 1 — "khi
thời hạn được tính bằng ngày … thì ngày đầu tiên của thời hạn không được tính mà tính từ ngày tiếp
theo liền kề ngày được xác định" — so **the day of publication does not count**: the period is the
``working_days`` working days that follow it, and ``consultation_until`` is the last of them (the
``working_days``-th working day after ``on``, Saturdays, Sundays and public holidays, Tết included,
skipped by ``thidua.lib.workdays``). Điều 148 (a period ends at 24:00 of its last day) means that
objections are taken through the whole of ``consultation_until``; they are also taken on the day of
publication itself and on weekends inside the period, since the list is public on those days even
though they are not counted. The council may vote from the day after ``consultation_until``. Counting
the publication day would shorten the period by one working day whenever the list goes up in the
morning, and a period that is too short voids the consultation, so the longer reading is the safe one.

An upheld objection against a nomination withdraws it (status ``withdrawn``, the consultation's move
in the nominations' table, with a nomination step whose reason cites the objection and its answer):
the nomination stays in the round's record but can no longer go before the council. A commune that
can answer the objection nominates again in a later round. A dismissed objection, or an upheld
"general" one, changes no nomination.

Objections are public input: the sender's address is never stored, only a keyed HMAC of it (with
``settings.SECRET_KEY``), which the rate limit (``OBJECTION_RATE_LIMIT`` per round and sender per
``OBJECTION_RATE_WINDOW`` seconds, counted in the shared cache ``limits``: Redis, or a table of the
database) uses as its key.
"""

from __future__ import annotations

import datetime

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.audit.services import audit_record, snapshot
from thidua.awards.consultation.selectors import MIN_WORKING_DAYS, consultation_last_day, day_text
from thidua.awards.consultation.workflow import OBJECTION_WORKFLOW
from thidua.awards.models import Nomination, NominationStatus, ObjectionStatus, PublicObjection, Round, RoundStatus
from thidua.awards.nominations.workflow import NOMINATION_WORKFLOW
from thidua.awards.rounds.services import person_of
from thidua.awards.rounds.workflow import ROUND_WORKFLOW
from thidua.errors import DomainError
from thidua.workflow import transition

MIN_OBJECTION_LENGTH = 20
MAX_OBJECTION_LENGTH = 5000
OBJECTION_RATE_LIMIT = 5
OBJECTION_RATE_WINDOW = 3600  # seconds
ANSWERS = (ObjectionStatus.UPHELD, ObjectionStatus.DISMISSED)

_PERIOD_FIELDS = ["consultation_from", "consultation_working_days", "consultation_until"]


def consultation_publish(
    *, round: Round, on: datetime.date, working_days: int = MIN_WORKING_DAYS, actor: User
) -> Round:
    """Publish the round's accepted nominations for public consultation from ``on``.

    The period is the ``working_days`` working days *after* ``on`` (the day of publication is not
    counted, Bộ luật Dân sự 2015 Điều 147 — see the module's docstring); ``consultation_until`` is its
    last day. Refused with fewer than 10 working days (NĐ 98/2023 Điều 46 k2), without an accepted
    nomination, or when the round is past nominating.
    """
    authorize(actor, "awards.run_consultation", round)
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if working_days < MIN_WORKING_DAYS:
            raise DomainError(
                _("The consultation lasts at least %(minimum)s working days; %(days)s were given."),
                minimum=MIN_WORKING_DAYS,
                days=working_days,
                column="working_days",
            )
        if round.status == RoundStatus.CONSULTING and round.consultation_from is not None:
            raise DomainError(
                _("The list of this round was already published on %(day)s."), day=day_text(round.consultation_from)
            )
        # The list is published while the round takes nominations: a round sent back to nominating
        # from the consultation publishes its list again, for a whole new period.
        if round.status != RoundStatus.NOMINATING:
            raise DomainError(
                _("The list can be published only while nominations are open; the round is %(status)s."),
                status=round.get_status_display(),
            )
        if not Nomination.objects.filter(round=round, status=NominationStatus.ACCEPTED).exists():
            raise DomainError(_("No nomination of this round is accepted yet: there is nothing to publish."))
        before = snapshot(round, ["status", *_PERIOD_FIELDS])
        round = transition(ROUND_WORKFLOW, round, to=RoundStatus.CONSULTING, actor=actor)
        round.consultation_from = on
        round.consultation_working_days = working_days
        round.consultation_until = consultation_last_day(on, working_days)
        round.save(update_fields=_PERIOD_FIELDS)
        audit_record(
            actor=actor,
            action="awards.consultation_publish",
            obj=round,
            before=before,
            after=snapshot(round, ["status", *_PERIOD_FIELDS]),
        )
    return round


def source_hash(source: str) -> str:
    """A keyed hash of the sender's address: the same sender is recognised, the address is not kept."""
    return salted_hmac("thidua.awards.objection-source", source, algorithm="sha256").hexdigest()


def _rate_key(round: Round, hashed: str) -> str:
    return f"thidua:objections:{round.pk}:{hashed}"


def _check_open(round: Round, on: datetime.date) -> None:
    if round.consultation_from is None or round.consultation_until is None:
        raise DomainError(_("The list of this round is not published for consultation."))
    if not round.consultation_from <= on <= round.consultation_until:
        raise DomainError(
            _("Objections are taken from %(start)s to %(end)s only."),
            start=day_text(round.consultation_from),
            end=day_text(round.consultation_until),
        )


def objection_submit(
    *,
    round: Round,
    nomination: Nomination | None = None,
    text: str,
    name: str = "",
    contact: str = "",
    source: str,
    on: datetime.date,
) -> PublicObjection:
    """Take an objection from the public on day ``on`` (the views pass today's date).

    ``nomination`` None is a general objection to the list. ``source`` is the sender's address, kept
    only as a keyed hash; at most ``OBJECTION_RATE_LIMIT`` objections per sender and round are taken
    in ``OBJECTION_RATE_WINDOW`` seconds. The honeypot and the minimum fill time are the form's.
    """
    text, name, contact = text.strip(), name.strip(), contact.strip()
    _check_open(round, on)
    if nomination is not None and (nomination.round_id != round.pk or nomination.status != NominationStatus.ACCEPTED):
        raise DomainError(_("This nomination is not on the published list of the round."))
    if len(text) < MIN_OBJECTION_LENGTH:
        raise DomainError(_("Write the objection in at least %(minimum)s characters."), minimum=MIN_OBJECTION_LENGTH)
    if len(text) > MAX_OBJECTION_LENGTH:
        raise DomainError(_("An objection is at most %(maximum)s characters long."), maximum=MAX_OBJECTION_LENGTH)
    if len(name) > 120 or len(contact) > 200:
        raise DomainError(_("The name is at most 120 characters and the contact at most 200."))
    hashed = source_hash(source)
    key = _rate_key(round, hashed)
    # Counted in the shared "limits" cache (Redis, or the database), so that every worker sees the same
    # count: a sender claims one of OBJECTION_RATE_LIMIT slots, each held for the window. add() is
    # atomic on both (SET NX; an INSERT under the table's primary key), where get-then-set is not.
    limits = caches["limits"]
    claimed = any(limits.add(f"{key}:{slot}", 1, timeout=OBJECTION_RATE_WINDOW) for slot in range(OBJECTION_RATE_LIMIT))
    if not claimed:
        raise DomainError(
            _("Too many objections from this connection: at most %(limit)s an hour. Please try again later."),
            limit=OBJECTION_RATE_LIMIT,
        )
    with transaction.atomic():
        objection = PublicObjection.objects.create(
            round=round, nomination=nomination, text=text, name=name, contact=contact, source_hash=hashed
        )
        # The sender's name and contact are personal data: the audit entry records only what was objected to.
        audit_record(
            actor=None,
            action="awards.objection_submit",
            obj=objection,
            after={"round": round.pk, "nomination": nomination.pk if nomination else None, "status": objection.status},
        )
    return objection


def objection_answer(*, objection: PublicObjection, status: str, answer: str, actor: User) -> PublicObjection:
    """Answer an objection: upheld or dismissed, with the answer the public and the council read.

    Upholding an objection against a nomination withdraws the nomination (see the module's docstring).
    """
    authorize(actor, "awards.run_consultation", objection.round)
    answer = answer.strip()
    if status not in ANSWERS:
        raise DomainError(_("An objection is either upheld or dismissed."), column="status")
    if not answer:
        raise DomainError(_("Write the answer to the objection."), column="answer")
    fields = ["status", "answer", "answered_by", "answered_at"]
    with transaction.atomic():
        objection = PublicObjection.objects.select_for_update().select_related("round").get(pk=objection.pk)
        before = snapshot(objection, fields)
        objection = transition(OBJECTION_WORKFLOW, objection, to=status, actor=actor)
        objection.answer = answer
        objection.answered_by = person_of(actor)
        objection.answered_at = timezone.now()
        objection.save(update_fields=["answer", "answered_by", "answered_at"])
        audit_record(
            actor=actor,
            action="awards.objection_answer",
            obj=objection,
            before=before,
            after=snapshot(objection, fields),
        )
        if status == ObjectionStatus.UPHELD and objection.nomination_id is not None:
            _withdraw_upheld(objection, objection.nomination_id, actor)
    return objection


def _withdraw_upheld(objection: PublicObjection, nomination_id: int, actor: User) -> None:
    nomination = Nomination.objects.select_related("round").get(pk=nomination_id)
    if nomination.status == NominationStatus.WITHDRAWN:
        return
    # The step's reason is part of the round's record, written in the language of the records.
    with translation.override("vi"):
        reason = str(
            _("Objection of %(day)s upheld: %(answer)s")
            % {"day": day_text(timezone.localdate(objection.raised_at)), "answer": objection.answer}
        )
    transition(NOMINATION_WORKFLOW, nomination, to=NominationStatus.WITHDRAWN, actor=actor, reason=reason)
