"""The approval of a dossier up the tree, as a table: state → {target: (label, who may do it)}.

"submitter" is an officer of the unit that sends the dossier (the area for its households, the
commune for its areas); "reviewer" an officer of the level above, who returns, reviews and decides.
One ``transition`` function applies the table; every move is recorded with its actor and reason.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.audit.services import audit_record
from thidua.errors import DomainError
from thidua.evaluations.models import Dossier, DossierKind, DossierStatus, DossierTransition, Objection
from thidua.units.selectors import units_visible_to

S = DossierStatus
SUBMITTER, REVIEWER = "submitter", "reviewer"

TRANSITIONS: dict[str, dict[str, tuple[Any, str]]] = {
    S.DRAFT: {S.SUBMITTED: (_("Submit"), SUBMITTER)},
    S.SUBMITTED: {S.RETURNED: (_("Return with a reason"), REVIEWER), S.REVIEWED: (_("Mark as reviewed"), REVIEWER)},
    S.RETURNED: {S.SUBMITTED: (_("Submit again"), SUBMITTER)},
    S.REVIEWED: {S.DECIDED: (_("Record the decision"), REVIEWER), S.RETURNED: (_("Return with a reason"), REVIEWER)},
    S.DECIDED: {S.LOCKED: (_("Lock"), REVIEWER)},
    S.LOCKED: {},
}

# Which roles act as submitter and reviewer for each kind of dossier.
ROLES: dict[str, dict[str, set[str]]] = {
    DossierKind.GDVH: {SUBMITTER: {Role.AREA_OFFICER, Role.COMMUNE_OFFICER}, REVIEWER: {Role.COMMUNE_OFFICER}},
    DossierKind.KDC: {
        SUBMITTER: {Role.COMMUNE_OFFICER},
        REVIEWER: {Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER},
    },
}


def may_act(user: Any, dossier: Dossier, part: str) -> tuple[bool, Any]:
    """Whether ``user`` plays ``part`` for ``dossier``: the right role, and the right place."""
    if user.is_superuser or user.is_administrator:
        return True, ""
    if user.role not in ROLES[dossier.kind][part]:
        return False, _("Your role does not allow this step.")
    if not units_visible_to(user).filter(pk=dossier.unit_id).exists():
        return False, _("This dossier is outside the unit you work for.")
    if part == REVIEWER and user.unit_id == dossier.unit_id:
        return False, _("A dossier is reviewed by the level above the unit that sends it.")
    return True, ""


def available_transitions(dossier: Dossier, user: Any) -> list[tuple[str, str]]:
    return [
        (target, str(label))
        for target, (label, part) in TRANSITIONS[dossier.status].items()
        if may_act(user, dossier, part)[0]
    ]


def _refuse_open_objections(dossier: Dossier) -> None:
    """NĐ 86/2023: objections raised while the list is posted are resolved before the dossier goes up."""
    open_count = Objection.objects.filter(
        household_year__area=dossier.unit, household_year__year=dossier.year, resolved_on__isnull=True
    ).count()
    if open_count:
        raise DomainError(
            _("%(count)s objections are not resolved yet: resolve them before sending the dossier up."),
            count=open_count,
        )


def transition(given: Dossier, *, to: str, actor: Any, reason: str = "") -> Dossier:
    """Move ``given`` to ``to`` if the table allows it for ``actor``; ``given`` is updated in place."""
    with transaction.atomic():
        # Lock the row: two officers pressing a button at once must not both move it.
        dossier = Dossier.objects.select_for_update().get(pk=given.pk)
        allowed = TRANSITIONS[dossier.status]
        if to not in allowed:
            raise DomainError(
                _("A dossier that is %(status)s cannot become %(target)s."),
                status=dossier.get_status_display(),
                target=DossierStatus(to).label,
            )
        _label, part = allowed[to]
        permitted, why = may_act(actor, dossier, part)
        if not permitted:
            raise DomainError(why)
        if to == S.SUBMITTED and dossier.kind == DossierKind.GDVH:
            _refuse_open_objections(dossier)
        if to == S.RETURNED and not reason.strip():
            raise DomainError(_("Say why the dossier is returned: the unit must know what to fix."))
        source = dossier.status
        dossier.status = to
        dossier.save(update_fields=["status"])
        DossierTransition.objects.create(dossier=dossier, source=source, target=to, actor=actor, reason=reason)
        audit_record(
            actor=actor,
            action="evaluations.dossier_transition",
            obj=dossier,
            before={"status": source},
            after={"status": to},
            reason=reason,
        )
    given.status = dossier.status
    return given
