"""The council's rules as pure functions: the quorum, the pass threshold of a ballot, who steps out.

They take plain values and return a ``Check`` whose detail says why in numbers ("5/9 = 55,55% > 50%"),
compared with integer arithmetic on exact fractions as in ``thidua.campaigns.rules``.

"All members" of a pass rule or of the quorum are the council's members active on the day of the
session; a recused member still counts among them (the rule is on the whole council) but not among
those present for that nominee.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns.rules import Check, as_fraction, at_least, percent
from thidua.errors import DomainError

# The pass rules of an award form (``AwardForm.pass_rule``, ``awards.models.PassRule``).
MORE_THAN_HALF = "more_than_half"
SHARE_OF_MEMBERS = "share_of_members"
SHARE_OF_PRESENT = "share_of_present"


def quorum_met(present: int, members: int, share: Fraction) -> Check:
    """The council sits when at least ``share`` of all its members are present: "6/9 = 66,66% ≥ 66,66%"."""
    if members <= 0:
        return Check("quorum", False, _("the council has no member"))
    passed = at_least(present, members, share)
    sign = "≥" if passed else "<"
    return Check(
        "quorum", passed, f"{present}/{members} = {percent(Fraction(present, members))} {sign} {percent(share)}"
    )


def ballot_passes(votes_for: int, members: int, present: int, rule: str, share: Fraction | None) -> Check:
    """Whether a ballot passes under the form's rule.

    ``more_than_half``: strictly more than half of all members (4 of 8 fails, 5 of 9 passes);
    ``share_of_members``: at least ``share`` of all members (7 of 10 passes at 70%);
    ``share_of_present``: at least ``share`` of the members present (for this nominee).
    """
    if rule == MORE_THAN_HALF:
        if members <= 0:
            return Check("pass", False, _("the council has no member"))
        passed = votes_for * 2 > members
        sign = ">" if passed else "≤"
        ratio = f"{votes_for}/{members} = {percent(Fraction(votes_for, members))} {sign} 50%"
        return Check("pass", passed, ratio + " " + _("(more than half of all members)"))
    if rule not in (SHARE_OF_MEMBERS, SHARE_OF_PRESENT):
        raise DomainError(gettext_lazy("Unknown pass rule %(rule)s."), rule=rule)
    if share is None or not 0 < share <= 1:
        raise DomainError(
            gettext_lazy("The pass rule %(rule)s needs a share between 0 and 1, for example 70/100."), rule=rule
        )
    whole = members if rule == SHARE_OF_MEMBERS else present
    if whole <= 0:
        return Check("pass", False, _("nobody could vote"))
    passed = at_least(votes_for, whole, share)
    sign = "≥" if passed else "<"
    ratio = f"{votes_for}/{whole} = {percent(Fraction(votes_for, whole))} {sign} {percent(share)}"
    if rule == SHARE_OF_MEMBERS:
        return Check("pass", passed, ratio + " " + _("(of all members)"))
    return Check("pass", passed, ratio + " " + _("(of the members present)"))


@dataclass(frozen=True)
class MemberFacts:
    """A council member as the recusal rule reads it: the member as a person, and the member's area."""

    person_id: int | None
    area_id: int | None


@dataclass(frozen=True)
class NomineeFacts:
    """A nomination: the nominated person or area, the person's area, and the area's name for the reason."""

    person_id: int | None
    area_id: int | None
    person_area_id: int | None = None
    area_name: str = ""


def recusal_reasons(member: MemberFacts, nominee: NomineeFacts) -> list[str]:
    """Why a member steps out for a nominee: the member is the nominee, or belongs to the nominated area
    (the area nominated, or the area where the nominated person made the achievement)."""
    reasons = []
    if member.person_id is not None and member.person_id == nominee.person_id:
        reasons.append(_("the member is the nominee"))
    if member.area_id is not None and member.area_id in (nominee.area_id, nominee.person_area_id):
        reasons.append(_("the member belongs to the nominated area %(area)s") % {"area": nominee.area_name})
    return reasons


def share_of(text: str) -> Fraction | None:
    """A share written as text ("2/3", "0.7", "70%"); None when empty; a bad one is refused."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if text.endswith("%"):
            return as_fraction(text[:-1].strip()) / 100
        return as_fraction(text)
    except (ValueError, ZeroDivisionError):
        raise DomainError(gettext_lazy("%(share)s is not a share (write 2/3, 0.7 or 70%%)."), share=text) from None
