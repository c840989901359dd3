"""Who may see the award history of an area, a household or a person: anyone whose unit's subtree
holds it (the histories hold no sensitive data; the public sees only the honour board)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.permissions import ALLOWED, Decision, outside, predicate
from thidua.awards.history.selectors import areas_visible_to, households_visible_to, people_visible_to
from thidua.people.models import Household, Person
from thidua.units.models import Unit


@predicate("awards.view_history")
def can_view_history(user: User, subject: Any) -> Decision:
    """``subject`` is a residential area (Unit), a Household or a Person; None for the search page."""
    if subject is None:
        return ALLOWED
    if isinstance(subject, Unit):
        visible = areas_visible_to(user).filter(pk=subject.pk).exists()
    elif isinstance(subject, Household):
        visible = households_visible_to(user).filter(pk=subject.pk).exists()
    elif isinstance(subject, Person):
        visible = people_visible_to(user).filter(pk=subject.pk).exists()
    else:
        visible = False
    return ALLOWED if visible else outside(_("This record is outside the unit you work for."))
