"""Who may see and enter the yearly cycle: an area's year, a commune's areas, the dossiers going up,
the titles, the streaks, the deadlines and the exclusion categories.

Every predicate refuses a unit outside the user's subtree first, as hidden (``outside``: pages and
the API answer "not found"), and only then the role, with the reason. The parts of a dossier's
moves (the unit that sends it, the level above that reviews it) are ``may_act``, which the
workflow's table (``thidua.evaluations.workflow``) asks for each move.

Exclusion categories (a member prosecuted, a tax or military-service default, an administrative
sanction) are sensitive personal data (Nghị định 13/2023/NĐ-CP): only their category is stored, and
they are shown only to those who decide the titles — the officers of the area's commune and of the
levels above, never the area's own officer.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, outside, predicate
from thidua.evaluations.models import Decision as TitleDecision
from thidua.evaluations.models import Dossier, DossierKind
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

# The area's own officer enters its year; communes often type their areas' lists in themselves.
ENTRY_ROLES = (Role.AREA_OFFICER, Role.COMMUNE_OFFICER, Role.ADMINISTRATOR)
# The commune decides the household titles, so the commune (or an administrator) revokes them.
REVOKING_ROLES = (Role.COMMUNE_OFFICER, Role.ADMINISTRATOR)
# Streaks and proposals are derived from decided titles: whoever decides titles below a unit may
# have them recounted.
STREAK_ROLES = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
# The commune's officers enter their areas' evaluation; an administrator may too.
KDC_ENTRY_ROLES = (Role.COMMUNE_OFFICER, Role.ADMINISTRATOR)
# Those who decide the titles: they alone see (and enter) the points and the exclusion categories.
DECIDING_ROLES = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
# The province sets its deadlines; the district or the province lets a unit enter past one.
DEADLINE_ROLES = (Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
EXCEPTION_ROLES = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
# Those who issue certificates print them: the commune (families), the district and the province.
PRINTING_ROLES = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
# A Giấy khen for consecutive title years is given by the town (district) or the province.
CERTIFICATE_ROLES = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)

SUBMITTER, REVIEWER = "submitter", "reviewer"
# Which roles act as submitter and reviewer for each kind of dossier.
DOSSIER_ROLES: dict[str, dict[str, tuple[str, ...]]] = {
    DossierKind.GDVH: {SUBMITTER: (Role.AREA_OFFICER, Role.COMMUNE_OFFICER), REVIEWER: (Role.COMMUNE_OFFICER,)},
    DossierKind.KDC: {SUBMITTER: (Role.COMMUNE_OFFICER,), REVIEWER: (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER)},
}


def within(user: User, unit: Unit | int) -> bool:
    """Whether ``unit`` is in ``user``'s subtree."""
    pk = unit if isinstance(unit, int) else unit.pk
    return units_visible_to(user).filter(pk=pk).exists()


@predicate("evaluations.view_year")
def can_view_year(user: User, unit: Unit) -> Decision:
    """See an area's or a commune's year: registrations, meeting, results, dossiers."""
    if not within(user, unit):
        return outside()
    if unit.level not in (Level.AREA, Level.COMMUNE):
        return Decision(False, _("Only residential areas and communes have a year of evaluations."))
    return ALLOWED


@predicate("evaluations.enter_area_year")
def can_enter_area_year(user: User, area: Unit) -> Decision:
    """Register households, record the evaluation meeting and its votes, apply the rules, objections."""
    if not within(user, area):
        return outside()
    if area.level != Level.AREA:
        return Decision(False, _("This unit is not a residential area."))
    if not has_role(user, *ENTRY_ROLES):
        return Decision(False, _("Only the area's officer and the commune's officers enter an area's evaluation."))
    return ALLOWED


@predicate("evaluations.revoke_title")
def can_revoke_title(user: User, area: Unit) -> Decision:
    if not within(user, area):
        return outside()
    if not has_role(user, *REVOKING_ROLES):
        return Decision(False, _("Only the commune that decided a title revokes it."))
    return ALLOWED


@predicate("evaluations.recompute_streaks")
def can_recompute_streaks(user: User, unit: Unit) -> Decision:
    """Recount the consecutive title years of the households and areas under a commune or above."""
    if not within(user, unit):
        return outside()
    if unit.level == Level.AREA:
        return Decision(False, _("Streaks are recounted for a commune, a district or a province."))
    if not has_role(user, *STREAK_ROLES):
        return Decision(False, _("Only the officers of a commune, a district or a province recount the streaks."))
    return ALLOWED


@predicate("evaluations.recompute_proposals")
def can_recompute_proposals(user: User, unit: Unit) -> Decision:
    """Apply the rules again to every household evaluation meeting under a unit."""
    if not within(user, unit):
        return outside()
    if not has_role(user, *STREAK_ROLES):
        return Decision(False, _("Only the officers of a commune, a district or a province apply the rules again."))
    return ALLOWED


@predicate("evaluations.view_exclusions")
def can_view_exclusions(user: User, area: Unit) -> Decision:
    """See (and enter) the points and exclusion categories of an area's households."""
    if not within(user, area):
        return outside()
    if area.level != Level.AREA:
        return Decision(False, _("This unit is not a residential area."))
    if not has_role(user, *DECIDING_ROLES) or user.unit_id == area.pk:
        return Decision(False, _("Only those who decide the titles see the points and the exclusions."))
    return ALLOWED


@predicate("evaluations.enter_commune_year")
def can_enter_commune_year(user: User, commune: Unit) -> Decision:
    """Register the commune's areas, record its area evaluation meeting, the self-assessments and the
    Front's evaluation, apply the rules."""
    if not within(user, commune):
        return outside()
    if commune.level != Level.COMMUNE:
        return Decision(False, _("This unit is not a commune, ward or township."))
    if not has_role(user, *KDC_ENTRY_ROLES):
        return Decision(False, _("Only the commune's officers enter the evaluation of its areas."))
    return ALLOWED


@predicate("evaluations.view_district_year")
def can_view_district_year(user: User, district: Unit) -> Decision:
    if not within(user, district):
        return outside()
    if district.level not in (Level.DISTRICT, Level.PROVINCE):
        return Decision(False, _("The queue of cultural areas is kept by a district or a province."))
    return ALLOWED


def may_act(user: User, dossier: Dossier, part: str) -> Decision:
    """Whether ``user`` plays ``part`` for ``dossier``: the right place, then the right role."""
    if not within(user, dossier.unit_id):
        return outside(_("This dossier is outside the unit you work for."))
    if user.is_superuser or user.is_administrator:
        return ALLOWED
    if not has_role(user, *DOSSIER_ROLES[dossier.kind][part]):
        return Decision(False, _("Your role does not allow this step."))
    if part == REVIEWER and user.unit_id == dossier.unit_id:
        return Decision(False, _("A dossier is reviewed by the level above the unit that sends it."))
    return ALLOWED


@predicate("evaluations.view_dossier")
def can_view_dossier(user: User, dossier: Dossier) -> Decision:
    return ALLOWED if within(user, dossier.unit_id) else outside(_("This dossier is outside the unit you work for."))


@predicate("evaluations.decide_dossier")
def can_decide_dossier(user: User, dossier: Dossier) -> Decision:
    """Record the numbered decision of a reviewed dossier: the reviewer's part, the level above."""
    return may_act(user, dossier, REVIEWER)


@predicate("evaluations.print_certificates")
def can_print_certificates(user: User, decision: TitleDecision) -> Decision:
    """Print the certificates of a decision the user may download (``selectors.decisions_visible_to``)."""
    from thidua.evaluations.selectors import decisions_visible_to

    if not decisions_visible_to(user).filter(pk=decision.pk).exists():
        return outside(_("The decision is outside the units you work for."))
    if not has_role(user, *PRINTING_ROLES):
        return Decision(False, _("Only the officers of a commune, a district or a province print certificates."))
    return ALLOWED


@predicate("evaluations.set_deadline")
def can_set_deadline(user: User, province: Unit) -> Decision:
    # The role first: a province's deadlines are public, and only a province's officers set any.
    if not has_role(user, *DEADLINE_ROLES):
        return Decision(False, _("Only the province's officers set its deadlines."))
    if not within(user, province):
        return outside()
    return ALLOWED


@predicate("evaluations.grant_deadline_exception")
def can_grant_deadline_exception(user: User, unit: Unit) -> Decision:
    if not within(user, unit):
        return outside()
    if not has_role(user, *EXCEPTION_ROLES):
        return Decision(False, _("Only the officers of a district or a province grant an exception to a deadline."))
    return ALLOWED


@predicate("evaluations.record_certificates")
def can_record_certificates(user: User, area: Unit) -> Decision:
    """Record the Giấy khen given to the households of ``area``, or to the area itself."""
    if not within(user, area):
        return outside()
    if not has_role(user, *CERTIFICATE_ROLES):
        return Decision(False, _("Only the officers of a district or a province record the certificates of merit."))
    return ALLOWED
