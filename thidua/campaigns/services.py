"""Writes: a province's value of a parameter from a year on. Every change is a new row and an audit entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.campaigns.models import ProvincialParameter
from thidua.campaigns.parameters import parameter
from thidua.campaigns.rules import REGIMES
from thidua.campaigns.selectors import parameters_for, year_end
from thidua.errors import DomainError
from thidua.units.models import Level, Unit

LAST_YEAR = 2100


def parameter_set(
    *,
    province: Unit,
    name: str,
    year_from: int,
    value: Any = None,
    uses_default: bool = False,
    legal_basis: str,
    reason: str,
    actor: Actor,
) -> ProvincialParameter:
    """Record ``province``'s value of ``name`` from ``year_from`` on (or its return to the national default).

    Nothing is overwritten: the earlier rows stay as the parameter's history, and a later year's
    row still applies from its own year.
    """
    authorize(actor, "campaigns.change_parameters", province)
    definition = parameter(name)
    if province.level != Level.PROVINCE:
        raise DomainError(_("Parameters are set for a province; %(unit)s is not one."), unit=province.full_name)
    first = REGIMES[0].start.year
    last = min(province.valid_to.year if province.valid_to else LAST_YEAR, LAST_YEAR)
    first = max(first, province.valid_from.year if province.valid_from else first)
    if not first <= year_from <= last:
        raise DomainError(
            _("The year must be between %(first)s and %(last)s for %(province)s."),
            first=first,
            last=last,
            province=province.full_name,
        )
    if not legal_basis.strip():
        raise DomainError(_("Name the province's decision that sets this value (its legal basis)."))
    if not reason.strip():
        raise DomainError(_("Say why the value changes."))
    cleaned = None if uses_default else definition.clean(value)
    with transaction.atomic():
        before = parameters_for(province, year_end(year_from))[name]
        row = ProvincialParameter.objects.create(
            province=province,
            name=name,
            year_from=year_from,
            value=cleaned,
            uses_default=uses_default,
            legal_basis=legal_basis.strip(),
            reason=reason.strip(),
            recorded_by=actor if actor.pk else None,
        )
        audit_record(
            actor=actor,
            action="campaigns.parameter_set",
            obj=row,
            before={"value": before},
            after={
                "province": province.pk,
                "name": name,
                "year_from": year_from,
                "value": parameters_for(province, year_end(year_from))[name],
                "uses_default": uses_default,
                "legal_basis": row.legal_basis,
            },
            reason=row.reason,
        )
    return row
