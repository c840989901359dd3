"""Who may receive a form of a commendation round, how many, in what order. Pure functions; no ORM.

The facts are plain dataclasses that ``thidua.awards.rounds.candidates`` builds from the database;
each function returns a ``thidua.campaigns.rules.Result`` whose checks say in words and numbers why
("2009–2013: cultural area 5/5 years", "2011: tier Average < Fair").

Criteria of an award form (``AwardForm.criteria``), for residential areas (subject ``area``):

- ``title_years``: ``"all"`` (default) or an integer — in how many years of the period the area held
  the "Khu dân cư văn hóa" title, not revoked. Title years follow merges of areas by the province's
  ``streak_merge_policy`` (``evaluations.streaks.area_title_years``).
- ``min_tier``: a tier key of the province's ``mttq_tiers`` parameter ("tot", "kha" …): the Front's
  own evaluation of the year must reach the tier's minimum points. Optional.
- ``min_tier_years``: ``"all"`` (default) or an integer — in how many years the tier must be reached;
  a year without a Front evaluation fails it.
- ``min_gdvh_share``: an exact share ("0.8", "4/5"): the share of cultural families required in every
  year the area counts as titled (a titled year below it does not count). Optional.

For Trưởng ban công tác Mặt trận (subject ``bctmt``):

- ``min_years_served`` (required): ``"all"`` or an integer — the years of the period in which the
  person was Trưởng ban of an area for at least 6 whole months of that year (terms in the same area
  add up; 1/7–31/12 is exactly 6 months, 2/7–31/12 is not). A year in which the person served two
  areas counts for the one served longer.
- ``area_titled``: ``true`` — only years in which that area held the title count.
- ``min_grade``: a tier key: only years in which the head's grade (``AreaYear.front_head_grade``)
  reaches it count; a year without a grade does not.

For both: a window not reused — any award or certificate of the same subject whose window of years
overlaps the period makes it not eligible, citing the decision ("one achievement, one award"). A
revoked award does not count.

Quotas: ``quota_size`` caps a pool by a count, a share, or both (the smaller wins), rounded "floor"
(the default: a cap is never exceeded), "ceil" or "half_up" (nearest, halves up). Ranking:
``rank_candidates`` orders by the caller's score, then, from 1/7/2025 (NĐ 152/2025/NĐ-CP), women and
collectives with at least 70% women first, then by name in Vietnamese order.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns.parameters import MTTQ_TIER_LABELS
from thidua.campaigns.rules import ND152_START, Check, Result, as_fraction, number, percent
from thidua.errors import DomainError
from thidua.lib.text import vi_sort_key

ALL = "all"
AREA_CRITERIA = ("title_years", "min_tier", "min_tier_years", "min_gdvh_share")
BCTMT_CRITERIA = ("min_years_served", "area_titled", "min_grade")
QUOTA_ROUNDINGS = ("floor", "ceil", "half_up")
TIE_BREAKS = ("women", "name")
MIN_MONTHS = 6
WOMEN_SHARE = Fraction(7, 10)

Tiers = Sequence[Sequence[Any]]  # the province's ``mttq_tiers``: [["tot", 90], ["kha", 70], …]


# --- facts -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rewarded:
    """An award or certificate already given to the subject for a window of years."""

    window_start: int
    window_end: int
    citation: str  # "Giấy khen, 12/QĐ-UBND 05/01/2014"


@dataclass(frozen=True)
class AreaYearFacts:
    year: int
    titled: bool  # held the title, not revoked (carried over a merge included)
    decision: str = ""  # "05/QĐ-UBND 20/12/2010"
    tier: str = ""  # the Front's tier of the year ("" when not evaluated)
    points: str = ""  # the Front's points as written
    gdvh_households: int | None = None
    households: int | None = None
    grade: str = ""  # the grade of the Trưởng ban that year


@dataclass(frozen=True)
class AreaFacts:
    start: int
    end: int
    years: Mapping[int, AreaYearFacts]
    rewarded: tuple[Rewarded, ...] = ()


@dataclass(frozen=True)
class Term:
    """A term as Trưởng ban công tác Mặt trận of an area."""

    area: str  # the area's key (its id as text) for grouping
    area_name: str
    start: datetime.date
    end: datetime.date | None  # None: still serving


@dataclass(frozen=True)
class PersonFacts:
    start: int
    end: int
    terms: tuple[Term, ...]
    # The years of the areas served: area key → year → facts.
    area_years: Mapping[str, Mapping[int, AreaYearFacts]] = field(default_factory=dict)
    rewarded: tuple[Rewarded, ...] = ()


# --- helpers ---------------------------------------------------------------------------------------


def window_text(start: int, end: int) -> str:
    return f"{start}–{end}" if start != end else str(start)


def _years_text(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years)


def tier_label(key: str) -> str:
    return str(MTTQ_TIER_LABELS.get(key, key))


def tier_minimums(tiers: Tiers) -> dict[str, Fraction]:
    return {str(name): as_fraction(minimum) for name, minimum in tiers}


def required_years(value: Any, period: int) -> int:
    """How many years ``"all"`` or an integer means over a period of ``period`` years."""
    if value == ALL:
        return period
    return int(value)


def _required_text(value: Any, period: int) -> str:
    return f"{period}/{period}" if value == ALL else str(int(value))


def check_window_not_reused(start: int, end: int, rewarded: Sequence[Rewarded]) -> Check:
    overlapping = [r for r in rewarded if r.window_start <= end and start <= r.window_end]
    if overlapping:
        return Check(
            "window_not_reused",
            False,
            _("%(window)s overlaps the window already rewarded %(rewarded)s (one achievement, one award)")
            % {
                "window": window_text(start, end),
                "rewarded": "; ".join(
                    f"{window_text(r.window_start, r.window_end)}: {r.citation}" for r in overlapping
                ),
            },
        )
    return Check(
        "window_not_reused", True, _("%(window)s: no award for these years") % {"window": window_text(start, end)}
    )


def _reaches(tier: str, minimum: str, minimums: Mapping[str, Fraction]) -> bool:
    return tier in minimums and minimums[tier] >= minimums[minimum]


# --- areas -----------------------------------------------------------------------------------------


def area_eligibility(facts: AreaFacts, *, criteria: Mapping[str, Any], tiers: Tiers) -> Result:
    """Whether a residential area meets a form's criteria over the period (see the module's docstring)."""
    period = list(range(facts.start, facts.end + 1))
    window = window_text(facts.start, facts.end)
    checks: list[Check] = []
    share_value = criteria.get("min_gdvh_share")
    share = as_fraction(share_value) if share_value not in (None, "") else None

    def counts(year: int) -> bool:
        line = facts.years.get(year)
        if line is None or not line.titled:
            return False
        if share is None:
            return True
        return (
            bool(line.households)
            and line.gdvh_households is not None
            and (Fraction(line.gdvh_households, line.households or 1) >= share)
        )

    title_value = criteria.get("title_years", ALL)
    held = [y for y in period if counts(y)]
    needed = required_years(title_value, len(period))
    missing = [y for y in period if y not in held]
    passed = len(held) >= needed
    detail = _("%(window)s: cultural area %(held)s/%(years)s years") % {
        "window": window,
        "held": len(held),
        "years": len(period),
    }
    if share is not None:
        detail += _(" with at least %(share)s cultural families") % {"share": percent(share)}
    if missing:
        detail += "; " + _("not in %(missing)s") % {"missing": _years_text(missing)}
    if not passed or title_value != ALL:
        detail += "; " + _("%(needed)s required") % {"needed": _required_text(title_value, len(period))}
    checks.append(Check("title_years", passed, detail))

    minimum = criteria.get("min_tier")
    if minimum:
        minimums = tier_minimums(tiers)
        tier_value = criteria.get("min_tier_years", ALL)
        reached, failures = [], []
        for year in period:
            line = facts.years.get(year)
            tier = line.tier if line else ""
            if not tier:
                failures.append(_("%(year)s: no Front evaluation") % {"year": year})
            elif _reaches(tier, str(minimum), minimums):
                reached.append(year)
            else:
                failures.append(
                    _("%(year)s: tier %(tier)s < %(minimum)s")
                    % {"year": year, "tier": tier_label(tier), "minimum": tier_label(str(minimum))}
                )
        needed = required_years(tier_value, len(period))
        passed = len(reached) >= needed
        detail = _("%(window)s: tier %(minimum)s or better %(reached)s/%(years)s years") % {
            "window": window,
            "minimum": tier_label(str(minimum)),
            "reached": len(reached),
            "years": len(period),
        }
        if failures:
            detail += "; " + "; ".join(failures)
        if not passed or tier_value != ALL:
            detail += "; " + _("%(needed)s required") % {"needed": _required_text(tier_value, len(period))}
        checks.append(Check("min_tier", passed, detail))

    checks.append(check_window_not_reused(facts.start, facts.end, facts.rewarded))
    return Result(all(c.passed for c in checks), tuple(checks))


# --- Trưởng ban ------------------------------------------------------------------------------------


def _full_months(start: datetime.date, end_exclusive: datetime.date) -> int:
    months = (end_exclusive.year - start.year) * 12 + end_exclusive.month - start.month
    if end_exclusive.day < start.day:
        months -= 1
    return max(months, 0)


def months_served(terms: Sequence[Term], year: int) -> dict[str, int]:
    """The whole months each area's terms cover within ``year`` (terms of one area add up)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    months: dict[str, int] = {}
    for term in terms:
        start = max(term.start, first)
        end = min(term.end or last, last)
        if end < start:
            continue
        months[term.area] = months.get(term.area, 0) + _full_months(start, end + datetime.timedelta(days=1))
    return months


def served_area(terms: Sequence[Term], year: int) -> tuple[str, int] | None:
    """The area served longest in ``year`` and its months, if any term touches the year."""
    months = months_served(terms, year)
    if not months:
        return None
    area = max(months, key=lambda a: (months[a], a))
    return area, months[area]


def bctmt_eligibility(facts: PersonFacts, *, criteria: Mapping[str, Any], tiers: Tiers) -> Result:
    """Whether a Trưởng ban công tác Mặt trận meets a form's criteria over the period."""
    period = list(range(facts.start, facts.end + 1))
    window = window_text(facts.start, facts.end)
    names = {t.area: t.area_name for t in facts.terms}
    area_titled = bool(criteria.get("area_titled"))
    grade_min = criteria.get("min_grade") or ""
    minimums = tier_minimums(tiers)
    counted: list[int] = []
    notes: list[str] = []
    for year in period:
        served = served_area(facts.terms, year)
        if served is None:
            notes.append(_("%(year)s: not Trưởng ban") % {"year": year})
            continue
        area, months = served
        if months < MIN_MONTHS:
            notes.append(
                _("%(year)s: %(months)s months in %(area)s < %(min)s")
                % {"year": year, "months": months, "area": names[area], "min": MIN_MONTHS}
            )
            continue
        line = facts.area_years.get(area, {}).get(year)
        if area_titled and not (line and line.titled):
            notes.append(_("%(year)s: %(area)s not a cultural area") % {"year": year, "area": names[area]})
            continue
        if grade_min:
            grade = line.grade if line else ""
            if not grade:
                notes.append(_("%(year)s: no grade recorded") % {"year": year})
                continue
            if not _reaches(grade, str(grade_min), minimums):
                notes.append(
                    _("%(year)s: grade %(grade)s < %(minimum)s")
                    % {"year": year, "grade": tier_label(grade), "minimum": tier_label(str(grade_min))}
                )
                continue
        counted.append(year)
    value = criteria.get("min_years_served", ALL)
    needed = required_years(value, len(period))
    passed = len(counted) >= needed
    if area_titled:
        detail = _("%(window)s: Trưởng ban of a cultural area %(counted)s/%(years)s years") % {
            "window": window,
            "counted": len(counted),
            "years": len(period),
        }
    else:
        detail = _("%(window)s: Trưởng ban %(counted)s/%(years)s years") % {
            "window": window,
            "counted": len(counted),
            "years": len(period),
        }
    if grade_min:
        detail += " " + _("(grade %(minimum)s or better)") % {"minimum": tier_label(str(grade_min))}
    if notes:
        detail += "; " + "; ".join(notes)
    if not passed or value != ALL:
        detail += "; " + _("%(needed)s required") % {"needed": _required_text(value, len(period))}
    checks = (Check("years_served", passed, detail), check_window_not_reused(facts.start, facts.end, facts.rewarded))
    return Result(all(c.passed for c in checks), checks)


# --- criteria validation ---------------------------------------------------------------------------


class CriteriaError(DomainError):
    """A form's criteria the rules cannot read."""


def _check_years(name: str, value: Any, period: int) -> None:
    if value == ALL:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= period:
        raise CriteriaError(
            gettext_lazy(
                'The criterion %(name)s must be "all" or a number of years from 1 to %(period)s, not %(value)s.'
            ),
            name=name,
            period=period,
            value=value,
        )


def _check_tier(name: str, value: Any, tiers: Tiers) -> None:
    keys = [str(t[0]) for t in tiers]
    if value not in keys:
        raise CriteriaError(
            gettext_lazy("The criterion %(name)s must be one of the tiers %(tiers)s, not %(value)s."),
            name=name,
            tiers=", ".join(keys),
            value=value,
        )


def criteria_clean(subject: str, criteria: Mapping[str, Any], *, period: int, tiers: Tiers) -> dict[str, Any]:
    """The criteria of a form checked against its subject, or CriteriaError naming the bad key."""
    allowed = AREA_CRITERIA if subject == "area" else BCTMT_CRITERIA
    for key in criteria:
        if key not in allowed:
            raise CriteriaError(
                gettext_lazy("Unknown criterion %(key)s for this subject; the criteria are: %(allowed)s."),
                key=key,
                allowed=", ".join(allowed),
            )
    cleaned = {k: v for k, v in criteria.items() if v not in (None, "")}
    if subject == "area":
        cleaned.setdefault("title_years", ALL)
        _check_years("title_years", cleaned["title_years"], period)
        if "min_tier" in cleaned:
            _check_tier("min_tier", cleaned["min_tier"], tiers)
            cleaned.setdefault("min_tier_years", ALL)
            _check_years("min_tier_years", cleaned["min_tier_years"], period)
        elif "min_tier_years" in cleaned:
            raise CriteriaError(gettext_lazy("The criterion min_tier_years needs min_tier."))
        if "min_gdvh_share" in cleaned:
            try:
                share = as_fraction(str(cleaned["min_gdvh_share"]))
            except (ValueError, ZeroDivisionError):
                share = Fraction(-1)
            if not 0 < share <= 1:
                raise CriteriaError(
                    gettext_lazy("The criterion min_gdvh_share must be a share above 0 and at most 1, not %(value)s."),
                    value=cleaned["min_gdvh_share"],
                )
            cleaned["min_gdvh_share"] = str(cleaned["min_gdvh_share"])
    else:
        if "min_years_served" not in cleaned:
            raise CriteriaError(gettext_lazy("A form for a Trưởng ban needs the criterion min_years_served."))
        _check_years("min_years_served", cleaned["min_years_served"], period)
        if "area_titled" in cleaned and not isinstance(cleaned["area_titled"], bool):
            raise CriteriaError(gettext_lazy("The criterion area_titled must be true or false."))
        if "min_grade" in cleaned:
            _check_tier("min_grade", cleaned["min_grade"], tiers)
    return cleaned


# --- quota and ranking -----------------------------------------------------------------------------


def quota_size(pool: int, *, count: int | None, share: Fraction | None, rounding: str = "floor") -> int:
    """How many of an eligible pool of ``pool`` a form may reward.

    A share gives ``share × pool`` rounded by ``rounding`` ("floor", "ceil", "half_up"); a count caps
    it too, and when both are set the smaller wins (a quota is a cap). Never more than the pool.
    """
    if rounding not in QUOTA_ROUNDINGS:
        raise ValueError(f"unknown rounding {rounding!r}")
    size = pool
    if share is not None:
        exact = share * pool
        if rounding == "floor":
            by_share = math.floor(exact)
        elif rounding == "ceil":
            by_share = math.ceil(exact)
        else:
            by_share = math.floor(exact + Fraction(1, 2))
        size = min(size, by_share)
    if count is not None:
        size = min(size, count)
    return max(size, 0)


def quota_text(pool: int, *, count: int | None, share: Fraction | None, rounding: str = "floor") -> str:
    """The quota as officials check it: "15% × 113 = 16,95 → 16 (rounded down); at most 24 → 16"."""
    size = quota_size(pool, count=count, share=share, rounding=rounding)
    parts = []
    if share is not None:
        labels = {"floor": _("rounded down"), "ceil": _("rounded up"), "half_up": _("rounded to the nearest")}
        by_share = quota_size(pool, count=None, share=share, rounding=rounding)
        parts.append(f"{percent(share)} × {pool} = {number(share * pool)} → {by_share} ({labels[rounding]})")
    if count is not None:
        parts.append(_("at most %(count)s") % {"count": count})
    if not parts:
        return _("no quota: all %(pool)s of the pool") % {"pool": pool}
    if len(parts) == 1 and share is not None:
        return parts[0]
    return "; ".join(parts) + f" → {size}"


@dataclass(frozen=True)
class Ranked:
    """One candidate to rank: the caller's score (votes, points …) first."""

    id: str
    score: Fraction | int | float
    name: str = ""
    woman: bool = False  # an individual who is a woman
    women_share: Fraction | None = None  # a collective's share of women


def _prioritized(candidate: Ranked, women_share: Fraction) -> bool:
    if candidate.woman:
        return True
    return candidate.women_share is not None and as_fraction(candidate.women_share) >= women_share


def women_first_applies(on: datetime.date, tie_break: Sequence[str] = ()) -> bool:
    """NĐ 152/2025 prefers women from 1/7/2025; a form may choose it earlier by listing "women"."""
    return on >= ND152_START or "women" in tie_break


def rank_candidates(
    candidates: Sequence[Ranked],
    *,
    on: datetime.date,
    tie_break: Sequence[str] = (),
    women_share: Fraction = WOMEN_SHARE,
) -> list[Ranked]:
    """The candidates by score (highest first); equal scores: women and collectives with at least
    ``women_share`` women first (from 1/7/2025, or earlier if the form says so), then by name in
    Vietnamese order, then by id so that the order is total."""
    women = women_first_applies(on, tie_break)

    def key(c: Ranked) -> tuple[Any, ...]:
        return (
            -as_fraction(c.score) if not isinstance(c.score, int) else -c.score,
            0 if women and _prioritized(c, women_share) else 1,
            vi_sort_key(c.name or c.id),
            c.id,
        )

    return sorted(candidates, key=key)


def criteria_lines(subject: str, criteria: Mapping[str, Any]) -> list[str]:
    """The criteria of a form as officials read them ("cultural area all years of the period")."""

    def years(value: Any) -> str:
        if value == ALL:
            return _("every year of the period")
        return _("%(n)s years of the period") % {"n": value}

    lines = []
    if subject == "area":
        lines.append(_("cultural area: %(years)s") % {"years": years(criteria.get("title_years", ALL))})
        if criteria.get("min_tier"):
            lines.append(
                _("Front evaluation %(tier)s or better: %(years)s")
                % {"tier": tier_label(str(criteria["min_tier"])), "years": years(criteria.get("min_tier_years", ALL))}
            )
        if criteria.get("min_gdvh_share"):
            lines.append(
                _("at least %(share)s cultural families in each year counted")
                % {"share": percent(as_fraction(str(criteria["min_gdvh_share"])))}
            )
    else:
        lines.append(
            _("Trưởng ban at least 6 months a year: %(years)s")
            % {"years": years(criteria.get("min_years_served", ALL))}
        )
        if criteria.get("area_titled"):
            lines.append(_("only years in which the area was a cultural area"))
        if criteria.get("min_grade"):
            lines.append(_("graded %(tier)s or better") % {"tier": tier_label(str(criteria["min_grade"]))})
    lines.append(_("no award already covering these years"))
    return lines
