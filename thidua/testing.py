"""Factories and the fixed cast for tests: a small, real-shaped piece of the tree of 2013.

tỉnh Bắc Kạn (06) ─┬─ thành phố Bắc Kạn (058) ── phường Đức Xuân (01840) ── tổ 8A
                  │                          └─ phường Sông Cầu (01837)
                  └─ huyện Chợ Mới (065) ── thị trấn Đồng Tâm (02086)
The codes and source keys are the real ones of the official lists, so the official import
recognises these units; tổ 8A is a residential area created locally.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import factory
from django.conf import settings
from django.test import Client

from thidua.accounts.models import User
from thidua.accounts.personas import AREA_CODE_TO_8A, DEMO_PASSWORD, PERSONAS, PERSONAS_SINCE
from thidua.accounts.services import user_create
from thidua.accounts.system import SYSTEM_ACTOR
from thidua.errors import DomainError, DomainErrors, Refused
from thidua.units.models import KIND_LEVEL, Level, Unit, UnitKind, UnitVersion

LEGACY_END = datetime.date(2025, 6, 30)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.XA
    level = factory.LazyAttribute(lambda unit: KIND_LEVEL.get(unit.kind, Level.AREA))
    valid_to = LEGACY_END

    @factory.post_generation
    def version(unit: Unit, create: bool, extracted: object, **kwargs: object) -> None:
        """Every unit has at least one version; the factory's mirrors the unit."""
        if create:
            UnitVersion.objects.create(
                unit=unit,
                valid_from=unit.valid_from,
                valid_to=unit.valid_to,
                name=unit.name,
                kind=unit.kind,
                level=unit.level,
                parent=unit.parent,
            )


def make_unit(**fields: object) -> Unit:
    unit = UnitFactory(**fields)
    assert isinstance(unit, Unit)
    return unit


@dataclass
class Cast:
    province: Unit
    town: Unit
    duc_xuan: Unit
    song_cau: Unit
    to_8a: Unit
    cho_moi: Unit
    dong_tam: Unit
    users: dict[str, User]

    def __getitem__(self, username: str) -> User:
        return self.users[username]


def build_cast() -> Cast:
    province = make_unit(code="06", name="Bắc Kạn", kind=UnitKind.TINH, source_key="vn-2024:06")
    town = make_unit(code="058", name="Bắc Kạn", kind=UnitKind.THANH_PHO, parent=province, source_key="vn-2024:058")
    duc_xuan = make_unit(code="01840", name="Đức Xuân", kind=UnitKind.PHUONG, parent=town, source_key="vn-2024:01840")
    song_cau = make_unit(code="01837", name="Sông Cầu", kind=UnitKind.PHUONG, parent=town, source_key="vn-2024:01837")
    to_8a = make_unit(code=AREA_CODE_TO_8A, name="8A", kind=UnitKind.TO_DAN_PHO, parent=duc_xuan, valid_to=None)
    cho_moi = make_unit(code="065", name="Chợ Mới", kind=UnitKind.HUYEN, parent=province, source_key="vn-2024:065")
    dong_tam = make_unit(
        code="02086", name="Đồng Tâm", kind=UnitKind.THI_TRAN, parent=cho_moi, source_key="vn-2024:02086"
    )
    units: dict[str, Unit] = {u.code: u for u in (province, town, duc_xuan, song_cau, to_8a, cho_moi, dong_tam)}
    users = {
        p.username: user_create(
            username=p.username,
            password=DEMO_PASSWORD,
            starts=PERSONAS_SINCE,
            role=p.role,
            unit=units[p.unit_code] if p.unit_code else None,
            full_name=p.full_name,
            email=f"{p.username}@example.invalid",
            actor=SYSTEM_ACTOR,
        )
        for p in PERSONAS
    }
    return Cast(province, town, duc_xuan, song_cau, to_8a, cho_moi, dong_tam, users)


def import_refused(call: Callable[[], object], state: Callable[[], object]) -> list[DomainError]:
    """The errors of a refused import, after checking that ``state()`` (row counts) did not change."""
    import pytest

    before = state()
    with pytest.raises(DomainErrors) as info:
        call()
    assert state() == before
    return info.value.errors


def error_at(errors: list[DomainError], row: int | None, column: str | None) -> DomainError:
    """The one error of ``errors`` at this row and column."""
    found = [e for e in errors if e.row == row and e.column == column]
    assert len(found) == 1, [str(e) for e in errors]
    return found[0]


def assert_reason(error: DomainError, vi: str, en: str) -> None:
    """The error reads ``vi`` in Vietnamese and ``en`` in English, prefixed by its row and column."""
    assert error.reason("vi") == vi
    assert error.reason("en") == en
    if error.row is not None:
        assert error.text("vi").startswith(f"dòng {error.row}, cột {error.column}: ")
        assert error.text("en").startswith(f"row {error.row}, column {error.column}: ")


def client_for(user: User | None = None, *, language: str = "en") -> Client:
    """A test client logged in as ``user`` (anonymous when None), reading pages in ``language``.

    English by default so that assertions read the msgids; pass ``language="vi"`` to check the
    Vietnamese page. The locale middleware deactivates the language after each request, so no
    test needs to reset it.
    """
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


# A writing service's probe: ``call(cast, actor)`` runs the service with valid arguments for the cast.
ServiceCall = Callable[[Cast, User], object]


def assert_refused(call: Callable[[], object]) -> Refused:
    """``call`` raises ``Refused`` and writes nothing (no audit row)."""
    import pytest

    from thidua.audit.models import AuditEntry

    before = AuditEntry.objects.count()
    with pytest.raises(Refused) as info:
        call()
    assert AuditEntry.objects.count() == before
    return info.value


def postgres_url(name: str | None = None) -> str:
    """The URL of the PostgreSQL test database (or of ``name`` on its server), for another process:
    a worker, ``manage.py restore``, a shell run as a second machine would."""
    from django.db import connection

    conf = connection.settings_dict
    return (
        f"postgres://{conf['USER'] or 'postgres'}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/"
        f"{name or conf['NAME']}"
    )
