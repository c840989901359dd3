"""What the pages of every part of a round share: the round's navigation, a refused input shown beside
its form, a rendered document as a download."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import Round
from thidua.documents.formats import Rendered
from thidua.errors import DomainError, Refused

# The parts of a round, in the order of its life, each a page of its own.
ROUND_PARTS = (
    ("awards:round", gettext_lazy("Round")),
    ("awards:candidates", gettext_lazy("Candidates")),
    ("awards:nominations", gettext_lazy("Nominations")),
    ("awards:consultation", gettext_lazy("Public consultation")),
    ("awards:council", gettext_lazy("Council")),
    ("awards:decisions", gettext_lazy("Decisions")),
)


def round_nav(round: Round, current: str = "") -> list[tuple[str, str, bool]]:
    nav = [(str(label), reverse(name, args=[round.pk]), name == current) for name, label in ROUND_PARTS]
    # The round ends at its honouring conference (thidua.events), when one is organized.
    conference = round.conferences.order_by("starts_at").first()
    if conference is not None:
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
