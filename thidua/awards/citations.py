"""How a decision is cited in running text, as officials write it, for the histories, the board and the refusals."""

from __future__ import annotations

import datetime

from thidua.awards.models import Award, Organ
from thidua.lib.vietnamese import short_date, two_digits

# How a citation names the issuing organ before the unit ("UBND thị xã Bắc Kạn").
ORGAN_SHORT: dict[str, str] = {Organ.UBND: "UBND", Organ.MTTQ: "UBMTTQ"}


def decision_citation(number: int, symbol: str, issued_on: datetime.date | None, issuer: str = "") -> str:
    """A decision as running text cites it: "05/QĐ-UBND ngày 20/01/2014 của UBND thị xã Bắc Kạn"."""
    text = f"{two_digits(number)}/{symbol}"
    if issued_on is not None:
        text += f" ngày {short_date(issued_on)}"
    if issuer:
        text += f" của {issuer}"
    return text


def higher_citation(cited: str, decided_on: datetime.date | None, body: str) -> str:
    """The higher body's decision as recorded ("125/QĐ-MTTQ-BTT"), completed with its date and body."""
    text = cited.strip()
    if not text:
        return ""
    if decided_on is not None and "ngày" not in text:
        text += f" ngày {short_date(decided_on)}"
    if body and " của " not in text:
        text += f" của {body}"
    return text


def award_citation(award: Award) -> str:
    """An award with the document that made it and its window: "05/QĐ-UBND (2009–2013)"."""
    if award.decision is not None:
        return f"{award.decision} ({award.window_start}–{award.window_end})"
    if award.proposal is not None:
        cited = award.proposal.higher_decision or str(award.proposal)
        return f"{cited} ({award.window_start}–{award.window_end})"
    return f"{award.window_start}–{award.window_end}"
