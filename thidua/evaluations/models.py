"""The yearly cycle: registrations, evaluation meetings, dossiers going up the tree, decisions, titles.

Glossary: *GĐVH* (Gia đình văn hóa) is the household title the commune chairman decides; *KDC văn
hóa* (thôn / tổ dân phố văn hóa) the area title the district chairman decides (after 1/7/2025 a
configurable authority). A *bình xét* is the evaluation meeting. One household's year is one row
(``HouseholdYear``): a province is 0.3–2 million rows a year, so the row is wide and flat.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    HOUSEHOLD_REVIEW = "household_review", _("household evaluation meeting of the area")
    AREA_REVIEW = "area_review", _("area evaluation meeting of the commune")
    COUNCIL = "council", _("emulation and commendation council")


class Ballot(models.TextChoices):
    SECRET = "secret", _("secret ballot")
    HANDS = "hands", _("show of hands")


class Meeting(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    # The area for a household evaluation, the commune for an area evaluation or its council.
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("held on"))
    convened = models.PositiveIntegerField(_("convened"))
    present = models.PositiveIntegerField(_("present"))
    ballot = models.CharField(_("ballot"), max_length=10, choices=Ballot.choices, default=Ballot.HANDS)
    chair = models.CharField(_("chaired by"), max_length=120, blank=True)
    front_head = models.CharField(_("head of the Front working committee"), max_length=120, blank=True)
    # NĐ 86/2023: the list is posted publicly for 10 days before the dossier goes up.
    posted_from = models.DateField(_("posted from"), null=True, blank=True)
    posted_until = models.DateField(_("posted until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("evaluation meeting")
        verbose_name_plural = _("evaluation meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(present__lte=models.F("convened")), name="meeting_present_le_convened"
            ),
            models.UniqueConstraint(fields=["kind", "unit", "year"], name="meeting_one_per_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class DecisionKind(models.TextChoices):
    GDVH = "gdvh", _("recognition of cultural families")
    KDC = "kdc", _("recognition of cultural residential areas")


class Decision(models.Model):
    """A numbered decision that makes titles. Numbers restart every year for each issuing body."""

    kind = models.CharField(_("kind"), max_length=10, choices=DecisionKind.choices)
    issuer = models.ForeignKey("units.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year of the titles"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=30, default="QĐ-UBND")
    issued_on = models.DateField(_("issued on"))
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "issued_on", "number", "symbol"], name="decision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}/{self.symbol} {self.issued_on:%d/%m/%Y}"


class HouseholdYear(models.Model):
    # Not indexed alone: ``householdyear_one_per_year`` (household, year) serves every lookup by household.
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="years", db_index=False)
    year = models.PositiveSmallIntegerField(_("year"))
    # The area the household lived in that year (kept, because households move and areas merge). Its own
    # index stays beside (area, year): a province's 3,000,000 rows read by area take 9.6 s through it
    # and 12.5 s without it (``make bench``'s window query).
    area = models.ForeignKey(
        "units.Unit", verbose_name=_("residential area"), on_delete=models.PROTECT, related_name="+"
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="household_years"
    )
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    # Categories only (never the facts): sensitive personal data, shown to deciders only.
    exclusions = models.JSONField(_("exclusions"), default=list, blank=True)
    proposed = models.BooleanField(_("proposed"), null=True, blank=True)
    titled = models.BooleanField(_("cultural family"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="household_years"
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason of revocation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("household year")
        verbose_name_plural = _("household years")
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="householdyear_one_per_year")]
        indexes = [models.Index(fields=["area", "year"], name="householdyear_area_idx")]

    def __str__(self) -> str:
        # Read by people (a history, an objection): the household by its head and code, not its id.
        return f"{self.household} · {self.year}"

    @property
    def registered(self) -> bool:
        return self.registered_on is not None


class AreaYear(models.Model):
    area = models.ForeignKey(
        "units.Unit", verbose_name=_("residential area"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    # Self-assessment per content of the campaign: {"1": 18, "2": 20, …} on the province's rubric.
    self_assessment = models.JSONField(_("self-assessment"), default=dict, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    # Computed from the household titles, never typed.
    households = models.PositiveIntegerField(_("households"), default=0)
    gdvh_households = models.PositiveIntegerField(_("cultural families"), default=0)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="area_years")
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    proposed = models.BooleanField(_("proposed"), null=True, blank=True)
    titled = models.BooleanField(_("cultural area"), null=True, blank=True)
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="area_years")
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason of revocation"), max_length=300, blank=True)
    # The Front's own evaluation of the campaign in the area, beside the state title.
    mttq_points = models.DecimalField(
        _("Front evaluation points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    mttq_tier = models.CharField(_("Front evaluation tier"), max_length=20, blank=True)
    front_head_grade = models.CharField(_("grade of the Front committee head"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("area year")
        verbose_name_plural = _("area years")
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="areayear_one_per_year")]

    def __str__(self) -> str:
        return f"{self.area} · {self.year}"

    @property
    def gdvh_share(self) -> float:
        return self.gdvh_households / self.households if self.households else 0.0


class TitleException(models.Model):
    """A line a decision titles although the rules of its meeting's date did not carry it: a correction
    (a vote count entered wrongly, a complaint upheld) recorded with who made it, why and on which
    document. Never for a line under an exclusion or one never registered and voted on
    (``services.decision_record`` refuses those). Issued with its decision: never changed or deleted.
    """

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="title_exceptions"
    )
    household_year = models.OneToOneField(
        HouseholdYear, null=True, blank=True, on_delete=models.PROTECT, related_name="title_exception"
    )
    area_year = models.OneToOneField(
        AreaYear, null=True, blank=True, on_delete=models.PROTECT, related_name="title_exception"
    )
    reason = models.TextField(_("reason of the exception"))
    document = models.CharField(_("document grounding the exception"), max_length=300)
    # The checks of the rules the exception overrides, as the rules named them on the decision's day.
    overridden = models.JSONField(_("checks overridden"), default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("title by exception")
        verbose_name_plural = _("titles by exception")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(household_year__isnull=False) & models.Q(area_year__isnull=True))
                | (models.Q(household_year__isnull=True) & models.Q(area_year__isnull=False)),
                name="titleexception_one_line",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.household_year_id or self.area_year_id}"

    @property
    def overridden_text(self) -> str:
        return "; ".join(f"{item['rule']}: {item['detail']}" for item in self.overridden)


class DossierKind(models.TextChoices):
    GDVH = "gdvh", _("cultural families of an area")
    KDC = "kdc", _("cultural areas of a commune")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    REVIEWED = "reviewed", _("reviewed")
    DECIDED = "decided", _("decided")
    LOCKED = "locked", _("locked")


class Dossier(models.Model):
    """What a unit sends up for one year: an area's households (GĐVH), a commune's areas (KDC)."""

    kind = models.CharField(_("kind"), max_length=10, choices=DossierKind.choices)
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.DRAFT)
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [models.UniqueConstraint(fields=["kind", "unit", "year"], name="dossier_one_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class DossierTransition(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="transitions")
    source = models.CharField(max_length=20, choices=DossierStatus.choices)
    target = models.CharField(max_length=20, choices=DossierStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("dossier transition")
        verbose_name_plural = _("dossier transitions")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class Objection(models.Model):
    """A resident's objection during the public posting of a list; resolved before the dossier goes up."""

    household_year = models.ForeignKey(
        HouseholdYear, null=True, blank=True, on_delete=models.PROTECT, related_name="objections"
    )
    area_year = models.ForeignKey(AreaYear, null=True, blank=True, on_delete=models.PROTECT, related_name="objections")
    raised_on = models.DateField(_("raised on"))
    raised_by = models.CharField(_("raised by"), max_length=120, blank=True)
    text = models.TextField(_("objection"))
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.raised_on:%d/%m/%Y} {self.raised_by}"


class StreakKind(models.TextChoices):
    HOUSEHOLD = "household", _("cultural family")
    AREA = "area", _("cultural residential area")


class Streak(models.Model):
    """A run of consecutive title years of a household or an area, as last recomputed: titled, and the
    title not revoked, every year from ``first_year`` to ``last_year``. The streak ending in a year is
    counted from the run that holds it (``length_in``); a year no run holds ends no streak.

    Derived data (``streaks.services.streaks_recompute`` writes it): the title rows stay the source of truth.
    One row a run, not a row a year: a household titled 12 years of 15 has two or three runs, so a
    province's recompute writes a fifth of the rows a row a year would, and their keys' checks, which
    PostgreSQL runs one row at a time, are what a recompute's write costs (``make bench``).
    """

    kind = models.CharField(_("kind"), max_length=10, choices=StreakKind.choices)
    # The keys are not indexed alone: the unique constraints (household, first year) and (area, first
    # year), partial on the key being set, serve every lookup by household or by area.
    # The household is no foreign key of the database: PostgreSQL checks one a row at a time, which
    # cost a province's recompute more than computing its runs (1.7 s of 6.5 s for 420,000 runs,
    # ``make bench``), and it guards nothing here. A run is only ever made, in the same statement,
    # from the household's title rows (``HouseholdYear``), whose own key holds the household and
    # protects it from deletion (titles are never deleted, only revoked); deleting a household through
    # the ORM still deletes its runs (``on_delete``).
    household = models.ForeignKey(
        "people.Household",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    area = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        verbose_name = _("streak")
        verbose_name_plural = _("streaks")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "first_year"],
                condition=models.Q(household__isnull=False),
                name="streak_household_first_year",
            ),
            models.UniqueConstraint(
                fields=["area", "first_year"], condition=models.Q(area__isnull=False), name="streak_area_first_year"
            ),
            models.CheckConstraint(
                condition=models.Q(first_year__lte=models.F("last_year")), name="streak_first_year_not_after_last"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.household_id or self.area_id} {self.first_year}–{self.last_year}"

    def length_in(self, year: int) -> int:
        """The streak ending in ``year``: the run's years up to it (0 outside the run)."""
        return year - self.first_year + 1 if self.first_year <= year <= self.last_year else 0


class CertificateAward(models.Model):
    """A Giấy khen given for a window of consecutive title years: the window is never reused."""

    kind = models.CharField(_("kind"), max_length=10, choices=StreakKind.choices)
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="certificate_awards"
    )
    area = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    window_start = models.PositiveSmallIntegerField(_("first year of the window"))
    window_end = models.PositiveSmallIntegerField(_("last year of the window"))
    # The commendation decision as cited ("12/QĐ-UBND"): commendation decisions are not recognition decisions.
    decision = models.CharField(_("decision"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("certificate award")
        verbose_name_plural = _("certificate awards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")), name="certificateaward_window_ordered"
            ),
            models.CheckConstraint(
                condition=(models.Q(household__isnull=False) & models.Q(area__isnull=True))
                | (models.Q(household__isnull=True) & models.Q(area__isnull=False)),
                name="certificateaward_one_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.window_start}–{self.window_end}"


class DeadlineKind(models.TextChoices):
    HOUSEHOLD_REVIEW = "household_review", _("household evaluation")
    AREA_REVIEW = "area_review", _("area evaluation")
    FRONT_EVALUATION = "front_evaluation", _("the Front's evaluation")


class Deadline(models.Model):
    """The last day a province's units may enter one kind of work for a year (entry locks after it)."""

    province = models.ForeignKey("units.Unit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=DeadlineKind.choices)
    due = models.DateField(_("last day of entry"))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "kind"], name="deadline_one_per_province_year_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.due:%d/%m/%Y}"


class DeadlineException(models.Model):
    """A unit (and the units below it) allowed to enter past the deadline, until a day, for a reason."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=DeadlineKind.choices)
    until = models.DateField(_("open until"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline exception")
        verbose_name_plural = _("deadline exceptions")
        indexes = [models.Index(fields=["year", "kind"], name="deadlineexception_year_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.until:%d/%m/%Y}"


class AreaYearCount(models.Model):
    """The roll-up of one residential area's year: what the dashboards add up, one row an (area, year).

    Derived data, kept by ``evaluations.rollup``: the services that change a count (registration,
    meeting, dossier move, decision, revocation, the Front's evaluation, the households import)
    recount their areas' rows in their own transaction, and ``thidua reports refresh`` recounts every
    row set-based after a bulk load. The area's commune, district and province are those of the
    tree on the year's 31st of December, kept on the row so that a province's dashboard adds up its
    few thousand rows by one indexed column instead of walking the tree over millions of households.
    Flags are 0 or 1 so that a sum counts them.
    """

    area = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    commune = models.ForeignKey("units.Unit", null=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    district = models.ForeignKey("units.Unit", null=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    province = models.ForeignKey("units.Unit", null=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    registered = models.PositiveSmallIntegerField(default=0)
    meeting_held = models.PositiveSmallIntegerField(default=0)
    dossier_submitted = models.PositiveSmallIntegerField(default=0)
    dossier_reviewed = models.PositiveSmallIntegerField(default=0)
    dossier_decided = models.PositiveSmallIntegerField(default=0)
    titled = models.PositiveSmallIntegerField(default=0)
    mttq_tier = models.CharField(max_length=20, blank=True)
    households = models.PositiveIntegerField(default=0)
    households_registered = models.PositiveIntegerField(default=0)
    households_titled = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("area year count")
        verbose_name_plural = _("area year counts")
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="areayearcount_one_per_year")]
        indexes = [
            models.Index(fields=["province", "year"], name="areayearcount_province_idx"),
            models.Index(fields=["district", "year"], name="areayearcount_district_idx"),
            models.Index(fields=["commune", "year"], name="areayearcount_commune_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.year}"
