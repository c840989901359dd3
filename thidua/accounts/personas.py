"""The fixed cast used by the demo and the tests: one user per role, and an outsider.

They live in the real tree of 2009–2013 (Bắc Kạn province, thị xã Bắc Kạn, phường Đức Xuân, tổ 8A),
the place and period of the demo story; the outsider works for huyện Chợ Mới, another district of
the same province, and must never see anything of thị xã Bắc Kạn.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    role: str
    unit_code: str | None  # a legacy (pre-2025) unit code; None for the administrator
    description: object  # lazy translated text

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


# The cast holds its roles since the beginning of the demo story (the period 2009–2013).
PERSONAS_SINCE = datetime.date(2009, 1, 1)

DEMO_PASSWORD = "thidua-demo"  # noqa: S105 — a published demo password, refused outside demo mode

AREA_CODE_TO_8A = "01840-08A"

PERSONAS = [
    Persona(
        "to8a", "Hoàng Văn Thụ", Role.AREA_OFFICER, AREA_CODE_TO_8A, _("Head of the Front working committee, tổ 8A")
    ),
    Persona("ducxuan", "Nông Thị Lan", Role.COMMUNE_OFFICER, "01840", _("Officer of phường Đức Xuân")),
    Persona("backan", "Triệu Văn Minh", Role.DISTRICT_OFFICER, "058", _("Officer of the town of Bắc Kạn")),
    Persona("hoidong", "Lý Thị Hoa", Role.COUNCIL_MEMBER, "058", _("Member of the town's emulation council")),
    Persona("tinh", "Ma Văn Cường", Role.PROVINCE_OFFICER, "06", _("Officer of Bắc Kạn province")),
    Persona("admin", "Quản trị hệ thống", Role.ADMINISTRATOR, None, _("Administrator")),
    Persona("chomoi", "Lường Văn Sơn", Role.DISTRICT_OFFICER, "065", _("Outsider: officer of huyện Chợ Mới")),
]
