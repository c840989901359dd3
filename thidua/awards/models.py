"""Commendation rounds: from the candidates of a period to the numbered decision and its certificates.

Glossary: a *round* (đợt khen thưởng / biểu dương) is what one issuing body (a unit and its organ,
UBND or UB MTTQ) runs over a period of years, e.g. "Biểu dương khu dân cư, Trưởng ban công tác Mặt
trận tiêu biểu giai đoạn 2009–2013" of thị xã Bắc Kạn. Its *award forms* (hình thức khen thưởng) are
what it gives (Giấy khen of the issuing body, to collectives = residential areas, or individuals = the
Trưởng ban công tác Mặt trận, *bctmt*) or proposes upward (Giấy khen / Bằng khen of the provincial
MTTQ, Bằng khen of the Central MTTQ). A *nomination* (đề nghị) puts one area or person forward for one
form; the *public consultation* (lấy ý kiến nhân dân) publishes the list; the *council* (Hội đồng Thi
đua – Khen thưởng) votes by ballot; the *decision* (quyết định khen thưởng) makes the awards; upward
forms go in a *proposal* (tờ trình) until the higher body's decision is recorded.

"One achievement, one award": a subject is nominated at most once per round, and an ``Award`` covers a
window of years that no other award of the same subject may overlap.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.register.models import Organ

__all__ = ["Organ"]  # the issuing organ lives with the register; rounds, decisions and callers use it here too


class Subject(models.TextChoices):
    AREA = "area", _("residential area (collective)")
    BCTMT = "bctmt", _("head of the Front working committee (individual)")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    NOMINATING = "nominating", _("nominations open")
    CONSULTING = "consulting", _("public consultation")
    COUNCIL = "council", _("before the council")
    DECIDED = "decided", _("decided")
    CLOSED = "closed", _("closed")


class Round(models.Model):
    name = models.CharField(_("name"), max_length=300)
    issuer = models.ForeignKey("units.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+")
    organ = models.CharField(_("issuing organ"), max_length=10, choices=Organ.choices, default=Organ.UBND)
    period_start = models.PositiveSmallIntegerField(_("first year of the period"))
    period_end = models.PositiveSmallIntegerField(_("last year of the period"))
    status = models.CharField(_("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    nominations_due = models.DateField(_("nominations due"), null=True, blank=True)
    # The public consultation: published on a day, open for a number of working days (≥ 10).
    consultation_from = models.DateField(_("published on"), null=True, blank=True)
    consultation_working_days = models.PositiveSmallIntegerField(_("working days of consultation"), default=10)
    consultation_until = models.DateField(_("consultation open until"), null=True, blank=True)
    # The council sits when this share of all its members is present (an exact fraction as text).
    quorum_share = models.CharField(_("quorum of the council"), max_length=20, default="2/3")
    council = models.ForeignKey(
        "Council", verbose_name=_("council"), null=True, blank=True, on_delete=models.PROTECT, related_name="rounds"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("commendation round")
        verbose_name_plural = _("commendation rounds")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="round_period_ordered"),
            models.CheckConstraint(condition=Q(consultation_working_days__gte=10), name="round_consultation_10_days"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        return range(self.period_start, self.period_end + 1)


class FormKind(models.TextChoices):
    GIVE = "give", _("given by the issuing body")
    PROPOSE = "propose", _("proposed to a higher body")


class PassRule(models.TextChoices):
    MORE_THAN_HALF = "more_than_half", _("more than half of all members")
    SHARE_OF_MEMBERS = "share_of_members", _("at least a share of all members")
    SHARE_OF_PRESENT = "share_of_present", _("at least a share of the members present")


class AwardForm(models.Model):
    """One form a round gives or proposes, with its criteria, quota, tie-breaks and pass threshold.

    ``criteria`` holds the rule parameters read by ``thidua.awards.rules`` (documented there), e.g.
    ``{"title_years": "all", "min_tier": "kha"}`` for areas or ``{"min_years_served": 3}`` for a
    Trưởng ban; ``rank`` orders the forms from the highest: a candidate eligible for two forms is
    listed for the higher one first, and can be nominated for one only.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="forms")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("award form"), max_length=200)  # "Giấy khen của Chủ tịch UBND thị xã"
    subject = models.CharField(_("awarded to"), max_length=10, choices=Subject.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=FormKind.choices, default=FormKind.GIVE)
    # The body that signs the award: the round's own for GIVE; for PROPOSE, the higher body.
    awarding_body = models.CharField(_("awarding body"), max_length=200)
    rank = models.PositiveSmallIntegerField(_("rank"), default=0)
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    quota_count = models.PositiveIntegerField(_("quota (count)"), null=True, blank=True)
    # Shares are exact fractions written as text ("0.15", "2/3"), read with ``fractions.Fraction``.
    quota_share = models.CharField(_("quota (share)"), max_length=20, blank=True)
    quota_rounding = models.CharField(_("rounding of the quota"), max_length=10, default="floor")
    # NĐ 152/2025: equal candidates prefer women / collectives with ≥ 70% women (from 1/7/2025).
    tie_break = models.JSONField(_("tie-breaks"), default=list, blank=True)
    pass_rule = models.CharField(
        _("pass threshold"), max_length=20, choices=PassRule.choices, default=PassRule.MORE_THAN_HALF
    )
    pass_share = models.CharField(_("pass share"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")
        ordering = ["round", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "code"], name="awardform_code_unique")]

    def __str__(self) -> str:
        return self.name


class Movement(models.Model):
    """An emulation movement (phong trào thi đua) an area may tie the campaign to."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("movement"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AreaMovement(models.Model):
    area = models.ForeignKey(
        "units.Unit", verbose_name=_("residential area"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    movement = models.ForeignKey(Movement, verbose_name=_("movement"), on_delete=models.PROTECT, related_name="areas")
    description = models.TextField(_("what the area did"), blank=True)

    class Meta:
        verbose_name = _("movement of an area")
        verbose_name_plural = _("movements of areas")
        constraints = [models.UniqueConstraint(fields=["area", "year", "movement"], name="areamovement_unique")]

    def __str__(self) -> str:
        return f"{self.movement} {self.year}"


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    ACCEPTED = "accepted", _("accepted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Nomination(models.Model):
    """One area or one person put forward by a commune for one form of a round."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="nominations")
    form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="nominations"
    )
    area = models.ForeignKey(
        "units.Unit",
        verbose_name=_("residential area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The person's area (where the achievement was made), for recusal and the annex.
    person_area = models.ForeignKey(
        "units.Unit",
        verbose_name=_("area of the person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nominated_by = models.ForeignKey(
        "units.Unit", verbose_name=_("nominating unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    # Outside the candidates: allowed only with a written justification, and flagged everywhere.
    outside_candidates = models.BooleanField(_("outside the candidates"), default=False)
    justification = models.TextField(_("justification"), blank=True)
    # The evidence when nominated (years, titles, decisions, tiers), as the rules read it.
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    # The achievement report (báo cáo thành tích), drafted from the data and editable.
    report = models.TextField(_("achievement report"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["round", "form__rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(area__isnull=False) & Q(person__isnull=True))
                | (Q(area__isnull=True) & Q(person__isnull=False)),
                name="nomination_one_subject",
            ),
            # One achievement, one award: a subject appears once in a round, whatever the form. A
            # withdrawn nomination stays on record and does not count: the commune may put the subject
            # forward again (for another form, say) while the round is open.
            models.UniqueConstraint(
                fields=["round", "area"],
                condition=Q(area__isnull=False) & ~Q(status="withdrawn"),
                name="nomination_area_once_per_round",
            ),
            models.UniqueConstraint(
                fields=["round", "person"],
                condition=Q(person__isnull=False) & ~Q(status="withdrawn"),
                name="nomination_person_once_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form} — {self.area or self.person}"


class NominationStep(models.Model):
    """Every move of a nomination: submitted, returned (with its reason), accepted, withdrawn."""

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="steps")
    source = models.CharField(max_length=20, choices=NominationStatus.choices)
    target = models.CharField(max_length=20, choices=NominationStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("nomination step")
        verbose_name_plural = _("nomination steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("open")
    UPHELD = "upheld", _("upheld")
    DISMISSED = "dismissed", _("dismissed")


class PublicObjection(models.Model):
    """An objection from the public during the consultation; answered and resolved before the vote."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="objections")
    nomination = models.ForeignKey(
        Nomination, null=True, blank=True, on_delete=models.PROTECT, related_name="objections"
    )
    text = models.TextField(_("objection"))
    name = models.CharField(_("name"), max_length=120, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    # A keyed hash of the sender's address, for the rate limit; the address itself is not kept.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public objection")
        verbose_name_plural = _("public objections")
        ordering = ["raised_at", "id"]

    def __str__(self) -> str:
        return f"{self.raised_at:%d/%m/%Y} {self.name}"


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    MEMBER = "member", _("member")
    SECRETARY = "secretary", _("member and secretary")


class Council(models.Model):
    """The emulation and commendation council of an issuing body (Hội đồng Thi đua – Khen thưởng)."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(_("full name"), max_length=120)
    role = models.CharField(_("role in the council"), max_length=20, choices=CouncilRole.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)  # "Phó Chủ tịch UBND thị xã"
    # The member's account, for voting on the page; a member may vote on paper without one.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="council_memberships"
    )
    # For recusal: the member as a person (a nominee) and the area the member belongs to.
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    active_from = models.DateField(_("member from"), null=True, blank=True)
    active_to = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"


class SittingStatus(models.TextChoices):
    """A council session and a ballot are open, then closed: moved by ``awards.council.workflow``."""

    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class CouncilSession(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    # Members present: the quorum is counted on them (share of all members, parameter of the round).
    present = models.ManyToManyField(CouncilMember, verbose_name=_("members present"), related_name="+", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SittingStatus.choices, default=SittingStatus.OPEN)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")

    def __str__(self) -> str:
        return f"{self.round} {self.held_on:%d/%m/%Y}"


class Recusal(models.Model):
    """A member steps out for one nominee (a nominee, or a member of a nominated area)."""

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="recusals")
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["session", "member", "nomination"], name="recusal_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member} / {self.nomination}"


class BallotMethod(models.TextChoices):
    SECRET = "secret", _("secret ballot")
    HANDS = "hands", _("show of hands")


class Choice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class BallotBox(models.Model):
    """The vote of a session on one nomination. A secret ballot keeps counts only; hands are named."""

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="ballots")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="ballots")
    method = models.CharField(_("ballot"), max_length=10, choices=BallotMethod.choices)
    votes_for = models.PositiveIntegerField(_("for"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstain"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=SittingStatus.choices, default=SittingStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    # The rule's explanation of the tally ("5/9 = 55,55% > 50%"), kept with the result.
    tally_detail = models.CharField(_("tally"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["session", "nomination"], name="ballotbox_once_per_session")]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.votes_for}/{self.votes_against}/{self.votes_abstain}"


class BallotParticipation(models.Model):
    """That a member voted (never what, for a secret ballot): the guard against a second ballot.

    It has no timestamp on purpose: with one, the order of participations against the counts could tell
    who voted what.
    """

    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="participations")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("participation in a ballot")
        verbose_name_plural = _("participations in ballots")
        constraints = [models.UniqueConstraint(fields=["box", "member"], name="ballot_one_per_member")]

    def __str__(self) -> str:
        return f"{self.box_id}/{self.member_id}"


class NamedVote(models.Model):
    """A vote by show of hands, recorded with the member's name."""

    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="named_votes")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")
        constraints = [models.UniqueConstraint(fields=["box", "member"], name="namedvote_one_per_member")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.choice}"


class AwardDecision(models.Model):
    """The numbered decision of a round (quyết định khen thưởng). Immutable once issued."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="decisions")
    issuer = models.ForeignKey("units.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+")
    organ = models.CharField(_("issuing organ"), max_length=10, choices=Organ.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=30)
    issued_on = models.DateField(_("issued on"))
    subject = models.CharField(_("subject"), max_length=500)  # "Về việc khen thưởng …"
    legal_bases = models.JSONField(_("legal bases"), default=list)
    signer_prefix = models.CharField(
        _("signing for"), max_length=40, blank=True
    )  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"
    signer_title = models.CharField(_("signer's title"), max_length=120)
    signer_name = models.CharField(_("signer"), max_length=120)
    recipients_note = models.TextField(_("recipients"), blank=True)  # Nơi nhận
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason of revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("commendation decision")
        verbose_name_plural = _("commendation decisions")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "organ", "year", "symbol", "number"], name="awarddecision_number")
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}/{self.symbol}"


class ProposalStatus(models.TextChoices):
    SENT = "sent", _("sent")
    DECIDED = "decided", _("decided by the higher body")
    REFUSED = "refused", _("refused by the higher body")


class Proposal(models.Model):
    """A tờ trình sending nominations of a PROPOSE form to the higher body, tracked until it decides."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="proposals")
    form = models.ForeignKey(AwardForm, on_delete=models.PROTECT, related_name="proposals")
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=30)  # "TTr-UBND"
    sent_on = models.DateField(_("sent on"))
    to_body = models.CharField(_("sent to"), max_length=200)
    nominations = models.ManyToManyField(Nomination, related_name="proposals")
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.SENT)
    # The higher body's decision as cited ("125/QĐ-MTTQ-BTT ngày 20/4/2014").
    higher_decision = models.CharField(_("decision of the higher body"), max_length=120, blank=True)
    higher_decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("proposal to a higher body")
        verbose_name_plural = _("proposals to higher bodies")

    def __str__(self) -> str:
        return f"{self.number:02d}/{self.symbol}"


class Award(models.Model):
    """An award made: by the round's decision, or by the higher body's decision on a proposal.

    Never deleted: a revoked award keeps its row with the day and the reason (Luật Thi đua, khen thưởng
    2022, chương VII).
    """

    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="award")
    form = models.ForeignKey(AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="awards")
    area = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    # The window of years the achievement covers: never rewarded twice.
    window_start = models.PositiveSmallIntegerField(_("first year"))
    window_end = models.PositiveSmallIntegerField(_("last year"))
    decision = models.ForeignKey(AwardDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason of revocation"), blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.CheckConstraint(condition=Q(window_end__gte=models.F("window_start")), name="award_window_ordered"),
            models.CheckConstraint(
                condition=Q(decision__isnull=False) | Q(proposal__isnull=False), name="award_has_a_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form} {self.window_start}–{self.window_end}"
