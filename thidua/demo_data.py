"""The demo data set (grows with the demo issue): the official units, tổ 8A and the personas."""

from __future__ import annotations

from django.db import transaction

from thidua.accounts.models import User
from thidua.accounts.personas import AREA_CODE_TO_8A, DEMO_PASSWORD, PERSONAS, PERSONAS_SINCE
from thidua.accounts.services import user_create
from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.lib.progress import Progress
from thidua.units.models import Unit, UnitKind
from thidua.units.official import units_import_official
from thidua.units.services import unit_establish


def persona_unit(code: str | None) -> Unit | None:
    """The personas work in the tree of 2013: official units of the list before 2025, or tổ 8A."""
    if code is None:
        return None
    return Unit.objects.filter(source_key=f"vn-2024:{code}").first() or Unit.objects.get(code=code)


def demo_load(*, actor: Actor = SYSTEM_ACTOR, progress: Progress | None = None, story: bool = False) -> dict[str, int]:
    progress = progress or Progress()
    summary = units_import_official(actor=actor, progress=progress)
    with transaction.atomic():
        duc_xuan = Unit.objects.get(source_key="vn-2024:01840")
        if not Unit.objects.filter(code=AREA_CODE_TO_8A).exists():
            unit_establish(
                code=AREA_CODE_TO_8A, name="8A", kind=UnitKind.TO_DAN_PHO, parent=duc_xuan, date=None, actor=actor
            )
        created = 0
        for persona in PERSONAS:
            if User.objects.filter(username=persona.username).exists():
                continue
            unit = persona_unit(persona.unit_code)
            user_create(
                username=persona.username,
                password=DEMO_PASSWORD,
                starts=PERSONAS_SINCE,
                role=persona.role,
                unit=unit,
                full_name=persona.full_name,
                email=f"{persona.username}@example.invalid",
                actor=actor,
            )
            created += 1
    result = {**summary, "users_created": created}
    if story:
        from thidua.demo.story import demo_story
        from thidua.demo.story_round import demo_round

        result |= demo_story(actor=User.objects.get(username="admin"), progress=progress)
        users = {u.username: u for u in User.objects.filter(username__in=[p.username for p in PERSONAS])}
        with transaction.atomic():
            result |= demo_round(town=Unit.objects.get(source_key="vn-2024:058"), users=users, progress=progress)
    return result
