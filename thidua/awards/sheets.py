"""What the downloads of the parts share: their file names; and the Excel exports, yes/no cells and days.

Each part's ``exports.py`` takes what its view already computed for the page and turns it into rows:
the same filters, the same scope, the same counts. Nothing that the page keeps from the user reaches
a workbook, and some things the page shows stay out of it: the evidence of a candidate (its points),
the exclusion categories, a nomination's report and justification, the choice of a member in a
secret ballot (only the counts exist, and only once the ballot is closed), and the names and
contacts of objectors for anyone but the officers who answer the objections.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.lib.text import fold


def file_slug(*parts: object) -> str:
    """ "quyet-dinh-05-qd-ubnd-2014": the words of ``parts`` without diacritics, for a file's name."""
    text = " ".join(str(part) for part in parts)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())[:120]


def yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))


def local_day(moment: datetime.datetime | None) -> datetime.date | None:
    # Excel has no time zones: a moment is exported as the day it was in Vietnam.
    return timezone.localdate(moment) if moment is not None else None
