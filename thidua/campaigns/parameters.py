"""Every parameter of the rules, with its national default per regime, its unit, and the source of the default.

This is code, not data in the database, so that the defaults are reviewed like code and a 2012
evaluation is judged by the defaults of 2012 even on a fresh installation. A province changes a
value from a year on through ``ProvincialParameter`` rows (``selectors.parameters_for`` resolves
them over these defaults). Where the sources do not confirm a default it says so (``confirmed``
False) and the value is a decision written down in ``note`` and in docs/rules.md.

Sources are cited as in /work/shared/reference/regulations.md (section numbers in brackets).
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thidua.campaigns.rules import REGIME_KEYS, as_fraction, percent
from thidua.errors import DomainError

ALL = "*"  # a default that holds under every regime


class Kind(StrEnum):
    SHARE = "share"
    POINTS = "points"
    YEARS = "years"
    DAYS = "days"
    MONTH_DAY = "month_day"
    CHOICE = "choice"
    LIST = "list"
    TIERS = "tiers"


KIND_LABELS: dict[Kind, Promise] = {
    Kind.SHARE: gettext_lazy("share (0–1)"),
    Kind.POINTS: gettext_lazy("points"),
    Kind.YEARS: gettext_lazy("years"),
    Kind.DAYS: gettext_lazy("days"),
    Kind.MONTH_DAY: gettext_lazy("day of the year"),
    Kind.CHOICE: gettext_lazy("choice"),
    Kind.LIST: gettext_lazy("list"),
    Kind.TIERS: gettext_lazy("tiers"),
}

# The exclusion categories a household may be recorded under (only the category is ever stored:
# the reasons are sensitive personal data). NĐ 86/2023 [§2.4] lists these; NĐ 122/2018's seven
# cases were not seen [§2.2], so its list is configurable.
EXCLUSION_CATEGORIES: dict[str, Promise] = {
    "criminal_prosecution": gettext_lazy("a member is being prosecuted for a crime"),
    "military_service_default": gettext_lazy("military service obligation not fulfilled"),
    "tax_default": gettext_lazy("tax obligations not fulfilled"),
    "sanction_child_marriage": gettext_lazy("administrative sanction: child marriage"),
    "sanction_marriage_family": gettext_lazy("administrative sanction: marriage, divorce or monogamy"),
    "sanction_public_order": gettext_lazy("administrative sanction: public order"),
    "sanction_gambling": gettext_lazy("administrative sanction: gambling"),
    "sanction_social_evils": gettext_lazy("administrative sanction: social evils"),
    "sanction_fire_safety": gettext_lazy("administrative sanction: fire prevention"),
    "sanction_domestic_violence": gettext_lazy("administrative sanction: domestic violence"),
}
ND86_EXCLUSIONS = list(EXCLUSION_CATEGORIES)

AUTHORITIES: dict[str, Promise] = {
    "commune_chairman": gettext_lazy("Chairman of the commune People's Committee"),
    "district_chairman": gettext_lazy("Chairman of the district People's Committee"),
    "province_chairman": gettext_lazy("Chairman of the provincial People's Committee"),
}
ROUNDING_LABELS: dict[str, Promise] = {
    "floor": gettext_lazy("round down: never above the share"),
    "floor_min_1": gettext_lazy("round down, but at least one when the pool is not empty"),
}
TIE_BREAK_LABELS: dict[str, Promise] = {
    "votes": gettext_lazy("votes"),
    "women": gettext_lazy("women and collectives with at least the set share of women first"),
    "name": gettext_lazy("name, in Vietnamese order"),
}
MERGE_POLICY_LABELS: dict[str, Promise] = {
    "largest_predecessor": gettext_lazy("inherit from the predecessor with the most households"),
    "longest": gettext_lazy("inherit the longest streak"),
    "shortest": gettext_lazy("keep only the years every predecessor held the title"),
    "restart": gettext_lazy("start again from zero"),
}
CERTIFICATE_SWITCH_LABELS: dict[str, Promise] = {
    "on": gettext_lazy("given: consecutive title years earn a Giấy khen"),
    "off": gettext_lazy("not given: no Giấy khen for consecutive title years"),
}
MTTQ_TIER_LABELS: dict[str, Promise] = {
    "tot": gettext_lazy("Good"),
    "kha": gettext_lazy("Fair"),
    "trung_binh": gettext_lazy("Average"),
    "yeu": gettext_lazy("Weak"),
}

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ParameterError(DomainError):
    """A parameter name or value that cannot be used."""


@dataclass(frozen=True)
class Default:
    """The national value of a parameter under a regime (``ALL``: every regime), from ``since`` on."""

    regime: str
    value: Any
    source: str
    confirmed: bool
    since: datetime.date | None = None


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: Kind
    label: Promise
    description: Promise
    defaults: tuple[Default, ...]
    nullable: bool = False  # None is a value: "not set, not checked"
    choices: Mapping[str, Promise] = field(default_factory=dict)
    open_choices: bool = False  # a list may hold codes beyond ``choices`` (the NĐ 122 exclusions)
    ordered: bool = False  # the order of a list matters (the tie-break)

    @property
    def unit_label(self) -> Promise:
        return KIND_LABELS[self.kind]

    def default_for(self, regime: str, day: datetime.date | None = None) -> Default:
        """The default in force under ``regime`` on ``day`` (without a day: from the regime's start)."""
        candidates = [d for d in self.defaults if d.regime in (regime, ALL)]
        candidates = [d for d in candidates if d.since is None or (day is not None and d.since <= day)]
        if not candidates:
            raise ValueError(f"{self.name} has no default under {regime}")
        # A default for the regime itself beats one for every regime; a later ``since`` beats an earlier.
        return max(candidates, key=lambda d: (d.regime == regime, d.since or datetime.date.min))

    def defaults_by_regime(self) -> list[tuple[str, list[Default]]]:
        result = []
        for regime in REGIME_KEYS:
            own = [d for d in self.defaults if d.regime in (regime, ALL)]
            if any(d.regime == regime for d in own):
                own = [d for d in own if d.regime == regime]
            result.append((regime, sorted(own, key=lambda d: d.since or datetime.date.min)))
        return result

    # --- values --------------------------------------------------------------------------------

    def _refuse(self, problem: Promise, **params: Any) -> ParameterError:
        # Kept lazy, so that the error reads in Vietnamese and in English alike.
        return ParameterError(format_lazy("{}: {}", self.name, problem), **params)

    def clean(self, value: Any) -> Any:
        """The value as stored (JSON), or ParameterError naming the parameter and the problem."""
        if value is None:
            if self.nullable:
                return None
            raise self._refuse(gettext_lazy("a value is required"))
        if self.kind in (Kind.SHARE, Kind.POINTS):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self._refuse(gettext_lazy("a number is expected"))
            if value < 0 or (self.kind == Kind.SHARE and value > 1):
                if self.kind == Kind.SHARE:
                    raise self._refuse(gettext_lazy("a share between 0 and 1 is expected"))
                raise self._refuse(gettext_lazy("a number of at least 0 is expected"))
            return value
        if self.kind in (Kind.YEARS, Kind.DAYS):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise self._refuse(gettext_lazy("a whole number of at least 1 is expected"))
            return value
        if self.kind == Kind.MONTH_DAY:
            if not isinstance(value, str) or not re.fullmatch(r"\d\d-\d\d", value):
                raise self._refuse(gettext_lazy("a day of the year as MM-DD is expected"))
            try:
                datetime.date(2024, int(value[:2]), int(value[3:]))
            except ValueError:
                raise self._refuse(gettext_lazy("a day of the year as MM-DD is expected")) from None
            return value
        if self.kind == Kind.CHOICE:
            if value not in self.choices:
                raise self._refuse(gettext_lazy("one of %(choices)s is expected"), choices=", ".join(self.choices))
            return value
        if self.kind == Kind.LIST:
            return self._clean_list(value)
        return self._clean_tiers(value)

    def _clean_list(self, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._refuse(gettext_lazy("a list of codes is expected"))
        if len(set(value)) != len(value):
            raise self._refuse(gettext_lazy("a code is listed twice"))
        for code in value:
            known = code in self.choices or (self.open_choices and _NAME.match(code))
            if not known:
                raise self._refuse(gettext_lazy("unknown code %(code)s"), code=code)
        if self.name == "tie_break" and value and value[-1] != "name" and "name" not in value:
            # The order must end in a total order for the same pool to give the same ranking.
            value = [*value, "name"]
        return list(value)

    def _clean_tiers(self, value: Any) -> list[list[Any]]:
        ok = isinstance(value, list) and all(
            isinstance(t, list | tuple)
            and len(t) == 2
            and isinstance(t[0], str)
            and _NAME.match(t[0])
            and isinstance(t[1], int | float)
            and not isinstance(t[1], bool)
            for t in value
        )
        if not ok or not value:
            raise self._refuse(gettext_lazy("a list of tiers [name, minimum points] is expected"))
        if min(t[1] for t in value) != 0:
            raise self._refuse(gettext_lazy("the lowest tier must start at 0 points"))
        return [[t[0], t[1]] for t in sorted(value, key=lambda t: -t[1])]

    def parse(self, text: str) -> Any:
        """A value typed in a form ("80%", "0,8", "25/11", "votes, women, name", "tot:90, kha:70 …")."""
        text = text.strip()
        if not text:
            return self.clean(None)
        if self.kind in (Kind.SHARE, Kind.POINTS, Kind.YEARS, Kind.DAYS):
            is_percent = text.endswith("%")
            raw = text.rstrip("%").strip().replace(",", ".")
            try:
                amount = Decimal(raw)
            except InvalidOperation:
                raise self._refuse(gettext_lazy("a number is expected")) from None
            if is_percent:
                amount /= 100
            if self.kind in (Kind.YEARS, Kind.DAYS):
                if amount != amount.to_integral_value():
                    raise self._refuse(gettext_lazy("a whole number of at least 1 is expected"))
                return self.clean(int(amount))
            return self.clean(int(amount) if amount == amount.to_integral_value() else float(amount))
        if self.kind == Kind.MONTH_DAY:
            match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", text)
            if not match:
                raise self._refuse(gettext_lazy("a day of the year as dd/mm is expected"))
            return self.clean(f"{int(match[2]):02d}-{int(match[1]):02d}")
        if self.kind == Kind.CHOICE:
            return self.clean(text)
        if self.kind == Kind.LIST:
            return self.clean([part.strip() for part in text.split(",") if part.strip()])
        tiers = []
        for part in text.split(","):
            name, _sep, minimum = part.partition(":")
            try:
                tiers.append([name.strip(), int(Decimal(minimum.strip().replace(",", ".")))])
            except InvalidOperation:
                raise self._refuse(gettext_lazy("a list of tiers [name, minimum points] is expected")) from None
        return self.clean(tiers)

    def as_text(self, value: Any) -> str:
        """The value as typed in the form (the inverse of ``parse``)."""
        if value is None:
            return ""
        if self.kind == Kind.MONTH_DAY:
            return f"{value[3:]}/{value[:2]}"
        if self.kind == Kind.LIST:
            return ", ".join(value)
        if self.kind == Kind.TIERS:
            return ", ".join(f"{name}:{minimum}" for name, minimum in value)
        return str(value)

    def display(self, value: Any) -> str:
        """The value as officials read it."""
        if value is None:
            return str(_("not set (not checked)"))
        if self.kind == Kind.SHARE:
            return percent(as_fraction(value)) if value else str(_("0 (not checked)"))
        if self.kind == Kind.MONTH_DAY:
            return f"{value[3:]}/{value[:2]}"
        if self.kind == Kind.CHOICE:
            return str(self.choices.get(value, value))
        if self.kind == Kind.LIST:
            if not value:
                return str(_("none"))
            return "; ".join(str(self.choices.get(v, v)) for v in value)
        if self.kind == Kind.TIERS:
            return "; ".join(f"{MTTQ_TIER_LABELS.get(name, name)} ≥ {minimum}" for name, minimum in value)
        if self.kind == Kind.YEARS:
            return ngettext("%(n)s year", "%(n)s years", value) % {"n": value}
        if self.kind == Kind.DAYS:
            return ngettext("%(n)s day", "%(n)s days", value) % {"n": value}
        return str(value)


def _d(regime: str, value: Any, source: str, *, confirmed: bool = True, **extra: Any) -> Default:
    return Default(regime, value, source, confirmed, **extra)


PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "quorum_share",
        Kind.SHARE,
        gettext_lazy("Quorum of the evaluation meeting"),
        gettext_lazy("The share of those convened who must attend the evaluation meeting; not set: not checked."),
        (
            _d("qd62-2006", None, "QĐ 62/2006/QĐ-BVHTT: quorum rule not seen [§0]", confirmed=False),
            _d("tt12-2011", None, "TT 12/2011/TT-BVHTTDL: no quorum rule in the sources [§2.1]", confirmed=False),
            _d("nd122-2018", 0.6, "NĐ 122/2018/NĐ-CP Điều 9, 15, 17: quorum ≥ 60% of those convened [§2.2]"),
            _d(
                "nd86-2023",
                0.6,
                "NĐ 86/2023/NĐ-CP sets no quorum in the sources [§2.4]; NĐ 122/2018 rule kept",
                confirmed=False,
            ),
        ),
        nullable=True,
    ),
    Parameter(
        "pass_share",
        Kind.SHARE,
        gettext_lazy("Votes needed to pass"),
        gettext_lazy("The share of those present who must agree (“từ 60% trở lên”: exactly the share passes)."),
        (
            _d("qd62-2006", 0.6, "not seen for QĐ 62/2006 [§0]; TT 12/2011 rule used", confirmed=False),
            _d("tt12-2011", 0.6, "TT 12/2011/TT-BVHTTDL: “có từ 60% trở lên số người tham dự họp nhất trí” [§2.1]"),
            _d("nd122-2018", 0.6, "NĐ 122/2018/NĐ-CP Điều 9, 15, 17: ≥ 60% of those present [§2.2]"),
            _d(
                "nd86-2023",
                0.6,
                "NĐ 86/2023/NĐ-CP: no vote share in the sources [§2.4]; NĐ 122/2018 rule kept",
                confirmed=False,
            ),
        ),
        nullable=True,
    ),
    Parameter(
        "exclusion_categories",
        Kind.LIST,
        gettext_lazy("Exclusions from the cultural-family title"),
        gettext_lazy("Categories that make a household ineligible whatever the vote."),
        (
            _d("qd62-2006", [], "no exclusion list in the sources [§0]", confirmed=False),
            _d("tt12-2011", [], "no exclusion list in TT 12/2011 sources [§2.1]", confirmed=False),
            _d(
                "nd122-2018",
                ND86_EXCLUSIONS,
                "NĐ 122/2018/NĐ-CP names 7 cases, not seen [§2.2]; NĐ 86/2023 categories used until a province "
                "sets its list",
                confirmed=False,
            ),
            _d("nd86-2023", ND86_EXCLUSIONS, "NĐ 86/2023/NĐ-CP: prosecution, military service, tax, sanctions [§2.4]"),
        ),
        choices=EXCLUSION_CATEGORIES,
        open_choices=True,
    ),
    Parameter(
        "household_min_points",
        Kind.POINTS,
        gettext_lazy("Minimum points for a cultural family"),
        gettext_lazy("The province's points threshold for the cultural-family title; not set: not checked."),
        (
            _d(
                ALL,
                None,
                "provincial, not national: e.g. Cà Mau ≥ 85 under NĐ 122 [§2.2]; Luật TĐKT 2022 Điều 30 k2",
            ),
        ),
        nullable=True,
    ),
    Parameter(
        "area_min_points",
        Kind.POINTS,
        gettext_lazy("Minimum points for a cultural residential area"),
        gettext_lazy("The province's points threshold for the cultural-area title; not set: not checked."),
        (_d(ALL, None, "provincial, not national: e.g. Cà Mau ấp/khóm ≥ 80 under NĐ 122 [§2.2]"),),
        nullable=True,
    ),
    Parameter(
        "area_min_gdvh_share",
        Kind.SHARE,
        gettext_lazy("Minimum share of cultural families in an area"),
        gettext_lazy("The share of an area's households that must hold the cultural-family title; 0: not checked."),
        (
            _d(
                ALL,
                0,
                "no national minimum in TT 12/2011, NĐ 122/2018 or NĐ 86/2023 [§2.1, §2.2, §2.4]; provinces set "
                "one (e.g. 0.8)",
                confirmed=False,
            ),
        ),
    ),
    Parameter(
        "household_certificate_years",
        Kind.YEARS,
        gettext_lazy("Consecutive years for a family's certificate"),
        gettext_lazy(
            "Consecutive cultural-family years, ending in the year considered, for the Giấy khen "
            "(TT 12/2011: the Giấy công nhận); not set: no such certificate."
        ),
        (
            _d("qd62-2006", None, "not seen for QĐ 62/2006 [§0]", confirmed=False),
            _d("tt12-2011", 3, "TT 12/2011/TT-BVHTTDL: Giấy công nhận “3 năm 1 lần” [§2.1]"),
            _d("nd122-2018", 3, "NĐ 122/2018/NĐ-CP: Giấy khen for “đủ 03 năm liên tục” [§2.2]"),
            _d("nd86-2023", 3, "not seen in NĐ 86/2023 [§2.4]; NĐ 122/2018 rule kept", confirmed=False),
        ),
        nullable=True,
    ),
    Parameter(
        "area_certificate_years",
        Kind.YEARS,
        gettext_lazy("Consecutive years for an area's certificate"),
        gettext_lazy(
            "Consecutive cultural-area years, ending in the year considered, for the Giấy khen; "
            "not set: no such certificate."
        ),
        (
            _d("qd62-2006", None, "not seen for QĐ 62/2006 [§0]", confirmed=False),
            _d("tt12-2011", None, "TT 12/2011 recognizes areas every 3 years; no Giấy khen in the sources [§2.1]"),
            _d("nd122-2018", 5, "NĐ 122/2018/NĐ-CP Điều 17: “đủ 05 năm liên tục” [§2.2]"),
            _d("nd86-2023", 5, "not seen in NĐ 86/2023 [§2.4]; NĐ 122/2018 rule kept", confirmed=False),
        ),
        nullable=True,
    ),
    Parameter(
        "quota_share",
        Kind.SHARE,
        gettext_lazy("Certificate quota"),
        gettext_lazy("At most this share of the eligible pool receives the certificate, by votes; not set: no cap."),
        (
            _d("qd62-2006", None, "no quota in the sources [§0]", confirmed=False),
            _d("tt12-2011", None, "no quota for the Giấy công nhận in the sources [§2.1]", confirmed=False),
            _d("nd122-2018", 0.15, "NĐ 122/2018/NĐ-CP: ≤ 15% of the pool, highest votes (dichvucong 1.001120) [§2.2]"),
            _d("nd86-2023", 0.15, "not seen in NĐ 86/2023 [§2.4]; NĐ 122/2018 rule kept", confirmed=False),
        ),
        nullable=True,
    ),
    Parameter(
        "quota_rounding",
        Kind.CHOICE,
        gettext_lazy("Rounding of the quota"),
        gettext_lazy("How the quota's share of the pool becomes a whole number of recipients."),
        (
            _d(
                ALL,
                "floor",
                "decision: the 15% is a cap (beyond it the highest votes are taken [§2.2]), so round down",
                confirmed=False,
            ),
        ),
        choices=ROUNDING_LABELS,
    ),
    Parameter(
        "tie_break",
        Kind.LIST,
        gettext_lazy("Order of candidates with equal votes"),
        gettext_lazy("The keys that rank the pool, in order; the name always ends the order."),
        (
            _d(ALL, ["votes", "name"], "NĐ 122/2018: ranked by votes [§2.2]; then name (decision)", confirmed=False),
            _d(
                "nd86-2023",
                ["votes", "women", "name"],
                "NĐ 152/2025/NĐ-CP Điều 4: equal candidates prefer women, and collectives with ≥ 70% women [§4]; "
                "then name (decision)",
                confirmed=False,
                since=datetime.date(2025, 7, 1),
            ),
            _d("nd86-2023", ["votes", "name"], "votes [§2.2]; then name (decision)", confirmed=False),
        ),
        choices=TIE_BREAK_LABELS,
        ordered=True,
    ),
    Parameter(
        "tie_break_women_share",
        Kind.SHARE,
        gettext_lazy("Share of women for a collective's priority"),
        gettext_lazy("A collective with at least this share of women is preferred on equal votes."),
        (_d(ALL, 0.7, "NĐ 152/2025/NĐ-CP Điều 4: collectives with ≥ 70% women preferred on a tie [§4]"),),
    ),
    Parameter(
        "posting_days",
        Kind.DAYS,
        gettext_lazy("Public posting of the cultural-family list"),
        gettext_lazy("Days the list of proposed families stays posted for residents' opinions; not set: no posting."),
        (
            _d(ALL, None, "no posting period in the sources before NĐ 86/2023 [§2.1, §2.2]", confirmed=False),
            _d("nd86-2023", 10, "NĐ 86/2023/NĐ-CP Điều 8 k1: posted 10 days [§2.4]"),
        ),
        nullable=True,
    ),
    Parameter(
        "area_posting_days",
        Kind.DAYS,
        gettext_lazy("Publication of the cultural-area list"),
        gettext_lazy(
            "Days the commune publishes the list of proposed areas (on its website or otherwise); "
            "not set: no publication."
        ),
        (
            _d(ALL, None, "no publication period in the sources before NĐ 86/2023 [§2.1, §2.2]", confirmed=False),
            _d(
                "nd86-2023",
                10,
                "NĐ 86/2023/NĐ-CP Điều 8 k2: published on the commune's website for 10 days (TTHC page seen "
                "without its address) [§2.4]",
                confirmed=False,
            ),
        ),
        nullable=True,
    ),
    Parameter(
        "consecutive_certificates",
        Kind.CHOICE,
        gettext_lazy("Giấy khen for consecutive title years"),
        gettext_lazy(
            "Whether the Giấy khen of NĐ 122/2018 for 3 (families) and 5 (areas) consecutive title years is given."
        ),
        (
            _d(ALL, "on", "TT 12/2011 (Giấy công nhận every 3 years) and NĐ 122/2018 Điều 17 [§2.1, §2.2]"),
            _d(
                "nd86-2023",
                "off",
                "not in NĐ 86/2023 [§2.4], which replaced NĐ 122/2018 on 30/1/2024: on only where the "
                "province's own regulation gives it",
                confirmed=False,
            ),
        ),
        choices=CERTIFICATE_SWITCH_LABELS,
    ),
    Parameter(
        "gdvh_review_deadline",
        Kind.MONTH_DAY,
        gettext_lazy("Deadline of the cultural-family review"),
        gettext_lazy("The yearly evaluation must be held before this day; not set: no deadline."),
        (
            _d(ALL, None, "no deadline in the sources before NĐ 86/2023", confirmed=False),
            _d("nd86-2023", "11-25", "NĐ 86/2023/NĐ-CP: “hoàn thành việc bình xét trước ngày 25 tháng 11” [§2.4]"),
        ),
        nullable=True,
    ),
    Parameter(
        "household_title_authority",
        Kind.CHOICE,
        gettext_lazy("Who recognizes cultural families"),
        gettext_lazy("The authority that decides the cultural-family title."),
        (
            _d(ALL, "commune_chairman", "TT 12/2011; NĐ 122/2018; Luật TĐKT 2022 Điều 80 k3; NĐ 86/2023 [§2]"),
            _d("qd62-2006", "commune_chairman", "not seen for QĐ 62/2006; later acts' rule", confirmed=False),
        ),
        choices=AUTHORITIES,
    ),
    Parameter(
        "area_title_authority",
        Kind.CHOICE,
        gettext_lazy("Who recognizes cultural residential areas"),
        gettext_lazy("The authority that decides the cultural-area title."),
        (
            _d(ALL, "district_chairman", "TT 12/2011; NĐ 122/2018 Điều 15; Luật TĐKT 2022 Điều 80; NĐ 86 Điều 8 k2"),
            _d("qd62-2006", "district_chairman", "not seen for QĐ 62/2006; later acts' rule", confirmed=False),
            _d(
                "nd86-2023",
                "commune_chairman",
                "district level abolished 1/7/2025; successor authority not confirmed [§6] (decision)",
                confirmed=False,
                since=datetime.date(2025, 7, 1),
            ),
        ),
        choices=AUTHORITIES,
    ),
    Parameter(
        "household_certificate_authority",
        Kind.CHOICE,
        gettext_lazy("Who gives a family's certificate"),
        gettext_lazy("The authority that decides the Giấy khen of a cultural family."),
        (_d(ALL, "commune_chairman", "NĐ 122/2018 (Chủ tịch UBND xã) [§2.2]; Luật TĐKT 2022 Điều 80"),),
        choices=AUTHORITIES,
    ),
    Parameter(
        "area_certificate_authority",
        Kind.CHOICE,
        gettext_lazy("Who gives an area's certificate"),
        gettext_lazy("The authority that decides the Giấy khen of a cultural residential area."),
        (
            _d(ALL, "district_chairman", "NĐ 122/2018 Điều 17 (Chủ tịch UBND huyện) [§2.2]"),
            _d(
                "nd86-2023",
                "commune_chairman",
                "district level abolished 1/7/2025; successor authority not confirmed [§6] (decision)",
                confirmed=False,
                since=datetime.date(2025, 7, 1),
            ),
        ),
        choices=AUTHORITIES,
    ),
    Parameter(
        "area_title_cycle_years",
        Kind.YEARS,
        gettext_lazy("Cycle of the cultural-area title"),
        gettext_lazy("How many years one recognition of a cultural area covers."),
        (
            _d("qd62-2006", 3, "not seen for QĐ 62/2006; TT 12/2011 rule used", confirmed=False),
            _d("tt12-2011", 3, "TT 12/2011/TT-BVHTTDL: “3 năm 1 lần” [§2.1]"),
            _d("nd122-2018", 1, "NĐ 122/2018/NĐ-CP: hằng năm [§2.2]"),
            _d("nd86-2023", 1, "Luật TĐKT 2022 Điều 30: tặng hằng năm [§2.3]"),
        ),
    ),
    Parameter(
        "streak_merge_policy",
        Kind.CHOICE,
        gettext_lazy("Consecutive years across a merge of areas"),
        gettext_lazy("Which title years a merged residential area starts with."),
        (
            _d(
                ALL,
                "largest_predecessor",
                "not fixed by law [Rules 22] (decision: most residents' record carries over)",
                confirmed=False,
            ),
        ),
        choices=MERGE_POLICY_LABELS,
    ),
    Parameter(
        "mttq_scale_max",
        Kind.POINTS,
        gettext_lazy("Scale of the Front's evaluation"),
        gettext_lazy("The maximum points of the Front's own evaluation of the campaign in an area."),
        (_d(ALL, 100, "HD 83/HD-MTTW-BTT (2017): scale not seen [§3]", confirmed=False),),
    ),
    Parameter(
        "mttq_tiers",
        Kind.TIERS,
        gettext_lazy("Tiers of the Front's evaluation"),
        gettext_lazy("The minimum points of each tier; the lowest starts at 0."),
        (
            _d(
                ALL,
                [["tot", 90], ["kha", 70], ["trung_binh", 50], ["yeu", 0]],
                "HD 83/HD-MTTW-BTT (2017): tiers Tốt / Khá / Trung bình / Yếu, thresholds not seen [§3]",
                confirmed=False,
            ),
        ),
    ),
)

REGISTRY: dict[str, Parameter] = {p.name: p for p in PARAMETERS}


def parameter(name: str) -> Parameter:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ParameterError(gettext_lazy("Unknown parameter %(name)s."), name=name) from None


def defaults_for(regime: str, day: datetime.date | None = None) -> dict[str, Any]:
    """Every parameter's national default under ``regime`` on ``day``; lists are fresh copies."""
    return {p.name: copy.deepcopy(p.default_for(regime, day).value) for p in PARAMETERS}


def clean_overrides(values: Mapping[str, Any]) -> dict[str, Any]:
    """Overrides checked against the registry: unknown names and bad values raise ParameterError."""
    return {name: parameter(name).clean(value) for name, value in values.items()}
