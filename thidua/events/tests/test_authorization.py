"""The conference services refuse an outsider and a lower role (see thidua/tests/test_service_probes.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from thidua.accounts.models import User
from thidua.accounts.system import SYSTEM_ACTOR
from thidua.events.services import checkin, conference_create, guest_invite, invitations_from_awards
from thidua.testing import Cast, assert_refused

pytestmark = pytest.mark.django_db

STARTS = timezone.make_aware(datetime.datetime(2014, 1, 15, 8, 0))
PROBED = [conference_create, invitations_from_awards, guest_invite, checkin]


def _prepared(service: object, cast: Cast) -> Callable[[User], object]:
    """The service's call on a conference of the town, made beforehand by thidua itself."""
    if service is conference_create:
        return lambda actor: conference_create(
            organizer=cast.town, name="Hội nghị", starts_at=STARTS, place="Hội trường", actor=actor
        )
    conference = conference_create(
        organizer=cast.town, name="Hội nghị", starts_at=STARTS, place="Hội trường", actor=SYSTEM_ACTOR
    )
    if service is invitations_from_awards:
        return lambda actor: invitations_from_awards(conference=conference, actor=actor)
    if service is guest_invite:
        return lambda actor: guest_invite(conference=conference, full_name="Khách", actor=actor)
    code = guest_invite(conference=conference, full_name="Khách", actor=SYSTEM_ACTOR).code
    return lambda actor: checkin(conference=conference, code=code, actor=actor)


@pytest.mark.parametrize("service", PROBED, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("username", "hidden"),
    [("chomoi", True), ("ducxuan", True), ("hoidong", False)],
    ids=["another district", "a commune below", "a council member of the town"],
)
def test_only_the_organizers_officers_run_a_conference(
    service: object, username: str, hidden: bool, cast: Cast
) -> None:
    call = _prepared(service, cast)
    refusal = assert_refused(lambda: call(cast[username]))
    assert refusal.hidden is hidden
