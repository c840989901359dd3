"""The regulations on cultural titles and their certificates, as pure functions. No ORM; tested without a database.

Glossary: *gdvh* is "Gia đình văn hóa" (cultural family, a household title, yearly); *kdc* is a
"khu dân cư" (residential area: thôn, tổ dân phố …) and "khu dân cư văn hóa" its title; a
*certificate* here is the Giấy khen (or, under TT 12/2011, the Giấy công nhận) given for a run of
consecutive title years; the *quota* caps how many of the eligible pool receive it.

Every function takes plain dataclasses and a mapping of resolved parameters (the national defaults
of ``parameters.py`` under a province's overrides) and returns a ``Result`` whose checks say, in
words and numbers ("30/50 = 60% ≥ 60%"), why. Shares are compared with integer arithmetic on
exact fractions, never floats, so "từ 60% trở lên" holds at exactly 60%. Sources: docs/rules.md.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.errors import DomainError
from thidua.lib.text import vi_sort_key

Params = Mapping[str, Any]

# NĐ 152/2025/NĐ-CP (from 1/7/2025): equal candidates prefer women and collectives with ≥ 70% women;
# the same day the district level was abolished (two-level local government).
ND152_START = datetime.date(2025, 7, 1)
TWO_LEVEL_START = datetime.date(2025, 7, 1)


# --- regimes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Regime:
    """The legal act that governs the cultural titles over a period, chosen by the evaluation's date."""

    key: str
    start: datetime.date
    end: datetime.date | None
    act: str  # the act as officials cite it
    title: str  # its subject, in Vietnamese
    # Which rules the sources confirm for this act ("household.vote", "area.quorum", "quota" …);
    # every other rule runs on a configured value and says so in its detail.
    confirmed: frozenset[str] = frozenset()
    # Where the national defaults of its unconfirmed rules come from.
    borrows_from: str = ""

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def period(self) -> str:
        end = self.end.strftime("%d/%m/%Y") if self.end else "…"
        return f"{self.start:%d/%m/%Y} – {end}"


REGIMES: tuple[Regime, ...] = (
    # Signed 23/6/2006, in force 15 days after its publication in the Công báo (publication date not
    # confirmed): the signing date is taken as the start, so that evaluations of 2006 have a regime.
    Regime(
        "qd62-2006",
        datetime.date(2006, 6, 23),
        datetime.date(2011, 11, 23),
        "QĐ 62/2006/QĐ-BVHTT",
        "Quy chế công nhận danh hiệu “Gia đình văn hóa”, “Làng văn hóa”, “Tổ dân phố văn hóa”",
        borrows_from="TT 12/2011/TT-BVHTTDL",
    ),
    Regime(
        "tt12-2011",
        datetime.date(2011, 11, 24),
        datetime.date(2018, 11, 4),
        "TT 12/2011/TT-BVHTTDL",
        "Quy định chi tiết về tiêu chuẩn, trình tự, thủ tục, hồ sơ công nhận danh hiệu “Gia đình văn hóa”, "
        "“Thôn văn hóa”, “Tổ dân phố văn hóa” và tương đương",
        confirmed=frozenset({"household.vote", "household.certificate"}),
    ),
    Regime(
        "nd122-2018",
        datetime.date(2018, 11, 5),
        datetime.date(2024, 1, 29),
        "NĐ 122/2018/NĐ-CP",
        "Quy định về xét tặng danh hiệu “Gia đình văn hóa”; “Thôn văn hóa”, “Làng văn hóa”, “Ấp văn hóa”, "
        "“Bản văn hóa”, “Tổ dân phố văn hóa”",
        confirmed=frozenset(
            {
                "household.quorum",
                "household.vote",
                "area.quorum",
                "area.vote",
                "household.certificate",
                "area.certificate",
                "quota",
            }
        ),
    ),
    Regime(
        "nd86-2023",
        datetime.date(2024, 1, 30),
        None,
        "NĐ 86/2023/NĐ-CP",
        "Quy định khung tiêu chuẩn và trình tự, thủ tục, hồ sơ xét tặng danh hiệu “Gia đình văn hóa”; "
        "“Thôn, tổ dân phố văn hóa”, “Xã, phường, thị trấn tiêu biểu”",
        confirmed=frozenset({"household.posting", "household.deadline"}),
        borrows_from="NĐ 122/2018/NĐ-CP",
    ),
)
REGIME_KEYS: tuple[str, ...] = tuple(r.key for r in REGIMES)


class RegimeError(DomainError):
    """A date no regime governs, or an unknown regime name."""


def regime_for(day: datetime.date) -> Regime:
    """The regime in force on ``day``; a day before the first regime is refused (it is bad input)."""
    for regime in REGIMES:
        if regime.contains(day):
            return regime
    first = REGIMES[0]
    raise RegimeError(
        gettext_lazy(
            "No regime governs %(day)s: the first one, %(act)s, starts on %(start)s. "
            "A date before it is not a valid evaluation date."
        ),
        day=day.strftime("%d/%m/%Y"),
        act=first.act,
        start=first.start.strftime("%d/%m/%Y"),
    )


def regime_by_key(key: str) -> Regime:
    for regime in REGIMES:
        if regime.key == key:
            return regime
    raise RegimeError(
        gettext_lazy("Unknown regime %(key)s; the regimes are: %(keys)s."), key=key, keys=", ".join(REGIME_KEYS)
    )


# --- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "passed": self.passed, "detail": self.detail}


@dataclass(frozen=True)
class Result:
    """``outcome`` is a boolean, or for a quota the selected ids in rank order."""

    outcome: bool | list[str]
    checks: tuple[Check, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "checks": [c.as_dict() for c in self.checks]}


def _all_passed(checks: Iterable[Check]) -> Result:
    checks = tuple(checks)
    return Result(all(c.passed for c in checks), checks)


# --- numbers ---------------------------------------------------------------------------------------


def as_fraction(value: int | float | str | Fraction) -> Fraction:
    """An exact fraction of a share: 0.6 is 3/5, not 0.59999…; so is "0.6"."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def at_least(part: int, whole: int, share: Fraction) -> bool:
    """part/whole ≥ share, in integers: part × denominator ≥ numerator × whole."""
    return part * share.denominator >= share.numerator * whole


def percent(value: Fraction) -> str:
    """A share as a percentage, truncated (never rounded up) to two decimals: 29/49 is "59,18%"."""
    hundredths = math.floor(value * 10000)
    whole, rest = divmod(hundredths, 100)
    if rest == 0:
        return f"{whole}%"
    separator = str(formats.get_format("DECIMAL_SEPARATOR"))
    return f"{whole}{separator}{rest:02d}".rstrip("0") + "%"


def number(value: Fraction | int | float) -> str:
    """A number as written in the active language (two decimals at most, truncated)."""
    fraction = as_fraction(value) if not isinstance(value, int) else Fraction(value)
    hundredths = math.floor(fraction * 100)
    whole, rest = divmod(hundredths, 100)
    if rest == 0:
        return str(whole)
    separator = str(formats.get_format("DECIMAL_SEPARATOR"))
    return f"{whole}{separator}{rest:02d}".rstrip("0")


def _ratio(part: int, whole: int, share: Fraction, passed: bool) -> str:
    sign = "≥" if passed else "<"
    return f"{part}/{whole} = {percent(Fraction(part, whole))} {sign} {percent(share)}"


def _unconfirmed(regime: Regime, rule: str) -> str:
    """The note a detail carries when the regime's own text does not confirm the rule applied."""
    if rule in regime.confirmed:
        return ""
    if regime.borrows_from:
        return "; " + _("not confirmed in %(act)s: the configured value applies (national default from %(source)s)") % {
            "act": regime.act,
            "source": regime.borrows_from,
        }
    return "; " + _("not confirmed in %(act)s: the configured value applies") % {"act": regime.act}


# --- facts -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """The evaluation meeting (bình xét): how many were convened, came, and agreed."""

    convened: int | None  # None when not recorded (a regime without a quorum rule)
    present: int
    votes_for: int


@dataclass(frozen=True)
class HouseholdFacts:
    registered: bool
    meeting: Meeting
    exclusions: tuple[str, ...] = ()
    points: float | None = None  # on the province's scale
    posted_days: int | None = None  # how long the list stayed posted (NĐ 86)
    year: int | None = None  # the year evaluated (the title's year); None: the year of the meeting's date


@dataclass(frozen=True)
class AreaFacts:
    registered: bool
    meeting: Meeting
    points: float | None = None
    # The share of cultural families among the area's households: as counts when known (exact), or as a share.
    gdvh_households: int | None = None
    households: int | None = None
    gdvh_share: float | None = None
    posted_days: int | None = None  # how long the commune published the list (NĐ 86 Điều 8 k2)
    year: int | None = None  # the year evaluated (the title's year); None: the year of the meeting's date


@dataclass(frozen=True)
class StreakFacts:
    """The years the household or area held its title, and the windows already rewarded."""

    year: int  # the last year of the window being considered (the evaluation's year by default)
    title_years: frozenset[int]
    rewarded_windows: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One member of the eligible pool of a quota."""

    id: str
    votes_for: int
    name: str = ""
    woman: bool = False  # an individual (the head of a household) who is a woman
    women_share: float | None = None  # a collective: its share of women


# --- checks shared by the titles -------------------------------------------------------------------


def check_registered(registered: bool) -> Check:
    if registered:
        return Check("registered", True, _("registered for the emulation at the start of the year"))
    return Check("registered", False, _("not registered: only registered households and areas are evaluated"))


def check_quorum(meeting: Meeting, *, regime: Regime, params: Params, subject: str) -> Check:
    share_value = params.get("quorum_share")
    if share_value is None:
        detail = _("no quorum rule confirmed in %(act)s: not checked") % {"act": regime.act}
        if meeting.convened is not None:
            detail = f"{meeting.present}/{meeting.convened}; {detail}"
        return Check("quorum", True, detail)
    share = as_fraction(share_value)
    if meeting.convened is None:
        return Check("quorum", False, _("the number of people convened is not recorded"))
    passed = at_least(meeting.present, meeting.convened, share)
    detail = _ratio(meeting.present, meeting.convened, share, passed)
    return Check("quorum", passed, detail + _unconfirmed(regime, f"{subject}.quorum"))


def check_vote(meeting: Meeting, *, regime: Regime, params: Params, subject: str) -> Check:
    share_value = params.get("pass_share")
    if share_value is None:
        return Check("vote", True, _("no vote share set for %(act)s: not checked") % {"act": regime.act})
    share = as_fraction(share_value)
    if meeting.present == 0:
        return Check("vote", False, _("nobody attended the meeting"))
    passed = at_least(meeting.votes_for, meeting.present, share)
    detail = _ratio(meeting.votes_for, meeting.present, share, passed)
    return Check("vote", passed, detail + _unconfirmed(regime, f"{subject}.vote"))


def check_exclusions(exclusions: Sequence[str], *, params: Params) -> Check:
    excluding = [c for c in exclusions if c in set(params.get("exclusion_categories") or ())]
    if excluding:
        return Check("exclusions", False, _("not eligible: %(categories)s") % {"categories": ", ".join(excluding)})
    if exclusions:
        return Check(
            "exclusions",
            True,
            _("recorded %(categories)s, which is not an exclusion under the configured list")
            % {"categories": ", ".join(exclusions)},
        )
    return Check("exclusions", True, _("no exclusion"))


def check_posting(posted_days: int | None, required: int | None, *, regime: Regime, rule: str) -> Check | None:
    """The list posted for residents' opinions (NĐ 86/2023 Điều 8): None where the regime has no
    posting; a posting not recorded fails, for the dossier goes up only after it."""
    if required is None:
        return None
    if posted_days is None:
        return Check(
            "posting",
            False,
            _("the posting of the list is not recorded; %(act)s requires %(required)s days")
            % {"act": regime.act, "required": required}
            + _unconfirmed(regime, rule),
        )
    passed = posted_days >= required
    return Check(
        "posting",
        passed,
        _("posted for %(days)s days %(sign)s %(required)s")
        % {"days": posted_days, "sign": "≥" if passed else "<", "required": required}
        + _unconfirmed(regime, rule),
    )


def _check_min_points(rule: str, points: float | None, minimum: float | None) -> Check | None:
    if minimum is None:
        return None
    if points is None:
        return Check(rule, False, _("no points recorded; the province requires %(min)s") % {"min": number(minimum)})
    passed = as_fraction(points) >= as_fraction(minimum)
    return Check(rule, passed, f"{number(points)} {'≥' if passed else '<'} {number(minimum)}")


# --- titles ----------------------------------------------------------------------------------------


def household_title(facts: HouseholdFacts, *, day: datetime.date, regime: Regime, params: Params) -> Result:
    """The "Gia đình văn hóa" title of one year: registration, meeting, exclusions, the province's rules."""
    checks = [
        check_registered(facts.registered),
        check_quorum(facts.meeting, regime=regime, params=params, subject="household"),
        check_vote(facts.meeting, regime=regime, params=params, subject="household"),
        check_exclusions(facts.exclusions, params=params),
    ]
    points = _check_min_points("points", facts.points, params.get("household_min_points"))
    if points:
        checks.append(points)
    posting = check_posting(facts.posted_days, params.get("posting_days"), regime=regime, rule="household.posting")
    if posting:
        checks.append(posting)
    deadline = params.get("gdvh_review_deadline")
    if deadline:
        month, day_of_month = (int(part) for part in str(deadline).split("-"))
        # The deadline is of the year evaluated, not of the meeting's date: a January meeting for the
        # previous year is late.
        last = datetime.date(facts.year or day.year, month, day_of_month)
        # "hoàn thành việc bình xét trước ngày 25 tháng 11": read literally, the 25th is already late.
        passed = day < last
        checks.append(
            Check(
                "review_deadline",
                passed,
                _("evaluated on %(day)s, %(relation)s %(deadline)s")
                % {
                    "day": day.strftime("%d/%m/%Y"),
                    "relation": _("before") if passed else _("not before"),
                    "deadline": last.strftime("%d/%m/%Y"),
                }
                + _unconfirmed(regime, "household.deadline"),
            )
        )
    return _all_passed(checks)


def area_title(facts: AreaFacts, *, day: datetime.date, regime: Regime, params: Params) -> Result:
    """The "Khu dân cư văn hóa" title (thôn, tổ dân phố văn hóa): registration, meeting, the province's thresholds."""
    checks = [
        check_registered(facts.registered),
        check_quorum(facts.meeting, regime=regime, params=params, subject="area"),
        check_vote(facts.meeting, regime=regime, params=params, subject="area"),
    ]
    points = _check_min_points("points", facts.points, params.get("area_min_points"))
    if points:
        checks.append(points)
    minimum_share = params.get("area_min_gdvh_share")
    if minimum_share:
        checks.append(_check_gdvh_share(facts, as_fraction(minimum_share)))
    posting = check_posting(facts.posted_days, params.get("area_posting_days"), regime=regime, rule="area.posting")
    if posting:
        checks.append(posting)
    return _all_passed(checks)


def _check_gdvh_share(facts: AreaFacts, minimum: Fraction) -> Check:
    if facts.gdvh_households is not None and facts.households:
        passed = at_least(facts.gdvh_households, facts.households, minimum)
        return Check("gdvh_share", passed, _ratio(facts.gdvh_households, facts.households, minimum, passed))
    if facts.gdvh_share is None:
        return Check(
            "gdvh_share",
            False,
            _("the share of cultural families is not recorded; the province requires %(min)s")
            % {"min": percent(minimum)},
        )
    share = as_fraction(facts.gdvh_share)
    passed = share >= minimum
    return Check("gdvh_share", passed, f"{percent(share)} {'≥' if passed else '<'} {percent(minimum)}")


# --- certificates for consecutive years ------------------------------------------------------------


def _window_text(start: int, end: int) -> str:
    return f"{start}–{end}"


def consecutive_certificate(
    facts: StreakFacts, *, regime: Regime, params: Params, years_param: str, subject: str
) -> Result:
    """A certificate for ``params[years_param]`` consecutive title years ending in ``facts.year``,
    whose window does not overlap a window already rewarded (a window is never reused)."""
    if params.get("consecutive_certificates") == "off":
        return Result(
            False,
            (
                Check(
                    "available",
                    False,
                    _(
                        "%(act)s has no Giấy khen for consecutive title years in the sources seen; the rule of "
                        "NĐ 122/2018 (3 years, 5 years, 15%%) applies only where the province's own regulation "
                        "gives it (parameter consecutive_certificates)"
                    )
                    % {"act": regime.act},
                ),
            ),
        )
    years = params.get(years_param)
    if years is None:
        return Result(
            False,
            (
                Check(
                    "available",
                    False,
                    _("no such certificate is confirmed in %(act)s; a province that gives one sets %(param)s")
                    % {"act": regime.act, "param": years_param},
                ),
            ),
        )
    start, end = facts.year - years + 1, facts.year
    missing = [y for y in range(start, end + 1) if y not in facts.title_years]
    note = _unconfirmed(regime, f"{subject}.certificate")
    if missing:
        streak = Check(
            "streak",
            False,
            _("%(window)s: title missing in %(missing)s; %(years)s consecutive years ending in %(end)s are needed")
            % {
                "window": _window_text(start, end),
                "missing": ", ".join(str(y) for y in missing),
                "years": years,
                "end": end,
            }
            + note,
        )
    else:
        streak = Check(
            "streak",
            True,
            _("%(window)s: %(years)s consecutive title years ending in %(end)s")
            % {"window": _window_text(start, end), "years": years, "end": end}
            + note,
        )
    overlapping = [(a, b) for a, b in facts.rewarded_windows if a <= end and start <= b]
    if overlapping:
        window = Check(
            "window_not_reused",
            False,
            _("%(window)s overlaps the window already rewarded %(rewarded)s")
            % {
                "window": _window_text(start, end),
                "rewarded": ", ".join(_window_text(a, b) for a, b in overlapping),
            },
        )
    elif facts.rewarded_windows:
        window = Check(
            "window_not_reused",
            True,
            _("%(window)s does not overlap the windows already rewarded (%(rewarded)s)")
            % {
                "window": _window_text(start, end),
                "rewarded": ", ".join(_window_text(a, b) for a, b in facts.rewarded_windows),
            },
        )
    else:
        window = Check("window_not_reused", True, _("no window rewarded before"))
    return _all_passed((streak, window))


def household_certificate(facts: StreakFacts, *, regime: Regime, params: Params) -> Result:
    """Giấy khen Gia đình văn hóa (NĐ 122: 3 consecutive years; TT 12/2011: the 3-year Giấy công nhận)."""
    return consecutive_certificate(
        facts, regime=regime, params=params, years_param="household_certificate_years", subject="household"
    )


def area_certificate(facts: StreakFacts, *, regime: Regime, params: Params) -> Result:
    """Giấy khen Khu dân cư văn hóa (NĐ 122: 5 consecutive years)."""
    return consecutive_certificate(
        facts, regime=regime, params=params, years_param="area_certificate_years", subject="area"
    )


# --- quota -----------------------------------------------------------------------------------------

QUOTA_ROUNDINGS = ("floor", "floor_min_1")
TIE_BREAK_KEYS = ("votes", "women", "name")


def quota_size(pool: int, share: Fraction | None, rounding: str) -> int:
    """How many of a pool of ``pool`` may be rewarded: at most ``share`` of it (None: no cap).

    "floor" never exceeds the share (NĐ 122 caps the certificates at 15% of the pool), so a pool of
    6 rewards nobody; "floor_min_1" lets a non-empty pool reward one, exceeding the share for pools
    smaller than 1/share.
    """
    if share is None:
        return pool
    size = math.floor(share * pool)
    if rounding == "floor_min_1" and pool > 0:
        size = max(size, 1)
    return size


def _prioritized(candidate: Candidate, women_share: Fraction) -> bool:
    if candidate.woman:
        return True
    return candidate.women_share is not None and as_fraction(candidate.women_share) >= women_share


def rank(candidates: Sequence[Candidate], *, order: Sequence[str], women_share: Fraction) -> list[Candidate]:
    """The pool by the tie-break order ("votes", "women", "name"), the id last so the order is total."""

    def key(c: Candidate) -> tuple[Any, ...]:
        parts: list[Any] = []
        for name in order:
            if name == "votes":
                parts.append(-c.votes_for)
            elif name == "women":
                parts.append(0 if _prioritized(c, women_share) else 1)
            elif name == "name":
                parts.append(vi_sort_key(c.name or c.id))
        parts.append(c.id)
        return tuple(parts)

    return sorted(candidates, key=key)


def _order_text(order: Sequence[str], women_share: Fraction) -> str:
    labels = {
        "votes": _("votes"),
        "women": _("women and collectives with at least %(share)s women first") % {"share": percent(women_share)},
        "name": _("name"),
    }
    return ", ".join(labels[k] for k in order)


def quota(candidates: Sequence[Candidate], *, regime: Regime, params: Params) -> Result:
    """Who of the eligible pool receives the certificate: at most the quota, highest votes first."""
    share_value = params.get("quota_share")
    share = None if share_value is None else as_fraction(share_value)
    rounding = params.get("quota_rounding", "floor")
    order = list(params.get("tie_break") or ["votes", "name"])
    women_share = as_fraction(params.get("tie_break_women_share", 0.7))
    pool = len(candidates)
    size = quota_size(pool, share, rounding)
    if share is None:
        size_detail = _("no quota in %(act)s: all %(pool)s of the pool") % {"act": regime.act, "pool": pool}
    else:
        roundings = {
            "floor": _("rounded down: the quota is a cap"),
            "floor_min_1": _("rounded down, at least one"),
        }
        exact = number(share * pool)
        size_detail = f"{percent(share)} × {pool} = {exact} → {size} ({roundings[rounding]})"
        size_detail += _unconfirmed(regime, "quota")
    checks = [Check("quota", True, size_detail)]
    ranked = rank(candidates, order=order, women_share=women_share)
    if 0 < size < pool and ranked[size - 1].votes_for == ranked[size].votes_for:
        tied = [c.id for c in ranked if c.votes_for == ranked[size].votes_for]
        checks.append(
            Check(
                "tie_break",
                True,
                _("%(ids)s tie at %(votes)s votes at the limit; ordered by %(order)s")
                % {"ids": ", ".join(tied), "votes": ranked[size].votes_for, "order": _order_text(order, women_share)},
            )
        )
    for position, candidate in enumerate(ranked, start=1):
        selected = position <= size
        checks.append(
            Check(
                "rank",
                selected,
                _("%(position)s. %(id)s, %(votes)s votes: %(verdict)s")
                % {
                    "position": position,
                    "id": candidate.id,
                    "votes": candidate.votes_for,
                    "verdict": _("selected") if selected else _("beyond the quota"),
                },
            )
        )
    return Result([c.id for c in ranked[:size]], tuple(checks))


# --- streaks across merges, and the Front's own scale ----------------------------------------------

MERGE_POLICIES = ("largest_predecessor", "longest", "shortest", "restart")


@dataclass(frozen=True)
class Predecessor:
    """An area merged into a new one: its size and the years it held the title."""

    id: str
    households: int
    title_years: frozenset[int] = field(default_factory=frozenset)


def current_streak(title_years: frozenset[int], last_year: int) -> int:
    """How many consecutive title years end in ``last_year``."""
    count = 0
    while last_year - count in title_years:
        count += 1
    return count


def title_runs(title_years: Iterable[int]) -> list[tuple[int, int]]:
    """The runs of consecutive years in ``title_years``, as (first year, last year), oldest first."""
    runs: list[tuple[int, int]] = []
    for year in sorted(set(title_years)):
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def merged_title_years(predecessors: Sequence[Predecessor], *, policy: str, last_year: int) -> frozenset[int]:
    """The title years a merged area starts with, by the province's policy (the law fixes none).

    largest_predecessor: those of the predecessor with the most households (ties: the longer streak);
    longest: those of the predecessor with the longest streak ending in ``last_year``;
    shortest: the run every predecessor held (the whole new area earned it); restart: none.
    """
    if policy not in MERGE_POLICIES:
        raise ValueError(f"unknown merge policy {policy!r}")
    if policy == "restart" or not predecessors:
        return frozenset()
    if policy == "largest_predecessor":
        chosen = max(predecessors, key=lambda p: (p.households, current_streak(p.title_years, last_year), p.id))
        return chosen.title_years
    if policy == "longest":
        chosen = max(predecessors, key=lambda p: (current_streak(p.title_years, last_year), p.households, p.id))
        return chosen.title_years
    common = frozenset.intersection(*(p.title_years for p in predecessors))
    run = current_streak(common, last_year)
    return frozenset(range(last_year - run + 1, last_year + 1))


def mttq_tier(points: float, params: Params) -> str:
    """The tier of the Front's own evaluation on its scale: the first tier whose minimum is reached."""
    scale = params.get("mttq_scale_max", 100)
    if not 0 <= points <= scale:
        raise ValueError(f"points {points} outside the scale 0–{scale}")
    for tier, minimum in sorted(params.get("mttq_tiers") or [], key=lambda t: -t[1]):
        if points >= minimum:
            return str(tier)
    raise ValueError(f"points {points} below every tier")
