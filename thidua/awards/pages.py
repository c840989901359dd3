"""What the pages of every part of a round share: the round's navigation, a refused input shown beside
its form, a rendered document as a download."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.links import may_open
from thidua.accounts.models import User
from thidua.awards.models import Round
from thidua.documents.formats import Rendered
from thidua.errors import DomainError, Refused

# The parts of a round, in the order of its life, each a page of its own, with the action its view asks.
ROUND_PARTS = (
    ("awards:round", gettext_lazy("Round"), "awards.view_round"),
    ("awards:candidates", gettext_lazy("Candidates"), "awards.view_round"),
    ("awards:nominations", gettext_lazy("Nominations"), "awards.view_round"),
    ("awards:consultation", gettext_lazy("Public consultation"), "awards.view_consultation"),
    ("awards:council", gettext_lazy("Council"), "awards.view_council"),
    ("awards:decisions", gettext_lazy("Decisions"), "awards.view_round"),
)


def round_nav(round: Round, current: str, user: User) -> list[tuple[str, str, bool]]:
    """The round's tabs that ``user`` may open (the same predicates as their views)."""
    nav = [
        (str(label), reverse(name, args=[round.pk]), name == current)
        for name, label, action in ROUND_PARTS
        if may_open(user, action, round)
    ]
    # The round ends at its honouring conference (thidua.events), when one is organized; its page is
    # for those who organize it (events' own predicate, asked by name).
    conference = round.conferences.order_by("starts_at").first()
    if conference is not None and may_open(user, "events.manage_conference", conference.organizer):
        nav.append((str(_("Conference")), reverse("events:conference", args=[conference.pk]), False))
    return nav


def beside_the_form(error: DomainError) -> DomainError:
    """A refused input, to show beside the form that sent it; a refusal of the actor (``Refused``) is
    not the form's: it goes on to the pages' refusal boundary (the 403 or 404 page)."""
    if isinstance(error, Refused):
        raise error
    return error


def download(rendered: Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
