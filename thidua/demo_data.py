"""The demo data set (grows with the demo issue): the official units, tổ 8A and the personas."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from thidua.accounts.models import User
from thidua.accounts.personas import AREA_CODE_TO_8A, DEMO_PASSWORD, PERSONAS
from thidua.accounts.services import user_create
from thidua.audit.services import audit_record
from thidua.lib.progress import Progress
from thidua.units.models import Level, Unit, UnitKind
from thidua.units.services import units_import_official


def demo_load(*, actor: Any = None, progress: Progress | None = None) -> dict[str, int]:
    progress = progress or Progress()
    summary = units_import_official(actor=actor, progress=progress)
    with transaction.atomic():
        duc_xuan = Unit.objects.get(code="01840", valid_from=None)
        if not Unit.objects.filter(code=AREA_CODE_TO_8A).exists():
            area = Unit(code=AREA_CODE_TO_8A, name="8A", kind=UnitKind.TO_DAN_PHO, level=Level.AREA, parent=duc_xuan)
            area.save()
            audit_record(actor=actor, action="units.create", obj=area, after={"code": area.code, "name": area.name})
        created = 0
        for persona in PERSONAS:
            if User.objects.filter(username=persona.username).exists():
                continue
            unit = Unit.objects.get(code=persona.unit_code, valid_from=None) if persona.unit_code else None
            user_create(
                username=persona.username,
                password=DEMO_PASSWORD,
                role=persona.role,
                unit=unit,
                full_name=persona.full_name,
                email=f"{persona.username}@example.invalid",
                actor=actor,
            )
            created += 1
    return {**summary, "users_created": created}
