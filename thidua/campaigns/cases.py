"""Cases for ``thidua rules check``: JSON in, checked field by field, evaluated by the pure rules, JSON out.

No database: the parameters are the national defaults of ``parameters.py`` under the case's own
``params``. Every case is checked before any is evaluated, so a malformed file evaluates nothing;
the error names the case and the field ("facts.present"). The input and output formats are in
docs/rules.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.campaigns import rules
from thidua.campaigns.parameters import EXCLUSION_CATEGORIES, REGISTRY, ParameterError, defaults_for, parameter
from thidua.errors import DomainError

CHECKS = ("household_title", "area_title", "household_certificate", "area_certificate", "quota")
_CASE_KEYS = {"id", "check", "date", "regime", "facts", "params"}
_FACT_KEYS = {
    "household_title": {
        "registered",
        "convened",
        "present",
        "votes_for",
        "exclusions",
        "points",
        "posted_days",
        "year",
    },
    "area_title": {
        "posted_days",
        "year",
        "registered",
        "convened",
        "present",
        "votes_for",
        "points",
        "gdvh_share",
        "gdvh_households",
        "households",
    },
    "household_certificate": {"title_years", "rewarded_windows", "year"},
    "area_certificate": {"title_years", "rewarded_windows", "year"},
    "quota": {"eligible"},
}
_CANDIDATE_KEYS = {"id", "votes_for", "name", "woman", "women_share"}


class CaseError(DomainError):
    """A malformed case: names the case and the field."""

    def __init__(self, message: Promise | str, *, case: str, field: str, **params: Any) -> None:
        self.case = case
        self.field = field
        super().__init__(message, column=field, **params)

    def text(self, language: str | None = None) -> str:
        with translation.override(language or translation.get_language() or "vi"):
            where = translation.gettext("Case %(case)s, field %(field)s") % {"case": self.case, "field": self.field}
            body = str(self.message) % self.params if self.params else str(self.message)
        return f"{where}: {body}"


@dataclass(frozen=True)
class Case:
    id: str
    check: str
    day: datetime.date
    regime: rules.Regime
    params: dict[str, Any]
    facts: Any


class _Reader:
    """Reads the fields of one mapping of a case, raising CaseError with the field's full name."""

    def __init__(self, data: Mapping[str, Any], *, case: str, prefix: str, allowed: set[str]) -> None:
        self.data, self.case, self.prefix = data, case, prefix
        for key in data:
            if key not in allowed:
                raise self.error(key, _("unknown field; the fields are: %(fields)s"), fields=", ".join(sorted(allowed)))

    def error(self, key: str, message: Promise | str, /, **params: Any) -> CaseError:
        return CaseError(message, case=self.case, field=f"{self.prefix}{key}", **params)

    def has(self, name: str) -> bool:
        return self.data.get(name) is not None

    def _get(self, name: str, required: bool) -> Any:
        if name not in self.data or self.data[name] is None:
            if required:
                raise self.error(name, _("missing"))
            return None
        return self.data[name]

    def integer(self, name: str, *, required: bool = True, minimum: int = 0) -> int | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(name, _("a whole number is expected, not %(value)s"), value=repr(value))
        if value < minimum:
            raise self.error(name, _("must be at least %(minimum)s, not %(value)s"), minimum=minimum, value=value)
        return value

    def number(self, name: str, *, required: bool = True, share: bool = False) -> float | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(name, _("a number is expected, not %(value)s"), value=repr(value))
        if value < 0 or (share and value > 1):
            raise self.error(name, _("must be between 0 and 1, not %(value)s"), value=value)
        return value

    def boolean(self, name: str, *, required: bool = True) -> bool:
        value = self._get(name, required)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.error(name, _("true or false is expected, not %(value)s"), value=repr(value))
        return value

    def text(self, name: str, *, required: bool = True) -> str:
        value = self._get(name, required)
        if value is None:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.error(name, _("a text is expected, not %(value)s"), value=repr(value))
        return value

    def items(self, name: str, *, required: bool = True) -> list[Any]:
        value = self._get(name, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(name, _("a list is expected, not %(value)s"), value=repr(value))
        return value


def _year(reader: _Reader, name: str, value: Any, *, last: int) -> int:
    first = rules.REGIMES[0].start.year
    if isinstance(value, bool) or not isinstance(value, int):
        raise reader.error(name, _("a year is expected, not %(value)s"), value=repr(value))
    if not first <= value <= last:
        raise reader.error(
            name, _("the year %(value)s is outside %(first)s–%(last)s"), value=value, first=first, last=last
        )
    return value


# --- facts of each check ---------------------------------------------------------------------------


def _meeting(reader: _Reader, params: Mapping[str, Any]) -> rules.Meeting:
    convened = reader.integer("convened", required=params.get("quorum_share") is not None, minimum=1)
    present = reader.integer("present")
    votes_for = reader.integer("votes_for")
    assert present is not None and votes_for is not None
    if convened is not None and present > convened:
        raise reader.error(
            "present", _("%(present)s present is more than %(convened)s convened"), present=present, convened=convened
        )
    if votes_for > present:
        raise reader.error(
            "votes_for", _("%(votes)s votes is more than %(present)s present"), votes=votes_for, present=present
        )
    return rules.Meeting(convened=convened, present=present, votes_for=votes_for)


def _household_title(reader: _Reader, case: Case) -> rules.HouseholdFacts:
    exclusions = reader.items("exclusions", required=False)
    configured = set(case.params.get("exclusion_categories") or ())
    for code in exclusions:
        if not isinstance(code, str) or (code not in EXCLUSION_CATEGORIES and code not in configured):
            raise reader.error(
                "exclusions",
                _("unknown exclusion category %(code)s; the categories are: %(codes)s"),
                code=repr(code),
                codes=", ".join(sorted({*EXCLUSION_CATEGORIES, *configured})),
            )
    return rules.HouseholdFacts(
        registered=reader.boolean("registered"),
        meeting=_meeting(reader, case.params),
        exclusions=tuple(exclusions),
        points=reader.number("points", required=case.params.get("household_min_points") is not None),
        posted_days=reader.integer("posted_days", required=False),
        year=_title_year(reader, case),
    )


def _title_year(reader: _Reader, case: Case) -> int:
    """The year evaluated: the year of the meeting's date, or an earlier one given (a January meeting
    for the previous year)."""
    value = reader.data.get("year")
    if value is None:
        return case.day.year
    return _year(reader, "year", value, last=case.day.year)


def _area_title(reader: _Reader, case: Case) -> rules.AreaFacts:
    needs_share = bool(case.params.get("area_min_gdvh_share"))
    households = reader.integer("households", required=False, minimum=1)
    gdvh_households = reader.integer("gdvh_households", required=households is not None)
    if households is not None and gdvh_households is not None and gdvh_households > households:
        raise reader.error(
            "gdvh_households",
            _("%(gdvh)s cultural families is more than %(households)s households"),
            gdvh=gdvh_households,
            households=households,
        )
    share = reader.number("gdvh_share", required=needs_share and households is None, share=True)
    return rules.AreaFacts(
        registered=reader.boolean("registered"),
        meeting=_meeting(reader, case.params),
        points=reader.number("points", required=case.params.get("area_min_points") is not None),
        gdvh_households=gdvh_households,
        households=households,
        gdvh_share=share,
        posted_days=reader.integer("posted_days", required=False),
        year=_title_year(reader, case),
    )


def _streak(reader: _Reader, case: Case) -> rules.StreakFacts:
    year = reader.integer("year", required=False)
    last = case.day.year
    if year is not None:
        last = _year(reader, "year", year, last=case.day.year)
    title_years = frozenset(_year(reader, "title_years", y, last=last) for y in reader.items("title_years"))
    windows = []
    for window in reader.items("rewarded_windows", required=False):
        if not (isinstance(window, list) and len(window) == 2):
            raise reader.error(
                "rewarded_windows", _("each window is [first year, last year], not %(value)s"), value=window
            )
        start = _year(reader, "rewarded_windows", window[0], last=last)
        end = _year(reader, "rewarded_windows", window[1], last=last)
        if start > end:
            raise reader.error("rewarded_windows", _("the window %(value)s ends before it starts"), value=window)
        windows.append((start, end))
    return rules.StreakFacts(year=last, title_years=title_years, rewarded_windows=tuple(windows))


def _quota(reader: _Reader, case: Case) -> list[rules.Candidate]:
    candidates = []
    seen: set[str] = set()
    for position, item in enumerate(reader.items("eligible")):
        prefix = f"{reader.prefix}eligible[{position}]."
        if not isinstance(item, dict):
            raise CaseError(_("an object is expected"), case=case.id, field=prefix.rstrip("."))
        entry = _Reader(item, case=case.id, prefix=prefix, allowed=_CANDIDATE_KEYS)
        candidate_id = entry.text("id")
        if candidate_id in seen:
            raise entry.error("id", _("the id %(id)s is listed twice"), id=candidate_id)
        seen.add(candidate_id)
        votes = entry.integer("votes_for")
        assert votes is not None
        candidates.append(
            rules.Candidate(
                id=candidate_id,
                votes_for=votes,
                name=entry.text("name", required=False),
                woman=entry.boolean("woman", required=False),
                women_share=entry.number("women_share", required=False, share=True),
            )
        )
    return candidates


_FACT_READERS: dict[str, Callable[[_Reader, Case], Any]] = {
    "household_title": _household_title,
    "area_title": _area_title,
    "household_certificate": _streak,
    "area_certificate": _streak,
    "quota": _quota,
}


# --- the document ----------------------------------------------------------------------------------


def _parse_case(item: Any, position: int) -> Case:
    fallback = f"#{position + 1}"
    if not isinstance(item, dict):
        raise CaseError(_("each case is an object"), case=fallback, field="cases")
    raw_id = item.get("id")
    case_id = raw_id if isinstance(raw_id, str) and raw_id else fallback
    reader = _Reader(item, case=case_id, prefix="", allowed=_CASE_KEYS)
    reader.text("id")
    check = reader.text("check")
    if check not in CHECKS:
        raise reader.error(
            "check", _("unknown check %(check)s; the checks are: %(checks)s"), check=check, checks=", ".join(CHECKS)
        )
    try:
        day = datetime.date.fromisoformat(reader.text("date"))
    except ValueError:
        raise reader.error("date", _("a date as YYYY-MM-DD is expected, not %(value)s"), value=item["date"]) from None
    try:
        regime = rules.regime_for(day)
    except rules.RegimeError as error:
        raise reader.error("date", error.message, **error.params) from None
    if reader.has("regime"):
        try:
            regime = rules.regime_by_key(reader.text("regime"))
        except rules.RegimeError as error:
            raise reader.error("regime", error.message, **error.params) from None
    raw_params = item.get("params") or {}
    if not isinstance(raw_params, dict):
        raise reader.error("params", _("an object is expected"))
    params = defaults_for(regime.key, day)
    for name, value in raw_params.items():
        if name not in REGISTRY:
            raise reader.error(f"params.{name}", _("unknown parameter; see docs/rules.md"))
        try:
            params[name] = parameter(name).clean(value)
        except ParameterError as error:
            raise reader.error(f"params.{name}", error.message, **error.params) from None
    facts = item.get("facts")
    if not isinstance(facts, dict):
        raise reader.error("facts", _("missing") if facts is None else _("an object is expected"))
    case = Case(case_id, check, day, regime, params, None)
    facts_reader = _Reader(facts, case=case_id, prefix="facts.", allowed=_FACT_KEYS[check])
    return Case(case_id, check, day, regime, params, _FACT_READERS[check](facts_reader, case))


def parse_cases(document: Any) -> list[Case]:
    """Every case of the document, checked; the first problem raises CaseError."""
    if not isinstance(document, dict) or not isinstance(document.get("cases"), list):
        raise CaseError(_("the document must be an object with a list “cases”"), case="—", field="cases")
    cases: list[Case] = []
    seen: set[str] = set()
    for position, item in enumerate(document["cases"]):
        case = _parse_case(item, position)
        if case.id in seen:
            raise CaseError(_("the id %(id)s is used by two cases"), case=case.id, field="id", id=case.id)
        seen.add(case.id)
        cases.append(case)
    return cases


def evaluate(case: Case) -> rules.Result:
    if case.check == "household_title":
        return rules.household_title(case.facts, day=case.day, regime=case.regime, params=case.params)
    if case.check == "area_title":
        return rules.area_title(case.facts, day=case.day, regime=case.regime, params=case.params)
    if case.check == "household_certificate":
        return rules.household_certificate(case.facts, regime=case.regime, params=case.params)
    if case.check == "area_certificate":
        return rules.area_certificate(case.facts, regime=case.regime, params=case.params)
    return rules.quota(case.facts, regime=case.regime, params=case.params)


def evaluate_document(document: Any) -> dict[str, Any]:
    """``{"results": [{"id", "regime", "outcome", "checks"}, …]}``, or CaseError before evaluating anything."""
    cases = parse_cases(document)
    return {"results": [{"id": c.id, "regime": c.regime.key, **evaluate(c).as_dict()} for c in cases]}


# --- explain ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleInfo:
    rule: str
    description: Promise
    parameters: tuple[str, ...] = ()
    source: str = ""


_REGISTERED = RuleInfo(
    "registered",
    _("Only households and areas that registered at the start of the year are evaluated."),
    source="TT 12/2011/TT-BVHTTDL [§2.1]; NĐ 122/2018/NĐ-CP Điều 9, 15 [§2.2]",
)
_QUORUM = RuleInfo("quorum", _("Those present are at least the quorum share of those convened."), ("quorum_share",))
_VOTE = RuleInfo("vote", _("Those who agree are at least the pass share of those present."), ("pass_share",))
_WINDOW = RuleInfo(
    "window_not_reused",
    _("The window of consecutive years does not overlap a window already rewarded (adjacent windows may)."),
    source="Bộ VHTTDL, 24/11/2023 (baochinhphu.vn) [§2.2]",
)

CHECK_RULES: dict[str, tuple[RuleInfo, ...]] = {
    "household_title": (
        _REGISTERED,
        _QUORUM,
        _VOTE,
        RuleInfo(
            "exclusions", _("No recorded exclusion category is in the configured list."), ("exclusion_categories",)
        ),
        RuleInfo(
            "points", _("The household's points reach the province's minimum, when set."), ("household_min_points",)
        ),
        RuleInfo(
            "posting",
            _("The list stayed posted long enough for residents' opinions; a posting not recorded fails."),
            ("posting_days",),
        ),
        RuleInfo(
            "review_deadline", _("The evaluation is held before the deadline, when set."), ("gdvh_review_deadline",)
        ),
    ),
    "area_title": (
        _REGISTERED,
        _QUORUM,
        _VOTE,
        RuleInfo("points", _("The area's points reach the province's minimum, when set."), ("area_min_points",)),
        RuleInfo(
            "gdvh_share",
            _("The share of cultural families reaches the province's minimum, when set."),
            ("area_min_gdvh_share",),
        ),
        RuleInfo(
            "posting",
            _("The commune published the list of areas long enough; a publication not recorded fails."),
            ("area_posting_days",),
        ),
    ),
    "household_certificate": (
        RuleInfo(
            "available",
            _("The regime (or the province) gives a Giấy khen for consecutive title years."),
            ("consecutive_certificates",),
        ),
        RuleInfo(
            "streak",
            _("The household held the title every year of the window ending in the year considered."),
            ("household_certificate_years",),
        ),
        _WINDOW,
    ),
    "area_certificate": (
        RuleInfo(
            "available",
            _("The regime (or the province) gives a Giấy khen for consecutive title years."),
            ("consecutive_certificates",),
        ),
        RuleInfo(
            "streak",
            _("The area held the title every year of the window ending in the year considered."),
            ("area_certificate_years",),
        ),
        _WINDOW,
    ),
    "quota": (
        RuleInfo("quota", _("At most the quota share of the pool, rounded as set."), ("quota_share", "quota_rounding")),
        RuleInfo(
            "tie_break",
            _("Candidates with equal votes at the limit are ordered by the tie-break keys."),
            ("tie_break", "tie_break_women_share"),
        ),
        RuleInfo("rank", _("The pool ranked by votes; the first ones up to the quota are selected."), ()),
    ),
}


def explain(regime: rules.Regime, *, day: datetime.date | None = None, check: str | None = None) -> str:
    """Every check of ``regime``, its rules, the parameters' defaults and their sources, as text."""
    day = day or regime.start
    lines = [f"{regime.key}: {regime.act} ({regime.period})", f"  {regime.title}", ""]
    for name, infos in CHECK_RULES.items():
        if check and name != check:
            continue
        lines.append(name)
        for info in infos:
            lines.append(f"  {info.rule}: {info.description}")
            if info.source:
                lines.append(f"      {_('source')}: {info.source}")
            for param_name in info.parameters:
                p = REGISTRY[param_name]
                default = p.default_for(regime.key, day)
                flag = "" if default.confirmed else f" [{_('not confirmed')}]"
                lines.append(f"      {param_name} = {p.display(default.value)}{flag}")
                lines.append(f"          {_('source')}: {default.source}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
